/**
 * History movement (SPEC §7): the previous build's snapshot and this one → ▲ / ▼ / = / new.
 */
import type { Grade } from "../settings";
import type { Quadrant } from "./quadrant";
import { gradeOrder } from "./score";

export interface SnapshotRow {
  /** ISO date of the build. */
  date: string;
  client: string;
  grade: Grade;
  score: number;
  quadrant: Quadrant | string;
}

export type Movement = "▲" | "▼" | "=" | "new";

/** Clients are matched across builds by name, ignoring case and surrounding spaces. */
export const clientKey = (name: string): string => name.trim().toLowerCase();

/** The rows of the latest build in a history (all rows sharing the last date written). */
export function latestSnapshot(history: readonly SnapshotRow[]): Map<string, SnapshotRow> {
  const out = new Map<string, SnapshotRow>();
  if (history.length === 0) return out;
  let last = "";
  for (const r of history) if (r.date > last) last = r.date;
  for (const r of history) if (r.date === last && !out.has(clientKey(r.client))) out.set(clientKey(r.client), r);
  return out;
}

export function movement(previous: Grade | null, current: Grade): Movement {
  if (previous === null) return "new";
  const d = gradeOrder(previous) - gradeOrder(current);
  return d > 0 ? "▲" : d < 0 ? "▼" : "=";
}

export function isGrade(v: unknown): v is Grade {
  return v === "A" || v === "B" || v === "C";
}

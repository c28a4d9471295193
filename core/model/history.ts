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

/** A history sheet row ([date, client, grade, score, quadrant]) → a snapshot row, or null if unreadable. */
export function snapshotFromCells(cells: readonly unknown[]): SnapshotRow | null {
  const [date, client, grade, score, quadrant] = cells;
  const d = date instanceof Date ? date.toISOString() : typeof date === "string" ? date.trim() : "";
  const name = typeof client === "string" || typeof client === "number" ? String(client).trim() : "";
  const g = typeof grade === "string" ? grade.trim().toUpperCase() : "";
  if (d === "" || name === "" || !isGrade(g)) return null;
  return { date: d, client: name, grade: g, score: typeof score === "number" ? score : Number(score), quadrant: String(quadrant ?? "") };
}

export function snapshotToCells(s: SnapshotRow): (string | number)[] {
  return [s.date, s.client, s.grade, s.score, s.quadrant];
}

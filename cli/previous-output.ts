/**
 * What an existing output file holds before `build` writes over it: the history of earlier builds
 * (and their settings), which the new output carries forward, so rebuilding from the original
 * input still shows what moved (▲ ▼ against the last build) — or the reason it cannot be read,
 * in which case the build refuses to replace it unless told `--force`.
 */
import { stat } from "node:fs/promises";
import { snapshotFromCells, type SnapshotRow } from "../core/model/history";
import { openXlsx, readWorksheets, type XlsxFile } from "./read";
import { readSavedSettings } from "./xlsx/markers";

export type PreviousOutput =
  /** No file, or a workbook without a history of ours: nothing to keep. */
  | { kind: "none" }
  /** An output of an earlier build: its history rows (every build's snapshot), how many builds, its saved settings. */
  | { kind: "history"; rows: SnapshotRow[]; builds: number; settings: unknown }
  /** A file that cannot be read as a workbook: it may hold a history we cannot see. */
  | { kind: "unreadable"; reason: string };

export async function previousOutput(out: string): Promise<PreviousOutput> {
  try {
    await stat(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { kind: "none" } : { kind: "unreadable", reason: code ?? (e as Error).message };
  }
  let x: XlsxFile | null = null;
  try {
    x = await openXlsx(out);
    const sheet = x.markers.history;
    if (sheet === null) return { kind: "none" };
    const cells = (await readWorksheets(x, [sheet])).get(sheet) ?? [];
    const rows: SnapshotRow[] = [];
    for (let r = 1; r < cells.length; r++) {
      const row = snapshotFromCells(cells[r] ?? []);
      if (row !== null) rows.push(row);
    }
    if (rows.length === 0) return { kind: "none" };
    return { kind: "history", rows, builds: new Set(rows.map((r) => r.date)).size, settings: await readSavedSettings(x.pkg) };
  } catch (e) {
    return { kind: "unreadable", reason: (e as Error).message.replace(`${out}: `, "") };
  } finally {
    x?.pkg.close();
  }
}

/** Does `kept` hold every row of `rows`, in order from its start (nothing of `rows` would be lost)? */
export function holdsAll(kept: readonly SnapshotRow[], rows: readonly SnapshotRow[]): boolean {
  if (rows.length > kept.length) return false;
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i] as SnapshotRow;
    const b = kept[i] as SnapshotRow;
    if (a.date !== b.date || a.client !== b.client || a.grade !== b.grade || a.score !== b.score || a.quadrant !== b.quadrant) return false;
  }
  return true;
}

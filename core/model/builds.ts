/**
 * Movement over builds (SPEC §7a): each client's last four grades, the migration table (previous
 * grade × current grade, new and gone clients) and `sliding` (the grade fell two builds in a row),
 * from the snapshots of the last builds the history holds.
 */
import type { Grade } from "../settings";
import { GRADES } from "../settings";
import { clientKey, isGrade, type SnapshotRow } from "./history";
import { gradeOrder } from "./score";

/** The last `count` builds of a history, oldest first: each client's grade by key. */
export function recentBuilds(history: readonly SnapshotRow[], count = 3): Map<string, Grade>[] {
  const byDate = new Map<string, Map<string, Grade>>();
  for (const r of history) {
    let build = byDate.get(r.date);
    if (build === undefined) byDate.set(r.date, (build = new Map()));
    const key = clientKey(r.client);
    if (isGrade(r.grade) && !build.has(key)) build.set(key, r.grade);
  }
  const dates = [...byDate.keys()].sort();
  return dates.slice(Math.max(0, dates.length - count)).map((d) => byDate.get(d) as Map<string, Grade>);
}

/** The client's grades in the builds it was in, oldest first, then this build's: at most four. */
export function lastGrades(builds: readonly Map<string, Grade>[], key: string, current: Grade): Grade[] {
  const out: Grade[] = [];
  for (const b of builds) {
    const g = b.get(key);
    if (g !== undefined) out.push(g);
  }
  out.push(current);
  return out.slice(-4);
}

/** The grade fell at each of the last two builds (A → B → C, or A → B then B → C over its last three grades). */
export function isSliding(grades: readonly Grade[]): boolean {
  const n = grades.length;
  if (n < 3) return false;
  const [a, b, c] = [gradeOrder(grades[n - 3] as Grade), gradeOrder(grades[n - 2] as Grade), gradeOrder(grades[n - 1] as Grade)];
  return b > a && c > b;
}

/** Clients by previous grade and current grade, plus the new ones (by current grade) and the gone ones (by previous grade). */
export interface Migration {
  counts: Record<Grade, Record<Grade, number>>;
  newClients: Record<Grade, number>;
  gone: Record<Grade, number>;
}

const zeros = (): Record<Grade, number> => ({ A: 0, B: 0, C: 0 });

export function migrationOf(previous: ReadonlyMap<string, Grade>, current: readonly { key: string; grade: Grade }[]): Migration {
  const m: Migration = { counts: { A: zeros(), B: zeros(), C: zeros() }, newClients: zeros(), gone: zeros() };
  const seen = new Set<string>();
  for (const c of current) {
    seen.add(c.key);
    const before = previous.get(c.key);
    if (before === undefined) m.newClients[c.grade]++;
    else m.counts[before][c.grade]++;
  }
  for (const [key, g] of previous) if (!seen.has(key)) m.gone[g]++;
  return m;
}

/** The table as rows: "Previous ↓ / now →", A, B, C, Gone; then a row per previous grade and the new clients. */
export function migrationRows(m: Migration): (string | number)[][] {
  return [
    ["Previous ↓ / now →", ...GRADES, "Gone"],
    ...GRADES.map((p) => [p, ...GRADES.map((g) => m.counts[p][g]), m.gone[p]]),
    ["New", ...GRADES.map((g) => m.newClients[g]), ""],
  ];
}

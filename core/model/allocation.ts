/**
 * The account-management budget split (SPEC §6): 60/30/10 by grade, each share split evenly inside
 * its grade; an empty grade's share goes to the others in proportion.
 */
import { GRADES, type Grade } from "../settings";

/** Fraction of the budget per client of each grade. */
export function budgetPerClient(counts: Record<Grade, number>, budget: Record<Grade, number>): Record<Grade, number> {
  const live = GRADES.filter((g) => counts[g] > 0);
  const liveTotal = live.reduce((a, g) => a + budget[g], 0);
  const out: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (const g of live) {
    // When every live grade has a zero share, split evenly among live grades.
    const share = liveTotal > 0 ? budget[g] / liveTotal : 1 / live.length;
    out[g] = share / counts[g];
  }
  return out;
}

/** Fraction of the budget per grade, after redistribution. */
export function budgetPerGrade(counts: Record<Grade, number>, budget: Record<Grade, number>): Record<Grade, number> {
  const per = budgetPerClient(counts, budget);
  return { A: per.A * counts.A, B: per.B * counts.B, C: per.C * counts.C };
}

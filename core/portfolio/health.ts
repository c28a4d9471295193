/**
 * Portfolio health (SPEC §7): revenue and counts by grade and quadrant, the HHI band, industry
 * concentration, warnings, movement counts and the budget by grade. Shares (by grade, of one
 * client, of an industry) and the budget are of the positive revenues only (SPEC §2a).
 */
import { budgetPerGrade } from "../model/allocation";
import { hhiBand, industryShares } from "../model/concentration";
import { percentText } from "../model/explain";
import { QUADRANTS, type Quadrant } from "../model/quadrant";
import type { Grade, Settings } from "../settings";
import { movementOf, type Ranked } from "./results";
import { nameOf, textOf } from "./client-inputs";
import type { Health, Summary } from "./types";

export function healthOf(r: Ranked, summary: Summary, settings: Settings, industryMapped: boolean, hasHistory: boolean): Health {
  const sums: RankSums = {
    gradeRevenue: new Float64Array(3),
    gradePositive: new Float64Array(3),
    gradePaying: new Uint32Array(3),
    quadrantRevenue: new Float64Array(QUADRANTS.length),
    quadrantCount: new Uint32Array(QUADRANTS.length),
  };
  const total = sumByRank(r, sums);
  const moves = new Uint32Array(3);
  if (r.previousGrade !== null) countMovements(r, hasHistory, moves);
  const byQuadrant = (values: Float64Array | Uint32Array) => Object.fromEntries(QUADRANTS.map((q, i) => [q, values[i] as number])) as Record<Quadrant, number>;
  const h = summary.hhi;
  const warnings = total > 0 ? clientWarnings(r, total, settings.clientWarningPct) : [];
  const ind = industryMapped ? payingIndustries(r) : { industries: [], hhi: null };
  for (const i of ind.industries) {
    if (i.share * 100 > settings.industryWarningPct) {
      warnings.push(`${i.industry} is ${percentText(i.share)} of revenue (above ${settings.industryWarningPct}%)`);
    }
  }
  const { gradeRevenue, gradePositive, gradePaying } = sums;
  const paying: Record<Grade, number> = { A: gradePaying[0] as number, B: gradePaying[1] as number, C: gradePaying[2] as number };
  const share = (g: number) => (total > 0 ? (gradePositive[g] as number) / total : null);
  return {
    revenueByGrade: { A: gradeRevenue[0] as number, B: gradeRevenue[1] as number, C: gradeRevenue[2] as number },
    shareByGrade: { A: share(0), B: share(1), C: share(2) },
    countByQuadrant: byQuadrant(sums.quadrantCount),
    revenueByQuadrant: byQuadrant(sums.quadrantRevenue),
    hhiBand: h === null ? null : hhiBand(h),
    industries: ind.industries,
    industryHhi: ind.hhi,
    warnings,
    upgrades: moves[0] as number,
    downgrades: moves[1] as number,
    newClients: moves[2] as number,
    budgetByGrade: budgetPerGrade(paying, settings.budget),
  };
}

/*
 * Each pass over the clients below is a function of its own that returns as its loop ends, with a
 * number or nothing. V8 compiles a long loop while it runs (on-stack replacement) and, at 100,000
 * clients, before the code after it has ever run: any property read or object made there would
 * send the compiled loop back to the interpreter, on every grading until the whole function is
 * compiled again. So the caller makes the arrays a pass fills.
 */

/** Sums by grade (0 = A) and by quadrant (QUADRANTS order) in rank order, positive revenues apart for the shares and budget. */
interface RankSums {
  gradeRevenue: Float64Array;
  gradePositive: Float64Array;
  gradePaying: Uint32Array;
  quadrantRevenue: Float64Array;
  quadrantCount: Uint32Array;
}

/** Fills `sums`; returns the total of the positive revenues. */
function sumByRank(r: Ranked, sums: RankSums): number {
  const { gradeRevenue, gradePositive, gradePaying, quadrantRevenue, quadrantCount } = sums;
  let positiveTotal = 0;
  const { revenue: revenues, grade, quadrant } = r.byRank;
  for (let i = 0; i < revenues.length; i++) {
    const revenue = revenues[i] as number;
    const g = grade[i] as number;
    const q = quadrant[i] as number;
    gradeRevenue[g] = (gradeRevenue[g] as number) + revenue;
    if (revenue > 0) {
      gradePositive[g] = (gradePositive[g] as number) + revenue;
      gradePaying[g] = (gradePaying[g] as number) + 1;
      positiveTotal += revenue;
    }
    quadrantRevenue[q] = (quadrantRevenue[q] as number) + revenue;
    quadrantCount[q] = (quadrantCount[q] as number) + 1;
  }
  return positiveTotal;
}

/** Counts into `moves` the clients whose grade went up, went down, and new ones (counted only with a history). */
function countMovements(r: Ranked, hasHistory: boolean, moves: Uint32Array): void {
  for (let k = 0; k < r.inputs.count; k++) {
    const m = movementOf(r, k);
    const at = m === "▲" ? 0 : m === "▼" ? 1 : m === "new" && hasHistory ? 2 : -1;
    if (at >= 0) moves[at] = (moves[at] as number) + 1;
  }
}

/** A warning for each client above `pct`% of the positive revenue `total`, in rank order. */
function clientWarnings(r: Ranked, total: number, pct: number): string[] {
  const warnings: string[] = [];
  const { order } = r;
  const revenues = r.byRank.revenue;
  for (let i = 0; i < order.length; i++) {
    const revenue = revenues[i] as number;
    if (revenue * 100 > pct * total) warnings.push(`${nameOf(r.inputs, order[i] as number)} is ${percentText(revenue / total)} of revenue (above ${pct}%)`);
  }
  return warnings;
}

/** Revenue by industry over the clients with a positive revenue (read in sheet order: front to back). */
function payingIndustries(r: Ranked): ReturnType<typeof industryShares> {
  const { revenue, industry, count } = r.inputs;
  const paying = new Uint32Array(count);
  const n = payingClients(revenue, paying);
  return industryShares(n, (j) => textOf(industry, paying[j] as number), (j) => revenue[paying[j] as number] as number);
}

/** Fills `paying` with the clients (their places, front to back) whose revenue is positive; returns how many. */
function payingClients(revenue: Float64Array, paying: Uint32Array): number {
  let n = 0;
  for (let k = 0; k < paying.length; k++) if ((revenue[k] as number) > 0) paying[n++] = k;
  return n;
}

/** Rating and grading every client (SPEC §3–§4), in sheet order, for the rank order. */
import { newServed, profitAfterServing } from "../money/cost-to-serve";
import { gradingPlace, newGradings, type Grading } from "../model/grading";
import { LOW_RATING, PROFIT_RATINGS, profitRatingCode, revenueRatingCodes, walletRatingCode, type ProfitRating } from "../model/ratings";
import { gradeOrder, negativeMargin } from "../model/score";
import type { Grade, Settings } from "../settings";
import type { Day } from "../values";
import { overrideExpired } from "../model/override";
import { NO_ISSUES, NONE, noteOn, orNull, type ClientInputs } from "./client-inputs";
import { marginOf } from "./read-clients";

/** Every client's margin and grading, in sheet order; grade (0 = A) and score for the rank order. */
export interface Graded {
  /**
   * Client k's grading is `distinct[grading[k]]`: clients with the same ratings share one (model/
   * grading: 5⁵ × 2 × 4 = 25,000 combinations at most, under 2¹⁶; a sheet has a few hundred), so a
   * 16-bit place each, not a list of 100,000 references.
   */
  grading: Uint16Array;
  distinct: Grading[];
  /** The margin each client is graded on; NONE when unknown. */
  margins: Float64Array;
  /** Profit after serving (SPEC §12); NONE when no profit or margin is known. */
  profits: Float64Array;
  /** 1 where the margin is after the cost to serve. */
  afterServing: Uint8Array;
  gradeIndex: Uint8Array;
  scores: Float64Array;
}

/**
 * Rates and grades every client (in sheet order). With a cost-to-serve column (`costMapped`) the
 * margin is the one after serving (SPEC §12); a client without a cost keeps its margin, noted.
 */
export function gradeClients(c: ClientInputs, revRatings: Uint8Array, settings: Settings, noMargin: string, today: Day, costMapped = false): Graded {
  const n = c.count;
  const gradings = newGradings(settings);
  const out: Graded = {
    grading: new Uint16Array(n),
    distinct: gradings.list,
    margins: new Float64Array(n),
    profits: new Float64Array(n),
    afterServing: new Uint8Array(n),
    gradeIndex: new Uint8Array(n),
    scores: new Float64Array(n),
  };
  const served = newServed();
  for (let k = 0; k < n; k++) {
    // NaN (NONE) is "unknown" throughout, as in the typed columns: no number is boxed for a client.
    const before = marginOf(c, k);
    if (before !== before && !(c.issues[k] ?? NO_ISSUES).some((s) => s.startsWith("margin"))) noteOn(c, k, noMargin);
    const cost = c.costToServe[k] as number;
    // The profit as summed (exact) when it covers all the revenue: the profit cells, or each row's margin × revenue; else revenue × margin.
    const summed = c.marginRows[k] === 0 ? (c.profit[k] as number) : c.marginRevenue[k] === c.revenue[k] ? (c.marginProfit[k] as number) : NONE;
    profitAfterServing(c.revenue[k] as number, before, summed, cost, served);
    if (costMapped && cost !== cost && before === before && !(c.issues[k] ?? NO_ISSUES).some((s) => s.startsWith("cost to serve"))) noteOn(c, k, "cost to serve missing; margin before serving used");
    const margin = served.margin;
    out.profits[k] = served.profit;
    out.afterServing[k] = served.afterServing ? 1 : 0;
    const profitability = profitRatingCode(margin, settings);
    const known = margin === margin ? margin : null;
    const negative = negativeMargin(known, PROFIT_RATINGS[profitability] as ProfitRating);
    const override = overrideExpired(orNull(c.overrideUntil[k]), today) ? null : (c.override[k] ?? null);
    const place = gradingPlace(gradings, revRatings[k] as number, walletRatingCode(c.wallet[k] as number, settings), profitability, c.strategic[k] as number, c.pain[k] as number, negative, known, override);
    const g = gradings.list[place] as Grading;
    out.grading[k] = place;
    out.margins[k] = margin;
    out.gradeIndex[k] = gradeOrder(g.result.grade);
    out.scores[k] = g.score;
  }
  return out;
}

/**
 * Revenue ratings (SPEC §3.1), as codes (model/ratings revenueRatingCodes): the cut-off ranks ⌈n·top/100⌉ count every client with a valid
 * revenue (n), zero and negative ones included; a client with zero or negative revenue (credit
 * notes, refunds, lapsed clients) is Low and ranks after every positive one (SPEC §2a).
 * `byRevenue` is the revenue order (highest first), so the positive revenues are its head.
 */
export function positiveRevenueRatings(revenues: ArrayLike<number>, byRevenue: Uint32Array, settings: Settings): Uint8Array {
  let positive = 0;
  while (positive < byRevenue.length && (revenues[byRevenue[positive] as number] as number) > 0) positive++;
  if (positive === revenues.length) return revenueRatingCodes(revenues, settings, byRevenue);
  const head = new Float64Array(positive);
  const order = new Uint32Array(positive);
  for (let j = 0; j < positive; j++) {
    head[j] = revenues[byRevenue[j] as number] as number;
    order[j] = j;
  }
  const rated = revenueRatingCodes(head, settings, order, revenues.length);
  const ratings = new Uint8Array(revenues.length).fill(LOW_RATING);
  for (let j = 0; j < positive; j++) ratings[byRevenue[j] as number] = rated[j] as number;
  return ratings;
}

/** Client k's grading. */
export const gradingAt = (g: Graded, k: number): Grading => g.distinct[g.grading[k] as number] as Grading;

/** Clients per grade (0 = A); with `revenue`, only those with a positive revenue (the budget's, SPEC §2a). */
export function countGrades(gradeIndex: Uint8Array, revenue?: Float64Array): Record<Grade, number> {
  const counts = [0, 0, 0];
  for (let k = 0; k < gradeIndex.length; k++) {
    if (revenue !== undefined && !((revenue[k] as number) > 0)) continue;
    const g = gradeIndex[k] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  return { A: counts[0] as number, B: counts[1] as number, C: counts[2] as number };
}

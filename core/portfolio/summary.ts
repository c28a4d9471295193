/**
 * The portfolio's summary (SPEC §7): clients, revenue, count by grade, top 20% and top client
 * share, HHI. Revenue is the clients' net total; the shares and the HHI are of the positive
 * revenues only (SPEC §2a: a credit note never makes a share above 100% or below 0).
 */
import { ownProfitCurve, profitSentence, type ProfitCurve } from "../money/profit-curve";
import { hhi, sum, topClientShare, topShareOfDescending } from "../model/concentration";
import type { Settings } from "../settings";
import type { Ranked } from "./results";
import type { Summary } from "./types";

export function summarise(r: Ranked, settings: Settings): Summary {
  const { order } = r;
  const counts = new Uint32Array(3);
  const positive = new Float64Array(order.length);
  const shares = positive.subarray(0, positiveRevenues(r, positive, counts));
  return {
    clients: order.length,
    revenue: sum(r.byRank.revenue),
    byGrade: { A: counts[0] as number, B: counts[1] as number, C: counts[2] as number },
    // The positive revenues lead the revenue order: the top ones are its head, no sort needed.
    top20Share: topShareOfDescending(sum(shares), (j) => r.inputs.revenue[r.byRevenue[j] as number] as number, shares.length, settings.topSharePct, order.length),
    topClientShare: topClientShare(shares),
    hhi: hhi(shares),
  };
}

// Each pass over the clients is a function that returns a number as its loop ends (see portfolio/health.ts).

/** Fills `positive` with the positive revenues in rank order and `counts` by grade (0 = A); returns how many are positive. */
function positiveRevenues(r: Ranked, positive: Float64Array, counts: Uint32Array): number {
  const { revenue, grade } = r.byRank;
  let n = 0;
  for (let i = 0; i < revenue.length; i++) {
    const v = revenue[i] as number;
    if (v > 0) positive[n++] = v;
    const g = grade[i] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  return n;
}

/** The profit curve of the clients whose profit is known (SPEC §12), its sentence; nulls when no client's is. */
export function profitOf(r: Ranked, settings: Settings): { curve: ProfitCurve | null; sentence: string | null } {
  const room = new Float64Array(r.order.length);
  const profits = room.subarray(0, knownProfits(r.graded.profits, room));
  if (profits.length === 0) return { curve: null, sentence: null };
  // The profits are this function's own: the curve keeps them, not a copy.
  const curve = ownProfitCurve(profits, settings.topSharePct);
  return { curve, sentence: profitSentence(curve, settings.topSharePct, r.order.length - profits.length) };
}

/** Fills `known` with the profits that are known, in sheet order (the curve sorts them: the order they come in changes nothing); returns how many. */
function knownProfits(all: Float64Array, known: Float64Array): number {
  let n = 0;
  for (let k = 0; k < known.length; k++) {
    const p = all[k] as number;
    if (!Number.isNaN(p)) known[n++] = p;
  }
  return n;
}

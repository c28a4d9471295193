/**
 * The portfolio's summary (SPEC §7): clients, revenue, count by grade, top 20% and top client
 * share, HHI. Revenue is the clients' net total; the shares and the HHI are of the positive
 * revenues only (SPEC §2a: a credit note never makes a share above 100% or below 0).
 */
import { profitSentence, sortedProfitCurve, type ProfitCurve } from "../money/profit-curve";
import { hhi, sum, topClientShare, topShareOfDescending } from "../model/concentration";
import type { Settings } from "../settings";
import type { Ranked } from "./results";
import type { Summary } from "./types";

export function summarise(r: Ranked, settings: Settings): Summary {
  const { order } = r;
  const { revenue, grade } = r.byRank;
  const revenues = new Float64Array(order.length);
  const counts = new Uint32Array(3);
  let total = 0;
  let positive = 0;
  for (let i = 0; i < order.length; i++) {
    const v = revenue[i] as number;
    total += v;
    if (v > 0) revenues[positive++] = v;
    const g = grade[i] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  const shares = revenues.subarray(0, positive);
  return {
    clients: order.length,
    revenue: total,
    byGrade: { A: counts[0] as number, B: counts[1] as number, C: counts[2] as number },
    // The positive revenues lead the revenue order: the top ones are its head, no sort needed.
    top20Share: topShareOfDescending(sum(shares), (j) => r.inputs.revenue[r.byRevenue[j] as number] as number, positive, settings.topSharePct, order.length),
    topClientShare: topClientShare(shares),
    hhi: hhi(shares),
  };
}

/** The profit curve of the clients whose profit is known (SPEC §12), its sentence; nulls when no client's is. */
export function profitOf(r: Ranked, settings: Settings): { curve: ProfitCurve | null; sentence: string | null } {
  const { order } = r;
  // In sheet order: the curve sorts the profits, so the order they come in changes nothing.
  const all = r.graded.profits;
  const profits = new Float64Array(order.length);
  let known = 0;
  for (let k = 0; k < order.length; k++) {
    const p = all[k] as number;
    if (!Number.isNaN(p)) profits[known++] = p;
  }
  if (known === 0) return { curve: null, sentence: null };
  // The profits are this function's own: sorted where they are, not copied first.
  const curve = sortedProfitCurve(profits.subarray(0, known).sort(), settings.topSharePct);
  return { curve, sentence: profitSentence(curve, settings.topSharePct, order.length - known) };
}

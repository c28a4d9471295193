/**
 * The portfolio's summary (SPEC §7): clients, revenue, count by grade, top 20% and top client
 * share, HHI. Revenue is the clients' net total; the shares and the HHI are of the positive
 * revenues only (SPEC §2a: a credit note never makes a share above 100% or below 0).
 */
import { profitCurve, profitSentence, type ProfitCurve } from "../money/profit-curve";
import { hhi, topClientShare, topShare } from "../model/concentration";
import type { Grade, Settings } from "../settings";
import type { ClientResult, Summary } from "./types";

export function summarise(clients: readonly ClientResult[], settings: Settings): Summary {
  const revenues = new Float64Array(clients.length);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  let total = 0;
  let positive = 0;
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    total += c.revenue;
    if (c.revenue > 0) revenues[positive++] = c.revenue;
    byGrade[c.grade]++;
  }
  const shares = revenues.subarray(0, positive);
  return {
    clients: clients.length,
    revenue: total,
    byGrade,
    top20Share: topShare(shares, settings.topSharePct, clients.length),
    topClientShare: topClientShare(shares),
    hhi: hhi(shares),
  };
}

/** The profit curve of the clients whose profit is known (SPEC §12), its sentence; nulls when no client's is. */
export function profitOf(clients: readonly ClientResult[], settings: Settings): { curve: ProfitCurve | null; sentence: string | null } {
  const profits: number[] = [];
  for (let i = 0; i < clients.length; i++) {
    const p = (clients[i] as ClientResult).profit;
    if (p !== null) profits.push(p);
  }
  if (profits.length === 0) return { curve: null, sentence: null };
  const curve = profitCurve(profits, settings.topSharePct);
  return { curve, sentence: profitSentence(curve, settings.topSharePct, clients.length - profits.length) };
}

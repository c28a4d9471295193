/** The portfolio's summary (SPEC §7): clients, revenue, count by grade, top 20% and top client share, HHI. */
import { hhi, sum, topClientShare, topShare } from "../model/concentration";
import type { Grade, Settings } from "../settings";
import type { ClientResult, Summary } from "./types";

export function summarise(clients: readonly ClientResult[], settings: Settings): Summary {
  const revenues = new Float64Array(clients.length);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    revenues[i] = c.revenue;
    byGrade[c.grade]++;
  }
  return {
    clients: clients.length,
    revenue: sum(revenues),
    byGrade,
    top20Share: topShare(revenues, settings.topSharePct),
    topClientShare: topClientShare(revenues),
    hhi: hhi(revenues),
  };
}

/**
 * Portfolio health (SPEC §7): revenue and counts by grade and quadrant, the HHI band, industry
 * concentration, warnings, movement counts and the budget by grade.
 */
import { budgetPerGrade } from "../model/allocation";
import { hhiBand, industryConcentration } from "../model/concentration";
import { percentText } from "../model/explain";
import { QUADRANTS, type Quadrant } from "../model/quadrant";
import { gradeOrder } from "../model/score";
import type { Grade, Settings } from "../settings";
import type { ClientResult, Health, Summary } from "./types";

export function healthOf(clients: readonly ClientResult[], summary: Summary, settings: Settings, industryMapped: boolean, hasHistory: boolean): Health {
  // Sums by grade (0 = A) and by quadrant (QUADRANTS order), in rank order.
  const gradeRevenue = new Float64Array(3);
  const gradeCount = new Uint32Array(3);
  const quadrantRevenue = new Float64Array(QUADRANTS.length);
  const quadrantCount = new Uint32Array(QUADRANTS.length);
  let upgrades = 0;
  let downgrades = 0;
  let newClients = 0;
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    const g = gradeOrder(c.grade);
    const q = QUADRANTS.indexOf(c.quadrant);
    gradeRevenue[g] = (gradeRevenue[g] as number) + c.revenue;
    gradeCount[g] = (gradeCount[g] as number) + 1;
    quadrantRevenue[q] = (quadrantRevenue[q] as number) + c.revenue;
    quadrantCount[q] = (quadrantCount[q] as number) + 1;
    if (c.movement === "▲") upgrades++;
    else if (c.movement === "▼") downgrades++;
    else if (c.movement === "new" && hasHistory) newClients++;
  }
  const byQuadrant = (sums: Float64Array | Uint32Array) => Object.fromEntries(QUADRANTS.map((q, i) => [q, sums[i] as number])) as Record<Quadrant, number>;
  const h = summary.hhi;
  const total = summary.revenue;
  const warnings: string[] = [];
  if (total > 0) {
    for (let i = 0; i < clients.length; i++) {
      const c = clients[i] as ClientResult;
      if (c.revenue * 100 > settings.clientWarningPct * total) {
        warnings.push(`${c.name} is ${percentText(c.revenue / total)} of revenue (above ${settings.clientWarningPct}%)`);
      }
    }
  }
  const ind = industryMapped ? industryConcentration(clients) : { industries: [], hhi: null };
  for (const i of ind.industries) {
    if (i.share * 100 > settings.industryWarningPct) {
      warnings.push(`${i.industry} is ${percentText(i.share)} of revenue (above ${settings.industryWarningPct}%)`);
    }
  }
  const counts: Record<Grade, number> = { A: gradeCount[0] as number, B: gradeCount[1] as number, C: gradeCount[2] as number };
  return {
    revenueByGrade: { A: gradeRevenue[0] as number, B: gradeRevenue[1] as number, C: gradeRevenue[2] as number },
    countByQuadrant: byQuadrant(quadrantCount),
    revenueByQuadrant: byQuadrant(quadrantRevenue),
    hhiBand: h === null ? null : hhiBand(h),
    industries: ind.industries,
    industryHhi: ind.hhi,
    warnings,
    upgrades,
    downgrades,
    newClients,
    budgetByGrade: budgetPerGrade(counts, settings.budget),
  };
}

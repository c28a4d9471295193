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
import type { Health, Summary } from "./types";

export function healthOf(r: Ranked, summary: Summary, settings: Settings, industryMapped: boolean, hasHistory: boolean): Health {
  // Sums by grade (0 = A) and by quadrant (QUADRANTS order), in rank order; positive revenues apart for the shares and budget.
  const gradeRevenue = new Float64Array(3);
  const gradePositive = new Float64Array(3);
  const gradePaying = new Uint32Array(3);
  let positiveTotal = 0;
  const quadrantRevenue = new Float64Array(QUADRANTS.length);
  const quadrantCount = new Uint32Array(QUADRANTS.length);
  let upgrades = 0;
  let downgrades = 0;
  let newClients = 0;
  const { order } = r;
  const { revenue: revenues, grade, quadrant } = r.byRank;
  for (let i = 0; i < order.length; i++) {
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
  if (r.previousGrade !== null) {
    for (let k = 0; k < r.inputs.count; k++) {
      const m = movementOf(r, k);
      if (m === "▲") upgrades++;
      else if (m === "▼") downgrades++;
      else if (m === "new" && hasHistory) newClients++;
    }
  }
  const byQuadrant = (sums: Float64Array | Uint32Array) => Object.fromEntries(QUADRANTS.map((q, i) => [q, sums[i] as number])) as Record<Quadrant, number>;
  const h = summary.hhi;
  const total = positiveTotal;
  const warnings: string[] = [];
  if (total > 0) {
    for (let i = 0; i < order.length; i++) {
      const revenue = revenues[i] as number;
      if (revenue * 100 > settings.clientWarningPct * total) {
        warnings.push(`${r.inputs.name[order[i] as number] as string} is ${percentText(revenue / total)} of revenue (above ${settings.clientWarningPct}%)`);
      }
    }
  }
  const ind = industryMapped ? payingIndustries(r) : { industries: [], hhi: null };
  for (const i of ind.industries) {
    if (i.share * 100 > settings.industryWarningPct) {
      warnings.push(`${i.industry} is ${percentText(i.share)} of revenue (above ${settings.industryWarningPct}%)`);
    }
  }
  const paying: Record<Grade, number> = { A: gradePaying[0] as number, B: gradePaying[1] as number, C: gradePaying[2] as number };
  const share = (g: number) => (total > 0 ? (gradePositive[g] as number) / total : null);
  return {
    revenueByGrade: { A: gradeRevenue[0] as number, B: gradeRevenue[1] as number, C: gradeRevenue[2] as number },
    shareByGrade: { A: share(0), B: share(1), C: share(2) },
    countByQuadrant: byQuadrant(quadrantCount),
    revenueByQuadrant: byQuadrant(quadrantRevenue),
    hhiBand: h === null ? null : hhiBand(h),
    industries: ind.industries,
    industryHhi: ind.hhi,
    warnings,
    upgrades,
    downgrades,
    newClients,
    budgetByGrade: budgetPerGrade(paying, settings.budget),
  };
}

/** Revenue by industry over the clients with a positive revenue (read in sheet order: front to back). */
function payingIndustries(r: Ranked): ReturnType<typeof industryShares> {
  const { revenue, industry, count } = r.inputs;
  const paying = new Uint32Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) if ((revenue[k] as number) > 0) paying[n++] = k;
  return industryShares(n, (j) => industry[paying[j] as number] as string | null, (j) => revenue[paying[j] as number] as number);
}

/**
 * A client's trend between the previous period and the current one (SPEC §11): New, Lapsed,
 * Growing, Declining or Steady; its growth; and whether a graded client is at risk.
 */
import { cleanRatio } from "../model/ratings";
import type { Grade, Settings } from "../settings";

export type Trend = "New" | "Growing" | "Steady" | "Declining" | "Lapsed";
export const TRENDS: readonly Trend[] = ["New", "Growing", "Steady", "Declining", "Lapsed"];

/**
 * current ÷ previous − 1 when the previous revenue is positive, else null. Rounded to 12 decimal
 * places like every computed fraction (SPEC §2), so 110 against 100 is exactly +10%.
 */
export function growthOf(current: number, previous: number): number | null {
  return previous > 0 ? cleanRatio(current / previous - 1) : null;
}

export interface TrendInput {
  current: number;
  previous: number;
  /** The client's first order is inside the current period (none on or before its start). */
  isNew: boolean;
}

/** In the SPEC's order: New, Lapsed, Growing (≥ +trendPct), Declining (≤ −trendPct), else Steady. */
export function trendOf(t: TrendInput, s: Pick<Settings, "trendPct">): Trend {
  if (t.isNew) return "New";
  if (!(t.current > 0)) return "Lapsed";
  const growth = growthOf(t.current, t.previous);
  // With nothing (or a credit) before, any positive revenue now is growth: current ≥ previous × 1.10.
  if (growth === null) return "Growing";
  const band = s.trendPct / 100;
  if (growth >= band) return "Growing";
  return growth <= -band ? "Declining" : "Steady";
}

/** Grade A or B and (growth ≤ −atRiskDropPct or more than atRiskDays since the last order). */
export function isAtRisk(grade: Grade, growth: number | null, daysSinceLastOrder: number | null, s: Pick<Settings, "atRiskDropPct" | "atRiskDays">): boolean {
  if (grade === "C") return false;
  const dropped = growth !== null && growth <= -s.atRiskDropPct / 100;
  return dropped || (daysSinceLastOrder !== null && daysSinceLastOrder > s.atRiskDays);
}

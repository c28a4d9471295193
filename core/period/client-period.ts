/** One client's figures over the periods (SPEC §11): previous revenue, growth, trend, recency, lapsed, at risk. */
import type { Grade, Settings } from "../settings";
import type { Day } from "../values";
import { growthOf, isAtRisk, trendOf, type Trend } from "./trend";
import type { Period } from "./window";

export interface ClientPeriod {
  revenuePrevious: number | null;
  growth: number | null;
  trend: Trend | null;
  daysSinceLastOrder: number | null;
  lapsed: boolean;
  atRisk: boolean;
}

/** A client graded on every row: no period figures. */
export const NO_PERIOD: Readonly<ClientPeriod> = Object.freeze({ revenuePrevious: null, growth: null, trend: null, daysSinceLastOrder: null, lapsed: false, atRisk: false });

export interface ClientDates {
  revenue: number;
  revenuePrevious: number;
  /** First and last order on or before asOf. */
  firstDate: Day | null;
  lastDate: Day | null;
  grade: Grade;
}

export function clientPeriod(period: Period | null, c: ClientDates, settings: Pick<Settings, "trendPct" | "atRiskDropPct" | "atRiskDays">): Readonly<ClientPeriod> {
  if (period === null) return NO_PERIOD;
  const growth = growthOf(c.revenue, c.revenuePrevious);
  const trend = trendOf({ current: c.revenue, previous: c.revenuePrevious, isNew: c.firstDate === null || c.firstDate > period.start }, settings);
  const daysSinceLastOrder = c.lastDate === null ? null : period.asOf - c.lastDate;
  return {
    revenuePrevious: c.revenuePrevious,
    growth,
    trend,
    daysSinceLastOrder,
    lapsed: trend === "Lapsed",
    atRisk: isAtRisk(c.grade, growth, daysSinceLastOrder, settings),
  };
}

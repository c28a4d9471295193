/**
 * Which period an order list is graded on (SPEC §11): with a date column and
 * `revenuePeriodMonths` > 0, the months up to `asOf` — the setting, else the latest valid date
 * among the rows that count (a client and an amount, not a skipped row).
 */
import type { Settings } from "../settings";
import { parseDate, rowAt, type Day, type NumberColumn, type Parsed, type RowList } from "../values";
import { periodEnding, type Period } from "./window";

export interface PeriodColumns {
  names: RowList<string | null>;
  /** NaN where a row has no valid amount. */
  revenues: NumberColumn;
  dates: RowList<Parsed<Day>> | null;
}

/** The latest valid date among the rows that count, or null when none has one. */
export function latestCountingDate(cols: PeriodColumns, skips: ReadonlyMap<number, string>): Day | null {
  const { dates } = cols;
  if (dates === null) return null;
  let latest: Day | null = null;
  for (let i = 0; i < dates.length; i++) {
    const d = rowAt(dates, i);
    if (typeof d !== "number" || (latest !== null && d <= latest)) continue;
    if (rowAt(cols.names, i) === null || Number.isNaN(cols.revenues.value[i]) || skips.has(i)) continue;
    latest = d;
  }
  return latest;
}

/** The period to grade, or null to grade every row (no dates, the setting 0, or not an order list). */
export function currentPeriod(cols: PeriodColumns, skips: ReadonlyMap<number, string>, mode: "clients" | "orders", settings: Pick<Settings, "revenuePeriodMonths" | "asOf">): Period | null {
  if (mode !== "orders" || cols.dates === null || settings.revenuePeriodMonths === 0) return null;
  const asOf = settings.asOf !== null ? (parseDate(settings.asOf) as Day) : latestCountingDate(cols, skips);
  return asOf === null ? null : periodEnding(asOf, settings.revenuePeriodMonths);
}

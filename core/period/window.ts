/**
 * The current period of an order list with dates (SPEC §11): the `months` calendar months that end
 * on `asOf`, and the same length before it. A start that falls on a day its month lacks is clamped
 * to the end of that month (12 months before 2024-02-29 is 2023-02-28).
 */
import { dayFromParts, dayToIso, type Day } from "../values";

const MS_PER_DAY = 86_400_000;

/** `day` moved back `months` calendar months, clamped to the end of the month it lands in. */
export function monthsBefore(day: Day, months: number): Day {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return dayFromParts(year, month, Math.min(d.getUTCDate(), lastDay));
}

/** The current period is `start < d ≤ asOf`; the previous one `previousStart < d ≤ start`. */
export interface Period {
  asOf: Day;
  /** asOf − months: the last day before the current period. */
  start: Day;
  /** asOf − 2 × months: the last day before the previous period. */
  previousStart: Day;
  months: number;
}

export function periodEnding(asOf: Day, months: number): Period {
  return { asOf, start: monthsBefore(asOf, months), previousStart: monthsBefore(asOf, 2 * months), months };
}

/** Where a date falls: in the current period, the previous one, before both, or after asOf. */
export type PeriodPlace = "current" | "previous" | "earlier" | "after";

export function placeOf(p: Period, d: Day): PeriodPlace {
  if (d > p.asOf) return "after";
  if (d > p.start) return "current";
  return d > p.previousStart ? "previous" : "earlier";
}

/** The period as the JSON and the tab show it: first and last day included. */
export interface PeriodDates {
  asOf: string;
  from: string;
  to: string;
}

export function periodDates(p: Period): PeriodDates {
  return { asOf: dayToIso(p.asOf), from: dayToIso(p.start + 1), to: dayToIso(p.asOf) };
}

/** Dates, as day numbers (days since 1970-01-01), so arithmetic is exact and time-zone free. */
import { isValid, parse as parseDateText } from "date-fns";
import { isBlank, Invalid, notA, type CellValue, type Parsed } from "./cells";


export type Day = number;
const MS_PER_DAY = 86_400_000;
/** Spreadsheet serial 25569 is 1970-01-01 (both Sheets and Excel after 1900-03-01). */
const SERIAL_EPOCH = 25569;

export function dayFromParts(y: number, m: number, d: number): Day {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}
export function dayToIso(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
export function dayToSerial(day: Day): number {
  return day + SERIAL_EPOCH;
}
/** The calendar day a host's Date shows (its local date parts). */
export function dayFromDate(d: Date): Day {
  return dayFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

const TEXT_DATE_FORMATS = [
  "M/d/yyyy", "d/M/yyyy", "M/d/yy", "d.M.yyyy", "d-M-yyyy", "yyyy/M/d",
  "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "d-MMM-yyyy", "d-MMM-yy", "MMM yyyy",
];
const REFERENCE = new Date(2000, 0, 1);

export function parseDate(v: CellValue): Parsed<Day> {
  if (isBlank(v)) return null;
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return new Invalid("an invalid date");
    // Only the days a spreadsheet can hold (serials 1 … 2958465: 1899-12-31 … 9999-12-31).
    const day = dayFromDate(v);
    return day + SERIAL_EPOCH >= 1 && day + SERIAL_EPOCH < 2958466 ? day : notA(v, "a date");
  }
  if (typeof v === "number") {
    if (Number.isFinite(v) && v >= 1 && v < 2958466) return Math.floor(v) - SERIAL_EPOCH;
    return notA(v, "a date");
  }
  if (typeof v !== "string") return notA(v, "a date");
  const s = v.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      const day = dayFromParts(y, m, d);
      if (dayToIso(day) === `${iso[1]}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`) return day;
    }
    return notA(v, "a date");
  }
  if (/^\d+(\.\d+)?$/.test(s)) return parseDate(Number(s));
  for (const format of TEXT_DATE_FORMATS) {
    const parsed = parseDateText(s, format, REFERENCE);
    if (isValid(parsed) && parsed.getFullYear() >= 1900) return dayFromDate(parsed);
  }
  return notA(v, "a date");
}

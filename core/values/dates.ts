/** Dates, as day numbers (days since 1970-01-01), so arithmetic is exact and time-zone free. */
import { isBlank, Invalid, notA, type CellValue, type Parsed } from "./cells";

export type Day = number;
const MS_PER_DAY = 86_400_000;
/** Spreadsheet serial 25569 is 1970-01-01 (both Sheets and Excel after 1900-03-01). */
const SERIAL_EPOCH = 25569;
/**
 * Excel's 1904 date system (a workbook setting, Excel for Mac's old default) counts from
 * 1904-01-01 = serial 0: its serials are 1,462 days (four years and a day) below the 1900 system's.
 */
export const DAYS_1900_TO_1904 = 1462;
/** 9999-12-31, the last day a spreadsheet holds, in the 1900 date system. */
const LAST_SERIAL = 2958465;

export function dayFromParts(y: number, m: number, d: number): Day {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}
export function dayToIso(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
/** A day as a spreadsheet serial number, in the 1900 date system or (`date1904`) the 1904 one. */
export function dayToSerial(day: Day, date1904 = false): number {
  return day + SERIAL_EPOCH - (date1904 ? DAYS_1900_TO_1904 : 0);
}
/** An ISO day (yyyy-mm-dd, how a plan carries its dates) as a serial number in the workbook's date system. */
export function isoToSerial(iso: string, date1904 = false): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return dayToSerial(dayFromParts(y, m, d), date1904);
}
/**
 * Is a serial (with its time of day) one of the days a spreadsheet holds: 1 … 2958465 in the 1900
 * date system (1899-12-31 … 9999-12-31), 0 … 2957003 in the 1904 one (1904-01-01 … 9999-12-31)?
 */
function holdsSerial(serial: number, date1904: boolean): boolean {
  return serial >= (date1904 ? 0 : 1) && serial < LAST_SERIAL - (date1904 ? DAYS_1900_TO_1904 : 0) + 1;
}
/** A serial number's day, in the workbook's date system. */
function serialDay(v: number, date1904: boolean): Parsed<Day> {
  return Number.isFinite(v) && holdsSerial(v, date1904) ? Math.floor(v) - dayToSerial(0, date1904) : notA(v, "a date");
}
/** The calendar day a host's Date shows (its local date parts). */
export function dayFromDate(d: Date): Day {
  return dayFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * The text dates read, tried in this order (the first that reads the whole text wins, so 1/2/2025
 * is January 2): M and d are one or two digits, yyyy one to four (a year before 1900 is refused,
 * so "1/2/25" falls through to M/d/yy), yy two (00–49 → 2000s, 50–99 → 1900s), MMM an English
 * month's three letters ("Jan"), MMMM its full name or three letters, any letter case. A format
 * without a day is its first day. A column written day first (`DAY_FIRST_FORMATS`) tries d/M first.
 */
const TEXT_DATE_FORMATS = [
  "M/d/yyyy", "d/M/yyyy", "M/d/yy", "d.M.yyyy", "d-M-yyyy", "yyyy/M/d",
  "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "d-MMM-yyyy", "d-MMM-yy", "MMM yyyy",
] as const;
/** The same formats for a column written day first: 1/2/2025 is 1 February, 1/2/25 too. */
const DAY_FIRST_FORMATS = ["d/M/yyyy", "M/d/yyyy", "d/M/yy", "M/d/yy", ...TEXT_DATE_FORMATS.slice(3)] as const;

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** What each field of a format reads at the start of the rest of the text. */
const FIELDS: Record<string, RegExp> = {
  M: /^(1[0-2]|0?\d)/,
  d: /^(3[0-1]|[0-2]?\d)/,
  yyyy: /^\d{1,4}/,
  yy: /^\d{1,2}/,
  MMM: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  MMMM: /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
};
/** A format as its parts: field names and the literal text between them. */
const formatParts = (formats: readonly string[]) => formats.map((f) => f.split(/(yyyy|yy|MMMM|MMM|M|d)/).filter((p) => p !== ""));
const FORMAT_PARTS = formatParts(TEXT_DATE_FORMATS);
const DAY_FIRST_PARTS = formatParts(DAY_FIRST_FORMATS);

/**
 * A time of day after a date, as a spreadsheet writes a date-time cell to CSV (`1/15/2025 9:12`,
 * `15/01/2025 09:12:38`, `Jan 15, 2025 9:12 AM`), with an optional zone: the date is the day shown.
 */
const TIME_OF_DAY = /\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]\.?m\.?)?(\s*(z|utc|gmt|[+-]\d{2}:?\d{2}))?\s*$/i;

/** A date text that can only be day first: its first number is a day above 12 (13/1/2025, 31/12/25). */
const DAY_FIRST_TEXT = /^\s*(1[3-9]|2\d|3[01])\/(0?[1-9]|1[0-2])\/\d{2,4}(\s+\d{1,2}:\d{2}.*)?\s*$/;
/** A date text that can only be month first: its second number is a day above 12 (1/13/2025). */
const MONTH_FIRST_TEXT = /^\s*(0?[1-9]|1[0-2])\/(1[3-9]|2\d|3[01])\/\d{2,4}(\s+\d{1,2}:\d{2}.*)?\s*$/;

/**
 * Is a column of dates written day first: do more of its cells read only as d/M (`31/12/2025`)
 * than only as M/d (`12/31/2025`)? Then its 01/02/2025 is 1 February, as the file's author wrote
 * it, not January 2 (a UK or European export holds both kinds; reading each cell alone would mix
 * the two orders in one column). A stray cell of the other order does not turn a column. The
 * column is `count` cells, read by `cellAt`.
 */
export function writesDayFirst(count: number, cellAt: (i: number) => CellValue): boolean {
  // Read from the sheet's rows where they are, not copied out; a text without a slash (an ISO
  // date, a serial) is neither kind, and is not matched against either pattern.
  let balance = 0;
  for (let i = 0; i < count; i++) {
    const v = cellAt(i);
    if (typeof v !== "string" || v.indexOf("/") < 0) continue;
    if (DAY_FIRST_TEXT.test(v)) balance++;
    else if (MONTH_FIRST_TEXT.test(v)) balance--;
  }
  return balance > 0;
}

function monthOf(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(lower)) + 1;
}

/** The day a text reads as in one format, or null when the format does not read the whole text. */
function readFormat(text: string, parts: readonly string[]): Day | null {
  let rest = text;
  let [y, m, d] = [NaN, 1, 1];
  for (const part of parts) {
    const field = FIELDS[part];
    if (!field) {
      if (!rest.startsWith(part)) return null;
      rest = rest.slice(part.length);
      continue;
    }
    const hit = field.exec(rest)?.[0];
    if (hit === undefined) return null;
    rest = rest.slice(hit.length);
    if (part === "yyyy") y = Number(hit);
    else if (part === "yy") y = Number(hit) + (Number(hit) < 50 ? 2000 : 1900);
    else if (part === "M") m = Number(hit);
    else if (part === "d") d = Number(hit);
    else m = monthOf(hit);
  }
  if (rest !== "" || !(y >= 1900) || m < 1 || d < 1) return null;
  const day = dayFromParts(y, m, d);
  return dayToIso(day) === `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` ? day : null;
}

/** The days of date texts read lately, month first and day first. */
const DAY_TEXT = new Map<string, Day>();
const DAY_FIRST_DAY_TEXT = new Map<string, Day>();

/** A serial number typed as text ("45658"). */
const SERIAL_TEXT = /^\s*\d+(\.\d+)?\s*$/;

/**
 * A date cell's day. A number (or a number typed as text) is a serial number, in the 1900 date
 * system unless the workbook counts from 1904 (`date1904`, what the host says of its workbook); a
 * `Date` and a date text are the day they show in either. `dayFirst` (a column that `writesDayFirst`)
 * reads 1/2/2025 as 1 February.
 */
export function parseDate(v: CellValue, date1904 = false, dayFirst = false): Parsed<Day> {
  if (isBlank(v)) return null;
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return new Invalid("an invalid date");
    // Only the days a spreadsheet can hold (1899-12-31 … 9999-12-31).
    const day = dayFromDate(v);
    return holdsSerial(dayToSerial(day), false) ? day : notA(v, "a date");
  }
  if (typeof v === "number") return serialDay(v, date1904);
  if (typeof v !== "string") return notA(v, "a date");
  // An order list repeats a few hundred dates over its rows: each text is read once. A serial
  // typed as text is not kept: its day depends on the workbook's date system.
  const read = dayFirst ? DAY_FIRST_DAY_TEXT : DAY_TEXT;
  const known = read.get(v);
  if (known !== undefined) return known;
  if (SERIAL_TEXT.test(v)) return serialDay(Number(v), date1904);
  const day = dateText(v, dayFirst ? DAY_FIRST_PARTS : FORMAT_PARTS);
  if (typeof day === "number") {
    if (read.size >= 4096) read.clear();
    read.set(v, day);
  }
  return day;
}

/** A date text's day, any time of day after it dropped. */
function dateText(v: string, formats: readonly (readonly string[])[]): Parsed<Day> {
  const s = v.trim();
  const time = TIME_OF_DAY.exec(s);
  const day = dateOnly(time !== null && time.index > 0 ? s.slice(0, time.index) : s, formats);
  return day ?? notA(v, "a date");
}

function dateOnly(s: string, formats: readonly (readonly string[])[]): Day | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      const day = dayFromParts(y, m, d);
      if (dayToIso(day) === `${iso[1]}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`) return day;
    }
    return null;
  }
  for (const parts of formats) {
    const day = readFormat(s, parts);
    if (day !== null) return day;
  }
  return null;
}

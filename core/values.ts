/**
 * Cell value → number / fraction / level / date: every coercion of SPEC §2 in one place.
 *
 * Parsers return the value, `null` for a blank cell, or an `Invalid` carrying a reason an owner
 * can read ("revenue \"abc\" is not an amount"). Nothing here throws on cell content.
 */
import { isValid, parse as parseDateText } from "date-fns";

/** What a host hands us for one cell. Hosts map their error objects to the error text (`#N/A`). */
export type CellValue = string | number | boolean | Date | null | undefined;

export class Invalid {
  constructor(readonly reason: string) {}
}

export type Parsed<T> = T | null | Invalid;

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

const ERROR_VALUE =
  /^#(?:N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

/** The spreadsheet error text (`#N/A`, `#DIV/0!`…) a cell holds, or null. */
export function spreadsheetError(v: CellValue): string | null {
  return typeof v === "string" && ERROR_VALUE.test(v.trim()) ? v.trim().toUpperCase() : null;
}

/** A short rendering of a cell for messages. */
export function show(v: CellValue): string {
  if (v instanceof Date) return isNaN(v.getTime()) ? "an invalid date" : v.toISOString().slice(0, 10);
  if (typeof v === "string") {
    const t = v.length > 40 ? `${v.slice(0, 37)}…` : v;
    return JSON.stringify(t);
  }
  return String(v);
}

function notA(v: CellValue, what: string): Invalid {
  const err = spreadsheetError(v);
  if (err) return new Invalid(`the cell holds the error ${err}`);
  return new Invalid(`${show(v)} is not ${what}`);
}

/** Text of a cell, trimmed (client names, industries). */
export function parseText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === "" ? null : s;
}

// ---------------------------------------------------------------------------------------------
// Amounts: `$1,200.50`, `1 200`, `(300)`, `1.2k`, `-€40`, `1.200,50`, `3.5M`, `2bn`, `USD 900`

const SPACES = /[\s\u00a0\u2007\u202f']/g;
const LEADING_CURRENCY = /^(?:US\$|[A-Z]{3}(?=[\s\d.(+-])|[$€£¥₹₩₽¢])/;
const TRAILING_CURRENCY = /(?:(?<=[\d.\s])[A-Z]{3}|[$€£¥₹₩₽¢])$/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Words are data: a Map, so a cell reading `constructor` is no suffix (SPEC §2a). */
const SUFFIX = new Map([["k", 3], ["m", 6], ["mm", 6], ["mn", 6], ["b", 9], ["bn", 9]]);
/** `1.234,56` or `12,5`: a comma decimal (a comma not followed by exactly three digits, or after dot groups). */
const COMMA_DECIMAL = /^\d{1,3}(?:\.\d{3})+,\d+$|^\d+,(?:\d{1,2}|\d{4,})$|^(?:\d{4,}|0),\d+$/;
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$/;
const COMMA_GROUPS = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * How a column writes its numbers (SPEC §2a). With `decimalComma`, `.` separates thousands and `,`
 * is the decimal mark (`2.500 €` = 2500, `12,5` = 12.5); without, a cell is read on its own.
 */
export interface NumberLocale {
  decimalComma: boolean;
}

/** Moves the decimal point of a plain decimal string `exp` places right, exactly. */
function shiftDecimal(digits: string, exp: number): number {
  const neg = digits.startsWith("-");
  const body = digits.replace(/^[+-]/, "");
  const [int = "", frac = ""] = body.split(".");
  const padded = frac.padEnd(exp, "0");
  const s = `${int}${padded.slice(0, exp)}.${padded.slice(exp)}`;
  const n = Number(s.endsWith(".") ? s.slice(0, -1) : s);
  return neg ? -n : n;
}

interface AmountText {
  /** The digits with their separators, as written. */
  digits: string;
  negative: boolean;
  /** Powers of ten of a k/M/bn suffix. */
  exp: number;
}

/** The number in an amount text: sign, parentheses, currency, suffix and spaces taken off. */
function amountText(text: string): AmountText {
  let s = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // A sign may stand before or after the currency symbol: -$40, $-40, 40-
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) s = s.slice(1).trim();
  s = s.replace(LEADING_CURRENCY, "").trim().replace(TRAILING_CURRENCY, "").trim();
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  let exp = 0;
  const suffix = /^(.*?)\s*(k|mm|mn|m|bn|b)$/i.exec(s);
  if (suffix && /\d$/.test(suffix[1] ?? "")) {
    s = suffix[1] ?? "";
    exp = SUFFIX.get((suffix[2] ?? "").toLowerCase()) ?? 0;
  }
  return { digits: s.replace(SPACES, ""), negative, exp };
}

/** Does a cell write its decimals with a comma (`1.234,56`, `12,5`, `12,5 %`)? */
export function hasCommaDecimal(v: CellValue): boolean {
  if (typeof v !== "string" || !v.includes(",")) return false;
  const s = v.trim().replace(/^\((.*)\)$/, "$1").replace(/%$/, "");
  return COMMA_DECIMAL.test(amountText(s).digits);
}

/**
 * A money amount (revenue, profit). Percent text is not an amount. Without a locale a cell is read
 * on its own (`1.200,50` and `1,200.50` both work, `2.500` is 2.5); `parseAmountColumn` decides
 * the locale for a whole column.
 */
export function parseAmount(v: CellValue, locale?: NumberLocale): Parsed<number> {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : new Invalid(`${v} is not an amount`);
  if (typeof v === "boolean" || v instanceof Date) return notA(v, "an amount");
  if (v.trim() === "") return null;
  if (spreadsheetError(v)) return notA(v, "an amount");
  const { digits, negative, exp } = amountText(v);
  let s = digits;
  if (locale?.decimalComma) {
    if (DOT_GROUPS.test(s)) s = s.replace(/\./g, "").replace(",", ".");
    else if (s.includes(".") || s.includes(",")) return new Invalid(`${show(v)} is not an amount in a column that writes 1.234,56`);
  } else if (COMMA_DECIMAL.test(s)) {
    s = s.replace(/\./g, "").replace(",", ".");
  } else if (COMMA_GROUPS.test(s)) {
    s = s.replace(/,/g, "");
  }
  if (!PLAIN_NUMBER.test(s)) return notA(v, "an amount");
  const n = exp > 0 && !/e/i.test(s) ? shiftDecimal(s, exp) : Number(s);
  if (!Number.isFinite(n)) return notA(v, "an amount");
  return negative ? -n : n;
}

/**
 * The number locale of one column (SPEC §2a): a comma decimal in any cell, or a semicolon-delimited
 * file (`hint`), makes `.` the thousands separator and `,` the decimal mark for every cell.
 */
export function columnLocale(values: readonly CellValue[], hint: Partial<NumberLocale> = {}): NumberLocale {
  if (hint.decimalComma) return { decimalComma: true };
  for (let i = 0; i < values.length; i++) if (hasCommaDecimal(values[i])) return { decimalComma: true };
  return { decimalComma: false };
}

/** A whole column of amounts under one number locale. */
export function parseAmountColumn(values: readonly CellValue[], hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  const locale = columnLocale(values, hint);
  return values.map((v) => parseAmount(v, locale));
}

// ---------------------------------------------------------------------------------------------
// Fractions and the percent rule (SPEC §2)

/** The number of a cell and whether it carried `%`; `(10%)` is −10% (accounting negative). */
function numericPart(v: CellValue, locale?: NumberLocale): { n: number; percentSign: boolean } | null {
  if (typeof v === "number") return Number.isFinite(v) ? { n: v, percentSign: false } : null;
  if (typeof v !== "string") return null;
  let s = v.trim().replace(SPACES, "");
  const paren = /^\((.*%)\)$/.exec(s);
  if (paren) s = `-${paren[1] ?? ""}`;
  const percentSign = s.endsWith("%");
  const body = percentSign ? s.slice(0, -1) : s;
  const n = parseAmount(body, locale);
  return typeof n === "number" ? { n, percentSign } : null;
}

export interface FractionRange {
  /** Smallest allowed fraction (0 for wallet share; margins may be negative). */
  min: number;
  /** Largest allowed fraction. */
  max: number;
  /** What the value is, for messages ("wallet share"). */
  what: string;
}

/**
 * The percent rule for one column: a value with `%` is a percent; otherwise if any number in the
 * column is greater than 1 every value is a percent (`60` = 60%), else all are fractions. A negative
 * number never decides the scale: whatever its scale it is a negative margin (a laggard).
 */
export function percentScale(values: readonly CellValue[], locale?: NumberLocale): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number") {
      if (v > 1 && Number.isFinite(v)) return true;
      continue;
    }
    const p = numericPart(v, locale);
    if (p && !p.percentSign && p.n > 1) return true;
  }
  return false;
}

/** One cell as a fraction, given the column's scale from `percentScale`. */
export function parseFraction(v: CellValue, asPercent: boolean, range: FractionRange, locale?: NumberLocale): Parsed<number> {
  // A plain number (most cells): no text to read.
  if (typeof v === "number" && Number.isFinite(v)) return fractionInRange(v, asPercent ? v / 100 : v, range);
  if (isBlank(v)) return null;
  const p = numericPart(v, locale);
  if (!p) return notA(v, `a ${range.what} (a percent or a fraction)`);
  return fractionInRange(v, p.percentSign || asPercent ? p.n / 100 : p.n, range);
}

/** The fraction `f` read from cell `v`, or why it is out of range. */
function fractionInRange(v: CellValue, f: number, range: FractionRange): Parsed<number> {
  if (f < range.min || f > range.max) {
    const low = Number.isFinite(range.min) ? `${Math.round(range.min * 100)}` : "−∞";
    return new Invalid(`${show(v)} is outside ${low}–${Math.round(range.max * 100)}% for a ${range.what}`);
  }
  return f;
}

/** A whole column of fractions under the percent rule and one number locale. A lone scalar is a column of one. */
export function parseFractionColumn(values: readonly CellValue[], range: FractionRange, hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  const locale = columnLocale(values, hint);
  const asPercent = percentScale(values, locale);
  return values.map((v) => parseFraction(v, asPercent, range, locale));
}

export const WALLET_RANGE: FractionRange = { min: 0, max: 1, what: "wallet share" };
/** A margin may be negative (a laggard) but profit cannot exceed revenue. */
export const MARGIN_RANGE: FractionRange = { min: -Infinity, max: 1, what: "margin" };

// ---------------------------------------------------------------------------------------------
// Levels: High/Medium/Low, H/M/L, 3/2/1

export type Level = "High" | "Medium" | "Low";
export const LEVELS: readonly Level[] = ["High", "Medium", "Low"];

/** Words are data: Maps, so a cell reading `constructor` or `__proto__` is an unknown word (SPEC §2a). */
const LEVEL_WORDS = new Map<string, Level>([
  ...["high", "h", "hi", "3", "very high", "strong"].map((w): [string, Level] => [w, "High"]),
  ...["medium", "med", "m", "mid", "moderate", "2", "average"].map((w): [string, Level] => [w, "Medium"]),
  ...["low", "l", "lo", "1", "none", "very low", "weak"].map((w): [string, Level] => [w, "Low"]),
]);

/** Level words already looked up, by the cell's exact text. */
const LEVEL_TEXT = new Map<string, Level | null>();

export function parseLevel(v: CellValue): Parsed<Level> {
  if (isBlank(v)) return null;
  if (typeof v === "number") {
    if (v === 3) return "High";
    if (v === 2) return "Medium";
    if (v === 1) return "Low";
    return new Invalid(`${v} is not a level (use High/Medium/Low, H/M/L or 3/2/1)`);
  }
  if (typeof v !== "string") return notA(v, "a level (High/Medium/Low)");
  // A column holds a handful of distinct spellings: each is looked up once.
  let level = LEVEL_TEXT.get(v);
  if (level === undefined) {
    level = LEVEL_WORDS.get(v.trim().toLowerCase().replace(/\s+/g, " ")) ?? null;
    if (LEVEL_TEXT.size > 1000) LEVEL_TEXT.clear();
    LEVEL_TEXT.set(v, level);
  }
  return level ?? notA(v, "a level (use High/Medium/Low, H/M/L or 3/2/1)");
}

// ---------------------------------------------------------------------------------------------
// Yes / no

const YES = new Set(["yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"]);
const NO = new Set(["no", "n", "false", "0", "-", "nein", "non"]);

export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (isBlank(v)) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : notA(v, "yes or no");
  if (typeof v !== "string") return notA(v, "yes or no");
  const s = v.trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return notA(v, "yes or no");
}

// ---------------------------------------------------------------------------------------------
// Relationship strength → 0–100 (SPEC §2)

const STAGES = new Map([["exploratory", 1], ["basic", 2], ["cooperative", 3], ["interdependent", 4], ["integrated", 5]]);

export type RelationshipScale = "1-5" | "0-10" | "0-100" | "fraction";

/** The scale of a relationship column: decided on its numbers, like the percent rule. */
export function relationshipScale(values: readonly CellValue[], locale?: NumberLocale): RelationshipScale {
  let max = -Infinity;
  let min = Infinity;
  let fractional = false;
  let any = false;
  for (const v of values) {
    const p = numericPart(v, locale);
    if (!p || p.percentSign) continue;
    any = true;
    max = Math.max(max, p.n);
    min = Math.min(min, p.n);
    if (!Number.isInteger(p.n)) fractional = true;
  }
  if (!any) return "0-100";
  if (max <= 1 && min >= 0 && fractional) return "fraction";
  if (max <= 5 && min >= 1) return "1-5";
  if (max <= 10) return "0-10";
  return "0-100";
}

/**
 * One relationship cell → 0–100 on its column's scale. A number is read as a number whether it
 * arrives as text (a .csv) or as a number (an .xlsx): "3" on a 1–5 column is 50, never the level
 * word "3" (High). Only text that is not a number is a stage or level word.
 */
export function parseRelationship(v: CellValue, scale: RelationshipScale, locale?: NumberLocale): Parsed<number> {
  if (isBlank(v)) return null;
  const p = numericPart(v, locale);
  if (!p) {
    const word = typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, " ") : "";
    const stage = STAGES.get(word);
    if (stage !== undefined) return (stage - 1) * 25;
    const level = LEVEL_WORDS.get(word);
    if (level) return level === "High" ? 100 : level === "Medium" ? 50 : 0;
    return notA(v, "a relationship strength (1–5, 0–10, 0–100, H/M/L or a stage word)");
  }
  let x: number;
  if (p.percentSign) x = p.n;
  else if (scale === "fraction") x = p.n * 100;
  else if (scale === "1-5") x = ((p.n - 1) / 4) * 100;
  else if (scale === "0-10") x = p.n * 10;
  else x = p.n;
  if (x < 0 || x > 100) return new Invalid(`${show(v)} is outside the relationship scale`);
  return x;
}

/** A relationship (or benefit) column → 0–100, under one scale and one number locale. */
export function parseRelationshipColumn(values: readonly CellValue[], hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  const locale = columnLocale(values, hint);
  const scale = relationshipScale(values, locale);
  return values.map((v) => parseRelationship(v, scale, locale));
}

// ---------------------------------------------------------------------------------------------
// Dates, as day numbers (days since 1970-01-01), so arithmetic is exact and time-zone free

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

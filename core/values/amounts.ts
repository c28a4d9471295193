/**
 * Money amounts (revenue, profit): `$1,200.50`, `1 200`, `(300)`, `1.2k`, `-€40`, `1.200,50`,
 * `3.5M`, `2bn`, `USD 900`, `₹1,23,456.00`, and the number locale of a column (SPEC §2, §2a).
 */
import { notA, show, spreadsheetError, Invalid, type CellValue, type Parsed } from "./cells";
import { cellColumn, isCellColumn, parsedList, putParsed, someOther, type CellColumn, type NumberColumn } from "./number-column";
import { rowAt } from "./row-list";


export const SPACES = /[\s\u00a0\u2007\u202f']/g;
const LEADING_CURRENCY = /^(?:US\$|[A-Z]{3}(?=[\s\d.(+-])|[$€£¥₹₩₽¢])/;
const TRAILING_CURRENCY = /(?:(?<=[\d.\s])[A-Z]{3}|[$€£¥₹₩₽¢])$/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A text that is a plain finite number (`1234.5`, `-0.12`, `1e3`: most cells of a CSV) outside a
 * column that writes `1.234,56`, as that number; otherwise null (read it the long way).
 */
export function plainNumber(v: string, locale?: NumberLocale): number | null {
  if (locale?.decimalComma || !PLAIN_NUMBER.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
/** Words are data: a Map, so a cell reading `constructor` is no suffix (SPEC §2a). */
const SUFFIX = new Map([["k", 3], ["m", 6], ["mm", 6], ["mn", 6], ["b", 9], ["bn", 9]]);
/** `1.234,56` or `12,5`: a comma decimal (a comma not followed by exactly three digits, or after dot groups). */
const COMMA_DECIMAL = /^\d{1,3}(?:\.\d{3})+,\d+$|^\d+,(?:\d{1,2}|\d{4,})$|^(?:\d{4,}|0),\d+$/;
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$/;
const COMMA_GROUPS = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** Lakh and crore grouping (India): `1,23,456.00`, `12,34,56,789`: two-digit groups, then the last three. */
const LAKH_GROUPS = /^[1-9]\d?(?:,\d{2})+,\d{3}(?:\.\d+)?$/;

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

const MINUS_SIGN = /\u2212/g;

/** The number in an amount text: sign, parentheses, currency, suffix and spaces taken off. */
function amountText(text: string): AmountText {
  // U+2212 MINUS SIGN: how Numbers and the Swedish, Norwegian and Finnish number formats write a negative.
  let s = text.trim().replace(MINUS_SIGN, "-");
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

const TAIL_WITH_DOT = /^\d*\.[\d.]*$/;
/** `$1,234.00`, `1,234`: thousands in commas (never `0,123`, a comma decimal), an optional dollar sign and decimals. */
const DOLLAR_GROUPS = /^\$?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const DOLLAR_SIGN_AND_COMMAS = /[$,]/g;

/** Does a cell write its decimals with a comma (`1.234,56`, `12,5`, `12,5 %`)? */
export function hasCommaDecimal(v: CellValue): boolean {
  if (typeof v !== "string") return false;
  const comma = v.lastIndexOf(",");
  if (comma < 0) return false;
  // `$1,234.00`: after the last comma only digits and a dot, so a dot follows the comma — a
  // thousands comma. Every comma-decimal form ends in the comma and digits alone.
  if (TAIL_WITH_DOT.test(v.slice(comma + 1))) return false;
  const s = v.trim().replace(/^\((.*)\)$/, "$1").replace(/%$/, "");
  return COMMA_DECIMAL.test(amountText(s).digits);
}

/**
 * A money amount (revenue, profit). Percent text is not an amount. Without a locale a cell is read
 * on its own (`1.200,50` and `1,200.50` both work, `2.500` is 2.5); `parseAmountColumn` decides
 * the locale for a whole column.
 */
export function parseAmount(v: CellValue, locale?: NumberLocale): Parsed<number> {
  const n = readNumber(v, locale);
  return typeof n === "number" && !(Math.abs(n) < AMOUNT_LIMIT) ? tooLarge(v) : n;
}

/**
 * No amount reaches 10¹⁵ (a thousand trillion): a spreadsheet keeps 15 digits, so such a number has
 * lost its units already, and summing many of them could pass the largest number there is
 * (≈1.8 × 10³⁰⁸) and make every share NaN. Below it, no sum of a sheet's amounts can overflow.
 */
export const AMOUNT_LIMIT = 1e15;

function tooLarge(v: CellValue): Invalid {
  return new Invalid(`${show(v)} is too large to be an amount (more than 15 digits)`);
}

/** A number written the ways `parseAmount` reads, however large (a percent's body, SPEC §2). */
export function readNumber(v: CellValue, locale?: NumberLocale): Parsed<number> {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : new Invalid(`${v} is not an amount`);
  if (typeof v === "boolean" || v instanceof Date) return notA(v, "an amount");
  // Most cells of a CSV: a plain number with nothing to take off.
  const plain = plainNumber(v, locale);
  if (plain !== null) return plain;
  // The commonest money text of an export, `$1,234.00`: what the long way below makes of it.
  if (!locale?.decimalComma && DOLLAR_GROUPS.test(v)) return Number(v.replace(DOLLAR_SIGN_AND_COMMAS, ""));
  if (v.trim() === "") return null;
  if (spreadsheetError(v)) return notA(v, "an amount");
  const { digits, negative, exp } = amountText(v);
  let s = digits;
  if (locale?.decimalComma) {
    if (DOT_GROUPS.test(s)) s = s.replace(/\./g, "").replace(",", ".");
    else if (s.includes(".") || s.includes(",")) return new Invalid(`${show(v)} is not an amount in a column that writes 1.234,56`);
  } else if (COMMA_DECIMAL.test(s)) {
    s = s.replace(/\./g, "").replace(",", ".");
  } else if (COMMA_GROUPS.test(s) || LAKH_GROUPS.test(s)) {
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
export function columnLocale(values: readonly CellValue[] | CellColumn, hint: Partial<NumberLocale> = {}): NumberLocale {
  if (hint.decimalComma) return { decimalComma: true };
  // Only text can carry a comma decimal.
  return { decimalComma: isCellColumn(values) ? someOther(values, hasCommaDecimal) : values.some(hasCommaDecimal) };
}

/**
 * A whole column of amounts under one number locale. A CellColumn is parsed in place (its numbers
 * become the column's values); a list is gathered into one first.
 */
export function amountColumn(values: readonly CellValue[] | CellColumn, hint: Partial<NumberLocale> = {}): NumberColumn {
  const cells = isCellColumn(values) ? values : cellColumn(values);
  const locale = columnLocale(cells, hint);
  const { numbers, others } = cells;
  const out = { value: numbers, invalid: new Map<number, Invalid>() };
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i] as number;
    // A number (most cells of a workbook) below the limit is its own amount.
    if (x === x) {
      if (!(Math.abs(x) < AMOUNT_LIMIT)) putParsed(out, i, parseAmount(x, locale));
    } else if (others !== null) {
      const v = rowAt(others, i);
      if (v !== null && v !== undefined) putParsed(out, i, parseAmount(v, locale));
    }
  }
  return out;
}

/** The same as a list of parsed cells. */
export function parseAmountColumn(values: readonly CellValue[], hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  return parsedList(amountColumn(values, hint));
}

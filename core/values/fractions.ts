/** Fractions and the percent rule (SPEC §2): margins and wallet shares, `(10%)` = −10% (§2a). */
import { AMOUNT_LIMIT, columnLocale, plainNumber, readNumber, SPACES, type NumberLocale } from "./amounts";
import { isBlank, Invalid, notA, show, type CellValue, type Parsed } from "./cells";
import { cellColumn, isCellColumn, parsedList, putParsed, someOther, type CellColumn, type NumberColumn } from "./number-column";
import { rowAt } from "./row-list";


/** The number of a cell and whether it carried `%`; `(10%)` is −10% (accounting negative). */
export function numericPart(v: CellValue, locale?: NumberLocale): { n: number; percentSign: boolean } | null {
  if (typeof v === "number") return Number.isFinite(v) ? { n: v, percentSign: false } : null;
  if (typeof v !== "string") return null;
  const plain = plainNumber(v, locale);
  if (plain !== null) return { n: plain, percentSign: false };
  let s = v.trim().replace(SPACES, "");
  const paren = /^\((.*%)\)$/.exec(s);
  if (paren) s = `-${paren[1] ?? ""}`;
  const percentSign = s.endsWith("%");
  const body = percentSign ? s.slice(0, -1) : s;
  const n = readNumber(body, locale);
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
export function percentScale(values: readonly CellValue[] | CellColumn, locale?: NumberLocale): boolean {
  const cells = isCellColumn(values) ? values : cellColumn(values);
  const { numbers } = cells;
  for (let i = 0; i < numbers.length; i++) if ((numbers[i] as number) > 1) return true;
  return someOther(cells, (v) => {
    const p = numericPart(v, locale);
    return p !== null && !p.percentSign && p.n > 1;
  });
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

/**
 * The fraction `f` read from cell `v`, or why it is out of range. Like an amount, no fraction
 * reaches 10¹⁵ in size (values/amounts' AMOUNT_LIMIT): a margin may have no lower bound, and
 * revenue × margin must stay a number.
 */
function fractionInRange(v: CellValue, f: number, range: FractionRange): Parsed<number> {
  if (!(Math.abs(f) < AMOUNT_LIMIT)) return new Invalid(`${show(v)} is too large to be a ${range.what} (more than 15 digits)`);
  if (f < range.min || f > range.max) {
    const low = Number.isFinite(range.min) ? `${Math.round(range.min * 100)}` : "−∞";
    return new Invalid(`${show(v)} is outside ${low}–${Math.round(range.max * 100)}% for a ${range.what}`);
  }
  return f;
}

/** A whole column of fractions under the percent rule and one number locale. A lone scalar is a column of one. */
export function fractionColumn(values: readonly CellValue[] | CellColumn, range: FractionRange, hint: Partial<NumberLocale> = {}): NumberColumn {
  // Parsed in place, as amountColumn.
  const cells = isCellColumn(values) ? values : cellColumn(values);
  const locale = columnLocale(cells, hint);
  const asPercent = percentScale(cells, locale);
  const { numbers, others } = cells;
  const out = { value: numbers, invalid: new Map<number, Invalid>() };
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i] as number;
    if (x === x) putParsed(out, i, fractionInRange(x, asPercent ? x / 100 : x, range));
    else if (others !== null) {
      const v = rowAt(others, i);
      if (v !== null && v !== undefined) putParsed(out, i, parseFraction(v, asPercent, range, locale));
    }
  }
  return out;
}

/** The same as a list of parsed cells. */
export function parseFractionColumn(values: readonly CellValue[], range: FractionRange, hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  return parsedList(fractionColumn(values, range, hint));
}

export const WALLET_RANGE: FractionRange = { min: 0, max: 1, what: "wallet share" };
/** A margin may be negative (a laggard) but profit cannot exceed revenue. */
export const MARGIN_RANGE: FractionRange = { min: -Infinity, max: 1, what: "margin" };

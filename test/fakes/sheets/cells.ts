/**
 * A cell of the fake and what Sheets stores when a value is written with setValues.
 *
 * Range.setValues: "If a value begins with =, it's interpreted as a formula", and its example
 * writes '2.000', '1,000,000' and '$2.99' that are parsed as numbers: a string is parsed as if typed
 * (the Sheets API calls this USER_ENTERED: "The values will be parsed as if the user typed them into
 * the UI"). What typing a leading apostrophe does is documented (ExtendedValue.stringValue:
 * "Leading single quotes are not included. For example, if the user typed '123 into the UI, this
 * would be represented as a stringValue of "123""): the rest is stored as text.
 *
 * Where the documentation is silent the fake assumes the worst, or refuses (UndocumentedError):
 * - a string starting with =, +, - or @ that is not a number becomes a formula, whatever the cell's
 *   number format (nothing says the plain-text format "@" stops formulas on this path);
 * - writing such a string, or one with a leading apostrophe, into a cell formatted "@" is refused:
 *   whether Sheets then keeps text, a formula or the apostrophe is not documented;
 * - number-, date- and boolean-like text becomes a number, a date or a boolean unless the cell is
 *   formatted "@" (the plain-text format keeps "the raw text").
 */
import type { FakeDataValidation, FakeTextStyle } from "./builders";
import { UndocumentedError } from "./log";
import { zonedMidnight } from "./zone";

export const PLAIN_TEXT = "@";

/** An error value a cell shows (#N/A, #REF!, #ERROR!); a script reading it gets its code as text. */
export class CellError {
  constructor(readonly code: string, readonly message = "") {}
  toString(): string {
    return this.code;
  }
}

export interface FakeCell {
  value: unknown;
  formula?: string;
  format?: string;
  style?: FakeTextStyle;
  background?: string | null;
  wrap?: boolean;
  bold?: boolean;
  validation?: FakeDataValidation | null;
}

/** Text Sheets reads as a number when typed: 12, -6%, $182,450.00, 1e3. */
const NUMBER_LIKE = /^[+-]?\$?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?%?$/i;
export function enteredNumber(s: string): number | null {
  const t = s.trim();
  if (!/\d/.test(t) || !NUMBER_LIKE.test(t)) return null;
  const n = Number(t.replace(/[$,%]/g, ""));
  if (!Number.isFinite(n)) return null;
  return t.endsWith("%") ? n / 100 : n;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/;

/** Does a typed string start like a formula (and is not a number)? */
export const formulaLike = (s: string): boolean => /^[=+\-@]/.test(s) && enteredNumber(s) === null;

/** Sheets' parsing of a value written with setValues (see the file comment); dates in the sheet's zone. */
export function enter(cell: FakeCell, v: unknown, timeZone: string): void {
  const plain = cell.format === PLAIN_TEXT;
  if (typeof v === "string") {
    if (plain && (v.startsWith("'") || formulaLike(v))) throw new UndocumentedError(`${JSON.stringify(v.slice(0, 40))} written with setValues into a plain-text ("@") cell`);
    delete cell.formula;
    if (v.startsWith("'")) {
      cell.value = v.slice(1);
      return;
    }
    if (formulaLike(v)) {
      cell.formula = v.startsWith("=") ? v : `=${v}`;
      cell.value = "";
      return;
    }
    if (!plain) {
      const n = enteredNumber(v);
      if (n !== null) {
        cell.value = n;
        return;
      }
      const d = ISO_DATE.exec(v.trim());
      if (d) {
        const [, y, m, day, hh, mm, ss] = d;
        const midnight = zonedMidnight(Number(y), Number(m), Number(day), timeZone);
        cell.value = new Date(midnight + ((Number(hh ?? 0) * 60 + Number(mm ?? 0)) * 60 + Number(ss ?? 0)) * 1000);
        return;
      }
      if (/^(true|false)$/i.test(v.trim())) {
        cell.value = v.trim().toLowerCase() === "true";
        return;
      }
    }
    cell.value = v;
    return;
  }
  delete cell.formula;
  if (v === null || v === undefined) cell.value = "";
  else if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]") cell.value = new Date((v as Date).getTime());
  else cell.value = v;
}

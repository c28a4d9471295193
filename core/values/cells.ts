/**
 * What a host hands us for one cell, what a parser gives back (a value, `null` for a blank cell, or
 * an `Invalid` carrying a reason an owner can read), and the text of a cell. Nothing here throws on
 * cell content.
 */

/** What a host hands us for one cell. Hosts map their error objects to the error text (`#N/A`). */
export type CellValue = string | number | boolean | Date | null | undefined;

export class Invalid {
  constructor(readonly reason: string) {}
}

export type Parsed<T> = T | null | Invalid;

export function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // A text starting with a printable ASCII character is not blank: no trimmed copy needed.
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.trim() === "";
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

export function notA(v: CellValue, what: string): Invalid {
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

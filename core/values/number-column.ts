/**
 * A parsed column of numbers (amounts, fractions, relationship strengths) kept unboxed: a
 * `Float64Array` of the numbers, NaN where a cell gave none, and the few unreadable cells with why.
 * At 100,000 rows a list of `Parsed<number>` is a fresh 800 kB array of pointers, each fraction a
 * number object of its own; a typed column is one block of memory the collector never walks.
 */
import type { Invalid, Parsed } from "./cells";

export interface NumberColumn {
  /** Row i's number; NaN where its cell is blank or unreadable (no parsed number is NaN). */
  readonly value: Float64Array;
  /** The unreadable cells, by row. */
  readonly invalid: ReadonlyMap<number, Invalid>;
}

/** A column of `count` cells, each put in its place by `putParsed`. */
export function newNumberColumn(count: number): { value: Float64Array; invalid: Map<number, Invalid> } {
  return { value: new Float64Array(count), invalid: new Map() };
}

/** Puts row i's parsed cell into a column made by `newNumberColumn`. */
export function putParsed(column: { value: Float64Array; invalid: Map<number, Invalid> }, i: number, p: Parsed<number>): void {
  if (typeof p === "number") column.value[i] = p;
  else {
    column.value[i] = Number.NaN;
    if (p !== null) column.invalid.set(i, p);
  }
}

/** Row i's parsed cell: its number, its `Invalid`, or null for a blank. */
export function numberAt(column: NumberColumn, i: number): Parsed<number> {
  const v = column.value[i] as number;
  return v === v ? v : (column.invalid.get(i) ?? null);
}

/** The whole column as parsed cells. */
export function parsedList(column: NumberColumn): Parsed<number>[] {
  const out = new Array<Parsed<number>>(column.value.length);
  for (let i = 0; i < out.length; i++) out[i] = numberAt(column, i);
  return out;
}

/**
 * A parsed column of numbers (amounts, fractions, relationship strengths) kept unboxed: a
 * `Float64Array` of the numbers, NaN where a cell gave none, and the few unreadable cells with why.
 * At 100,000 rows a list of `Parsed<number>` is a fresh 800 kB array of pointers, each fraction a
 * number object of its own; a typed column is one block of memory the collector never walks.
 */
import type { CellValue, Invalid, Parsed } from "./cells";
import { rowAt, rowList, setRow, type RowList } from "./row-list";

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

/**
 * A column's cells as gathered to be read as numbers, without a list of every cell: each finite
 * number unboxed in `numbers` (NaN where the cell is not one), each other non-blank cell (text, a
 * boolean, a date, NaN or ±∞) in `others` at its place — a list (values/row-list) made when the
 * first such cell comes, so a workbook's column of numbers has none. A blank (null, undefined or "", which every
 * number parser reads as blank) is in neither. At 100,000 rows a list of the cells is a fresh
 * 800 kB; the column functions (amountColumn, fractionColumn, relationshipColumn) then parse in
 * place: `numbers` becomes the parsed column's values.
 */
export interface CellColumn {
  readonly numbers: Float64Array;
  others: RowList<CellValue> | null;
}

export function newCellColumn(length: number): CellColumn {
  return { numbers: new Float64Array(length), others: null };
}

/** Puts row i's cell into a column made by `newCellColumn`. */
export function putCell(column: CellColumn, i: number, v: CellValue): void {
  if (typeof v === "number" && v - v === 0) {
    column.numbers[i] = v;
    return;
  }
  column.numbers[i] = Number.NaN;
  if (v === null || v === undefined || v === "") return;
  setRow((column.others ??= rowList<CellValue>(column.numbers.length, null)), i, v);
}

/** Whether `test` holds for one of the column's other cells (the cells that are not numbers). */
export function someOther(column: CellColumn, test: (v: CellValue) => boolean): boolean {
  if (column.others === null) return false;
  for (const block of column.others.blocks) for (let i = 0; i < block.length; i++) if (test(block[i])) return true;
  return false;
}

/** The cells of a list, as a CellColumn. */
export function cellColumn(values: readonly CellValue[]): CellColumn {
  const column = newCellColumn(values.length);
  for (let i = 0; i < values.length; i++) putCell(column, i, values[i]);
  return column;
}

/** Row i's cell as it was put (a blank as null). */
export function cellAt(column: CellColumn, i: number): CellValue {
  const x = column.numbers[i] as number;
  return x === x ? x : column.others === null ? null : (rowAt(column.others, i) ?? null);
}

export const isCellColumn = (v: readonly CellValue[] | CellColumn): v is CellColumn => !Array.isArray(v);

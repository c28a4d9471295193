/**
 * What Excel stores when a range's values, formulas or number formats are set.
 *
 * - Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign
 *   ("="), Excel interprets this value as a formula. … use a locale-neutral format like ISO
 *   (YYYY-MM-DD) … to ensure dates are stored as dates": a string is read as if typed, an ISO date
 *   becomes a date serial (of the workbook's date system; text when the day is before it), number
 *   text a number, TRUE / FALSE a boolean (the worst case).
 * - The text number format: "Text format cells are treated as text even when a number is in the
 *   cell. The cell is displayed exactly as entered" (Excel.NumberFormatCategory.text): a value
 *   written into a cell formatted "@" is kept as written.
 * - A leading apostrophe through this API is not documented: refused outside a text-formatted cell
 *   (the add-in gives such text the text format first).
 * - "Use null in 2-D arrays to leave specific cells unchanged"; values, formulas and numberFormat
 *   are 2-D arrays matching the range (a single value for them is not documented any more).
 */
import { daySerial } from "./functions";
import { FakeExcelError, type FakeCell, type FakeRect, type FakeSheetState } from "./state";

/** "A range is limited to 5,000,000 cells for read operations." */
export const CELL_READ_LIMIT = 5_000_000;

export interface RangeRef {
  sheet: FakeSheetState;
  rect: FakeRect;
}

function shapeCheck(v: unknown, rect: FakeRect, what: string, grid: boolean): unknown[][] | null {
  if (!Array.isArray(v)) {
    if (grid) throw new FakeExcelError("InvalidArgument", `${what}: a 2-D array of ${rect.rows}×${rect.cols} values is expected, not ${JSON.stringify(v)}`);
    return null; // a formatting property: applied to every cell
  }
  if (v.length !== rect.rows || v.some((r) => !Array.isArray(r) || r.length !== rect.cols)) {
    throw new FakeExcelError("InvalidArgument", `${what}: ${v.length}×${(v[0] as unknown[] | undefined)?.length} values for a ${rect.rows}×${rect.cols} range`);
  }
  return v as unknown[][];
}

export function forEachCell(ref: RangeRef, v: unknown, what: string, f: (cell: FakeCell, value: unknown, r: number, c: number) => void, grid = false): void {
  const arr = shapeCheck(v, ref.rect, what, grid);
  for (let i = 0; i < ref.rect.rows; i++) {
    for (let j = 0; j < ref.rect.cols; j++) {
      const value = arr ? (arr[i] as unknown[])[j] : v;
      if (value === null || value === undefined) continue; // null leaves the cell as it is
      f(ref.sheet.edit(ref.rect.row + i, ref.rect.col + j), value, ref.rect.row + i, ref.rect.col + j);
    }
  }
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What Excel stores when a value is written through Range.values (`date1904`: the workbook's date system). */
export function writeValue(cell: FakeCell, value: unknown, date1904: boolean): void {
  delete cell.formula;
  if (typeof value === "string") {
    if (cell.numberFormat === "@" || value === "") {
      cell.value = value;
      return;
    }
    if (value.startsWith("'")) throw new FakeExcelError("InvalidArgument", `[fake] undocumented: a leading apostrophe written through Range.values (${JSON.stringify(value.slice(0, 30))})`);
    if (NUMBER_TEXT.test(value.trim())) {
      cell.value = Number(value);
      return;
    }
    const iso = ISO_DATE.exec(value.trim());
    const serial = iso ? daySerial(Number(iso[1]), Number(iso[2]), Number(iso[3]), date1904) : null;
    if (serial !== null) {
      cell.value = serial;
      return;
    }
    if (/^(true|false)$/i.test(value.trim())) {
      cell.value = value.trim().toLowerCase() === "true";
      return;
    }
    if (/^[=+\-@]/.test(value)) {
      // Excel reads it as a formula: the tests must never see this for data.
      cell.formula = value.startsWith("=") ? value : `=${value}`;
      cell.value = "#NAME?";
      return;
    }
    cell.value = value;
    return;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    cell.value = value;
    return;
  }
  throw new FakeExcelError("InvalidArgument", `cannot write ${JSON.stringify(value)}`);
}

/** Range.formulas: "=…" is a formula; anything else is a value. */
export function writeFormula(cell: FakeCell, value: unknown, date1904: boolean): void {
  if (typeof value === "string" && value.startsWith("=")) {
    cell.formula = value;
    cell.value = "";
  } else writeValue(cell, value, date1904);
}

/**
 * The custom functions as Sheets calls them: `KAM_GRADE(...)` (a generated top-level stub in
 * Code.js) forwards its arguments here. A cell in gives a value out, a range in gives the same shape
 * out; a bad cell gives "⚠ reason" as text in that cell alone.
 *
 * What Sheets hands a custom function (developers.google.com/apps-script/guides/sheets/functions):
 * a range as a 2-D array, a cell as its value, nothing for an omitted argument; an open-ended range
 * (`C2:C`, as Build matrix writes) down to the sheet's last row, blank cells as "". Trailing rows
 * blank in every range are dropped, so the result spills over the table's rows only and a note
 * typed further down a matrix column does not block it. Dates arrive "as Date objects in Apps
 * Script. If the spreadsheet and the script use different time zones … the custom function needs
 * to compensate": a Date is read as its calendar day in the spreadsheet's zone
 * (Utilities.formatDate, no Intl), as the builds read date cells.
 */
import { callFunction, isKamError, recognised, type Out } from "../core/functions";

export type SheetsOut = string | number;

const isBlankCell = (v: unknown) => v === "" || v === null || v === undefined;
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === "[object Date]";
/** A range: Sheets hands it as an array of row arrays, so its first row tells (no scan of every row). */
const isGrid = (a: unknown): a is unknown[][] => Array.isArray(a) && Array.isArray(a[0]);
/** Array.isArray, looked up once: a global looked up per cell is slow where globals are (a vm context). */
const isArray = Array.isArray;
/** A Date, looked for cheaply: most cells are text or numbers and are not objects at all. */
const isDateCell = (v: unknown): v is Date => typeof v === "object" && v !== null && isDate(v);

/** The last row (1-based) of a 2-D argument holding a non-blank cell; 0 when every cell is blank. */
function lastFilledRow(grid: readonly unknown[][]): number {
  for (let r = grid.length - 1; r >= 0; r--) if ((grid[r] as unknown[]).some((v) => !isBlankCell(v))) return r + 1;
  return 0;
}

/**
 * What is known of a range, worked out once per array: a per-cell call's big range is recognised
 * (core's `recognised`: the array seen before with the same cells), so this is found again by
 * identity and the call reads none of its cells again.
 */
interface Known {
  last: number;
  dated: boolean;
  /** The range cut to a number of rows, as handed to core (the same array each call). */
  cuts: Map<number, unknown[][]>;
}
const knownRanges = new WeakMap<object, Known>();
function known(grid: unknown[][]): Known {
  let k = knownRanges.get(grid);
  if (!k) {
    k = { last: lastFilledRow(grid), dated: hasDate(grid), cuts: new Map() };
    knownRanges.set(grid, k);
  }
  return k;
}

function cut(grid: unknown[][], rows: number): unknown[][] {
  const { cuts } = known(grid);
  let c = cuts.get(rows);
  if (!c) {
    if (cuts.size >= 4) cuts.clear();
    c = grid.slice(0, rows);
    cuts.set(rows, c);
  }
  return c;
}

/** The ranges cut to the last row any of them fills (at least one row): same heights, same alignment. */
export function trimTrailingBlankRows(args: readonly unknown[]): unknown[] {
  let last = 0;
  for (const a of args) if (isGrid(a) && a.length > 1) last = Math.max(last, known(a).last);
  const keep = Math.max(1, last);
  return args.map((a) => (isGrid(a) && a.length > keep ? cut(a, keep) : a));
}

function hasDate(a: unknown): boolean {
  if (!isArray(a)) return isDateCell(a);
  for (let r = 0; r < a.length; r++) {
    const row: unknown = a[r];
    if (!isArray(row)) {
      if (isDateCell(row)) return true;
      continue;
    }
    for (let c = 0; c < row.length; c++) if (isDateCell(row[c])) return true;
  }
  return false;
}

/** Dates as the calendar day they show in the spreadsheet (yyyy-MM-dd), everything else as it came. */
function withSheetDays(a: unknown, day: (d: Date) => string): unknown {
  if (isDate(a)) return isNaN(a.getTime()) ? a : day(a);
  if (!Array.isArray(a)) return a;
  return a.map((row) => (Array.isArray(row) ? row.map((v) => (isDate(v) && !isNaN(v.getTime()) ? day(v) : v)) : row));
}

export function customFunction(name: string, args: readonly unknown[]): SheetsOut | SheetsOut[][] {
  let cells = trimTrailingBlankRows(args.map((a) => (isGrid(a) ? recognised(a) : a)));
  if (cells.some((a) => (isGrid(a) ? known(a).dated : hasDate(a)))) {
    const zone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
    cells = cells.map((a) => withSheetDays(a, (d) => Utilities.formatDate(d, zone, "yyyy-MM-dd")));
  }
  const { result, scalarIn } = callFunction(name, cells);
  const out = result.map((row) => row.map((v: Out) => (isKamError(v) ? String(v) : v)));
  const only = out.length === 1 && out[0]?.length === 1 ? (out[0][0] as SheetsOut) : null;
  return scalarIn && only !== null ? only : out;
}

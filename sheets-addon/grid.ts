/**
 * A sheet plan laid out as the rectangular grids SpreadsheetApp writes in one call each
 * (`setValues`, `setTextStyles`, `setBackgrounds`), plus the number formats grouped as A1 ranges
 * per format (one `RangeList.setNumberFormat` per distinct format).
 *
 * Text is protected by the apostrophe, the way a person types text Sheets must not parse: every
 * string a plan holds is written as "'" + the string. `setValues` parses a string as if typed
 * (Range.setValues: "If a value begins with =, it's interpreted as a formula"; its example writes
 * '2.000' and '$2.99', which become numbers), and a typed leading apostrophe is not part of the
 * stored value (Sheets API ExtendedValue.stringValue: "Leading single quotes are not included. For
 * example, if the user typed '123 into the UI, this would be represented as a stringValue of
 * "123""). So a client called `=HYPERLINK(…)`, `+SUM(1,2)`, `0012` or `Mar 1` is stored exactly as
 * that text, and getValues, CSV and .xlsx exports see it without the apostrophe. The cells written
 * this way keep an automatic number format: what the apostrophe does in a cell formatted as plain
 * text ("@") is not documented, so the add-on never combines the two (docs/testing.md; the
 * in-sheet self-test checks both on the real host).
 */
import { columnLetters, rangeA1 } from "../core/a1";
import { isPlanDate, isPlanFormula, type CellStyle, type PlanValue, type SheetPlan } from "../core/plan";
import { dayToSerial, parseDate } from "../core/values";
import type { Sheet } from "./gas";

export type SheetValue = string | number | boolean;
const DATE_FORMAT = "yyyy-mm-dd";

/**
 * Adds columns at the sheet's right so that it has at least `last`. How many columns a sheet has
 * is asked (Sheet.getMaxColumns), never assumed.
 */
export function growColumns(sheet: Sheet, last: number): void {
  const max = sheet.getMaxColumns();
  if (last > max) sheet.insertColumnsAfter(max, last - max);
}

/** A string as setValues must receive it to store exactly that text. */
export function asText(s: string): string {
  return `'${s}`;
}

/** A1 notation of a 1-based rectangle. */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  return rangeA1({ row, col, rows, cols });
}
/** Whole columns from `col` for `cols` columns, from row `fromRow` down (open-ended: "J2:R"). */
export function columnsFrom(fromRow: number, col: number, cols = 1): string {
  return `${columnLetters(col)}${fromRow}:${columnLetters(col + cols - 1)}`;
}

/** Whole columns ("J:R"), e.g. for column developer metadata. */
export function wholeColumns(col: number, cols = 1): string {
  return `${columnLetters(col)}:${columnLetters(col + cols - 1)}`;
}

/** A plan value as setValues takes it: text with its apostrophe, dates as serial numbers (time-zone free). */
export function sheetValue(v: PlanValue): SheetValue {
  if (v === null || v === "") return "";
  if (typeof v === "string") return asText(v);
  if (isPlanFormula(v)) return v.formula;
  if (isPlanDate(v)) {
    const day = parseDate(v.date);
    return typeof day === "number" ? dayToSerial(day) : v.date;
  }
  return v;
}

/** The format a cell needs: the plan's (or none) for numbers and formulas; none for text; undefined for blank. */
export function formatFor(v: PlanValue, planFormat: string | null | undefined): string | null | undefined {
  if (v === null || v === "") return undefined;
  if (typeof v === "string") return null;
  if (isPlanDate(v)) return planFormat ?? DATE_FORMAT;
  return planFormat ?? null;
}

/** The widest line of a block (no spread: a block may hold a million rows). */
export function widthOf(lines: readonly (readonly unknown[])[]): number {
  let w = 0;
  for (const l of lines) if (l.length > w) w = l.length;
  return w;
}

/**
 * Groups per-cell formats into A1 ranges per format: runs down each column, blank cells joining the
 * run around them. `format(r, c)` is 0-based; `origin` is the 1-based top-left of the grid.
 */
export function formatRanges(
  rows: number,
  cols: number,
  format: (r: number, c: number) => string | null | undefined,
  origin: { row: number; col: number } = { row: 1, col: 1 },
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const close = (f: string | null, c: number, start: number, end: number) => {
    if (f === null) return;
    const list = out.get(f) ?? [];
    list.push(a1(origin.row + start, origin.col + c, end - start + 1, 1));
    out.set(f, list);
  };
  for (let c = 0; c < cols; c++) {
    let current: string | null = null;
    let start = -1;
    let last = -1;
    for (let r = 0; r < rows; r++) {
      const f = format(r, c);
      if (f === undefined) continue;
      if (start >= 0 && f === current) {
        last = r;
        continue;
      }
      if (start >= 0) close(current, c, start, last);
      current = f;
      start = r;
      last = r;
    }
    if (start >= 0) close(current, c, start, last);
  }
  return out;
}

export interface Grid {
  rows: number;
  cols: number;
  values: SheetValue[][];
  /** Format → A1 ranges. */
  formats: Map<string, string[]>;
  /** Style per cell (null: default). */
  styles: (CellStyle | null)[][];
  /** A1 ranges whose text wraps. */
  wraps: string[];
}

/** Rows and columns the plan covers: its size, or its blocks' extent should that be larger. */
export function planExtent(plan: SheetPlan): { rows: number; cols: number } {
  let rows = Math.max(plan.size.rows, 1);
  let cols = Math.max(plan.size.cols, 1);
  for (const b of plan.blocks) {
    rows = Math.max(rows, b.row + b.values.length - 1);
    cols = Math.max(cols, b.col + widthOf(b.values) - 1);
  }
  return { rows, cols };
}

/** The plan's blocks as one grid from A1 (`extra` rows and columns beyond it stay blank). */
export function planGrid(plan: SheetPlan, extra: { rows: number; cols: number } = { rows: 0, cols: 0 }): Grid {
  const extent = planExtent(plan);
  const rows = Math.max(extent.rows, extra.rows);
  const cols = extent.cols + extra.cols;
  const values: SheetValue[][] = Array.from({ length: rows }, () => new Array<SheetValue>(cols).fill(""));
  const planValues: PlanValue[][] = Array.from({ length: rows }, () => new Array<PlanValue>(cols).fill(null));
  const planFormats: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  const styles: (CellStyle | null)[][] = Array.from({ length: rows }, () => new Array<CellStyle | null>(cols).fill(null));
  const wraps: string[] = [];
  for (const b of plan.blocks) {
    b.values.forEach((line, i) => {
      const r = b.row - 1 + i;
      const rowValues = values[r] as SheetValue[];
      const rowPlan = planValues[r] as PlanValue[];
      const rowFormats = planFormats[r] as (string | null)[];
      const rowStyles = styles[r] as (CellStyle | null)[];
      line.forEach((v, j) => {
        const c = b.col - 1 + j;
        rowValues[c] = sheetValue(v);
        rowPlan[c] = v;
        rowFormats[c] = b.formats?.[j] ?? null;
        const style = i === 0 && b.headerStyle ? b.headerStyle : (b.style ?? null);
        if (style) rowStyles[c] = style;
      });
    });
    const width = widthOf(b.values);
    if (b.headerStyle?.wrap && width > 0) wraps.push(a1(b.row, b.col, 1, width));
    else if (b.style?.wrap && width > 0) wraps.push(a1(b.row, b.col, b.values.length, width));
  }
  const formats = formatRanges(rows, cols, (r, c) => formatFor(planValues[r]?.[c] ?? null, planFormats[r]?.[c]));
  return { rows, cols, values, formats, styles, wraps };
}

/** Characters → pixels for column widths (Sheets' default 100 px is about 12 characters). */
const columnPixels = (chars: number): number => Math.round(chars * 7 + 12);

/** Runs of equal widths: [first column (1-based), count, pixels]. */
export function widthRuns(widths: readonly number[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  widths.forEach((w, i) => {
    const px = columnPixels(w);
    const last = runs[runs.length - 1];
    if (last && last[2] === px && last[0] + last[1] === i + 1) last[1]++;
    else runs.push([i + 1, 1, px]);
  });
  return runs;
}

/**
 * Where each part of the portfolio tab goes and how its headings look. Rows 1–4: title and
 * subtitles; rows 5–11: summary by grade, by quadrant, health; rows 11–14: warnings under the grade
 * summary; the chart in rows 1–14 right of the health block (in the first screen, outside the
 * printed columns); the table from row 15.
 */
import type { CellStyle, PlanValue } from "../plan";
import type { ClientResult } from "../portfolio";

/** A column of the ranked table: its header, width, number format and each client's value. */
export interface Column {
  header: string;
  width: number;
  format: string | null;
  value: (c: ClientResult) => PlanValue;
}

export const TABLE_HEADER_ROW = 15;
export const SUMMARY_ROW = 5;
/** Warnings: a header and up to three lines, below the grade summary. */
export const WARNING_ROW = 11;
export const WARNING_LINES = 4;
/**
 * The key columns of the ranked table (Rank … Pain): the ones printed, one page wide at a legible
 * scale (about 78% on a landscape page: 8.6-pt text); every column would be 3-pt text.
 */
export const PRINT_COLUMNS = 15;
/** The chart floats over the top band, right of the health block and of the printed columns. */
export const CHART_COLUMN = PRINT_COLUMNS + 1;

/** How many columns from `from` (1-based) a width of `px` pixels spans, at 7 px a character plus 5 of padding. */
export function columnsSpanning(widths: readonly number[], from: number, px: number): number {
  let n = 0;
  for (let covered = 0; covered < px; n++) covered += Math.trunc((widths[from - 1 + n] ?? 8.43) * 7 + 5);
  return n;
}

export const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F4E78", fontColor: "#FFFFFF", wrap: true };
/** Summary headers stay on one line (their text may run into the empty cells beside them). */
export const SUMMARY_HEADER_STYLE: CellStyle = { ...HEADER_STYLE, wrap: false };
export const SECTION_STYLE: CellStyle = { bold: true, fontSize: 12, fontColor: "#1F4E78" };

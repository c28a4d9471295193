/**
 * Where each part of the portfolio tab goes and how its headings look. Rows 1–4: title and
 * subtitles; rows 5–11: summary by grade, by quadrant, health; rows 11–14: warnings under the grade
 * summary; the chart in rows 1–14 right of the health block (in the first screen); the table from
 * row 15.
 */
import type { CellStyle } from "../plan";

export const TABLE_HEADER_ROW = 15;
export const SUMMARY_ROW = 5;
/** Warnings: a header and up to three lines, below the grade summary. */
export const WARNING_ROW = 11;
export const WARNING_LINES = 4;
/** The chart floats over the top band, right of the health block and its text values. */
export const CHART_COLUMN = 15;

export const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F4E78", fontColor: "#FFFFFF", wrap: true };
/** Summary headers stay on one line (their text may run into the empty cells beside them). */
export const SUMMARY_HEADER_STYLE: CellStyle = { ...HEADER_STYLE, wrap: false };
export const SECTION_STYLE: CellStyle = { bold: true, fontSize: 12, fontColor: "#1F4E78" };

/**
 * The host-neutral sheet plan every host renders (ExcelJS/XML, SpreadsheetApp, Office.js): the
 * names and markers of the add-in's own sheets, plan values (text, numbers, dates, formulas the
 * add-in wrote itself), styles, blocks, conditional fills, chart specs and number formats.
 * core/layout.ts fills a SheetPlan; adapters' render.ts write one.
 *
 * Text from the data is always a plain string value; a formula is a `{ formula }` object the
 * add-in wrote itself. Hosts must write strings as text, never as formulas.
 */
import type { RangeRef } from "./a1";
import type { Grade } from "./settings";

export const PORTFOLIO_SHEET = "KAM Portfolio";
export const HISTORY_SHEET = "KAM History";
/** Markers (developer metadata key / defined name / custom XML tag) that make a sheet ours. */
export const PORTFOLIO_MARKER = "kam-portfolio:portfolio";
export const HISTORY_MARKER = "kam-portfolio:history";
export const MATRIX_MARKER = "kam-portfolio:matrix";
export const HISTORY_HEADERS = ["Date", "Client", "Grade", "Score", "Quadrant"] as const;
/** SPEC §7a: the history keeps the snapshots of the last 24 builds … */
export const HISTORY_BUILDS_KEPT = 24;
/** … and a build reads the last four (each client's last four grades). */
export const HISTORY_BUILDS_READ = 4;

export interface PlanDate {
  /** ISO yyyy-mm-dd. */
  date: string;
}
export interface PlanFormula {
  formula: string;
}
export type PlanValue = string | number | boolean | null | PlanDate | PlanFormula;

/**
 * Text a spreadsheet would read as a formula if typed or written as a value (SPEC §9: starts with
 * =, +, - or @; tab and CR too). Hosts write such text from the data as text.
 */
export function looksLikeFormula(v: unknown): v is string {
  return typeof v === "string" && /^[=+\-@\t\r]/.test(v);
}

export const isPlanDate = (v: unknown): v is PlanDate => typeof v === "object" && v !== null && "date" in v;
export const isPlanFormula = (v: unknown): v is PlanFormula => typeof v === "object" && v !== null && "formula" in v;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** #RRGGBB */
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
}

export type { RangeRef };

export type BlockRole = "title" | "subtitle" | "section" | "summary" | "table" | "at-risk" | "migration" | "needs-data" | "skipped" | "chart-data";

export interface Block {
  role: BlockRole;
  /** 1-based top-left cell. */
  row: number;
  col: number;
  values: PlanValue[][];
  /** Number format per column of the block (Excel/Sheets pattern), null for General. */
  formats?: (string | null)[];
  style?: CellStyle;
  /** Style of the block's first row (table headers). */
  headerStyle?: CellStyle;
}

export interface ConditionalFill {
  range: RangeRef;
  /** The cell text that triggers the fill. */
  equals: string;
  fill?: string;
  fontColor?: string;
}

export interface ChartSeries {
  name: string;
  x: RangeRef;
  y: RangeRef;
  color: string;
  /** points: markers only; line: a boundary; label: an invisible point labelled with the series name. */
  kind: "points" | "line" | "label";
}

export interface ChartSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  min: number;
  max: number;
  threshold: number;
  /** Top-left cell (1-based) and size in pixels. */
  anchor: { row: number; col: number; width: number; height: number };
  series: ChartSeries[];
}

/** A line chart of one series (the profit curve, SPEC §12): x as its categories, y as its values. */
export interface LineChartSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  /** One column each, the data rows only; the row above each holds its header. */
  x: RangeRef;
  y: RangeRef;
  /** The series' name (the y column's header). */
  name: string;
  color: string;
  /** Number format of the axes' labels. */
  format: string;
  anchor: { row: number; col: number; width: number; height: number };
}

export interface SheetPlan {
  name: string;
  marker: string;
  blocks: Block[];
  /** Width in characters of columns 1, 2, … */
  columnWidths: number[];
  freezeRows: number;
  freezeCols: number;
  /** The ranked table: header row and data rows, for the auto-filter / Excel table. */
  table: { name: string; range: RangeRef; gradeColumn: number };
  conditionalFills: ConditionalFill[];
  chart: ChartSpec | null;
  /** The profit curve beside the quadrant chart (SPEC §12), when some client's profit is known and the total is positive. */
  profitChart?: LineChartSpec | null;
  /**
   * Page setup. `print`: the ranges printed, each from a new page (the key columns of the table,
   * then the chart), so that fitting them to the page width keeps the text legible; the table's
   * columns when absent. `fitToWidth` only when that scale is legible (see `fitScale`).
   */
  page: { orientation: "landscape" | "portrait"; fitToWidth: boolean; print?: RangeRef[] };
  /** Rows and columns the plan spans. */
  size: { rows: number; cols: number };
}

export const GRADE_COLOURS: Record<Grade, { fill: string; font: string; point: string }> = {
  A: { fill: "#C6EFCE", font: "#006100", point: "#2E7D32" },
  B: { fill: "#FFEB9C", font: "#9C5700", point: "#F9A825" },
  C: { fill: "#E7E6E6", font: "#3A3838", point: "#757575" },
};

export const FORMATS = {
  integer: "0",
  money: "#,##0",
  score: "0.0",
  percent: "0%",
  percent1: "0.0%",
  date: "yyyy-mm-dd",
  text: "@",
} as const;

/** Points a column `width` characters wide takes on paper: Calibri 11 is 7 px a character plus 5 px of padding, at 96 px an inch. */
export function columnPoints(width: number): number {
  return (Math.trunc(width * 7 + 5) * 72) / 96;
}

/** Points across a page inside the margins hosts set (0.4 in each side) on Letter, the narrower of Letter and A4. */
const PRINTABLE_POINTS = { landscape: (11 - 0.8) * 72, portrait: (8.5 - 0.8) * 72 } as const;

/** The smallest scale at which a page fitted to its width still prints legible text: 11-pt text at 7.7 pt. */
export const LEGIBLE_SCALE = 0.7;

/** The scale that fits columns of these widths (characters; undefined: the default 8.43) on one page width, at most 1. */
export function fitScale(widths: readonly (number | undefined)[], orientation: "landscape" | "portrait"): number {
  let points = 0;
  for (const w of widths) points += columnPoints(w ?? 8.43);
  return points === 0 ? 1 : Math.min(1, PRINTABLE_POINTS[orientation] / points);
}

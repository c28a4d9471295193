/**
 * Writing a plan through Office.js: a SheetPlan (core/plan.ts) into a new sheet, and a MatrixPlan
 * (core/matrix.ts) into the data sheet. Each write is a step with its payload size (payload.ts), so
 * the port can pack them into as few syncs as Excel on the web's 5 MB request limit allows.
 *
 * Text from the data that Excel would not store as written (needsTextFormat) gets the text number
 * format before its value is written; only `{ formula }` plan values become formulas; dates are
 * serial numbers in the workbook's date system (date-system.ts). Enum values are written as their
 * string literals so this runs against a fake `Excel`.
 */
import { isPlanDate, isPlanFormula, looksLikeFormula, type Block, type CellStyle, type PlanValue, type RangeRef, type SheetPlan } from "../core/plan";
import type { MatrixPlan } from "../core/matrix";
import { rangeA1 } from "../core/a1";
import { isoToSerial } from "../core/values";
import { addChart, addLineChart } from "./chart";
import { jsonBytes, OP_OVERHEAD, rowChunks, type Step } from "./payload";

/** Excel's text number format. */
export const TEXT = "@";

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?\s*$/i;

/**
 * Text Excel would not keep as written through Range.values: "If the returned value starts with a
 * plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula" (and @,
 * tab, CR, as the SPEC lists them); an ISO date ("use … ISO (YYYY-MM-DD) … to ensure dates are
 * stored as dates"); a number or a boolean; a leading apostrophe (what it does here is not
 * documented). Such a cell gets the text number format first: "Text format cells are treated as
 * text … The cell is displayed exactly as entered."
 */
export function needsTextFormat(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const formula: boolean = looksLikeFormula(v);
  return formula || v.startsWith("'") || NUMBER_TEXT.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v) || /^\s*(true|false)\s*$/i.test(v);
}
/** Excel column width in points per character of the plan's widths. */
const POINTS_PER_CHAR = 6;
/** The portfolio sheet's tab colour. */
const TAB_COLOUR = "#1F4E78";

/** How a plan is written: the request payload allowed per sync, and the workbook's date system. */
export interface WriteOptions {
  budget: number;
  /** The workbook counts its dates from 1904. */
  date1904: boolean;
}

/** A plan value as Excel takes it: dates as serial numbers in the workbook's date system, formulas as their text. */
function excelValue(v: PlanValue, date1904: boolean): string | number | boolean | null {
  if (v === null) return null;
  if (isPlanFormula(v)) return v.formula;
  if (isPlanDate(v)) return isoToSerial(v.date, date1904);
  return v;
}

/**
 * The steps that write `plan` into a new sheet called `name`, its ranked table named `tableName`.
 * `sheet()` is that sheet once the first step has run.
 */
export function sheetSteps(wb: Excel.Workbook, name: string, tableName: string, plan: SheetPlan, o: WriteOptions): { steps: Step[]; sheet: () => Excel.Worksheet } {
  let created: Excel.Worksheet | null = null;
  const sheet = () => {
    if (!created) throw new Error(`the sheet "${name}" is not created yet`);
    return created;
  };
  const steps: Step[] = [
    {
      bytes: OP_OVERHEAD * 4,
      run: () => {
        const ws = wb.worksheets.add(name);
        created = ws;
        ws.tabColor = TAB_COLOUR;
        plan.columnWidths.forEach((w, j) => {
          ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = w * POINTS_PER_CHAR;
        });
      },
    },
  ];
  for (const b of plan.blocks) for (const s of blockSteps(sheet, b, o)) steps.push(s);
  steps.push({ bytes: OP_OVERHEAD * 4, run: () => tableAndFormats(sheet(), plan, tableName) });
  const chart = plan.chart;
  if (chart) steps.push({ bytes: OP_OVERHEAD * (8 + chart.series.length * 8), run: () => addChart(sheet(), chart) });
  const profitChart = plan.profitChart;
  if (profitChart) steps.push({ bytes: OP_OVERHEAD * 12, run: () => addLineChart(sheet(), profitChart) });
  return { steps, sheet };
}

/**
 * The steps that write the matrix columns into the data sheet: the previous columns cleared, the
 * header (handed to `markHeader`, which names it), number formats, then the values or, with spill,
 * one formula per column in the first data row.
 */
export function matrixSteps(ws: Excel.Worksheet, plan: MatrixPlan, o: WriteOptions, markHeader: (header: Excel.Range) => void): Step[] {
  const steps: Step[] = [];
  const width = plan.headers.length;
  const height = plan.lastDataRow - plan.headerRow + 1;
  steps.push({
    bytes: OP_OVERHEAD * 3,
    run: () => {
      if (plan.previous) ws.getRangeByIndexes(plan.headerRow - 1, plan.previous.column - 1, height, plan.previous.count).clear("Contents");
      const header = ws.getRangeByIndexes(plan.headerRow - 1, plan.column - 1, 1, width);
      header.values = [plan.headers];
      header.format.font.bold = true;
      markHeader(header);
    },
  });
  plan.formats.forEach((f, j) => {
    if (f) steps.push({ bytes: formatBytes(f, plan.cells.length, 1), run: () => setFormat(ws.getRangeByIndexes(plan.firstDataRow - 1, plan.column - 1 + j, plan.cells.length, 1), f, plan.cells.length, 1) });
  });
  if (plan.spill) {
    const formulas = (plan.cells[0] ?? []).map((v) => (isPlanFormula(v) ? v.formula : null));
    steps.push({ bytes: jsonBytes(formulas) + OP_OVERHEAD, run: () => (ws.getRangeByIndexes(plan.firstDataRow - 1, plan.column - 1, 1, width).formulas = [formulas]) });
  } else {
    for (const s of valueSteps(ws, plan.firstDataRow, plan.column, plan.cells, plan.formats, o)) steps.push(s);
  }
  return steps;
}

/**
 * One number format for every cell of a `rows` × `cols` range, as the 2-D array Range.numberFormat
 * is typed as (a single value for a 2-D property is not documented any more).
 */
export function setFormat(r: Excel.Range, format: string, rows: number, cols: number): void {
  const line = new Array<string>(cols).fill(format);
  const grid: string[][] = [];
  for (let i = 0; i < rows; i++) grid.push(line);
  r.numberFormat = grid;
}

/** The payload of setFormat's array. */
export function formatBytes(format: string, rows: number, cols: number): number {
  return OP_OVERHEAD + rows * (cols * (format.length + 3) + 2);
}

/** The widest line of a grid (no spread: a block may hold a million rows). */
export function widthOf(lines: readonly (readonly unknown[])[]): number {
  let w = 0;
  for (const l of lines) if (l.length > w) w = l.length;
  return w;
}

function applyStyle(r: Excel.Range, s: CellStyle): void {
  if (s.bold !== undefined) r.format.font.bold = s.bold;
  if (s.italic !== undefined) r.format.font.italic = s.italic;
  if (s.fontSize !== undefined) r.format.font.size = s.fontSize;
  if (s.fontColor !== undefined) r.format.font.color = s.fontColor;
  if (s.fill !== undefined) r.format.fill.color = s.fill;
  if (s.wrap !== undefined) r.format.wrapText = s.wrap;
}

/**
 * Values of a rectangle in row chunks, each cell that Excel would read as a formula given the text
 * format first (in the same chunk, before its value).
 */
function valueSteps(ws: Excel.Worksheet | (() => Excel.Worksheet), row: number, col: number, cells: readonly PlanValue[][], formats: readonly (string | null)[] | undefined, o: WriteOptions): Step[] {
  const sheet = typeof ws === "function" ? ws : () => ws;
  const values = cells.map((r) => r.map((v) => excelValue(v, o.date1904)));
  const steps: Step[] = [];
  for (const c of rowChunks(values, Math.floor(o.budget / 4))) {
    const width = widthOf(c.rows);
    // Cells Excel would read as formulas get the text format first: a whole column of the chunk
    // when it holds only text, else cell by cell (one operation each).
    const textCols: number[] = [];
    const textCells: [number, number][] = [];
    for (let j = 0; j < width; j++) {
      if (formats?.[j] === TEXT) continue;
      const risky: number[] = [];
      let allText = true;
      c.rows.forEach((r, i) => {
        const v = r[j];
        const src = cells[c.start + i]?.[j];
        if (isPlanFormula(src) || (v !== null && v !== undefined && typeof v !== "string")) allText = false;
        if (needsTextFormat(v) && !isPlanFormula(src)) risky.push(i);
      });
      if (risky.length === 0) continue;
      if (allText && risky.length > 1) textCols.push(j);
      else for (const i of risky) textCells.push([i, j]);
    }
    const rows = c.rows.map((r) => (r.length === width ? r : r.concat(new Array<null>(width - r.length).fill(null))));
    steps.push({
      bytes: c.bytes + OP_OVERHEAD * (1 + textCells.length) + textCols.length * formatBytes(TEXT, rows.length, 1),
      run: () => {
        const s = sheet();
        for (const j of textCols) setFormat(s.getRangeByIndexes(row - 1 + c.start, col - 1 + j, rows.length, 1), TEXT, rows.length, 1);
        for (const [i, j] of textCells) s.getRangeByIndexes(row - 1 + c.start + i, col - 1 + j, 1, 1).numberFormat = [[TEXT]];
        if (width > 0) s.getRangeByIndexes(row - 1 + c.start, col - 1, rows.length, width).values = rows;
      },
    });
  }
  return steps;
}

/** One block: number formats per column, then values, then styles. */
function blockSteps(sheet: () => Excel.Worksheet, b: Block, o: WriteOptions): Step[] {
  const rows = b.values.length;
  const cols = widthOf(b.values);
  if (rows === 0 || cols === 0) return [];
  const steps: Step[] = [];
  const bodyStart = b.headerStyle ? 1 : 0;
  if (b.formats && rows > bodyStart) {
    const formats = b.formats;
    const body = rows - bodyStart;
    for (const [j, f] of formats.entries()) {
      if (f) steps.push({ bytes: formatBytes(f, body, 1), run: () => setFormat(sheet().getRangeByIndexes(b.row - 1 + bodyStart, b.col - 1 + j, body, 1), f, body, 1) });
    }
  }
  // Header rows hold our own words: they never need the text format.
  for (const s of valueSteps(sheet, b.row, b.col, b.values, b.formats, o)) steps.push(s);
  if (b.style || b.headerStyle) {
    steps.push({
      bytes: OP_OVERHEAD * 4,
      run: () => {
        if (b.style) applyStyle(sheet().getRangeByIndexes(b.row - 1, b.col - 1, rows, cols), b.style);
        if (b.headerStyle) applyStyle(sheet().getRangeByIndexes(b.row - 1, b.col - 1, 1, cols), b.headerStyle);
      },
    });
  }
  return steps;
}

export function rangeOf(ws: Excel.Worksheet, r: RangeRef): Excel.Range {
  return ws.getRangeByIndexes(r.row - 1, r.col - 1, r.rows, r.cols);
}

/** The ranked list as an Excel table, conditional fills, frozen panes, page setup. */
function tableAndFormats(ws: Excel.Worksheet, plan: SheetPlan, tableName: string): void {
  if (plan.table.range.rows >= 2) {
    const t = ws.tables.add(rangeOf(ws, plan.table.range), true);
    t.name = tableName;
    t.style = "TableStyleLight1";
  }
  for (const f of plan.conditionalFills) {
    const cf = rangeOf(ws, f.range).conditionalFormats.add("CellValue");
    cf.cellValue.rule = { formula1: `="${f.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
    if (f.fill) cf.cellValue.format.fill.color = f.fill;
    if (f.fontColor) cf.cellValue.format.font.color = f.fontColor;
  }
  if (plan.freezeRows > 0 || plan.freezeCols > 0) {
    ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, Math.max(1, plan.freezeRows), Math.max(1, plan.freezeCols)));
  }
  ws.pageLayout.orientation = plan.page.orientation === "landscape" ? "Landscape" : "Portrait";
  if (plan.page.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  // The plan's print ranges (each area prints from a new page) and the table's header row on every page, as the .xlsx does.
  if (plan.page.print?.length) ws.pageLayout.setPrintArea(plan.page.print.map((r) => rangeA1(r)).join(","));
  ws.pageLayout.setPrintTitleRows(`$${plan.table.range.row}:$${plan.table.range.row}`);
}

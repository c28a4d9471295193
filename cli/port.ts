/**
 * The file host's WorkbookPort. ExcelJS reads the cells (cli/read.ts) and renders the sheet plan
 * of the KAM Portfolio tab — values, number formats, styles, grade colours as conditional fills,
 * frozen header, auto-filter, column widths, page setup — into a workbook of its own; then
 * cli/xlsx/write.ts splices that sheet, the matrix columns, the history and the chart into the
 * user's package without re-serialising anything else of it.
 *
 * Strings from the data are written as text (ExcelJS string cells; the matrix and history as
 * inline strings), never as formulas; only `{ formula }` plan values become formulas.
 */
import ExcelJS from "exceljs";
import { HISTORY_HEADERS, HISTORY_SHEET, isPlanDate, isPlanFormula, type Block, type CellStyle, type PlanValue, type SheetPlan } from "../core/plan";
import type { MatrixPlan } from "../core/matrix";
import type { SnapshotRow } from "../core/model/history";
import type { WorkbookPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import type { Source } from "./read";
import { columnName } from "./xlsx/xml";

const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

function excelStyle(style: CellStyle | undefined, numFmt: string | null | undefined): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style) {
    const font: Partial<ExcelJS.Font> = {};
    if (style.bold) font.bold = true;
    if (style.italic) font.italic = true;
    if (style.fontSize) font.size = style.fontSize;
    if (style.fontColor) font.color = { argb: argb(style.fontColor) };
    if (Object.keys(font).length) out.font = font;
    if (style.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    if (style.wrap) out.alignment = { wrapText: true, vertical: "top" };
  }
  if (numFmt) out.numFmt = numFmt;
  return out;
}

/** A plan value as an ExcelJS cell value: text stays text, dates are UTC days. */
export function excelValue(v: PlanValue): ExcelJS.CellValue {
  if (isPlanFormula(v)) return { formula: v.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  if (isPlanDate(v)) return new Date(`${v.date}T00:00:00Z`);
  return v;
}

/**
 * Rows of a long block left for the fast writer (cli/xlsx/write.ts): ExcelJS renders the header
 * and the first body row, whose cell styles the remaining rows reuse column by column.
 */
export interface DeferredRows {
  row: number;
  col: number;
  values: PlanValue[][];
  /** The rendered row whose styles the deferred rows take. */
  styleRow: number;
}

/** Blocks longer than this have their body rows after the first written by the fast writer. */
export const RENDER_ROWS = 50;

function renderBlock(ws: ExcelJS.Worksheet, b: Block): DeferredRows | null {
  const width = Math.max(0, ...b.values.map((r) => r.length));
  // One style object per column (and one for the header row), shared by its cells, never mutated.
  const body = Array.from({ length: width }, (_, j) => excelStyle(b.style, b.formats?.[j]));
  const head = b.headerStyle ? Array.from({ length: width }, () => excelStyle(b.headerStyle, null)) : body;
  const firstBody = b.headerStyle ? 1 : 0;
  const rendered = b.values.length > RENDER_ROWS ? firstBody + 1 : b.values.length;
  b.values.slice(0, rendered).forEach((row, i) => {
    const styles = i === 0 ? head : body;
    const r = ws.getRow(b.row + i);
    row.forEach((v, j) => {
      const style = styles[j] as Partial<ExcelJS.Style>;
      if (v === null && Object.keys(style).length === 0) return;
      const cell = r.getCell(b.col + j);
      if (v !== null) cell.value = excelValue(v);
      if (Object.keys(style).length) cell.style = style;
    });
  });
  if (rendered === b.values.length) return null;
  return { row: b.row + rendered, col: b.col, values: b.values.slice(rendered), styleRow: b.row + firstBody };
}

const a1 = (row: number, col: number) => `${columnName(col)}${row}`;

/**
 * Renders a sheet plan into an ExcelJS worksheet (the chart is added as DrawingML afterwards);
 * returns the body rows of long blocks, left for the fast writer.
 */
export function renderSheetPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): DeferredRows[] {
  const deferred: DeferredRows[] = [];
  plan.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const b of plan.blocks) {
    const d = renderBlock(ws, b);
    if (d) deferred.push(d);
  }
  // Subtitle lines (build, settings, columns) wrap across the columns left of the chart rather
  // than running under it.
  const span = Math.max(1, (plan.chart ? plan.chart.anchor.col : plan.table.range.cols + 1) - 1);
  const spanChars = plan.columnWidths.slice(0, span).reduce((a, w) => a + w, 0);
  for (const b of plan.blocks) {
    if (b.role !== "subtitle") continue;
    b.values.forEach((row, i) => {
      const text = row[0];
      if (typeof text !== "string" || row.length !== 1 || b.col !== 1) return;
      const r = b.row + i;
      ws.mergeCells(r, 1, r, span);
      const cell = ws.getCell(r, 1);
      cell.style = { ...cell.style, alignment: { wrapText: true, vertical: "top" } };
      const lines = Math.ceil((text.length * 0.95) / Math.max(1, spanChars));
      if (lines > 1) ws.getRow(r).height = 14 * Math.min(lines, 5);
    });
  }
  // Rows with a large font (the title) get room for it.
  for (const b of plan.blocks) {
    if (b.style?.fontSize && b.style.fontSize > 11) b.values.forEach((_, i) => (ws.getRow(b.row + i).height = Math.round((b.style?.fontSize ?? 11) * 1.4)));
  }
  // Wrapped header rows get the height of their longest header (no host autofits on open).
  for (const b of plan.blocks) {
    if (!b.headerStyle?.wrap) continue;
    const lines = Math.max(1, ...(b.values[0] ?? []).map((v, j) => {
      const width = plan.columnWidths[b.col + j - 1] ?? 9;
      return typeof v === "string" ? Math.ceil((v.length * 1.1) / Math.max(1, width - 1)) : 1;
    }));
    if (lines > 1) ws.getRow(b.row).height = 15 * Math.min(lines, 4);
  }
  let priority = 1;
  for (const f of plan.conditionalFills) {
    const style: Partial<ExcelJS.Style> = {};
    if (f.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(f.fill) } };
    if (f.fontColor) style.font = { color: { argb: argb(f.fontColor) } };
    ws.addConditionalFormatting({
      ref: `${a1(f.range.row, f.range.col)}:${a1(f.range.row + f.range.rows - 1, f.range.col + f.range.cols - 1)}`,
      rules: [{ type: "cellIs", operator: "equal", formulae: [`"${f.equals.replace(/"/g, '""')}"`], style, priority: priority++ }],
    });
  }
  ws.views = [
    {
      state: "frozen",
      xSplit: plan.freezeCols,
      ySplit: plan.freezeRows,
      topLeftCell: a1(plan.freezeRows + 1, plan.freezeCols + 1),
      activeCell: "A1",
      showGridLines: true,
    },
  ];
  const t = plan.table.range;
  if (t.rows > 1) ws.autoFilter = { from: { row: t.row, column: t.col }, to: { row: t.row + t.rows - 1, column: t.col + t.cols - 1 } };
  ws.pageSetup = {
    orientation: plan.page.orientation,
    fitToPage: plan.page.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  return deferred;
}

/** The values of a plan at a 1-based range (for the chart's cached numbers). */
export function planValuesAt(plan: SheetPlan, r: { row: number; col: number; rows: number; cols: number }): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const row = r.row + i;
      const col = r.col + j;
      let v: PlanValue = null;
      for (const b of plan.blocks) {
        if (row >= b.row && row < b.row + b.values.length && col >= b.col) {
          const x = b.values[row - b.row]?.[col - b.col];
          if (x !== undefined) v = x;
        }
      }
      out.push(typeof v === "number" ? v : null);
    }
  }
  return out;
}

/** Height in pixels of rows from..to as rendered (15 pt rows unless set). */
function rowsHeightPx(ws: ExcelJS.Worksheet, from: number, to: number): number {
  let pt = 0;
  for (let r = from; r <= to; r++) pt += ws.getRow(r).height ?? 15;
  return Math.round((pt * 4) / 3);
}

export interface PortfolioWrite {
  /** The plan, its chart sized to the band above the table as this host renders its rows. */
  plan: SheetPlan;
  snapshot: SnapshotRow[];
  /** The ExcelJS workbook holding the rendered portfolio sheet (first) and a history header sheet. */
  book: ExcelJS.Workbook;
  /** Body rows of long blocks, for the fast writer. */
  deferred: DeferredRows[];
}

export class ExcelJsPort implements WorkbookPort {
  reads = 0;
  matrix: MatrixPlan | null = null;
  portfolio: PortfolioWrite | null = null;
  settings: Settings | null = null;

  constructor(readonly source: Source) {}

  async read(): Promise<WorkbookState> {
    this.reads++;
    const s = this.source;
    return { sheetName: s.sheetName, rows: s.rows, isOwnSheet: s.isOwnSheet, matrix: s.matrix, history: s.history, settings: s.settings };
  }

  async writeMatrix(plan: MatrixPlan): Promise<void> {
    this.matrix = plan;
  }

  async writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void> {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet(plan.name);
    const deferred = renderSheetPlan(ws, plan);
    if (plan.chart) {
      const band = rowsHeightPx(ws, plan.chart.anchor.row, plan.table.range.row - 1) - 6;
      plan = { ...plan, chart: { ...plan.chart, anchor: { ...plan.chart.anchor, height: Math.max(plan.chart.anchor.height, band) } } };
    }
    const history = book.addWorksheet(HISTORY_SHEET);
    history.getRow(1).values = [...HISTORY_HEADERS];
    history.getRow(1).font = { bold: true };
    history.getColumn(1).width = 22;
    history.getColumn(2).width = 28;
    history.getColumn(5).width = 22;
    this.portfolio = { plan, snapshot, book, deferred };
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.settings = settings;
  }
}

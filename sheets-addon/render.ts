/**
 * Writing a plan through SpreadsheetApp: a SheetPlan (core/plan.ts) into a fresh sheet, a
 * MatrixPlan (core/matrix.ts) into the data sheet. A constant number of service calls whatever the
 * number of rows: whole grids (setValues, setTextStyles, setBackgrounds, laid out by grid.ts) and
 * one RangeList per number format. The chart is chart.ts's.
 */
import type { MatrixPlan } from "../core/matrix";
import type { CellStyle, PlanValue, SheetPlan } from "../core/plan";
import { chartTable, insertChart, insertLineChart } from "./chart";
import type { Services, Sheet, SpreadsheetAppApi, TextStyle } from "./gas";
import { a1, asText, columnsFrom, formatRanges, formatFor, growColumns, planExtent, planGrid, sheetValue, widthRuns, type SheetValue } from "./grid";

const MATRIX_HEADER_FILL = "#DDEBF7";
const MATRIX_HEADER_FONT = "#1F4E78";
const TAB_COLOUR = "#1F4E78";

/** A text style per distinct cell style, each built once. */
function textStyles(app: SpreadsheetAppApi): (style: CellStyle | null) => TextStyle {
  const cache = new Map<string, TextStyle>();
  return (style) => {
    const key = JSON.stringify(style ?? {});
    let t = cache.get(key);
    if (!t) {
      let b = app.newTextStyle();
      if (style?.bold !== undefined) b = b.setBold(style.bold);
      if (style?.italic !== undefined) b = b.setItalic(style.italic);
      if (style?.fontSize !== undefined) b = b.setFontSize(style.fontSize);
      if (style?.fontColor !== undefined) b = b.setForegroundColor(style.fontColor);
      t = b.build();
      cache.set(key, t);
    }
    return t;
  };
}

/**
 * The matrix columns into the data sheet: columns added when the sheet is too narrow, the previous
 * matrix cleared, the formats of the cells written reset (a formula or an apostrophe written into a
 * cell formatted as plain text is not documented: a user's "@" column must not turn the formulas
 * into text), number formats, then the header and values. With spill, only the header row and the
 * first data row (one formula per column) are written; the rest stays empty for the formulas to
 * spill into.
 */
export function renderMatrix(gas: Services, sheet: Sheet, plan: MatrixPlan): void {
  const width = plan.headers.length;
  growColumns(sheet, plan.column + width - 1);
  // The previous matrix is cleared down to the table's last row, not below it: a note there is the owner's.
  if (plan.previous) sheet.getRangeList([a1(plan.headerRow, plan.previous.column, plan.lastDataRow - plan.headerRow + 1, plan.previous.count)]).clear();

  const body = plan.spill ? plan.cells.slice(0, 1) : plan.cells;
  const grid: SheetValue[][] = [plan.headers.map(asText)];
  for (const row of body) grid.push(row.map(sheetValue));
  const written = sheet.getRange(plan.headerRow, plan.column, grid.length, width);
  written.clearFormat();
  const formats = plan.spill
    ? new Map<string, string[]>()
    : formatRanges(body.length, width, (r, c) => formatFor(body[r]?.[c] ?? null, plan.formats[c]), { row: plan.firstDataRow, col: plan.column });
  if (plan.spill) {
    plan.formats.forEach((f, c) => {
      if (!f) return;
      const list = formats.get(f) ?? [];
      list.push(columnsFrom(plan.firstDataRow, plan.column + c));
      formats.set(f, list);
    });
  }
  for (const [format, ranges] of formats) sheet.getRangeList(ranges).setNumberFormat(format);
  written.setValues(grid);
  const header = sheet.getRange(plan.headerRow, plan.column, 1, width);
  header.setTextStyle(textStyles(gas.SpreadsheetApp)({ bold: true, fontColor: MATRIX_HEADER_FONT }));
  header.setBackground(MATRIX_HEADER_FILL);
}

/** A sheet plan into a fresh sheet, with the chart over a hidden helper table right of it. */
export function renderSheet(gas: Services, sheet: Sheet, plan: SheetPlan): void {
  const chartCol = planExtent(plan).cols + 2;
  const cell = (row: number, col: number): PlanValue => {
    for (const b of plan.blocks) {
      const line = b.values[row - b.row];
      if (line && col >= b.col && col - b.col < line.length) return line[col - b.col] ?? null;
    }
    return null;
  };
  const chart = plan.chart ? chartTable(plan.chart, cell) : null;
  const chartWidth = chart ? (chart.rows[0]?.length ?? 0) + 1 : 0;
  const grid = planGrid(plan, { rows: chart ? chart.rows.length : 0, cols: chartWidth });
  if (chart) {
    chart.rows.forEach((line, i) => line.forEach((v, j) => ((grid.values[i] as SheetValue[])[chartCol - 1 + j] = v)));
  }
  // Grown by the grid's size without reading or assuming the new sheet's own: a
  // few blank rows and columns more are harmless.
  if (grid.rows > 1) sheet.insertRowsAfter(1, grid.rows);
  if (grid.cols > 1) sheet.insertColumnsAfter(1, grid.cols);
  for (const [format, ranges] of grid.formats) sheet.getRangeList(ranges).setNumberFormat(format);
  const all = sheet.getRange(1, 1, grid.rows, grid.cols);
  all.setValues(grid.values);
  const style = textStyles(gas.SpreadsheetApp);
  all.setTextStyles(grid.styles.map((r) => r.map(style)));
  all.setBackgrounds(grid.styles.map((r) => r.map((s) => s?.fill ?? null)));
  if (grid.wraps.length) sheet.getRangeList(grid.wraps).setWrap(true);
  for (const [first, count, px] of widthRuns(plan.columnWidths)) sheet.setColumnWidths(first, count, px);
  sheet.setFrozenRows(plan.freezeRows);
  sheet.setFrozenColumns(plan.freezeCols);
  const app = gas.SpreadsheetApp;
  sheet.setConditionalFormatRules(
    plan.conditionalFills.map((f) => {
      let b = app.newConditionalFormatRule().whenTextEqualTo(f.equals);
      if (f.fill) b = b.setBackground(f.fill);
      if (f.fontColor) b = b.setFontColor(f.fontColor);
      return b.setRanges([sheet.getRange(f.range.row, f.range.col, f.range.rows, f.range.cols)]).build();
    }),
  );
  const t = plan.table.range;
  sheet.getRange(t.row, t.col, t.rows, t.cols).createFilter();
  sheet.setTabColor(TAB_COLOUR);
  if (plan.chart && chart && chart.rows.length > 1) insertChart(gas.Charts, sheet, plan.chart, chart, chartCol);
  if (plan.profitChart) insertLineChart(gas.Charts, sheet, plan.profitChart);
}

/**
 * Writes a sheet plan (core/plan.ts) as a worksheet part of the user's package, in chunks: values
 * (text as shared strings, never formulas; `{ formula }` values as the formulas the add-in wrote;
 * dates as serial numbers), number formats and styles (appended to the workbook's styles part),
 * grade colours as conditional fills, the frozen header, the auto-filter, column widths, row
 * heights, subtitles merged across the columns left of the chart, and the page setup (landscape,
 * one page wide). The print titles and filter names are the workbook's (cli/write.ts).
 */
import { cellRef, rangeA1 } from "../core/a1";
import { type Block, type CellStyle, type PlanValue, type SheetPlan } from "../core/plan";
import type { ChunkedPart } from "./xlsx/package";
import { cellXml, planCell } from "./xlsx/sheet-data";
import type { SharedStrings } from "./xlsx/strings";
import type { StyleSheet } from "./xlsx/styles";
import { batched, worksheetChunks } from "./xlsx/worksheet";
import { escapeXml } from "./xlsx/xml";

/** Points per row when no height is set. */
const ROW_PT = 15;

const width = (b: Block) => b.values.reduce((n, r) => Math.max(n, r.length), 0);

/** The last row the blocks fill, at least `min` (a loop: a spread of 1,000,000 values would overflow the call stack). */
function lastRowOf(blocks: readonly Block[], min: number): number {
  let last = min;
  for (const b of blocks) last = Math.max(last, b.row + b.values.length - 1);
  return last;
}
const isSubtitleLine = (b: Block) => b.role === "subtitle" && b.col === 1;

/** Columns a subtitle line spans: those left of the chart (or the table's width and one). */
function subtitleSpan(plan: SheetPlan): number {
  return Math.max(1, (plan.chart ? plan.chart.anchor.col : plan.table.range.cols + 1) - 1);
}

/**
 * Row heights in points where a row needs more than the default (no host autofits on open):
 * subtitle lines wrapped across their span, rows in a large font, wrapped table headers.
 */
export function rowHeights(plan: SheetPlan): Map<number, number> {
  const heights = new Map<number, number>();
  const span = subtitleSpan(plan);
  const spanChars = plan.columnWidths.slice(0, span).reduce((a, w) => a + w, 0);
  for (const b of plan.blocks) {
    if (!isSubtitleLine(b)) continue;
    b.values.forEach((row, i) => {
      const text = row[0];
      if (typeof text !== "string" || row.length !== 1) return;
      const lines = Math.ceil((text.length * 0.95) / Math.max(1, spanChars));
      if (lines > 1) heights.set(b.row + i, 14 * Math.min(lines, 5));
    });
  }
  for (const b of plan.blocks) {
    const size = b.style?.fontSize;
    if (size && size > 11) b.values.forEach((_, i) => heights.set(b.row + i, Math.round(size * 1.4)));
  }
  for (const b of plan.blocks) {
    if (!b.headerStyle?.wrap) continue;
    let lines = 1;
    (b.values[0] ?? []).forEach((v, j) => {
      const w = plan.columnWidths[b.col + j - 1] ?? 9;
      if (typeof v === "string") lines = Math.max(lines, Math.ceil((v.length * 1.1) / Math.max(1, w - 1)));
    });
    if (lines > 1) heights.set(b.row, 15 * Math.min(lines, 4));
  }
  return heights;
}

/** The plan with its charts as tall as the band of rows above the table renders here. */
export function withChartSized(plan: SheetPlan): SheetPlan {
  if (!plan.chart) return plan;
  const heights = rowHeights(plan);
  let pt = 0;
  for (let r = plan.chart.anchor.row; r < plan.table.range.row; r++) pt += heights.get(r) ?? ROW_PT;
  const band = Math.round((pt * 4) / 3) - 6;
  const sized = { ...plan, chart: { ...plan.chart, anchor: { ...plan.chart.anchor, height: Math.max(plan.chart.anchor.height, band) } } };
  // The profit curve beside it, as tall.
  if (plan.profitChart) sized.profitChart = { ...plan.profitChart, anchor: { ...plan.profitChart.anchor, height: sized.chart.anchor.height } };
  return sized;
}

/** A block's cell formats: per column for its body rows, and for its header row. */
interface BlockFormats {
  head: number[];
  body: number[];
}

function blockFormats(b: Block, styles: StyleSheet): BlockFormats {
  const n = width(b);
  const look = (style: CellStyle | undefined, numFmt: string | null | undefined) => (style || numFmt ? styles.cellFormat({ ...style, numFmt }) : 0);
  // Subtitle lines wrap, top-aligned, across the cells they are merged with.
  const bodyStyle = isSubtitleLine(b) ? { ...b.style, wrap: true } : b.style;
  const body = Array.from({ length: n }, (_, j) => look(bodyStyle, b.formats?.[j]));
  const head = b.headerStyle ? Array.from({ length: n }, () => look(b.headerStyle, null)) : body;
  return { head, body };
}

/** A row's cells from the blocks covering it, in column order (a later block wins a cell). */
function rowCells(r: number, active: readonly Block[], formats: Map<Block, BlockFormats>, strings: SharedStrings, date1904: boolean): string {
  const cells: { col: number; xml: string }[] = [];
  for (const b of active) {
    const i = r - b.row;
    const row = b.values[i] as PlanValue[];
    const f = formats.get(b) as BlockFormats;
    const s = i === 0 ? f.head : f.body;
    for (let j = 0; j < row.length; j++) {
      const v = row[j] as PlanValue;
      const style = s[j] as number;
      if (v === null && style === 0) continue;
      const col = b.col + j;
      cells.push({ col, xml: cellXml(cellRef(r, col), planCell(v, style, date1904), "", undefined, strings) });
    }
  }
  if (active.length > 1) {
    cells.sort((a, b) => a.col - b.col);
    // Keep the last cell written for a column (blocks do not overlap in the plans core makes).
    return cells.filter((c, k) => cells[k + 1]?.col !== c.col).map((c) => c.xml).join("");
  }
  return cells.map((c) => c.xml).join("");
}

/** The `<row>` elements of a plan, top to bottom. */
function* planRows(plan: SheetPlan, formats: Map<Block, BlockFormats>, heights: Map<number, number>, strings: SharedStrings, date1904: boolean): Generator<string> {
  const blocks = plan.blocks.filter((b) => b.values.length > 0);
  let end = lastRowOf(blocks, 0);
  for (const r of heights.keys()) end = Math.max(end, r);
  for (let r = 1; r <= end; r++) {
    const active = blocks.filter((b) => b.row <= r && r < b.row + b.values.length);
    const ht = heights.get(r);
    const cells = active.length ? rowCells(r, active, formats, strings, date1904) : "";
    if (!cells && ht === undefined) continue;
    const attrs = ht === undefined ? "" : ` ht="${ht}" customHeight="1"`;
    yield cells ? `<row r="${r}"${attrs}>${cells}</row>` : `<row r="${r}"${attrs}/>`;
  }
}

export interface RenderTarget {
  styles: StyleSheet;
  strings: SharedStrings;
  /** The workbook counts days from 1904: dates are written as it counts them. */
  date1904?: boolean;
  /** Relationship id of the drawing holding the plan's chart. */
  drawing?: string;
}

/** Cells past which a sheet part is deflated for speed rather than size. */
const LARGE_SHEET_CELLS = 250_000;

/**
 * The worksheet part for a plan. Styles are added to the styles part now; the rows are written,
 * and their text added to the shared strings, when the package is.
 */
export function renderPlan(plan: SheetPlan, t: RenderTarget): ChunkedPart {
  const formats = new Map(plan.blocks.map((b) => [b, blockFormats(b, t.styles)]));
  const heights = rowHeights(plan);
  const span = subtitleSpan(plan);
  const merges: string[] = [];
  for (const b of plan.blocks) {
    if (!isSubtitleLine(b) || span < 2) continue;
    b.values.forEach((row, i) => {
      if (typeof row[0] === "string" && row.length === 1) merges.push(rangeA1({ row: b.row + i, col: 1, rows: 1, cols: span }));
    });
  }
  const conditionalFormats = plan.conditionalFills.map((f, i) => {
    const dxf = t.styles.differentialFormat(f);
    const formula = escapeXml(`"${f.equals.replace(/"/g, '""')}"`);
    return `<conditionalFormatting sqref="${rangeA1(f.range)}"><cfRule type="cellIs" dxfId="${dxf}" priority="${i + 1}" operator="equal"><formula>${formula}</formula></cfRule></conditionalFormatting>`;
  });
  const lastRow = lastRowOf(plan.blocks, 1);
  let lastCol = 1;
  for (const b of plan.blocks) lastCol = Math.max(lastCol, b.col + width(b) - 1);
  const table = plan.table.range;
  const cells = plan.blocks.reduce((n, b) => n + b.values.length * width(b), 0);
  return {
    large: cells > LARGE_SHEET_CELLS,
    chunks: () =>
      worksheetChunks({
        dimension: rangeA1({ row: 1, col: 1, rows: lastRow, cols: lastCol }),
        freeze: { rows: plan.freezeRows, cols: plan.freezeCols },
        widths: plan.columnWidths,
        rows: batched(planRows(plan, formats, heights, t.strings, t.date1904 ?? false)),
        ...(table.rows > 1 ? { autoFilter: rangeA1(table) } : {}),
        merges,
        conditionalFormats,
        page: plan.page,
        ...(t.drawing ? { drawing: t.drawing } : {}),
      }),
  };
}

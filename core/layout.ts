/**
 * Portfolio → a host-neutral sheet plan (core/plan.ts): cells, number formats, colours, conditional
 * fills, a chart spec and the marker that makes the sheet the add-in's own. Every host renders the
 * same plan (ExcelJS, SpreadsheetApp, Office.js); none decides layout. The parts are in
 * core/layout/: `frame` (where each part goes, heading styles), `summary` (title, summary, health,
 * warnings), `table` (the ranked table and needs data), `what-to-do` and `chart`.
 */
import type { SnapshotRow } from "./model/history";
import { fitScale, LEGIBLE_SCALE, PORTFOLIO_MARKER, PORTFOLIO_SHEET, type Block, type ChartSpec, type PlanValue, type RangeRef, type SheetPlan } from "./plan";
import type { ClientResult, Portfolio } from "./portfolio";
import { quadrantChart } from "./layout/chart";
import { profitChart } from "./layout/profit-chart";
import { columnsSpanning, PRINT_COLUMNS, TABLE_HEADER_ROW } from "./layout/frame";
import { summaryBlocks, summaryFills, titleBlocks } from "./layout/summary";
import { needsDataBlocks, skippedBlocks, tableBlock, tableColumns, tableFills, tableRowOf, type Column } from "./layout/table";
import { whatToDo } from "./layout/what-to-do";
import { atRiskBlocks, isAtRisk, migrationBlocks } from "./layout/over-time";

export { TABLE_HEADER_ROW } from "./layout/frame";

export interface LayoutOptions {
  /** The user's sheet the portfolio was built from. */
  sourceSheet: string;
  /** ISO date of the build. */
  builtOn: string;
  /** Where to put the chart; false for none. */
  chart?: boolean;
}

/** The ranked table's values (its header, then a row per client in rank order) and the clients at risk, in rank order. */
function tableAndAtRisk(p: Portfolio, cols: readonly Column[]): { table: PlanValue[][]; atRisk: ClientResult[] } {
  const table: PlanValue[][] = [cols.map((c) => c.header)];
  const rowOf = tableRowOf(cols);
  const atRisk: ClientResult[] = [];
  const clients = p.clients;
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    table.push(rowOf(c));
    if (isAtRisk(c)) atRisk.push(c);
  }
  return { table, atRisk };
}

export function layoutPortfolio(p: Portfolio, o: LayoutOptions): SheetPlan {
  const cols = tableColumns(p);
  const header = cols.map((c) => c.header);
  const clients = p.clients.length;
  const { table, atRisk } = tableAndAtRisk(p, cols);
  const blocks: Block[] = [...titleBlocks(p, o.sourceSheet, o.builtOn), ...summaryBlocks(p, atRisk), tableBlock(cols, table)];
  const tableRange: RangeRef = { row: TABLE_HEADER_ROW, col: 1, rows: clients + 1, cols: cols.length };

  // Below the table, each two rows under the one before: at risk (SPEC §11, first), the migration,
  // needs data and skipped rows; then what to do.
  let lastRow = TABLE_HEADER_ROW + clients;
  const below = (part: { blocks: Block[]; lastRow: number } | null): void => {
    if (part === null) return;
    for (const b of part.blocks) blocks.push(b);
    lastRow = part.lastRow;
  };
  below(atRiskBlocks(p, atRisk, lastRow + 3));
  below(migrationBlocks(p, lastRow + 3));
  if (p.needsData.length > 0) below(needsDataBlocks(p, lastRow + 3));
  if (p.skipped.length > 0) below(skippedBlocks(p, lastRow + 3));
  below(whatToDo(p, lastRow + 3));

  let chart: ChartSpec | null = null;
  let width = cols.length;
  if (o.chart !== false && clients > 0) {
    const q = quadrantChart(p, header);
    chart = q.chart;
    blocks.push(q.helper);
    width = q.helper.col + 2;
    // With few clients the helper block reaches below the table.
    lastRow = Math.max(lastRow, TABLE_HEADER_ROW + q.helper.values.length - 1);
  }

  const columnWidths = [...cols.map((c) => c.width), ...(chart ? [2, 22, 6, 6] : [])];
  // The profit curve (SPEC §12): its points right of the quadrant's helper block, its chart beside the quadrant chart.
  const profit = chart ? profitChart(p.profitCurve, columnWidths.length + 2, { ...chart.anchor, col: chart.anchor.col + columnsSpanning(columnWidths, chart.anchor.col, chart.anchor.width), width: 480 }) : null;
  if (profit) {
    blocks.push(profit.data);
    columnWidths.push(2, 10, 10);
    width = profit.data.col + 1;
    lastRow = Math.max(lastRow, TABLE_HEADER_ROW + profit.data.values.length - 1);
  }
  // Printed: the key columns of every row, then the chart on a page of its own, one page wide
  // (every column would be 3-pt text); the table's header row repeats on every page.
  const keyColumns = Math.min(PRINT_COLUMNS, cols.length);
  const print: RangeRef[] = [{ row: 1, col: 1, rows: lastRow, cols: keyColumns }];
  for (const c of [chart, profit?.chart]) {
    if (c) print.push({ row: c.anchor.row, col: c.anchor.col, rows: TABLE_HEADER_ROW - c.anchor.row, cols: columnsSpanning(columnWidths, c.anchor.col, c.anchor.width) });
  }
  const orientation = "landscape";

  return {
    name: PORTFOLIO_SHEET,
    marker: PORTFOLIO_MARKER,
    blocks,
    columnWidths,
    freezeRows: TABLE_HEADER_ROW,
    freezeCols: 2,
    table: { name: "KAMPortfolio", range: tableRange, gradeColumn: header.indexOf("Grade") + 1 },
    conditionalFills: [...tableFills(cols, clients), ...summaryFills()],
    chart,
    profitChart: profit?.chart ?? null,
    page: { orientation, fitToWidth: fitScale(columnWidths.slice(0, keyColumns), orientation) >= LEGIBLE_SCALE, print },
    size: { rows: lastRow, cols: width },
  };
}

/** The snapshot appended to the history sheet on each build. */
export function snapshotOf(p: Portfolio, builtAt: string): SnapshotRow[] {
  return p.clients.map((c) => ({ date: builtAt, client: c.name, grade: c.grade, score: c.score, quadrant: c.quadrant }));
}

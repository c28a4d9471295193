/**
 * The profit curve on the portfolio tab (SPEC §12): its points as numbers in a small block right
 * of the quadrant chart's helper block, and a line chart over them beside the quadrant chart.
 * A large portfolio's curve is drawn from at most CHART_POINTS points (money/profit-curve's
 * `drawn`), evenly spaced over the clients, its peak (where the loss makers start) always kept.
 */
import type { ProfitCurve } from "../money/profit-curve";
import { FORMATS, type Block, type LineChartSpec, type PlanValue } from "../plan";
import { TABLE_HEADER_ROW } from "./frame";

export const PROFIT_CHART_HEADERS = ["Share of clients", "Share of profit"] as const;

export interface ProfitChart {
  chart: LineChartSpec;
  /** The curve's points, from TABLE_HEADER_ROW: headers, then one row per point. */
  data: Block;
}

/** The chart and its data at column `dataCol`, anchored at `anchor`; null when the curve has no points (the total profit is not positive). */
export function profitChart(curve: ProfitCurve | null, dataCol: number, anchor: LineChartSpec["anchor"]): ProfitChart | null {
  if (curve === null || !(curve.total > 0)) return null;
  const points = curve.drawn;
  const values: PlanValue[][] = [[...PROFIT_CHART_HEADERS]];
  for (const p of points) values.push([p.clients, p.profit]);
  const data: Block = {
    role: "chart-data",
    row: TABLE_HEADER_ROW,
    col: dataCol,
    values,
    formats: [FORMATS.percent, FORMATS.percent],
    style: { fontColor: "#808080" },
    headerStyle: { bold: true, fontColor: "#808080" },
  };
  const first = TABLE_HEADER_ROW + 1;
  const chart: LineChartSpec = {
    title: "Profit curve: clients by profit, highest first",
    xTitle: "Share of clients",
    yTitle: "Cumulative share of profit",
    x: { row: first, col: dataCol, rows: points.length, cols: 1 },
    y: { row: first, col: dataCol + 1, rows: points.length, cols: 1 },
    name: PROFIT_CHART_HEADERS[1],
    color: "#1F4E78",
    format: FORMATS.percent,
    anchor,
  };
  return { chart, data };
}

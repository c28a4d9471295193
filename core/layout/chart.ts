/**
 * The quadrant chart (relationship strength × mutual benefit): one point series per grade over the
 * table's rows (sorted by grade, so each grade's rows are contiguous), the two boundaries and the
 * quadrant names as series over a small helper block right of the table.
 */
import { QUADRANTS } from "../model/quadrant";
import { GRADE_COLOURS, type Block, type ChartSeries, type ChartSpec, type PlanValue } from "../plan";
import type { Portfolio } from "../portfolio";
import { GRADES } from "../settings";
import { CHART_COLUMN, TABLE_HEADER_ROW } from "./frame";

export interface QuadrantChart {
  chart: ChartSpec;
  /** The helper block the boundary and label series read. */
  helper: Block;
}

/** `header` is the table's header row; the helper block goes one empty column right of it. */
export function quadrantChart(p: Portfolio, header: readonly string[]): QuadrantChart {
  const firstData = TABLE_HEADER_ROW + 1;
  const xCol = header.indexOf("Relationship") + 1;
  const yCol = header.indexOf("Benefit") + 1;
  const series: ChartSeries[] = [];
  let start = 0;
  for (const g of GRADES) {
    const n = p.summary.byGrade[g];
    if (n > 0) {
      series.push({
        name: `${g} clients`,
        kind: "points",
        color: GRADE_COLOURS[g].point,
        x: { row: firstData + start, col: xCol, rows: n, cols: 1 },
        y: { row: firstData + start, col: yCol, rows: n, cols: 1 },
      });
    }
    start += n;
  }
  const t = p.settings.quadrantThreshold;
  const helperCol = header.length + 2;
  const values: PlanValue[][] = [
    ["Chart", "x", "y"],
    ["Boundary", t, 0],
    ["Boundary", t, 100],
    ["Boundary", 0, t],
    ["Boundary", 100, t],
    ["Key client", (t + 100) / 2, 92],
    ["Invest in relationship", t / 2, 92],
    ["Higher-value offers", (t + 100) / 2, 8],
    ["Rethink", t / 2, 8],
  ];
  const helper: Block = { role: "chart-data", row: TABLE_HEADER_ROW, col: helperCol, values, style: { fontColor: "#808080" }, headerStyle: { bold: true, fontColor: "#808080" } };
  const hr = TABLE_HEADER_ROW + 1;
  series.push({ name: "Relationship boundary", kind: "line", color: "#7F7F7F", x: { row: hr, col: helperCol + 1, rows: 2, cols: 1 }, y: { row: hr, col: helperCol + 2, rows: 2, cols: 1 } });
  series.push({ name: "Benefit boundary", kind: "line", color: "#7F7F7F", x: { row: hr + 2, col: helperCol + 1, rows: 2, cols: 1 }, y: { row: hr + 2, col: helperCol + 2, rows: 2, cols: 1 } });
  // The helper rows list the quadrant labels in QUADRANTS order.
  QUADRANTS.forEach((q, i) => {
    const row = hr + 4 + i;
    series.push({ name: q, kind: "label", color: "#404040", x: { row, col: helperCol + 1, rows: 1, cols: 1 }, y: { row, col: helperCol + 2, rows: 1, cols: 1 } });
  });
  const chart: ChartSpec = {
    title: "Relationship strength × mutual benefit",
    xTitle: "Relationship strength",
    yTitle: "Mutual benefit (score)",
    min: 0,
    max: 100,
    threshold: t,
    anchor: { row: 1, col: CHART_COLUMN, width: 600, height: (TABLE_HEADER_ROW - 1) * 20 },
    series,
  };
  return { chart, helper };
}

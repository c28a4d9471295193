/**
 * The plan's charts in Sheets: the quadrant ChartSpec as a scatter chart, the profit curve as a
 * line chart over its two columns on the tab.
 *
 * A Sheets scatter chart has one x column and one y column per series, so the points of each series
 * (the plan gives them as x/y ranges of the ranked table) are laid out in a helper table: column 1
 * holds x, column 1 + k the y of series k, blank elsewhere. Label series (text placed at a point) have
 * no Sheets equivalent and are left out; the quadrant boundaries are drawn as two-point line series and
 * as gridlines at the threshold.
 */
import type { ChartSeries, ChartSpec, LineChartSpec, PlanValue } from "../core/plan";
import type { ChartsApi, Sheet } from "./gas";

export interface ChartTable {
  /** Header row then one row per point: [x, y of series 0 or "", y of series 1 or "", …]. */
  rows: (string | number)[][];
  series: ChartSeries[];
}

export function chartTable(spec: ChartSpec, cell: (row: number, col: number) => PlanValue): ChartTable {
  const series = spec.series.filter((s) => s.kind !== "label");
  const rows: (string | number)[][] = [["x", ...series.map((s) => s.name)]];
  series.forEach((s, k) => {
    for (let i = 0; i < s.x.rows; i++) {
      const x = cell(s.x.row + i, s.x.col);
      const y = cell(s.y.row + i, s.y.col);
      if (typeof x !== "number" || typeof y !== "number") continue;
      const row: (string | number)[] = new Array<string | number>(series.length + 1).fill("");
      row[0] = x;
      row[k + 1] = y;
      rows.push(row);
    }
  });
  return { rows, series };
}

/** setOption calls for the chart, in order. */
function chartOptions(spec: ChartSpec, series: readonly ChartSeries[]): [string, unknown][] {
  const ticks = [spec.min, spec.threshold, spec.max];
  const axis = (title: string) => ({ title, viewWindow: { min: spec.min, max: spec.max }, ticks, gridlines: { count: ticks.length } });
  const seriesOptions: Record<number, Record<string, unknown>> = {};
  series.forEach((s, k) => {
    seriesOptions[k] =
      s.kind === "line"
        ? { color: s.color, pointSize: 0, lineWidth: 1, visibleInLegend: false }
        : { color: s.color, pointSize: 6, lineWidth: 0 };
  });
  return [
    ["title", spec.title],
    ["hAxis", axis(spec.xTitle)],
    ["vAxis", axis(spec.yTitle)],
    ["legend", { position: "right" }],
    ["series", seriesOptions],
    ["width", spec.anchor.width],
    ["height", spec.anchor.height],
  ];
}

/** The chart over its table (at column `col`, from row 1), which is then hidden. */
export function insertChart(charts: ChartsApi, sheet: Sheet, spec: ChartSpec, table: ChartTable, col: number): void {
  let b = sheet
    .newChart()
    .setChartType(charts.ChartType.SCATTER)
    .addRange(sheet.getRange(1, col, table.rows.length, table.series.length + 1))
    .setNumHeaders(1)
    .setHiddenDimensionStrategy(charts.ChartHiddenDimensionStrategy.SHOW_BOTH)
    .setPosition(spec.anchor.row, spec.anchor.col, 0, 0);
  for (const [option, value] of chartOptions(spec, table.series)) b = b.setOption(option, value);
  sheet.insertChart(b.build());
  sheet.hideColumns(col, table.series.length + 1);
}

/**
 * The profit curve (SPEC §12): a line chart over its two columns on the tab, the header row above
 * them (a line chart's first column is its x axis), anchored beside the quadrant chart.
 */
export function insertLineChart(charts: ChartsApi, sheet: Sheet, spec: LineChartSpec): void {
  if (spec.y.col !== spec.x.col + 1) throw new Error("the profit curve's x and y columns must be side by side");
  const axis = (title: string) => ({ title, format: "0%" });
  let b = sheet
    .newChart()
    .setChartType(charts.ChartType.LINE)
    .addRange(sheet.getRange(spec.x.row - 1, spec.x.col, spec.x.rows + 1, 2))
    .setNumHeaders(1)
    .setPosition(spec.anchor.row, spec.anchor.col, 0, 0);
  const options: [string, unknown][] = [
    ["title", spec.title],
    ["hAxis", axis(spec.xTitle)],
    ["vAxis", axis(spec.yTitle)],
    ["legend", { position: "none" }],
    ["colors", [spec.color]],
    ["width", spec.anchor.width],
    ["height", spec.anchor.height],
  ];
  for (const [option, value] of options) b = b.setOption(option, value);
  sheet.insertChart(b.build());
}

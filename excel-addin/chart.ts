/** The portfolio's charts through Office.js's chart API: the quadrant (core/layout/chart.ts) and the profit curve (core/layout/profit-chart.ts). */
import { cellRef } from "../core/a1";
import type { ChartSpec, LineChartSpec, RangeRef } from "../core/plan";

const rangeOf = (ws: Excel.Worksheet, r: RangeRef): Excel.Range => ws.getRangeByIndexes(r.row - 1, r.col - 1, r.rows, r.cols);

/** The quadrant chart: an xyscatter with one series per grade, boundary lines and quadrant labels. */
export function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const first = spec.series[0];
  if (!first) return;
  const chart = ws.charts.add("XYScatter", rangeOf(ws, first.y), "Columns");
  chart.series.getItemAt(0).delete();
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  const x = chart.axes.getItem("Category");
  const y = chart.axes.getItem("Value");
  for (const axis of [x, y]) {
    axis.minimum = spec.min;
    axis.maximum = spec.max;
    axis.majorGridlines.visible = false;
  }
  x.title.text = spec.xTitle;
  y.title.text = spec.yTitle;
  spec.series.forEach((s, i) => {
    const series = chart.series.add(s.name);
    series.setXAxisValues(rangeOf(ws, s.x));
    series.setValues(rangeOf(ws, s.y));
    if (s.kind === "points") {
      series.markerStyle = "Circle";
      series.markerSize = 6;
      series.markerBackgroundColor = s.color;
      series.markerForegroundColor = s.color;
      series.format.line.lineStyle = "None";
    } else if (s.kind === "line") {
      series.chartType = "XYScatterLinesNoMarkers";
      series.format.line.color = s.color;
      chart.legend.legendEntries.getItemAt(i).visible = false;
    } else {
      series.markerStyle = "None";
      series.format.line.lineStyle = "None";
      series.hasDataLabels = true;
      series.dataLabels.showSeriesName = true;
      series.dataLabels.showValue = false;
      series.dataLabels.position = "Center";
      series.dataLabels.format.font.color = s.color;
      chart.legend.legendEntries.getItemAt(i).visible = false;
    }
  });
  const anchor = cellRef(spec.anchor.row, spec.anchor.col);
  chart.setPosition(anchor);
  chart.width = spec.anchor.width * 0.75;
  chart.height = spec.anchor.height * 0.75;
}

/** The profit curve (SPEC §12): a line chart of one series, its x values the share of clients, beside the quadrant. */
export function addLineChart(ws: Excel.Worksheet, spec: LineChartSpec): void {
  const chart = ws.charts.add("Line", rangeOf(ws, spec.y), "Columns");
  const series = chart.series.getItemAt(0);
  series.name = spec.name;
  series.setXAxisValues(rangeOf(ws, spec.x));
  series.format.line.color = spec.color;
  chart.title.text = spec.title;
  chart.legend.visible = false;
  chart.axes.getItem("Category").title.text = spec.xTitle;
  chart.axes.getItem("Value").title.text = spec.yTitle;
  chart.setPosition(cellRef(spec.anchor.row, spec.anchor.col));
  chart.width = spec.anchor.width * 0.75;
  chart.height = spec.anchor.height * 0.75;
}

/** Charts: the collection, a chart's axes, legend and series. */
import type { FakeQueue } from "./queue";
import { FakeRange } from "./range";
import { bytesOf, FakeExcelError, type FakeChartState, type FakeSeriesState, type FakeSheetState } from "./state";

/** A bag of settable properties recorded on a state object, for the chart's many small parts. */
function recorder<T extends object>(ctx: FakeQueue, target: () => Record<string, unknown>, prefix: string, props: readonly string[]): T {
  const o = {};
  for (const p of props) {
    Object.defineProperty(o, p, {
      set(v: unknown) {
        ctx.enqueue(`${prefix}.${p}`, bytesOf(v), () => (target()[`${prefix}.${p}`] = v));
      },
      get() {
        throw new FakeExcelError("PropertyNotLoaded", `${prefix}.${p}`);
      },
      enumerable: true,
    });
  }
  return o as T;
}

/** The Excel.ChartType values the add-in uses (the enum's string values in @types/office-js). */
export const CHART_TYPES: readonly string[] = ["XYScatter", "XYScatterLinesNoMarkers", "Line"];
/** An A1 cell address, as Chart.setPosition takes a start cell. */
const CELL_ADDRESS = /^\$?[A-Z]{1,3}\$?[1-9][0-9]*$/;

export class FakeChartCollection {
  private counted: number | null = null;
  constructor(private readonly ctx: FakeQueue, private readonly sheet: () => FakeSheetState) {}
  load(props: "count"): this {
    if (props !== "count") throw new FakeExcelError("InvalidArgument", `the fake loads count only, not ${props}`);
    this.ctx.enqueue("load charts.count", 0, () => (this.counted = this.sheet().charts.length));
    return this;
  }
  get count(): number {
    if (this.counted === null) throw new FakeExcelError("PropertyNotLoaded", "charts.count read before load and sync");
    return this.counted;
  }
  add(type: Parameters<Excel.ChartCollection["add"]>[0], sourceData: FakeRange, seriesBy?: Parameters<Excel.ChartCollection["add"]>[2]): FakeChart {
    // ChartCollection.add (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1)): type is an Excel.ChartType.
    if (!CHART_TYPES.includes(String(type))) throw new FakeExcelError("InvalidArgument", `charts.add: ${String(type)} is not an Excel.ChartType`);
    let chart: FakeChartState | null = null;
    this.ctx.enqueue("charts.add", bytesOf([type, seriesBy]), () => {
      const ref = FakeRange.ref(sourceData);
      chart = { type: String(type), series: [], props: {} };
      for (let j = 0; j < ref.rect.cols; j++) chart.series.push({ name: `Series${j + 1}`, y: { sheet: ref.sheet, rect: { ...ref.rect, col: ref.rect.col + j, cols: 1 } }, props: {} });
      this.sheet().charts.push(chart);
    });
    return new FakeChart(this.ctx, () => {
      if (!chart) throw new FakeExcelError("ItemNotFound", "chart");
      return chart;
    });
  }
}

export class FakeChart {
  readonly series: FakeSeriesCollection;
  readonly title: { text: string };
  readonly legend: { position: Excel.ChartLegend["position"]; visible: boolean; legendEntries: { getItemAt(i: number): { visible: boolean } } };
  readonly axes: { getItem(type: Parameters<Excel.ChartAxes["getItem"]>[0]): FakeAxis };
  constructor(private readonly ctx: FakeQueue, private readonly chart: () => FakeChartState) {
    const props = () => chart().props;
    this.series = new FakeSeriesCollection(ctx, chart);
    this.title = recorder(ctx, props, "title", ["text"]);
    const legend = recorder<{ position: Excel.ChartLegend["position"]; visible: boolean }>(ctx, props, "legend", ["position", "visible"]);
    this.legend = Object.assign(legend, {
      legendEntries: { getItemAt: (i: number) => recorder<{ visible: boolean }>(ctx, props, `legendEntry${i}`, ["visible"]) },
    });
    this.axes = {
      getItem: (type) => {
        const axis = recorder<{ minimum: unknown; maximum: unknown }>(ctx, props, `axis.${type}`, ["minimum", "maximum"]);
        return Object.assign(axis, {
          majorGridlines: recorder<{ visible: boolean }>(ctx, props, `axis.${type}.majorGridlines`, ["visible"]),
          title: recorder<{ text: string }>(ctx, props, `axis.${type}.title`, ["text"]),
        });
      },
    };
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    // Chart.setPosition (https://learn.microsoft.com/javascript/api/excel/excel.chart#excel-excel-chart-setposition-member(1)): "The start cell … the upper-left cell"; an address or a range.
    for (const cell of [startCell, endCell]) {
      if (typeof cell === "string" && !CELL_ADDRESS.test(cell)) throw new FakeExcelError("InvalidArgument", `chart.setPosition: ${cell} is not a cell address`);
    }
    this.ctx.enqueue("chart.setPosition", bytesOf([startCell, endCell]), () => (this.chart().props.position = startCell));
  }
  set width(v: number) { this.ctx.enqueue("chart.width", 8, () => (this.chart().props.width = v)); }
  get width(): number { throw new FakeExcelError("PropertyNotLoaded", "width"); }
  set height(v: number) { this.ctx.enqueue("chart.height", 8, () => (this.chart().props.height = v)); }
  get height(): number { throw new FakeExcelError("PropertyNotLoaded", "height"); }
}

export interface FakeAxis {
  minimum: unknown;
  maximum: unknown;
  majorGridlines: { visible: boolean };
  title: { text: string };
}

export class FakeSeriesCollection {
  constructor(private readonly ctx: FakeQueue, private readonly chart: () => FakeChartState) {}
  add(name?: string): FakeSeries {
    let s: FakeSeriesState | null = null;
    this.ctx.enqueue("series.add", bytesOf(name), () => {
      s = { name: name ?? "", props: {} };
      this.chart().series.push(s);
    });
    return new FakeSeries(this.ctx, () => s, this.chart);
  }
  getItemAt(index: number): FakeSeries {
    return new FakeSeries(this.ctx, () => this.chart().series[index] ?? null, this.chart);
  }
}

export class FakeSeries {
  readonly format: { line: { color: string; lineStyle: Excel.ChartLineFormat["lineStyle"] } };
  readonly dataLabels: { showSeriesName: boolean; showValue: boolean; position: Excel.ChartDataLabels["position"]; format: { font: { color: string } } };
  constructor(private readonly ctx: FakeQueue, private readonly series: () => FakeSeriesState | null, private readonly chart: () => FakeChartState) {
    const props = () => this.need().props;
    this.format = { line: recorder(ctx, props, "line", ["color", "lineStyle"]) };
    const labels = recorder<{ showSeriesName: boolean; showValue: boolean; position: Excel.ChartDataLabels["position"] }>(ctx, props, "dataLabels", ["showSeriesName", "showValue", "position"]);
    this.dataLabels = Object.assign(labels, { format: { font: recorder<{ color: string }>(ctx, props, "dataLabels.font", ["color"]) } });
    for (const p of ["name", "markerStyle", "markerSize", "markerBackgroundColor", "markerForegroundColor", "chartType", "hasDataLabels"]) {
      Object.defineProperty(this, p, {
        set: (v: unknown) => {
          if (p === "chartType" && !CHART_TYPES.includes(String(v))) throw new FakeExcelError("InvalidArgument", `series.chartType: ${String(v)} is not an Excel.ChartType`);
          ctx.enqueue(`series.${p}`, bytesOf(v), () => {
            if (p === "name") this.need().name = String(v);
            else this.need().props[p] = v;
          });
        },
        get: () => {
          throw new FakeExcelError("PropertyNotLoaded", p);
        },
      });
    }
  }
  private need(): FakeSeriesState {
    const s = this.series();
    if (!s) throw new FakeExcelError("ItemNotFound", "series");
    return s;
  }
  delete(): void {
    this.ctx.enqueue("series.delete", 0, () => {
      const s = this.need();
      const list = this.chart().series;
      list.splice(list.indexOf(s), 1);
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.ctx.enqueue("series.setXAxisValues", 20, () => (this.need().x = FakeRange.ref(sourceData)));
  }
  setValues(sourceData: FakeRange): void {
    this.ctx.enqueue("series.setValues", 20, () => (this.need().y = FakeRange.ref(sourceData)));
  }
}


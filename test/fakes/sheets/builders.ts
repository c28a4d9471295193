/**
 * The builders SpreadsheetApp hands out (text styles, conditional format rules, data validation,
 * embedded charts): assembled in the script ("local" calls), sent with the write that uses them.
 */
import type {
  ConditionalFormatRule, ConditionalFormatRuleBuilder, DataValidation, DataValidationBuilder, EmbeddedChart, EmbeddedChartBuilder, Range,
  TextStyle, TextStyleBuilder,
} from "../../../sheets-addon/gas";
import type { CallLog } from "./log";
import { isPlainJson } from "./marshal";

export class FakeTextStyle implements TextStyle {
  constructor(readonly props: { bold?: boolean; italic?: boolean; fontSize?: number; color?: string }) {}
  isBold(): boolean | null {
    return this.props.bold ?? null;
  }
}

export class FakeTextStyleBuilder implements TextStyleBuilder {
  private props: FakeTextStyle["props"] = {};
  constructor(private readonly log: CallLog) {}
  setBold(bold: boolean): TextStyleBuilder {
    this.log.record("local", "TextStyleBuilder.setBold");
    this.props.bold = bold;
    return this;
  }
  setItalic(italic: boolean): TextStyleBuilder {
    this.log.record("local", "TextStyleBuilder.setItalic");
    this.props.italic = italic;
    return this;
  }
  setFontSize(fontSize: number): TextStyleBuilder {
    this.log.record("local", "TextStyleBuilder.setFontSize");
    this.props.fontSize = fontSize;
    return this;
  }
  setForegroundColor(cssString: string): TextStyleBuilder {
    this.log.record("local", "TextStyleBuilder.setForegroundColor");
    this.props.color = cssString;
    return this;
  }
  build(): TextStyle {
    this.log.record("local", "TextStyleBuilder.build");
    return new FakeTextStyle({ ...this.props });
  }
}

/** A range as a rule or chart keeps it: its sheet's name and 1-based rectangle. */
export interface RangeLike extends Range {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export class FakeConditionalRule implements ConditionalFormatRule {
  constructor(readonly text: string, readonly background: string | null, readonly fontColor: string | null, readonly ranges: RangeLike[]) {}
  getRanges(): Range[] {
    return this.ranges;
  }
}
export class FakeConditionalRuleBuilder implements ConditionalFormatRuleBuilder {
  private text = "";
  private background: string | null = null;
  private fontColor: string | null = null;
  private ranges: RangeLike[] = [];
  constructor(private readonly log: CallLog) {}
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    this.log.record("local", "ConditionalFormatRuleBuilder.whenTextEqualTo");
    this.text = text;
    return this;
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    this.log.record("local", "ConditionalFormatRuleBuilder.setBackground");
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    this.log.record("local", "ConditionalFormatRuleBuilder.setFontColor");
    this.fontColor = color;
    return this;
  }
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    this.log.record("local", "ConditionalFormatRuleBuilder.setRanges");
    this.ranges = ranges as RangeLike[];
    return this;
  }
  build(): ConditionalFormatRule {
    this.log.record("local", "ConditionalFormatRuleBuilder.build");
    return new FakeConditionalRule(this.text, this.background, this.fontColor, this.ranges);
  }
}

export class FakeDataValidation implements DataValidation {
  constructor(readonly values: string[], readonly dropdown: boolean, readonly allowInvalid: boolean, readonly help: string | null) {}
  getHelpText(): string | null {
    return this.help;
  }
}
export class FakeDataValidationBuilder implements DataValidationBuilder {
  private values: string[] = [];
  private dropdown = false;
  private allowInvalid = true;
  private help: string | null = null;
  constructor(private readonly log: CallLog) {}
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder {
    this.log.record("local", "DataValidationBuilder.requireValueInList");
    this.values = [...values];
    this.dropdown = showDropdown;
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.log.record("local", "DataValidationBuilder.setAllowInvalid");
    this.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.log.record("local", "DataValidationBuilder.setHelpText");
    this.help = helpText;
    return this;
  }
  build(): DataValidation {
    this.log.record("local", "DataValidationBuilder.build");
    return new FakeDataValidation(this.values, this.dropdown, this.allowInvalid, this.help);
  }
}

/**
 * An embedded chart as built. EmbeddedChartBuilder.setOption "doesn't validate the option you
 * specify is valid for this chart type nor if the value is of the correct format/structure", so
 * the fake keeps any option, as plain JSON (a value that is not plain JSON is refused).
 */
export interface FakeChart {
  type: unknown;
  ranges: RangeLike[];
  numHeaders: number;
  hiddenStrategy: unknown;
  options: Record<string, unknown>;
  position: [number, number, number, number];
}

/** The options of a built chart, read back as EmbeddedChart.getOptions().get("hAxis.viewWindow.min"). */
export function chartOption(chart: FakeChart, path: string): unknown {
  const [first, ...rest] = path.split(".");
  let v: unknown = chart.options[first as string];
  for (const k of rest) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v ?? null;
}

export class FakeEmbeddedChart implements EmbeddedChart {
  constructor(readonly fake: FakeChart, private readonly log: CallLog) {}
  getChartId(): number | null {
    return 1;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    this.log.record("local", "EmbeddedChart.getOptions");
    return { get: (option: string) => chartOption(this.fake, option) } as GoogleAppsScript.Charts.ChartOptions;
  }
}

/** The Charts.ChartType members the fake's Charts service offers (services.ts). */
export const CHART_TYPES: readonly string[] = ["SCATTER", "LINE"];

export class FakeChartBuilder implements EmbeddedChartBuilder {
  private chart: FakeChart = { type: null, ranges: [], numHeaders: 0, hiddenStrategy: null, options: {}, position: [1, 1, 0, 0] };
  constructor(private readonly log: CallLog) {}
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setChartType");
    // Enum ChartType (https://developers.google.com/apps-script/reference/charts/chart-type): the fake offers the members the add-on uses.
    if (!CHART_TYPES.includes(String(type))) throw new Error(`setChartType: ${String(type)} is not a Charts.ChartType`);
    this.chart.type = type;
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.addRange");
    this.chart.ranges.push(range as RangeLike);
    return this;
  }
  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setNumHeaders");
    this.chart.numHeaders = headers;
    return this;
  }
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setHiddenDimensionStrategy");
    this.chart.hiddenStrategy = strategy;
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setOption");
    if (!isPlainJson(value)) throw new Error(`chart option ${option} is not plain JSON`);
    this.chart.options[option] = JSON.parse(JSON.stringify(value));
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setPosition");
    // ContainerInfo (https://developers.google.com/apps-script/reference/spreadsheet/container-info): the anchor row and column are 1-indexed.
    if (![anchorRowPos, anchorColPos].every((n) => Number.isInteger(n) && n >= 1)) throw new Error(`setPosition: anchor row ${anchorRowPos} and column ${anchorColPos} must be 1-indexed`);
    this.chart.position = [anchorRowPos, anchorColPos, offsetX, offsetY];
    return this;
  }
  build(): EmbeddedChart {
    this.log.record("local", "EmbeddedChartBuilder.build");
    if (this.chart.type === null || this.chart.ranges.length === 0) throw new Error("build: a chart needs a chart type and a range");
    return new FakeEmbeddedChart(this.chart, this.log);
  }
}

/**
 * The slice of the Apps Script services the add-on uses, as narrowed interfaces.
 *
 * The adapter is written against these, and the in-memory fake (test/fakes/spreadsheet-app.ts)
 * implements them. The checks at the bottom assert that every official type from
 * `@types/google-apps-script` is assignable to its narrowed twin: a method listed here that does
 * not exist in Apps Script, or whose signature differs, fails the type check — so neither the
 * adapter nor the fake can drift from the real API.
 */
type S = typeof GoogleAppsScript.Spreadsheet;
export type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
export type LocationType = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType;

export interface TextStyle {
  isBold(): boolean | null;
}
export interface TextStyleBuilder {
  setBold(bold: boolean): TextStyleBuilder;
  setItalic(italic: boolean): TextStyleBuilder;
  setFontSize(fontSize: number): TextStyleBuilder;
  setForegroundColor(cssString: string): TextStyleBuilder;
  build(): TextStyle;
}

export interface DeveloperMetadataLocation {
  getSheet(): Sheet | null;
  getColumn(): Range | null;
}
export interface DeveloperMetadata {
  getKey(): string;
  getValue(): string | null;
  setValue(value: string): DeveloperMetadata;
  getLocation(): DeveloperMetadataLocation;
  remove(): void;
}
export interface DeveloperMetadataFinder {
  withKey(key: string): DeveloperMetadataFinder;
  withVisibility(visibility: Visibility): DeveloperMetadataFinder;
  find(): DeveloperMetadata[];
}

export interface ConditionalFormatRule {
  getRanges(): Range[];
}
export interface ConditionalFormatRuleBuilder {
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder;
  setBackground(color: string | null): ConditionalFormatRuleBuilder;
  setFontColor(color: string | null): ConditionalFormatRuleBuilder;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder;
  build(): ConditionalFormatRule;
}

export interface DataValidation {
  getHelpText(): string | null;
}
export interface DataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  setHelpText(helpText: string): DataValidationBuilder;
  build(): DataValidation;
}

export interface ChartOptions {
  get(option: string): unknown;
}
export interface EmbeddedChart {
  getChartId(): number | null;
  getOptions(): ChartOptions;
}
export interface EmbeddedChartBuilder {
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder;
  addRange(range: Range): EmbeddedChartBuilder;
  setNumHeaders(headers: number): EmbeddedChartBuilder;
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): EmbeddedChartBuilder;
  setOption(option: string, value: unknown): EmbeddedChartBuilder;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder;
  build(): EmbeddedChart;
}

export interface Filter {
  getRange(): Range;
}

export interface Range {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getSheet(): Sheet;
  getA1Notation(): string;
  getValues(): unknown[][];
  getFormulas(): string[][];
  setValues(values: unknown[][]): Range;
  setNumberFormat(numberFormat: string): Range;
  setNumberFormats(numberFormats: string[][]): Range;
  setTextStyle(style: TextStyle): Range;
  setTextStyles(styles: TextStyle[][]): Range;
  setBackground(color: string | null): Range;
  setBackgrounds(color: (string | null)[][]): Range;
  setWrap(isWrapEnabled: boolean): Range;
  setFontWeight(fontWeight: string | null): Range;
  setDataValidation(rule: DataValidation | null): Range;
  clear(): Range;
  clearContent(): Range;
  clearFormat(): Range;
  addDeveloperMetadata(key: string, value: string, visibility: Visibility): Range;
  createFilter(): Filter;
}

export interface RangeList {
  clear(): RangeList;
  clearFormat(): RangeList;
  setNumberFormat(numberFormat: string): RangeList;
  setWrap(isWrapEnabled: boolean): RangeList;
}

export interface Sheet {
  getName(): string;
  setName(name: string): Sheet;
  getSheetId(): number;
  getIndex(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  getLastRow(): number;
  getDataRange(): Range;
  getRange(row: number, column: number): Range;
  getRange(row: number, column: number, numRows: number): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getRange(a1Notation: string): Range;
  getRangeList(a1Notations: string[]): RangeList;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet;
  deleteRows(rowPosition: number, howMany: number): void;
  deleteColumns(columnPosition: number, howMany: number): void;
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet;
  hideColumns(columnIndex: number, numColumns: number): void;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void;
  setTabColor(color: string | null): Sheet;
  addDeveloperMetadata(key: string, value: string, visibility: Visibility): Sheet;
  createDeveloperMetadataFinder(): DeveloperMetadataFinder;
  newChart(): EmbeddedChartBuilder;
  insertChart(chart: EmbeddedChart): void;
  getCharts(): EmbeddedChart[];
  hideSheet(): Sheet;
  activate(): Sheet;
}

export interface Spreadsheet {
  getActiveSheet(): Sheet;
  getSheetByName(name: string): Sheet | null;
  getSheets(): Sheet[];
  getSpreadsheetTimeZone(): string;
  insertSheet(sheetName: string, sheetIndex: number): Sheet;
  deleteSheet(sheet: Sheet): void;
  createDeveloperMetadataFinder(): DeveloperMetadataFinder;
  toast(msg: string, title: string): void;
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addToUi(): void;
}
export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  setWidth(width: number): HtmlOutput;
  setHeight(height: number): HtmlOutput;
  getContent(): string;
}
export interface Ui {
  createAddonMenu(): Menu;
  showSidebar(userInterface: HtmlOutput): void;
  showModalDialog(userInterface: HtmlOutput, title: string): void;
  alert(prompt: string): unknown;
}

export interface SpreadsheetAppApi {
  DeveloperMetadataVisibility: Pick<S["DeveloperMetadataVisibility"], "PROJECT">;
  getActiveSpreadsheet(): Spreadsheet;
  getUi(): Ui;
  newTextStyle(): TextStyleBuilder;
  newConditionalFormatRule(): ConditionalFormatRuleBuilder;
  newDataValidation(): DataValidationBuilder;
  flush(): void;
}
export interface ChartsApi {
  ChartType: Pick<typeof GoogleAppsScript.Charts.ChartType, "SCATTER" | "LINE">;
  ChartHiddenDimensionStrategy: Pick<typeof GoogleAppsScript.Charts.ChartHiddenDimensionStrategy, "SHOW_BOTH">;
}
export interface Properties {
  getProperties(): { [key: string]: string };
  setProperties(properties: { [key: string]: string }): Properties;
  deleteProperty(key: string): Properties;
}
export interface PropertiesServiceApi {
  getDocumentProperties(): Properties | null;
}
/** The document lock: "prevents any user of the current document from concurrently running a section of code". */
export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}
export interface LockServiceApi {
  /** null "if called from a standalone script or webapp". */
  getDocumentLock(): Lock | null;
}
export interface UtilitiesApi {
  formatDate(date: Date, timeZone: string, format: string): string;
  sleep(milliseconds: number): void;
}
export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createHtmlOutput(html: string): HtmlOutput;
}

/** The Apps Script globals the add-on touches, gathered so code and tests can pass them around. */
export interface Services {
  SpreadsheetApp: SpreadsheetAppApi;
  PropertiesService: PropertiesServiceApi;
  HtmlService: HtmlServiceApi;
  Charts: ChartsApi;
  LockService: LockServiceApi;
  Utilities: UtilitiesApi;
}

// ---------------------------------------------------------------------------------------------
// The official typings must be assignable to the narrowed ones (compile-time only: this function
// is never called, and nothing imports it into a bundle).
type G = typeof GoogleAppsScript;
declare const official: {
  range: GoogleAppsScript.Spreadsheet.Range;
  rangeList: GoogleAppsScript.Spreadsheet.RangeList;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  metadata: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
  finder: GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
  location: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation;
  chartBuilder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  chart: GoogleAppsScript.Spreadsheet.EmbeddedChart;
  ruleBuilder: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
  validationBuilder: GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  validation: GoogleAppsScript.Spreadsheet.DataValidation;
  styleBuilder: GoogleAppsScript.Spreadsheet.TextStyleBuilder;
  style: GoogleAppsScript.Spreadsheet.TextStyle;
  filter: GoogleAppsScript.Spreadsheet.Filter;
  ui: GoogleAppsScript.Base.Ui;
  menu: GoogleAppsScript.Base.Menu;
  html: GoogleAppsScript.HTML.HtmlOutput;
  htmlService: GoogleAppsScript.HTML.HtmlService;
  propertiesService: GoogleAppsScript.Properties.PropertiesService;
  properties: GoogleAppsScript.Properties.Properties;
  charts: GoogleAppsScript.Charts.Charts;
  chartOptions: GoogleAppsScript.Charts.ChartOptions;
  lockService: GoogleAppsScript.Lock.LockService;
  lock: GoogleAppsScript.Lock.Lock;
  utilities: GoogleAppsScript.Utilities.Utilities;
};
export function typingChecks(): unknown[] {
  const checks: [
    Range, RangeList, Sheet, Spreadsheet, SpreadsheetAppApi, DeveloperMetadata, DeveloperMetadataFinder,
    DeveloperMetadataLocation, EmbeddedChartBuilder, EmbeddedChart, ConditionalFormatRuleBuilder,
    ConditionalFormatRule, DataValidationBuilder, DataValidation, TextStyleBuilder, TextStyle, Filter, Ui, Menu,
    HtmlOutput, HtmlServiceApi, PropertiesServiceApi, Properties, ChartsApi, ChartOptions, LockServiceApi, Lock, UtilitiesApi,
  ] = [
    official.range, official.rangeList, official.sheet, official.spreadsheet, official.app, official.metadata,
    official.finder, official.location, official.chartBuilder, official.chart, official.ruleBuilder, official.rule,
    official.validationBuilder, official.validation, official.styleBuilder, official.style, official.filter,
    official.ui, official.menu, official.html, official.htmlService, official.propertiesService, official.properties,
    official.charts, official.chartOptions, official.lockService, official.lock, official.utilities,
  ];
  return checks;
}
export type Namespace = G;

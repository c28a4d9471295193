/**
 * An in-memory fake of the Apps Script services the add-on uses (SpreadsheetApp, Spreadsheet,
 * Sheet, Range, RangeList, developer metadata, charts, rules, Ui, PropertiesService, HtmlService),
 * typed against sheets-addon/gas.ts — whose interfaces are checked against @types/google-apps-script
 * — so the fake cannot drift from the real API.
 *
 * Every method call is logged with a kind, to count service calls and round trips:
 * - "read": returns document state (values, names, sizes, metadata search): a round trip;
 * - "write": changes the document and returns nothing new: queued by SpreadsheetApp and sent with
 *   the next read or at the end of the execution (SpreadsheetApp.flush's documented batching);
 * - "sync": a call that both changes the document and returns something from it (insertSheet), or
 *   goes to another service (PropertiesService, Ui): its own round trip;
 * - "local": handles and builders (getRange by coordinates, newChart().setOption…, finders' with…):
 *   assembled in the script, nothing sent.
 *
 * Like Sheets, a string written with setValues into a cell not formatted as plain text ("@") is
 * parsed as if typed: "=…" (and "+…", "-…", "@…" that are not numbers) becomes a formula, a number-like
 * string a number. Tests use this to prove the adapter writes data text as text.
 */
import type {
  ChartsApi, ConditionalFormatRule, ConditionalFormatRuleBuilder, DataValidation, DataValidationBuilder, DeveloperMetadata,
  DeveloperMetadataFinder, DeveloperMetadataLocation, EmbeddedChart, EmbeddedChartBuilder, Filter, HtmlOutput, HtmlServiceApi, Menu,
  Properties, PropertiesServiceApi, Range, RangeList, Services, Sheet, Spreadsheet, SpreadsheetAppApi, TextStyle, TextStyleBuilder, Ui,
  Visibility,
} from "../../sheets-addon/gas";

export type CallKind = "read" | "write" | "sync" | "local";
export interface Call {
  kind: CallKind;
  name: string;
}

export class ServiceError extends Error {}

/** The log of service calls, shared by every fake object of one spreadsheet. */
export class CallLog {
  calls: Call[] = [];
  /** Throw on a call when this returns true (failure injection). */
  failWhen: ((call: Call, index: number) => boolean) | null = null;
  /** AuthMode.NONE: only the menu may be built (as for an add-on before authorisation). */
  authModeNone = false;

  record(kind: CallKind, name: string): void {
    if (this.authModeNone && !["SpreadsheetApp.getUi", "Ui.createAddonMenu", "Menu.addItem", "Menu.addSeparator", "Menu.addToUi"].includes(name)) {
      throw new ServiceError(`${name}: not allowed in AuthMode.NONE`);
    }
    const call = { kind, name };
    if (this.failWhen?.(call, this.calls.length)) {
      this.failWhen = null;
      throw new ServiceError(`Service error: ${name} failed (injected)`);
    }
    this.calls.push(call);
  }
  reset(): void {
    this.calls = [];
  }
  /** Every call that reaches the document or another service (reads, writes, syncs). */
  serviceCalls(): number {
    return this.calls.filter((c) => c.kind !== "local").length;
  }
  count(kind: CallKind): number {
    return this.calls.filter((c) => c.kind === kind).length;
  }
  named(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }
  /** Round trips: each read or sync (flushing queued writes first), plus the final flush. */
  roundTrips(): number {
    let trips = 0;
    let pending = false;
    for (const c of this.calls) {
      if (c.kind === "write") pending = true;
      else if (c.kind === "read" || c.kind === "sync") {
        trips += (pending ? 1 : 0) + 1;
        pending = false;
      }
    }
    return trips + (pending ? 1 : 0);
  }
  summary(): string {
    return `${this.calls.length} calls (${this.count("read")} read, ${this.count("write")} write, ${this.count("sync")} sync, ${this.count("local")} local), ${this.roundTrips()} round trips`;
  }
}

// -----------------------------------------------------------------------------------------------
// A1 notation

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
/** "B3", "B3:D9", "J:R", "J2:R", "A:A" → 1-based rectangle (open ends run to the sheet's size). */
export function parseA1(a1: string, maxRows: number, maxCols: number): { row: number; col: number; rows: number; cols: number } {
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(a1.trim());
  if (!m) throw new ServiceError(`Range not found: ${a1}`);
  const [, c1 = "", r1 = "", c2, r2] = m;
  const col = c1 ? colIndex(c1) : 1;
  const row = r1 ? Number(r1) : 1;
  const single = c2 === undefined && r2 === undefined;
  const endCol = single ? (c1 ? col : maxCols) : c2 ? colIndex(c2) : maxCols;
  const endRow = single ? (r1 ? row : maxRows) : r2 ? Number(r2) : maxRows;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}
export const a1Of = (row: number, col: number, rows = 1, cols = 1): string =>
  rows === 1 && cols === 1 ? `${colLetters(col)}${row}` : `${colLetters(col)}${row}:${colLetters(col + cols - 1)}${row + rows - 1}`;

// -----------------------------------------------------------------------------------------------
// Cells

export interface FakeCell {
  value: unknown;
  formula?: string;
  format?: string;
  style?: FakeTextStyle;
  background?: string | null;
  wrap?: boolean;
  bold?: boolean;
  validation?: FakeDataValidation | null;
}

/** Text Sheets reads as a number when typed: 12, -6%, $182,450.00, 1e3. */
const NUMBER_LIKE = /^[+-]?\$?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?%?$/i;
function enteredNumber(s: string): number | null {
  const t = s.trim();
  if (!/\d/.test(t) || !NUMBER_LIKE.test(t)) return null;
  const n = Number(t.replace(/[$,%]/g, ""));
  if (!Number.isFinite(n)) return null;
  return t.endsWith("%") ? n / 100 : n;
}

export class FakeTextStyle implements TextStyle {
  constructor(readonly props: { bold?: boolean; italic?: boolean; fontSize?: number; color?: string }) {}
  isBold(): boolean | null {
    return this.props.bold ?? null;
  }
}

class FakeTextStyleBuilder implements TextStyleBuilder {
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

export class FakeConditionalRule implements ConditionalFormatRule {
  constructor(readonly text: string, readonly background: string | null, readonly fontColor: string | null, readonly ranges: FakeRange[]) {}
  getRanges(): Range[] {
    return this.ranges;
  }
}
class FakeConditionalRuleBuilder implements ConditionalFormatRuleBuilder {
  private text = "";
  private background: string | null = null;
  private fontColor: string | null = null;
  private ranges: FakeRange[] = [];
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
    this.ranges = ranges as FakeRange[];
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
class FakeDataValidationBuilder implements DataValidationBuilder {
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

// -----------------------------------------------------------------------------------------------
// Developer metadata

type Location = { type: "SHEET"; sheet: FakeSheet } | { type: "COLUMN"; sheet: FakeSheet; col: number; cols: number } | { type: "SPREADSHEET" };

export class FakeMetadata implements DeveloperMetadata {
  constructor(
    readonly ss: FakeSpreadsheet,
    readonly key: string,
    readonly value: string,
    readonly visibility: Visibility,
    public location: Location,
  ) {}
  getKey(): string {
    this.ss.log.record("local", "DeveloperMetadata.getKey");
    return this.key;
  }
  getValue(): string | null {
    this.ss.log.record("local", "DeveloperMetadata.getValue");
    return this.value;
  }
  getLocation(): DeveloperMetadataLocation {
    this.ss.log.record("local", "DeveloperMetadata.getLocation");
    const loc = this.location;
    const log = this.ss.log;
    return {
      getSheet: () => {
        log.record("local", "DeveloperMetadataLocation.getSheet");
        return loc.type === "SHEET" ? loc.sheet : null;
      },
      getColumn: () => {
        log.record("local", "DeveloperMetadataLocation.getColumn");
        return loc.type === "COLUMN" ? new FakeRange(loc.sheet, 1, loc.col, loc.sheet.maxRows, loc.cols) : null;
      },
    };
  }
  remove(): void {
    this.ss.log.record("write", "DeveloperMetadata.remove");
    this.ss.metadata = this.ss.metadata.filter((m) => m !== this);
  }
}

class FakeFinder implements DeveloperMetadataFinder {
  private key: string | null = null;
  private visibility: Visibility | null = null;
  constructor(private readonly ss: FakeSpreadsheet, private readonly sheet: FakeSheet | null) {}
  withKey(key: string): DeveloperMetadataFinder {
    this.ss.log.record("local", "DeveloperMetadataFinder.withKey");
    this.key = key;
    return this;
  }
  withVisibility(visibility: Visibility): DeveloperMetadataFinder {
    this.ss.log.record("local", "DeveloperMetadataFinder.withVisibility");
    this.visibility = visibility;
    return this;
  }
  find(): DeveloperMetadata[] {
    this.ss.log.record("read", "DeveloperMetadataFinder.find");
    return this.ss.metadata.filter(
      (m) =>
        (this.key === null || m.key === this.key) &&
        (this.visibility === null || m.visibility === this.visibility) &&
        (this.sheet === null || (m.location.type !== "SPREADSHEET" && m.location.sheet === this.sheet)),
    );
  }
}

// -----------------------------------------------------------------------------------------------
// Charts

export interface FakeChart {
  type: unknown;
  ranges: FakeRange[];
  numHeaders: number;
  hiddenStrategy: unknown;
  options: Record<string, unknown>;
  position: [number, number, number, number];
}
class FakeChartBuilder implements EmbeddedChartBuilder {
  private chart: FakeChart = { type: null, ranges: [], numHeaders: 0, hiddenStrategy: null, options: {}, position: [1, 1, 0, 0] };
  constructor(private readonly log: CallLog) {}
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setChartType");
    this.chart.type = type;
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.addRange");
    this.chart.ranges.push(range as FakeRange);
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
    this.chart.options[option] = JSON.parse(JSON.stringify(value));
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this.log.record("local", "EmbeddedChartBuilder.setPosition");
    this.chart.position = [anchorRowPos, anchorColPos, offsetX, offsetY];
    return this;
  }
  build(): EmbeddedChart {
    this.log.record("local", "EmbeddedChartBuilder.build");
    const chart = this.chart;
    return Object.assign({ getChartId: () => 1 }, { fake: chart }) as EmbeddedChart;
  }
}

// -----------------------------------------------------------------------------------------------
// Range, RangeList, Sheet

export class FakeRange implements Range {
  constructor(readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number) {
    if (rows < 1 || cols < 1) throw new ServiceError("The number of rows/columns in the range must be at least 1.");
    if (row < 1 || col < 1 || row + rows - 1 > sheet.maxRows || col + cols - 1 > sheet.maxCols) {
      throw new ServiceError(`Range ${a1Of(row, col, rows, cols)} is out of bounds of sheet "${sheet.name}" (${sheet.maxRows} × ${sheet.maxCols}).`);
    }
  }
  private get log() {
    return this.sheet.ss.log;
  }
  private each(f: (cell: FakeCell, r: number, c: number) => void): void {
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) f(this.sheet.cell(this.row + r, this.col + c, true) as FakeCell, r, c);
  }
  private checkShape(grid: unknown[][], what: string): void {
    if (grid.length !== this.rows || grid.some((r) => r.length !== this.cols)) {
      throw new ServiceError(`The number of rows or columns in the ${what} (${grid.length} × ${grid[0]?.length ?? 0}) does not match the range (${this.rows} × ${this.cols}).`);
    }
  }
  getRow(): number {
    this.log.record("local", "Range.getRow");
    return this.row;
  }
  getColumn(): number {
    this.log.record("local", "Range.getColumn");
    return this.col;
  }
  getNumRows(): number {
    this.log.record("local", "Range.getNumRows");
    return this.rows;
  }
  getNumColumns(): number {
    this.log.record("local", "Range.getNumColumns");
    return this.cols;
  }
  getSheet(): Sheet {
    this.log.record("local", "Range.getSheet");
    return this.sheet;
  }
  getA1Notation(): string {
    this.log.record("local", "Range.getA1Notation");
    return a1Of(this.row, this.col, this.rows, this.cols);
  }
  getValues(): unknown[][] {
    this.log.record("read", "Range.getValues");
    const out: unknown[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < this.cols; c++) line.push(this.sheet.valueAt(this.row + r, this.col + c));
      out.push(line);
    }
    return out;
  }
  setValues(values: unknown[][]): Range {
    this.log.record("write", "Range.setValues");
    this.checkShape(values, "data");
    this.each((cell, r, c) => this.sheet.enter(cell, (values[r] as unknown[])[c]));
    return this;
  }
  setNumberFormat(numberFormat: string): Range {
    this.log.record("write", "Range.setNumberFormat");
    this.each((cell) => (cell.format = numberFormat));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this.log.record("write", "Range.setNumberFormats");
    this.checkShape(numberFormats, "formats");
    this.each((cell, r, c) => (cell.format = (numberFormats[r] as string[])[c]));
    return this;
  }
  setTextStyle(style: TextStyle): Range {
    this.log.record("write", "Range.setTextStyle");
    this.each((cell) => (cell.style = style as FakeTextStyle));
    return this;
  }
  setTextStyles(styles: TextStyle[][]): Range {
    this.log.record("write", "Range.setTextStyles");
    this.checkShape(styles, "styles");
    this.each((cell, r, c) => (cell.style = (styles[r] as TextStyle[])[c] as FakeTextStyle));
    return this;
  }
  setBackground(color: string | null): Range {
    this.log.record("write", "Range.setBackground");
    this.each((cell) => (cell.background = color));
    return this;
  }
  setBackgrounds(color: (string | null)[][]): Range {
    this.log.record("write", "Range.setBackgrounds");
    this.checkShape(color, "colors");
    this.each((cell, r, c) => (cell.background = (color[r] as (string | null)[])[c] ?? null));
    return this;
  }
  setWrap(isWrapEnabled: boolean): Range {
    this.log.record("write", "Range.setWrap");
    this.each((cell) => (cell.wrap = isWrapEnabled));
    return this;
  }
  setFontWeight(fontWeight: string | null): Range {
    this.log.record("write", "Range.setFontWeight");
    this.each((cell) => (cell.bold = fontWeight === "bold"));
    return this;
  }
  setDataValidation(rule: DataValidation | null): Range {
    this.log.record("write", "Range.setDataValidation");
    this.each((cell) => (cell.validation = rule as FakeDataValidation | null));
    return this;
  }
  clear(): Range {
    this.log.record("write", "Range.clear");
    this.sheet.clearRect(this.row, this.col, this.rows, this.cols, true);
    return this;
  }
  clearContent(): Range {
    this.log.record("write", "Range.clearContent");
    this.sheet.clearRect(this.row, this.col, this.rows, this.cols, false);
    return this;
  }
  addDeveloperMetadata(key: string, value: string, visibility: Visibility): Range {
    this.log.record("write", "Range.addDeveloperMetadata");
    if (this.row !== 1 || this.rows !== this.sheet.maxRows) {
      throw new ServiceError("Adding developer metadata to arbitrary ranges is not supported: use whole rows or columns.");
    }
    this.sheet.ss.metadata.push(new FakeMetadata(this.sheet.ss, key, value, visibility, { type: "COLUMN", sheet: this.sheet, col: this.col, cols: this.cols }));
    return this;
  }
  createFilter(): Filter {
    this.log.record("write", "Range.createFilter");
    if (this.sheet.filter) throw new ServiceError("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = this;
    return { getRange: () => this };
  }
}

class FakeRangeList implements RangeList {
  constructor(readonly sheet: FakeSheet, readonly ranges: FakeRange[]) {}
  private apply(name: string, f: (r: FakeRange) => void): RangeList {
    this.sheet.ss.log.record("write", `RangeList.${name}`);
    // The ranges' own methods are not separate service calls.
    const log = this.sheet.ss.log;
    const saved = log.calls.length;
    this.ranges.forEach(f);
    log.calls.length = saved;
    return this;
  }
  clear(): RangeList {
    return this.apply("clear", (r) => r.clear());
  }
  setNumberFormat(numberFormat: string): RangeList {
    return this.apply("setNumberFormat", (r) => r.setNumberFormat(numberFormat));
  }
  setWrap(isWrapEnabled: boolean): RangeList {
    return this.apply("setWrap", (r) => r.setWrap(isWrapEnabled));
  }
}

let nextSheetId = 1000;

export class FakeSheet implements Sheet {
  readonly id = nextSheetId++;
  cells = new Map<string, FakeCell>();
  maxRows = 1000;
  maxCols = 26;
  hidden = false;
  frozenRows = 0;
  frozenCols = 0;
  tabColor: string | null = null;
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  rules: FakeConditionalRule[] = [];
  filter: FakeRange | null = null;
  charts: FakeChart[] = [];

  constructor(readonly ss: FakeSpreadsheet, public name: string) {}

  // ---- helpers for tests (not service calls)
  cell(row: number, col: number, create = false): FakeCell | undefined {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c && create) {
      c = { value: "" };
      this.cells.set(key, c);
    }
    return c;
  }
  /** A user typing a value into a cell (tests). */
  put(row: number, col: number, value: unknown): void {
    (this.cell(row, col, true) as FakeCell).value = value;
  }
  valueAt(row: number, col: number): unknown {
    const c = this.cells.get(`${row},${col}`);
    if (!c) return "";
    if (c.formula !== undefined) return c.value ?? "";
    if (c.value instanceof Date) return this.ss.makeDate(c.value.getTime());
    return c.value ?? "";
  }
  /** Sheets' parsing of an entered value (setValues): see the file comment. */
  enter(cell: FakeCell, v: unknown): void {
    delete cell.formula;
    if (v === null || v === undefined) {
      cell.value = "";
      return;
    }
    if (typeof v === "string" && cell.format !== "@") {
      const n = enteredNumber(v);
      if (n !== null) {
        cell.value = n;
        return;
      }
      if (/^[=+\-@]/.test(v)) {
        cell.formula = v.startsWith("=") ? v : `=${v}`;
        cell.value = "";
        return;
      }
    }
    cell.value = v instanceof Date ? new Date(v.getTime()) : v;
  }
  clearRect(row: number, col: number, rows: number, cols: number, formats: boolean): void {
    for (const [key, c] of [...this.cells]) {
      const [r, k] = key.split(",").map(Number) as [number, number];
      if (r >= row && r < row + rows && k >= col && k < col + cols) {
        if (formats) this.cells.delete(key);
        else {
          c.value = "";
          delete c.formula;
        }
      }
    }
  }
  /** Rows × columns of the used area (like getDataRange), for tests. */
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [key, c] of this.cells) {
      if ((c.value === "" || c.value === null) && c.formula === undefined) continue;
      const [r, k] = key.split(",").map(Number) as [number, number];
      rows = Math.max(rows, r);
      cols = Math.max(cols, k);
    }
    return { rows, cols };
  }
  /** The values as tests see them (formulas as their text). */
  grid(): unknown[][] {
    const { rows, cols } = this.extent();
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => {
      const c = this.cells.get(`${i + 1},${j + 1}`);
      return c?.formula ?? c?.value ?? "";
    }));
  }
  /** Content (values, formulas, formats) as a string, for before/after comparisons. */
  snapshot(): string {
    return JSON.stringify([...this.cells.entries()].filter(([, c]) => c.value !== "" || c.formula !== undefined).map(([k, c]) => [k, c.value instanceof Date ? c.value.toISOString() : c.value, c.formula ?? null, c.format ?? null]).sort());
  }
  formulas(): { row: number; col: number; formula: string }[] {
    return [...this.cells.entries()].filter(([, c]) => c.formula !== undefined).map(([k, c]) => {
      const [row, col] = k.split(",").map(Number) as [number, number];
      return { row, col, formula: c.formula as string };
    });
  }
  /** Puts values in the sheet as a user's data: strings stay text (those starting like a formula get "@"). */
  fill(rows: unknown[][]): this {
    rows.forEach((line, i) => line.forEach((v, j) => {
      if (v === "" || v === null || v === undefined) return;
      const c = this.cell(i + 1, j + 1, true) as FakeCell;
      c.value = v;
      if (typeof v === "string" && /^[=+\-@]/.test(v)) c.format = "@";
    }));
    this.maxRows = Math.max(this.maxRows, rows.length);
    this.maxCols = Math.max(this.maxCols, ...rows.map((r) => r.length));
    return this;
  }

  // ---- Sheet
  private get log() {
    return this.ss.log;
  }
  getName(): string {
    this.log.record("read", "Sheet.getName");
    return this.name;
  }
  setName(name: string): Sheet {
    this.log.record("write", "Sheet.setName");
    if (this.ss.sheets.some((s) => s !== this && s.name === name)) throw new ServiceError(`A sheet with the name "${name}" already exists.`);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    this.log.record("read", "Sheet.getSheetId");
    return this.id;
  }
  getIndex(): number {
    this.log.record("read", "Sheet.getIndex");
    return this.ss.sheets.indexOf(this) + 1;
  }
  getMaxRows(): number {
    this.log.record("read", "Sheet.getMaxRows");
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.log.record("read", "Sheet.getMaxColumns");
    return this.maxCols;
  }
  getDataRange(): Range {
    this.log.record("read", "Sheet.getDataRange");
    const { rows, cols } = this.extent();
    return new FakeRange(this, 1, 1, Math.max(rows, 1), Math.max(cols, 1));
  }
  getRange(row: number, column: number): Range;
  getRange(row: number, column: number, numRows: number): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getRange(a1Notation: string): Range;
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    this.log.record("local", "Sheet.getRange");
    if (typeof a === "string") {
      const r = parseA1(a, this.maxRows, this.maxCols);
      return new FakeRange(this, r.row, r.col, r.rows, r.cols);
    }
    return new FakeRange(this, a, column as number, numRows ?? 1, numColumns ?? 1);
  }
  getRangeList(a1Notations: string[]): RangeList {
    this.log.record("local", "Sheet.getRangeList");
    return new FakeRangeList(this, a1Notations.map((a) => {
      const r = parseA1(a, this.maxRows, this.maxCols);
      return new FakeRange(this, r.row, r.col, r.rows, r.cols);
    }));
  }
  private shift(axis: "row" | "col", after: number, howMany: number): void {
    const moved = new Map<string, FakeCell>();
    for (const [key, c] of this.cells) {
      let [r, k] = key.split(",").map(Number) as [number, number];
      if (axis === "row" && r > after) r += howMany;
      if (axis === "col" && k > after) k += howMany;
      moved.set(`${r},${k}`, c);
    }
    this.cells = moved;
    for (const m of this.ss.metadata) {
      if (axis === "col" && m.location.type === "COLUMN" && m.location.sheet === this && m.location.col > after) m.location = { ...m.location, col: m.location.col + howMany };
    }
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record("write", "Sheet.insertRowsAfter");
    if (afterPosition < 1 || afterPosition > this.maxRows || howMany < 1) throw new ServiceError("insertRowsAfter: invalid position");
    this.shift("row", afterPosition, howMany);
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record("write", "Sheet.insertColumnsAfter");
    if (afterPosition < 1 || afterPosition > this.maxCols || howMany < 1) throw new ServiceError("insertColumnsAfter: invalid position");
    this.shift("col", afterPosition, howMany);
    this.maxCols += howMany;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.log.record("write", "Sheet.setColumnWidths");
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this;
  }
  hideColumns(columnIndex: number, numColumns: number): void {
    this.log.record("write", "Sheet.hideColumns");
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  setFrozenRows(rows: number): void {
    this.log.record("write", "Sheet.setFrozenRows");
    this.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    this.log.record("write", "Sheet.setFrozenColumns");
    this.frozenCols = columns;
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.log.record("write", "Sheet.setConditionalFormatRules");
    this.rules = rules as FakeConditionalRule[];
  }
  setTabColor(color: string | null): Sheet {
    this.log.record("write", "Sheet.setTabColor");
    this.tabColor = color;
    return this;
  }
  addDeveloperMetadata(key: string, value: string, visibility: Visibility): Sheet {
    this.log.record("write", "Sheet.addDeveloperMetadata");
    this.ss.metadata.push(new FakeMetadata(this.ss, key, value, visibility, { type: "SHEET", sheet: this }));
    return this;
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.log.record("local", "Sheet.createDeveloperMetadataFinder");
    return new FakeFinder(this.ss, this);
  }
  newChart(): EmbeddedChartBuilder {
    this.log.record("local", "Sheet.newChart");
    return new FakeChartBuilder(this.log);
  }
  insertChart(chart: EmbeddedChart): void {
    this.log.record("write", "Sheet.insertChart");
    this.charts.push((chart as unknown as { fake: FakeChart }).fake);
  }
  hideSheet(): Sheet {
    this.log.record("write", "Sheet.hideSheet");
    this.hidden = true;
    return this;
  }
  activate(): Sheet {
    this.log.record("write", "Sheet.activate");
    this.ss.active = this;
    return this;
  }
}

// -----------------------------------------------------------------------------------------------
// Spreadsheet, services

export class FakeSpreadsheet implements Spreadsheet {
  sheets: FakeSheet[] = [];
  active: FakeSheet;
  metadata: FakeMetadata[] = [];
  toasts: string[] = [];
  timeZone = "Europe/Paris";
  /** Dates handed to the script are made in its realm (a vm context has its own Date). */
  makeDate: (ms: number) => Date = (ms) => new Date(ms);

  constructor(readonly log: CallLog, first = "Sheet1") {
    this.active = new FakeSheet(this, first);
    this.sheets.push(this.active);
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  /** The sheet carrying a sheet-level marker. */
  owned(key: string): FakeSheet | undefined {
    const m = this.metadata.find((x) => x.key === key && x.location.type === "SHEET");
    return m && m.location.type === "SHEET" ? m.location.sheet : undefined;
  }
  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const s = new FakeSheet(this, name).fill(rows);
    this.sheets.push(s);
    return s;
  }

  getActiveSheet(): Sheet {
    this.log.record("read", "Spreadsheet.getActiveSheet");
    return this.active;
  }
  getSheetByName(name: string): Sheet | null {
    this.log.record("read", "Spreadsheet.getSheetByName");
    return this.sheet(name) ?? null;
  }
  getSheets(): Sheet[] {
    this.log.record("read", "Spreadsheet.getSheets");
    return [...this.sheets];
  }
  getSpreadsheetTimeZone(): string {
    this.log.record("read", "Spreadsheet.getSpreadsheetTimeZone");
    return this.timeZone;
  }
  insertSheet(sheetName: string, sheetIndex: number): Sheet {
    this.log.record("sync", "Spreadsheet.insertSheet");
    if (this.sheet(sheetName)) throw new ServiceError(`A sheet with the name "${sheetName}" already exists.`);
    const s = new FakeSheet(this, sheetName);
    this.sheets.splice(Math.max(0, Math.min(sheetIndex, this.sheets.length)), 0, s);
    this.active = s;
    return s;
  }
  deleteSheet(sheet: Sheet): void {
    this.log.record("write", "Spreadsheet.deleteSheet");
    const s = sheet as FakeSheet;
    if (this.sheets.length === 1) throw new ServiceError("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((x) => x !== s);
    this.metadata = this.metadata.filter((m) => m.location.type === "SPREADSHEET" || m.location.sheet !== s);
    if (this.active === s) this.active = this.sheets[0] as FakeSheet;
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.log.record("local", "Spreadsheet.createDeveloperMetadataFinder");
    return new FakeFinder(this, null);
  }
  toast(msg: string, title: string): void {
    this.log.record("sync", "Spreadsheet.toast");
    this.toasts.push(`${title}: ${msg}`);
  }
}

export class FakeMenu implements Menu {
  items: [string, string][] = [];
  added = false;
  constructor(private readonly ui: FakeUi) {}
  addItem(caption: string, functionName: string): Menu {
    this.ui.log.record("local", "Menu.addItem");
    this.items.push([caption, functionName]);
    return this;
  }
  addSeparator(): Menu {
    this.ui.log.record("local", "Menu.addSeparator");
    this.items.push(["---", ""]);
    return this;
  }
  addToUi(): void {
    this.ui.log.record("sync", "Menu.addToUi");
    this.added = true;
    this.ui.menus.push(this);
  }
}

export class FakeHtmlOutput implements HtmlOutput {
  title = "";
  width = 0;
  height = 0;
  constructor(readonly content: string) {}
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this;
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

export class FakeUi implements Ui {
  menus: FakeMenu[] = [];
  sidebars: FakeHtmlOutput[] = [];
  dialogs: { html: FakeHtmlOutput; title: string }[] = [];
  alerts: string[] = [];
  constructor(readonly log: CallLog) {}
  createAddonMenu(): Menu {
    this.log.record("local", "Ui.createAddonMenu");
    return new FakeMenu(this);
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.log.record("sync", "Ui.showSidebar");
    this.sidebars.push(userInterface as FakeHtmlOutput);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.log.record("sync", "Ui.showModalDialog");
    this.dialogs.push({ html: userInterface as FakeHtmlOutput, title });
  }
  alert(prompt: string): unknown {
    this.log.record("sync", "Ui.alert");
    this.alerts.push(prompt);
    return "OK";
  }
}

export class FakeProperties implements Properties {
  store = new Map<string, string>();
  constructor(private readonly log: CallLog) {}
  getProperties(): { [key: string]: string } {
    this.log.record("sync", "Properties.getProperties");
    return Object.fromEntries(this.store);
  }
  setProperties(properties: { [key: string]: string }): Properties {
    this.log.record("sync", "Properties.setProperties");
    for (const [k, v] of Object.entries(properties)) this.store.set(k, String(v));
    return this;
  }
}

const PROJECT = "PROJECT" as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility.PROJECT;

export interface FakeGoogle extends Services {
  log: CallLog;
  ss: FakeSpreadsheet;
  ui: FakeUi;
  properties: FakeProperties;
  /** Files HtmlService.createHtmlOutputFromFile reads (name without .html → content). */
  files: Map<string, string>;
}

/** A fresh fake: one spreadsheet with one sheet holding `rows`. */
export function fakeGoogle(rows: unknown[][] = [], sheetName = "Clients"): FakeGoogle {
  const log = new CallLog();
  const ss = new FakeSpreadsheet(log, sheetName);
  ss.active.fill(rows);
  const ui = new FakeUi(log);
  const properties = new FakeProperties(log);
  const files = new Map<string, string>();
  const SpreadsheetApp: SpreadsheetAppApi = {
    DeveloperMetadataVisibility: { PROJECT },
    getActiveSpreadsheet: () => {
      log.record("local", "SpreadsheetApp.getActiveSpreadsheet");
      return ss;
    },
    getUi: () => {
      log.record("local", "SpreadsheetApp.getUi");
      return ui;
    },
    newTextStyle: () => {
      log.record("local", "SpreadsheetApp.newTextStyle");
      return new FakeTextStyleBuilder(log);
    },
    newConditionalFormatRule: () => {
      log.record("local", "SpreadsheetApp.newConditionalFormatRule");
      return new FakeConditionalRuleBuilder(log);
    },
    newDataValidation: () => {
      log.record("local", "SpreadsheetApp.newDataValidation");
      return new FakeDataValidationBuilder(log);
    },
    flush: () => log.record("sync", "SpreadsheetApp.flush"),
  };
  const PropertiesService: PropertiesServiceApi = {
    getDocumentProperties: () => {
      log.record("local", "PropertiesService.getDocumentProperties");
      return properties;
    },
  };
  const HtmlService: HtmlServiceApi = {
    createHtmlOutputFromFile: (filename: string) => {
      log.record("local", "HtmlService.createHtmlOutputFromFile");
      const content = files.get(filename);
      if (content === undefined) throw new ServiceError(`No HTML file named ${filename} was found.`);
      return new FakeHtmlOutput(content);
    },
    createHtmlOutput: (html: string) => {
      log.record("local", "HtmlService.createHtmlOutput");
      return new FakeHtmlOutput(html);
    },
  };
  const Charts: ChartsApi = {
    ChartType: { SCATTER: "SCATTER" as unknown as GoogleAppsScript.Charts.ChartType.SCATTER },
    ChartHiddenDimensionStrategy: { SHOW_BOTH: "SHOW_BOTH" as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy.SHOW_BOTH },
  };
  return { SpreadsheetApp, PropertiesService, HtmlService, Charts, log, ss, ui, properties, files };
}

/**
 * A sheet: its cells (a Map by "row,col"), size, frozen panes, widths, rules, filter and charts,
 * and the Sheet service calls. Rows and columns inserted or deleted move the cells and the row or
 * column metadata with them; a spreadsheet stays under Sheets' cell limit.
 */
import type {
  ConditionalFormatRule, DeveloperMetadataFinder, EmbeddedChart, EmbeddedChartBuilder, Range, RangeList, Sheet, Visibility,
} from "../../../sheets-addon/gas";
import { parseA1 } from "./a1";
import { FakeChartBuilder, FakeEmbeddedChart, type FakeChart, type FakeConditionalRule } from "./builders";
import { CellError, enter, type FakeCell } from "./cells";
import { ServiceError } from "./log";
import { FakeFinder, FakeMetadata } from "./metadata";
import type { SheetModel, SpreadsheetModel } from "./model";
import { FakeRange, FakeRangeList } from "./range";

let nextSheetId = 1000;

const keyOf = (row: number, col: number) => `${row},${col}`;
const split = (key: string) => key.split(",").map(Number) as [number, number];

export class FakeSheet implements SheetModel {
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

  constructor(readonly ss: SpreadsheetModel, public name: string) {}

  // ---- the model the other parts use (not service calls)
  cell(row: number, col: number, create = false): FakeCell | undefined {
    const key = keyOf(row, col);
    let c = this.cells.get(key);
    if (!c && create) {
      c = { value: "" };
      this.cells.set(key, c);
    }
    return c;
  }
  valueAt(row: number, col: number): unknown {
    const computed = this.ss.evaluator?.valueAt(this, row, col);
    const v = computed ? computed.value : this.cells.get(keyOf(row, col))?.value;
    if (v instanceof Date) return this.ss.makeDate(v.getTime());
    if (v instanceof CellError) return v.code;
    return v ?? "";
  }
  formulaAnchors(): [number, number, string][] {
    const out: [number, number, string][] = [];
    for (const [key, c] of this.cells) if (c.formula !== undefined) out.push([...split(key), c.formula]);
    return out;
  }
  write(cell: FakeCell, value: unknown): void {
    enter(cell, value, this.ss.timeZone);
  }
  rangeAt(row: number, col: number, rows: number, cols: number): Range {
    return new FakeRange(this, row, col, rows, cols);
  }
  clearRect(row: number, col: number, rows: number, cols: number, what: "all" | "content" | "format"): void {
    for (const [key, c] of this.cells) {
      const [r, k] = split(key);
      if (r < row || r >= row + rows || k < col || k >= col + cols) continue;
      if (what === "all") this.cells.delete(key);
      else if (what === "content") {
        c.value = "";
        delete c.formula;
      } else {
        delete c.format;
        delete c.style;
        delete c.background;
        delete c.wrap;
        delete c.bold;
      }
    }
    this.ss.version++;
  }

  // ---- helpers for tests (not service calls)
  /** A user typing a value into a cell (tests): stored as given. */
  put(row: number, col: number, value: unknown): void {
    (this.cell(row, col, true) as FakeCell).value = value;
    this.ss.version++;
  }
  /** A user typing a formula into a cell (tests). */
  putFormula(row: number, col: number, formula: string): void {
    const c = this.cell(row, col, true) as FakeCell;
    c.formula = formula;
    c.value = "";
    this.ss.version++;
  }
  /** Rows × columns of the used area (like getDataRange), for tests. */
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [key, c] of this.cells) {
      if ((c.value === "" || c.value === null) && c.formula === undefined) continue;
      const [r, k] = split(key);
      rows = Math.max(rows, r);
      cols = Math.max(cols, k);
    }
    return { rows, cols };
  }
  /** The values as tests see them (formulas as their text). */
  grid(): unknown[][] {
    const { rows, cols } = this.extent();
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => {
      const c = this.cells.get(keyOf(i + 1, j + 1));
      return c?.formula ?? c?.value ?? "";
    }));
  }
  /** Content (values, formulas, formats) as a string, for before/after comparisons. */
  snapshot(): string {
    return JSON.stringify(
      [...this.cells.entries()]
        .filter(([, c]) => c.value !== "" || c.formula !== undefined)
        .map(([k, c]) => [k, c.value instanceof Date ? c.value.toISOString() : c.value, c.formula ?? null, c.format ?? null])
        .sort(),
    );
  }
  formulas(): { row: number; col: number; formula: string }[] {
    return [...this.cells.entries()].filter(([, c]) => c.formula !== undefined).map(([k, c]) => {
      const [row, col] = split(k);
      return { row, col, formula: c.formula as string };
    });
  }
  /** Puts values in the sheet as a user's data: strings stay text (those starting like a formula get "@"). */
  fill(rows: unknown[][]): this {
    let width = 0;
    rows.forEach((line, i) => {
      width = Math.max(width, line.length);
      line.forEach((v, j) => {
        if (v === "" || v === null || v === undefined) return;
        const c = this.cell(i + 1, j + 1, true) as FakeCell;
        c.value = v;
        if (typeof v === "string" && /^[=+\-@]/.test(v)) c.format = "@";
      });
    });
    this.maxRows = Math.max(this.maxRows, rows.length);
    this.maxCols = Math.max(this.maxCols, width);
    this.ss.version++;
    return this;
  }
  /** Moves cells and row/column metadata: `howMany` inserted after `after` (negative: deleted from after + 1). */
  private shift(axis: "row" | "col", after: number, howMany: number): void {
    const moved = new Map<string, FakeCell>();
    for (const [key, c] of this.cells) {
      let [r, k] = split(key);
      const at = axis === "row" ? r : k;
      if (howMany < 0 && at > after && at <= after - howMany) continue;
      if (at > after) {
        if (axis === "row") r += howMany;
        else k += howMany;
      }
      moved.set(keyOf(r, k), c);
    }
    this.cells = moved;
    const gone = (at: number) => howMany < 0 && at > after && at <= after - howMany;
    this.ss.metadata = this.ss.metadata.filter((m) => {
      const loc = m.location;
      if (loc.type === "COLUMN" && axis === "col" && loc.sheet === this) {
        if (gone(loc.col)) return false;
        if (loc.col > after) m.location = { ...loc, col: loc.col + howMany };
      }
      if (loc.type === "ROW" && axis === "row" && loc.sheet === this) {
        if (gone(loc.row)) return false;
        if (loc.row > after) m.location = { ...loc, row: loc.row + howMany };
      }
      return true;
    });
    this.ss.version++;
  }
  private get log() {
    return this.ss.log;
  }

  // ---- Sheet
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
  /** "Returns the position of the last row that has content." */
  getLastRow(): number {
    this.log.record("read", "Sheet.getLastRow");
    return this.extent().rows;
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
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record("write", "Sheet.insertRowsAfter");
    if (afterPosition < 1 || afterPosition > this.maxRows || howMany < 1) throw new ServiceError("insertRowsAfter: invalid position");
    this.ss.checkGrowth(howMany * this.maxCols);
    this.shift("row", afterPosition, howMany);
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record("write", "Sheet.insertColumnsAfter");
    if (afterPosition < 1 || afterPosition > this.maxCols || howMany < 1) throw new ServiceError("insertColumnsAfter: invalid position");
    this.ss.checkGrowth(howMany * this.maxRows);
    this.shift("col", afterPosition, howMany);
    this.maxCols += howMany;
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.log.record("write", "Sheet.insertColumnsBefore");
    if (beforePosition < 1 || beforePosition > this.maxCols || howMany < 1) throw new ServiceError("insertColumnsBefore: invalid position");
    this.ss.checkGrowth(howMany * this.maxRows);
    this.shift("col", beforePosition - 1, howMany);
    this.maxCols += howMany;
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.log.record("write", "Sheet.deleteRows");
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) throw new ServiceError("Those rows are out of bounds.");
    if (howMany >= this.maxRows) throw new ServiceError("You can't delete all the rows on the sheet.");
    this.shift("row", rowPosition - 1, -howMany);
    this.maxRows -= howMany;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.log.record("write", "Sheet.deleteColumns");
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxCols) throw new ServiceError("Those columns are out of bounds.");
    if (howMany >= this.maxCols) throw new ServiceError("You can't delete all the columns on the sheet.");
    this.shift("col", columnPosition - 1, -howMany);
    this.maxCols -= howMany;
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
    this.charts.push((chart as FakeEmbeddedChart).fake);
  }
  getCharts(): EmbeddedChart[] {
    this.log.record("read", "Sheet.getCharts");
    return this.charts.map((c) => new FakeEmbeddedChart(c, this.log));
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

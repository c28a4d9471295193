/** Range and RangeList: reads and writes of a rectangle, formats, styles, metadata, filters. */
import type { DataValidation, Filter, Range, RangeList, Sheet, TextStyle, Visibility } from "../../../sheets-addon/gas";
import { a1Of } from "./a1";
import type { FakeDataValidation, FakeTextStyle } from "./builders";
import type { FakeCell } from "./cells";
import { ServiceError } from "./log";
import { FakeMetadata } from "./metadata";
import type { Location, SheetModel } from "./model";

/** Apps Script's answer to metadata on anything but a whole row, a whole column, a sheet or the spreadsheet. */
export const ARBITRARY_RANGE_METADATA =
  "Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.";

export class FakeRange implements Range {
  constructor(readonly sheet: SheetModel, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number) {
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
    this.sheet.ss.version++;
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
    this.log.cellsRead += this.rows * this.cols;
    const out: unknown[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < this.cols; c++) line.push(this.sheet.valueAt(this.row + r, this.col + c));
      out.push(line);
    }
    return out;
  }
  getFormulas(): string[][] {
    this.log.record("read", "Range.getFormulas");
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => this.sheet.cell(this.row + r, this.col + c)?.formula ?? ""));
  }
  setValues(values: unknown[][]): Range {
    this.log.record("write", "Range.setValues");
    this.checkShape(values, "data");
    this.each((cell, r, c) => this.sheet.write(cell, (values[r] as unknown[])[c]));
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
    this.sheet.clearRect(this.row, this.col, this.rows, this.cols, "all");
    return this;
  }
  clearContent(): Range {
    this.log.record("write", "Range.clearContent");
    this.sheet.clearRect(this.row, this.col, this.rows, this.cols, "content");
    return this;
  }
  clearFormat(): Range {
    this.log.record("write", "Range.clearFormat");
    this.sheet.clearRect(this.row, this.col, this.rows, this.cols, "format");
    return this;
  }
  /** Only a whole single column or row takes metadata (DeveloperMetadataLocation, Sheets API). */
  addDeveloperMetadata(key: string, value: string, visibility: Visibility): Range {
    this.log.record("write", "Range.addDeveloperMetadata");
    let location: Location;
    if (this.row === 1 && this.rows === this.sheet.maxRows && this.cols === 1) location = { type: "COLUMN", sheet: this.sheet, col: this.col };
    else if (this.col === 1 && this.cols === this.sheet.maxCols && this.rows === 1) location = { type: "ROW", sheet: this.sheet, row: this.row };
    else throw new ServiceError(ARBITRARY_RANGE_METADATA);
    this.sheet.ss.metadata.push(new FakeMetadata(this.sheet.ss, key, value, visibility, location));
    return this;
  }
  createFilter(): Filter {
    this.log.record("write", "Range.createFilter");
    if (this.sheet.filter) throw new ServiceError("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = this;
    return { getRange: () => this };
  }
}

export class FakeRangeList implements RangeList {
  constructor(readonly sheet: SheetModel, readonly ranges: FakeRange[]) {}
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
  clearFormat(): RangeList {
    return this.apply("clearFormat", (r) => r.clearFormat());
  }
  setNumberFormat(numberFormat: string): RangeList {
    return this.apply("setNumberFormat", (r) => r.setNumberFormat(numberFormat));
  }
  setWrap(isWrapEnabled: boolean): RangeList {
    return this.apply("setWrap", (r) => r.setWrap(isWrapEnabled));
  }
}

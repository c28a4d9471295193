/**
 * The spreadsheet: its sheets, the active one, developer metadata, time zone and toasts. "Up to 10
 * million cells … for spreadsheets that are created in or converted to Google Sheets": growing past
 * that is refused with the host's words.
 */
import type { DeveloperMetadataFinder, Sheet, Spreadsheet } from "../../../sheets-addon/gas";
import { ServiceError } from "./log";
import type { CallLog } from "./log";
import { FakeFinder, type FakeMetadata } from "./metadata";
import type { Evaluator, SpreadsheetModel } from "./model";
import { FakeSheet } from "./sheet";

export const CELL_LIMIT = 10_000_000;

export class FakeSpreadsheet implements Spreadsheet, SpreadsheetModel {
  sheets: FakeSheet[] = [];
  active: FakeSheet;
  metadata: FakeMetadata[] = [];
  toasts: string[] = [];
  timeZone = "Europe/Paris";
  makeDate: (ms: number) => Date = (ms) => new Date(ms);
  evaluator: Evaluator | null = null;
  version = 0;

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
    return m && m.location.type === "SHEET" ? (m.location.sheet as FakeSheet) : undefined;
  }
  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const s = new FakeSheet(this, name).fill(rows);
    this.sheets.push(s);
    return s;
  }
  /** Cells of every sheet (rows × columns, blank or not). */
  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }
  checkGrowth(cells: number): void {
    if (this.cellCount() + cells > CELL_LIMIT) throw new ServiceError(`This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`);
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
    this.checkGrowth(s.maxRows * s.maxCols);
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
    this.version++;
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

/**
 * WorkbookPort: the few batch-shaped operations every host offers. The use cases in
 * core/use-cases/ are written once against it; Sheets (SpreadsheetApp), Excel (Office.js) and files
 * (ExcelJS) adapt it.
 *
 * Contract every adapter keeps (test/ports/contract.ts proves it on all four ports):
 * - `read` is one round trip: the data sheet's cells, the matrix columns found by their marker,
 *   the history (at least its last snapshot) and the saved settings;
 * - `writeMatrix` writes only the plan's columns, which the use case chose empty or marked as ours;
 * - `writePortfolio` writes the plan into a new sheet and only then replaces the sheet carrying
 *   the portfolio marker (a user's own sheet named "KAM Portfolio" is never touched), so a failure
 *   half-way leaves the previous portfolio as it was; it appends the snapshot to the history sheet;
 * - `saveSettings` stores the settings in the document, where the next `read` finds them;
 * - `writeInputColumns` (hosts with a panel) writes the plan's header cells and dropdowns, nothing else;
 * - strings are written as text, never as formulas; only `{ formula }` plan values are formulas.
 */
import type { SheetPlan } from "./plan";
import type { InputColumnsPlan } from "./inputs";
import type { MatrixPlan } from "./matrix";
import type { SnapshotRow } from "./model/history";
import type { Settings } from "./settings";
import type { CellValue } from "./values";

export interface WorkbookState {
  /** The sheet holding the client table. */
  sheetName: string;
  /** Its used cells from A1 (row 1 first). */
  rows: CellValue[][];
  /** The data sheet is the add-in's own portfolio or history sheet (nothing to grade). */
  isOwnSheet: boolean;
  /** Matrix columns written before, found by marker: 1-based first column and count. */
  matrix: { column: number; count: number } | null;
  /** Snapshots of the history sheet: every one, or at least the last (all a build compares with). */
  history: SnapshotRow[];
  /** Settings saved in the document, unvalidated (null or {} when none). */
  settings: unknown;
  /** The file writes its numbers `1.234,56` (a semicolon CSV, SPEC §2a); hosts with typed cells leave it out. */
  decimalComma?: boolean;
  /**
   * The workbook counts its date serials from 1904 (Excel's 1904 date system: the Excel adapter asks
   * the workbook, the file port reads a .xlsx's `<workbookPr date1904>`): a number in a date column
   * is read in it. Hosts without the setting (Sheets, CSV) leave it out.
   */
  date1904?: boolean;
}

export interface WorkbookPort {
  read(): Promise<WorkbookState>;
  writeMatrix(plan: MatrixPlan): Promise<void>;
  writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void>;
  saveSettings(settings: Settings): Promise<void>;
}

/** A host with a panel can also add the input columns it offers (the file command has no panel). */
export interface InputColumnsPort extends WorkbookPort {
  writeInputColumns(plan: InputColumnsPlan): Promise<void>;
}

/**
 * The same contract for hosts whose calls complete before they return: Apps Script entry points
 * (menu items, google.script.run) cannot await, so the Sheets adapter is synchronous.
 */
export interface SyncWorkbookPort {
  read(): WorkbookState;
  writeMatrix(plan: MatrixPlan): void;
  writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): void;
  saveSettings(settings: Settings): void;
}

export interface SyncInputColumnsPort extends SyncWorkbookPort {
  writeInputColumns(plan: InputColumnsPlan): void;
}

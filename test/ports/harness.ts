/**
 * What the port contract suite (contract.ts) needs from a host to run unchanged against its port:
 * make a workbook, open a port on it, type into a cell as a user would, and look at the workbook
 * afterwards the way the host shows it (cells, sheets, and the markers the host finds its own
 * things by). Each host's harness is in this folder; the suite never looks past this interface.
 */
import type { FormulaDialect } from "../../core/matrix";
import type { InputColumnsPort, WorkbookPort } from "../../core/port";
import type { CellValue } from "../../core/values";

/** A cell as the host holds it; a formula with its leading "=". */
export interface Cell {
  value: string | number | boolean | null;
  formula: string | null;
}

/** The non-empty cells of a sheet, by "row,col" (1-based). */
export type Cells = Map<string, Cell>;

export interface Marked {
  /** Sheets carrying the portfolio marker (one at most, if the port keeps its contract). */
  portfolio: string[];
  /** The sheet carrying the history marker, and whether it is hidden. */
  history: { name: string; hidden: boolean } | null;
  /** The matrix columns of the data sheet, by their marker. */
  matrix: { column: number; count: number } | null;
}

export interface PortOptions {
  /** The sheet the port works on (default "Clients", the data sheet). */
  sheet?: string;
  /** Make the host fail half-way through writing the next portfolio. */
  failPortfolio?: boolean;
}

export interface Harness<W, P extends WorkbookPort = WorkbookPort> {
  name: string;
  /** How this host spells matrix formulas. */
  dialect: FormulaDialect;
  /**
   * Opened on our own sheet, the port reads the sheet the portfolio was built from (Sheets keeps
   * it in the marker); otherwise it reads our sheet and says so (`isOwnSheet`).
   */
  followsSource: boolean;
  /**
   * The port reads the last HISTORY_BUILDS_READ builds and keeps HISTORY_BUILDS_KEPT (SPEC §7a).
   * Every port does (in-memory, Sheets, Excel, file); the contract's history-window test runs on each.
   */
  historyWindow: boolean;
  /** A workbook whose sheet "Clients" holds `rows` (CSV text, typed as this host stores it), then other sheets. */
  create(rows: CellValue[][], others?: { name: string; rows: CellValue[][] }[]): Promise<W>;
  /** Runs `f` on a fresh port over the workbook, then lets the host keep what it wrote. */
  withPort<T>(wb: W, f: (port: P) => Promise<T>, o?: PortOptions): Promise<T>;
  /** A user typing `value` (CSV text, typed as this host stores it) into a cell. */
  edit(wb: W, sheet: string, row: number, col: number, value: CellValue): Promise<void>;
  sheetNames(wb: W): Promise<string[]>;
  cells(wb: W, sheet: string): Promise<Cells>;
  marked(wb: W): Promise<Marked>;
}

/** A host with a panel: its port adds input columns, and the harness shows a cell's dropdown. */
export interface InputColumnsHarness<W> extends Harness<W, InputColumnsPort> {
  /** The choices of the dropdown a cell offers, or null. */
  dropdown(wb: W, sheet: string, row: number, col: number): Promise<string[] | null>;
}

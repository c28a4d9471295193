/**
 * What the fake's parts know of each other (interfaces only, so the modules import one another in
 * one direction: range and metadata see a sheet through SheetModel, the sheet and the spreadsheet
 * implement it).
 */
import type { DeveloperMetadata, Range, Sheet, Visibility } from "../../../sheets-addon/gas";
import type { FakeCell } from "./cells";
import type { CallLog } from "./log";

/**
 * Where developer metadata sits: "Developer metadata may only be added to the top-level
 * spreadsheet, an individual sheet, or an entire row or column" (DeveloperMetadataLocationType:
 * SPREADSHEET, SHEET, ROW, COLUMN).
 */
export type Location =
  | { type: "SPREADSHEET" }
  | { type: "SHEET"; sheet: SheetModel }
  | { type: "COLUMN"; sheet: SheetModel; col: number }
  | { type: "ROW"; sheet: SheetModel; row: number };

export interface MetadataModel extends DeveloperMetadata {
  readonly key: string;
  value: string;
  readonly visibility: Visibility;
  location: Location;
}

/** Computes what formula cells show (the custom-function host installs one; none: formulas show ""). */
export interface Evaluator {
  /** The value a cell shows when a formula (its own or a spilling one) puts one there; undefined otherwise. */
  valueAt(sheet: SheetModel, row: number, col: number): { value: unknown } | undefined;
}

export interface SpreadsheetModel {
  readonly log: CallLog;
  readonly sheets: readonly SheetModel[];
  active: SheetModel;
  metadata: MetadataModel[];
  timeZone: string;
  /** Dates handed to the script are made in its realm (a vm context has its own Date). */
  makeDate(ms: number): Date;
  evaluator: Evaluator | null;
  /** Bumped by every change of a cell, so computed values know when to recompute. */
  version: number;
  /** Throws when the spreadsheet would hold more cells than Sheets allows. */
  checkGrowth(cells: number): void;
}

export interface SheetModel extends Sheet {
  readonly ss: SpreadsheetModel;
  name: string;
  maxRows: number;
  maxCols: number;
  filter: Range | null;
  cell(row: number, col: number, create?: boolean): FakeCell | undefined;
  /** What getValues shows for a cell ("" when empty). */
  valueAt(row: number, col: number): unknown;
  /** A value written with setValues, parsed as Sheets parses it. */
  write(cell: FakeCell, value: unknown): void;
  clearRect(row: number, col: number, rows: number, cols: number, what: "all" | "content" | "format"): void;
  /** Every cell holding a formula: row, column, formula. */
  formulaAnchors(): [number, number, string][];
  /** A range handle, as the services hand one out (no call logged). */
  rangeAt(row: number, col: number, rows: number, cols: number): Range;
}

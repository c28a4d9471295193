/**
 * WorkbookPort over SpreadsheetApp (the contract is at the top of core/port.ts).
 *
 * Batch-shaped: the client table is read with one getValues; a build writes whole grids
 * (render.ts: setValues, setTextStyles, setBackgrounds) and one RangeList per number format, so the
 * number of service calls does not depend on the number of rows. The portfolio is written into a
 * new sheet under a temporary name and swapped in only when complete. Our sheets and matrix columns
 * carry developer metadata (project visibility), never found by name or position.
 */
import { HISTORY_HEADERS, HISTORY_MARKER, HISTORY_SHEET, MATRIX_MARKER, PORTFOLIO_MARKER, type SheetPlan } from "../core/plan";
import { INPUT_COLUMNS, type InputColumnsPlan } from "../core/inputs";
import type { MatrixPlan } from "../core/matrix";
import { snapshotFromCells, snapshotToCells, type SnapshotRow } from "../core/model/history";
import type { InputColumnsPort, SyncInputColumnsPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import type { CellValue } from "../core/values";
import type { DeveloperMetadata, Properties, Services, Sheet, Spreadsheet } from "./gas";
import { columnsFrom, TEXT_FORMAT, wholeColumns } from "./grid";
import { renderMatrix, renderSheet } from "./render";

export const SETTINGS_PROPERTY = "kam-portfolio:settings";

interface Markers {
  /** The sheet is our portfolio or history sheet. */
  own: boolean;
  portfolio: boolean;
  matrix: DeveloperMetadata | null;
}

/** The data sheet's name kept in the portfolio marker's value ({"source": name}). */
function sourceOf(value: string | null): string | null {
  try {
    const v: unknown = JSON.parse(value ?? "null");
    return v && typeof v === "object" && typeof (v as { source?: unknown }).source === "string" ? (v as { source: string }).source : null;
  } catch {
    return null;
  }
}

/** Today's date in a time zone, as yyyy-mm-dd (Intl is built into V8: no service call). */
export function isoDateIn(date: Date, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(date);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}`;
  } catch {
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  }
}

/** A cell as getValues returns it → core's CellValue. Date cells become ISO dates in the sheet's zone. */
function cellFromSheet(v: unknown, timeZone: string): CellValue {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : isoDateIn(v, timeZone);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return v === null || v === undefined ? null : String(v);
}

export class SheetsPort implements SyncInputColumnsPort {
  private data: Sheet | null = null;
  private dataName = "";
  private portfolio: Sheet | null = null;
  /** The old portfolio's name, when it was read anyway (it was the active sheet). */
  private portfolioName: string | null = null;
  private history: Sheet | null = null;
  private historyRows = 0;
  private matrixMeta: DeveloperMetadata | null = null;
  private matrixSpan: { column: number; count: number } | null = null;
  /** The sheet the current portfolio was built from (kept in its marker's value). */
  private source: string | null = null;
  /** Document properties as read; null before read(). */
  private saved: { [key: string]: string } | null = null;
  private zone: string | null = null;
  readonly ss: Spreadsheet;

  constructor(private readonly gas: Services) {
    this.ss = gas.SpreadsheetApp.getActiveSpreadsheet();
  }

  /** The spreadsheet's time zone (read once). */
  timeZone(): string {
    this.zone ??= this.ss.getSpreadsheetTimeZone();
    return this.zone;
  }

  private get visibility() {
    return this.gas.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  }

  private properties(): Properties {
    const p = this.gas.PropertiesService.getDocumentProperties();
    if (!p) throw new Error("document properties are not available (open the add-on from a spreadsheet)");
    return p;
  }

  private markersOf(sheet: Sheet): Markers {
    const m: Markers = { own: false, portfolio: false, matrix: null };
    for (const md of sheet.createDeveloperMetadataFinder().withVisibility(this.visibility).find()) {
      const key = md.getKey();
      if (key === MATRIX_MARKER) m.matrix = md;
      else if ((key === PORTFOLIO_MARKER || key === HISTORY_MARKER) && md.getLocation().getSheet()) {
        m.own = true;
        if (key === PORTFOLIO_MARKER) m.portfolio = true;
      }
    }
    return m;
  }

  read(): WorkbookState {
    this.saved = this.properties().getProperties();
    for (const md of this.ss.createDeveloperMetadataFinder().withVisibility(this.visibility).find()) {
      const key = md.getKey();
      if (key === PORTFOLIO_MARKER) {
        this.portfolio = md.getLocation().getSheet();
        this.source = sourceOf(md.getValue());
      } else if (key === HISTORY_MARKER) this.history = md.getLocation().getSheet();
    }
    // The data sheet: the active one or — when our own sheet is active — the sheet last built from.
    let sheet = this.ss.getActiveSheet();
    let markers = this.markersOf(sheet);
    let name = sheet.getName();
    if (markers.portfolio) this.portfolioName = name;
    const source = this.source;
    if (markers.own && source) {
      const other = this.ss.getSheetByName(source);
      const m = other ? this.markersOf(other) : null;
      if (other && m && !m.own) {
        sheet = other;
        markers = m;
        name = source;
      }
    }
    this.data = sheet;
    this.dataName = name;
    const timeZone = this.timeZone();
    const rows = sheet.getDataRange().getValues().map((r) => r.map((v) => cellFromSheet(v, timeZone)));
    this.matrixMeta = markers.matrix;
    const span = markers.matrix?.getLocation().getColumn() ?? null;
    this.matrixSpan = span ? { column: span.getColumn(), count: span.getNumColumns() } : null;
    let history: SnapshotRow[] = [];
    if (this.history) {
      // Whole columns A:E in one read (blank rows at the end are skipped).
      const values = this.history.getRange(wholeColumns(1, HISTORY_HEADERS.length)).getValues();
      let used = 0;
      values.forEach((r, i) => {
        if (r.some((v) => v !== "" && v !== null)) used = i + 1;
      });
      this.historyRows = used;
      history = values.slice(1, used).map((r) => snapshotFromCells(r.map((v) => cellFromSheet(v, timeZone)))).filter((s): s is SnapshotRow => s !== null);
    }
    let settings: unknown = {};
    const text = this.saved[SETTINGS_PROPERTY];
    if (text !== undefined) {
      try {
        settings = JSON.parse(text);
      } catch {
        settings = text;
      }
    }
    return { sheetName: name, rows, isOwnSheet: markers.own, matrix: this.matrixSpan, history, settings };
  }

  private sheet(): Sheet {
    if (!this.data) throw new Error("read() first");
    return this.data;
  }

  writeMatrix(plan: MatrixPlan): void {
    const sheet = this.sheet();
    const width = plan.headers.length;
    renderMatrix(this.gas, sheet, plan);
    const sameSpan = this.matrixSpan && this.matrixSpan.column === plan.column && this.matrixSpan.count === width;
    if (!sameSpan) {
      this.matrixMeta?.remove();
      sheet.getRange(wholeColumns(plan.column, width)).addDeveloperMetadata(MATRIX_MARKER, "1", this.visibility);
    }
  }

  writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): void {
    const ss = this.ss;
    const data = this.sheet();
    const old = this.portfolio;
    // Everything that needs an answer from the document comes first; the writes then go in one batch.
    // A rebuild writes under a temporary name and takes the old sheet's name once that one is gone;
    // a first build takes "KAM Portfolio" (or "KAM Portfolio (2)"… beside a user's own sheet of that name).
    const index = old ? old.getIndex() - 1 : data.getIndex();
    const name = old ? (this.portfolioName ?? old.getName()) : null;
    const temp = old ? ss.insertSheet(`${plan.name} (building ${Date.now() % 1e9})`, index) : this.insertNamed(plan.name, index);
    const newHistory = this.history ? null : this.insertNamed(HISTORY_SHEET, index + 1);
    try {
        renderSheet(this.gas, temp, plan);
      if (newHistory) this.initHistory(newHistory);
    } catch (e) {
      for (const s of [temp, newHistory]) {
        try {
          if (s) ss.deleteSheet(s);
        } catch {
          // the original error is the one to report
        }
      }
      throw e;
    }
    // Swap: the old portfolio goes only now that the new one is complete.
    if (old && name !== null) {
      ss.deleteSheet(old);
      temp.setName(name);
    }
    temp.addDeveloperMetadata(PORTFOLIO_MARKER, JSON.stringify({ source: this.dataName }), this.visibility);
    this.portfolio = temp;
    if (name !== null) this.portfolioName = name;
    if (newHistory) this.history = newHistory;
    this.appendHistory(snapshot);
    temp.activate();
  }

  /** A new sheet named `base`, or `base (2)`… when a user's own sheet has that name. */
  private insertNamed(base: string, index: number): Sheet {
    try {
      return this.ss.insertSheet(base, index);
    } catch {
      return this.ss.insertSheet(this.freeName(base), index);
    }
  }

  private initHistory(history: Sheet): void {
    history.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([[...HISTORY_HEADERS]]);
    history.addDeveloperMetadata(HISTORY_MARKER, "1", this.visibility);
    history.hideSheet();
    this.historyRows = 1;
  }

  private appendHistory(snapshot: SnapshotRow[]): void {
    const history = this.history;
    if (!history || snapshot.length === 0) return;
    const start = this.historyRows + 1;
    // Room for the new rows without reading the sheet's size, then text (date, client) as text.
    history.insertRowsAfter(Math.max(1, this.historyRows), snapshot.length);
    history.getRange(start, 1, snapshot.length, 2).setNumberFormat(TEXT_FORMAT);
    history.getRange(start, 1, snapshot.length, HISTORY_HEADERS.length).setValues(snapshot.map(snapshotToCells));
    this.historyRows = start - 1 + snapshot.length;
  }

  /** `base`, or `base (2)`… when a user's own sheet has the name. */
  private freeName(base: string): string {
    let name = base;
    for (let i = 2; this.ss.getSheetByName(name); i++) name = `${base} (${i})`;
    return name;
  }

  /** Writes the settings in the document properties (one call; none when they are as read). */
  saveSettings(settings: Settings): void {
    const text = JSON.stringify(settings);
    if (this.saved?.[SETTINGS_PROPERTY] === text) return;
    this.properties().setProperties({ [SETTINGS_PROPERTY]: text });
    this.saved = { ...(this.saved ?? {}), [SETTINGS_PROPERTY]: text };
  }

  // -------------------------------------------------------------------------------------------
  // Input columns the panel offers to add

  /** Header cells with High/Medium/Low dropdowns at the columns the plan chose. */
  writeInputColumns(plan: InputColumnsPlan): void {
    const sheet = this.sheet();
    const last = Math.max(...plan.columns);
    const maxColumns = sheet.getMaxColumns();
    if (last > maxColumns) sheet.insertColumnsAfter(maxColumns, last - maxColumns);
    const app = this.gas.SpreadsheetApp;
    plan.fields.forEach((f, i) => {
      const c = INPUT_COLUMNS[f];
      const column = plan.columns[i] as number;
      sheet.getRange(plan.headerRow, column, 1, 1).setValues([[c.header]]);
      const rule = app.newDataValidation().requireValueInList(c.choices, true).setAllowInvalid(c.allowOther).setHelpText(c.help).build();
      sheet.getRange(columnsFrom(plan.headerRow + 1, column)).setDataValidation(rule);
    });
  }
}

/** The port as the async port of core/port.ts (for core's async use cases and the contract tests). */
export function asyncPort(port: SheetsPort): InputColumnsPort {
  return {
    read: async () => port.read(),
    writeMatrix: async (plan) => port.writeMatrix(plan),
    writePortfolio: async (plan, snapshot) => port.writePortfolio(plan, snapshot),
    saveSettings: async (settings) => port.saveSettings(settings),
    writeInputColumns: async (plan) => port.writeInputColumns(plan),
  };
}

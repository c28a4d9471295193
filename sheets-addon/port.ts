/**
 * WorkbookPort over SpreadsheetApp (the contract is at the top of core/port.ts).
 *
 * Batch-shaped: the client table is read with one getValues; a build writes whole grids
 * (render.ts: setValues, setTextStyles, setBackgrounds) and one RangeList per number format, so the
 * number of service calls does not depend on the number of rows. The portfolio is written into a
 * new sheet under a temporary name and swapped in only when complete. Our sheets carry sheet
 * developer metadata and the matrix one column's (project visibility), never found by name or
 * position: "The specified DimensionRange must represent a single row or column", so the matrix
 * marker sits on its first column and its value says how many columns it spans. The history sheet
 * is history.ts's.
 */
import { INPUT_COLUMNS, type InputColumnsPlan } from "../core/inputs";
import type { MatrixPlan } from "../core/matrix";
import type { SnapshotRow } from "../core/model/history";
import { HISTORY_MARKER, HISTORY_SHEET, MATRIX_MARKER, PORTFOLIO_MARKER, type SheetPlan } from "../core/plan";
import type { InputColumnsPort, SyncInputColumnsPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import type { CellValue } from "../core/values";
import type { DeveloperMetadata, Properties, Services, Sheet, Spreadsheet } from "./gas";
import { columnsFrom, growColumns, wholeColumns } from "./grid";
import { SheetsHistory } from "./history";
import { renderMatrix, renderSheet } from "./render";

export const SETTINGS_PROPERTY = "kam-portfolio:settings";

export interface SheetsPortOptions {
  /** Read the history's last builds (a build needs them; the panel's view does not). Default true. */
  withHistory?: boolean;
}

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

/** The matrix marker's value: how many columns the matrix spans from the marked one. */
const matrixMarkerValue = (columns: number): string => JSON.stringify({ columns });
function matrixColumns(value: string | null): number | null {
  try {
    const v: unknown = JSON.parse(value ?? "null");
    const n = v && typeof v === "object" ? (v as { columns?: unknown }).columns : undefined;
    return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export class SheetsPort implements SyncInputColumnsPort {
  private data: Sheet | null = null;
  private dataName = "";
  private portfolio: Sheet | null = null;
  /** The old portfolio's name, when it was read anyway (it was the active sheet). */
  private portfolioName: string | null = null;
  private history: SheetsHistory | null = null;
  private matrixMeta: DeveloperMetadata | null = null;
  private matrixSpan: { column: number; count: number } | null = null;
  /** Document properties as read; null before read(). */
  private saved: { [key: string]: string } | null = null;
  private zone: string | null = null;
  private readonly withHistory: boolean;
  readonly ss: Spreadsheet;

  constructor(private readonly gas: Services, options: SheetsPortOptions = {}) {
    this.ss = gas.SpreadsheetApp.getActiveSpreadsheet();
    this.withHistory = options.withHistory ?? true;
  }

  /** The spreadsheet's time zone (read once). */
  timeZone(): string {
    this.zone ??= this.ss.getSpreadsheetTimeZone();
    return this.zone;
  }

  /** A date's calendar day in the spreadsheet's zone, yyyy-MM-dd (Utilities.formatDate: Intl is not promised in Apps Script). */
  isoDay(date: Date): string {
    return this.gas.Utilities.formatDate(date, this.timeZone(), "yyyy-MM-dd");
  }

  /** A cell as getValues returns it → core's CellValue. Date cells become ISO dates in the sheet's zone. */
  private readonly cell = (v: unknown): CellValue => {
    if (Object.prototype.toString.call(v) === "[object Date]") return isNaN((v as Date).getTime()) ? null : this.isoDay(v as Date);
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    return v === null || v === undefined ? null : String(v);
  };

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
      if (key === MATRIX_MARKER && md.getLocation().getColumn()) m.matrix = md;
      else if ((key === PORTFOLIO_MARKER || key === HISTORY_MARKER) && md.getLocation().getSheet()) {
        m.own = true;
        if (key === PORTFOLIO_MARKER) m.portfolio = true;
      }
    }
    return m;
  }

  read(): WorkbookState {
    this.saved = this.properties().getProperties();
    this.history = null;
    this.portfolio = null;
    this.portfolioName = null;
    let source: string | null = null;
    for (const md of this.ss.createDeveloperMetadataFinder().withVisibility(this.visibility).find()) {
      const key = md.getKey();
      const sheet = md.getLocation().getSheet();
      if (!sheet) continue;
      if (key === PORTFOLIO_MARKER) {
        this.portfolio = sheet;
        source = sourceOf(md.getValue());
      } else if (key === HISTORY_MARKER) this.history = new SheetsHistory(this.gas, sheet, md, this.cell);
    }
    // The data sheet: the active one or — when our own sheet is active — the sheet last built from.
    let sheet = this.ss.getActiveSheet();
    let markers = this.markersOf(sheet);
    let name = sheet.getName();
    if (markers.portfolio) this.portfolioName = name;
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
    this.timeZone();
    const rows = sheet.getDataRange().getValues().map((r) => r.map(this.cell));
    this.matrixMeta = markers.matrix;
    const first = markers.matrix?.getLocation().getColumn()?.getColumn() ?? null;
    const count = markers.matrix ? matrixColumns(markers.matrix.getValue()) : null;
    this.matrixSpan = first !== null && count !== null ? { column: first, count } : null;
    const history = this.history && this.withHistory ? this.history.recent() : [];
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
      sheet.getRange(wholeColumns(plan.column)).addDeveloperMetadata(MATRIX_MARKER, matrixMarkerValue(width), this.visibility);
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
    const historyColumns = newHistory ? newHistory.getMaxColumns() : 0;
    let history = this.history;
    try {
      renderSheet(this.gas, temp, plan);
      if (newHistory) history = SheetsHistory.create(this.gas, newHistory, historyColumns, this.cell);
      // The new sheet is marked, then the old one goes: a failure up to here (the old sheet protected
      // against this editor, say) removes the new sheet and its marker and leaves the old portfolio.
      temp.addDeveloperMetadata(PORTFOLIO_MARKER, JSON.stringify({ source: this.dataName }), this.visibility);
      if (old) ss.deleteSheet(old);
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
    // The old sheet's name (a failure here leaves the new portfolio, marked, under its temporary name).
    if (name !== null) temp.setName(name);
    this.portfolio = temp;
    if (name !== null) this.portfolioName = name;
    this.history = history;
    history?.append(snapshot);
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
    let last = 0;
    for (const c of plan.columns) last = Math.max(last, c);
    growColumns(sheet, last);
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

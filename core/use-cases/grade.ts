/**
 * What the build use cases share: their options, the grading of what was read, the message they
 * end with, and when a build saves its settings (SPEC §9: settings are saved in the document).
 */
import { matrixNow, ownColumns, SHEETS_DIALECT, type FormulaDialect } from "../matrix";
import { gradePortfolio, type Portfolio, type PortfolioInput } from "../portfolio";
import type { WorkbookState } from "../port";
import { mergedRows, unrankedNote } from "../report";
import { checkSettings, SettingsError, type Settings } from "../settings";
import type { Day } from "../values";
import type { PortWrites, Write } from "./run";

export interface BuildOptions {
  /**
   * Settings chosen in the panel or given on the command line, as received (validated here: a bad
   * one is a SettingsError and nothing is written). Without them, the settings saved in the document.
   */
  settings?: unknown;
  today: Day;
  /** ISO date-time of this build, for the history. */
  builtAt: string;
  /** How matrix formulas are spelled in this host (default: Sheets). */
  dialect?: FormulaDialect;
  /** The host cannot compute the custom functions (a plain file): the matrix holds values. */
  valuesOnly?: boolean;
}

export class OwnSheetError extends Error {
  constructor(sheet: string) {
    super(`"${sheet}" is the add-in's own sheet; select the sheet that holds your clients and try again`);
    this.name = "OwnSheetError";
  }
}

/** Settings as received (panel, config file, document), or a SettingsError naming every bad one. */
export function validSettings(input: unknown): Settings {
  const { settings, errors } = checkSettings(input ?? {});
  if (errors.length) throw new SettingsError(errors);
  return settings;
}

export interface Graded {
  portfolio: Portfolio;
  /**
   * When a build saves its settings: the settings it was given (panel, command line) are saved
   * after its other writes, so a build that fails saves nothing; a build with the document's own
   * settings (a menu item) has nothing to save.
   */
  saveSettings: Write<Pick<PortWrites, "saveSettings">>[];
}

/**
 * What grading takes of a sheet read: its rows, history and matrix columns, and what the host says
 * of its cells (a semicolon CSV's numbers, a 1904 workbook's date serials). Every host's grading
 * goes through here, so a new host hint reaches them all.
 */
export function portfolioInput(state: Pick<WorkbookState, "rows" | "history" | "matrix" | "decimalComma" | "date1904">, settings: Settings, today: Day): PortfolioInput {
  return {
    rows: state.rows,
    settings,
    today,
    history: state.history,
    ownColumns: ownColumns(matrixNow(state)),
    ...(state.decimalComma ? { decimalComma: true } : {}),
    ...(state.date1904 ? { date1904: true } : {}),
  };
}

/** Grades the data sheet read, with the given settings or else the saved ones. */
export function gradeState(state: WorkbookState, o: BuildOptions): Graded {
  if (state.isOwnSheet) throw new OwnSheetError(state.sheetName);
  const given = o.settings !== undefined;
  const settings = validSettings(given ? o.settings : state.settings);
  const portfolio = gradePortfolio(portfolioInput(state, settings, o.today));
  return { portfolio, saveSettings: given ? [(port) => port.saveSettings(settings)] : [] };
}

export function dialectOf(o: BuildOptions): FormulaDialect {
  return o.dialect ?? SHEETS_DIALECT;
}

/** "793 clients: 24 A, 215 B, 554 C; 2 rows need data", then what the grading noted about the sheet. */
export function resultMessage(p: Portfolio): string {
  const g = p.summary.byGrade;
  const merged = p.mode === "orders" ? ` (from ${mergedRows(p)} order rows)` : "";
  const notes = p.notes.map((n) => ` ${n}`).join("");
  return `${p.summary.clients} client${p.summary.clients === 1 ? "" : "s"}${merged}: ${g.A} A, ${g.B} B, ${g.C} C${unrankedNote(p)}${notes}`;
}

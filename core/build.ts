/**
 * The use cases, written once against WorkbookPort: build the matrix columns in the user's sheet,
 * build the KAM Portfolio tab. Hosts call these; none re-implements them.
 */
import { layoutPortfolio, snapshotOf } from "./layout";
import { type SheetPlan } from "./plan";
import { ownColumns, planMatrix, SHEETS_DIALECT, type FormulaDialect, type MatrixPlan } from "./matrix";
import type { SnapshotRow } from "./model/history";
import { gradePortfolio, type Portfolio } from "./portfolio";
import { needsDataNote } from "./report";
import type { SyncWorkbookPort, WorkbookPort, WorkbookState } from "./port";
import { checkSettings, SettingsError, type Settings } from "./settings";
import type { Day } from "./values";

export interface BuildOptions {
  /** Settings chosen in the panel or a config file; otherwise those saved in the document. */
  settings?: Settings;
  today: Day;
  /** ISO date-time of this build, for the history. */
  builtAt: string;
  /** How matrix formulas are spelled in this host. */
  dialect?: FormulaDialect;
}

export class OwnSheetError extends Error {
  constructor(sheet: string) {
    super(`"${sheet}" is the add-in's own sheet; select the sheet that holds your clients and try again`);
    this.name = "OwnSheetError";
  }
}

function settingsFor(state: WorkbookState, o: BuildOptions): Settings {
  if (o.settings) return o.settings;
  const { settings, errors } = checkSettings(state.settings ?? {});
  if (errors.length) throw new SettingsError(errors);
  return settings;
}

function grade(state: WorkbookState, o: BuildOptions): Portfolio {
  if (state.isOwnSheet) throw new OwnSheetError(state.sheetName);
  return gradePortfolio({
    rows: state.rows,
    settings: settingsFor(state, o),
    today: o.today,
    history: state.history,
    ownColumns: ownColumns(state.matrix),
  });
}

/** "793 clients: 24 A, 215 B, 554 C; 2 rows need data" */
export function resultMessage(p: Portfolio): string {
  const g = p.summary.byGrade;
  const merged = p.mode === "orders" ? ` (from ${p.rowsRead} order rows)` : "";
  return `${p.summary.clients} client${p.summary.clients === 1 ? "" : "s"}${merged}: ${g.A} A, ${g.B} B, ${g.C} C${needsDataNote(p)}`;
}

export interface MatrixResult {
  portfolio: Portfolio;
  plan: MatrixPlan;
  message: string;
}

/** The matrix for a state already read (pure: the use case between its read and its write). */
export function matrixBuild(state: WorkbookState, o: BuildOptions): MatrixResult {
  const portfolio = grade(state, o);
  const plan = planMatrix(portfolio, {
    rows: state.rows,
    previous: state.matrix,
    output: portfolio.settings.matrixOutput,
    dialect: o.dialect ?? SHEETS_DIALECT,
  });
  return { portfolio, plan, message: `Matrix: ${resultMessage(portfolio)}` };
}

export async function buildMatrix(port: WorkbookPort, o: BuildOptions): Promise<MatrixResult> {
  const result = matrixBuild(await port.read(), o);
  await port.writeMatrix(result.plan);
  return result;
}

/** The same use case for hosts whose calls complete before they return (Apps Script). */
export function buildMatrixSync(port: SyncWorkbookPort, o: BuildOptions): MatrixResult {
  const result = matrixBuild(port.read(), o);
  port.writeMatrix(result.plan);
  return result;
}

export interface PortfolioResult {
  portfolio: Portfolio;
  plan: SheetPlan;
  snapshot: SnapshotRow[];
  message: string;
}

/** The portfolio sheet plan and snapshot for a state already read (pure). */
export function portfolioBuild(state: WorkbookState, o: BuildOptions): PortfolioResult {
  return portfolioOf(state.sheetName, grade(state, o), o);
}

function portfolioOf(sheetName: string, portfolio: Portfolio, o: BuildOptions): PortfolioResult {
  const plan = layoutPortfolio(portfolio, { sourceSheet: sheetName, builtOn: o.builtAt.slice(0, 10) });
  const snapshot = snapshotOf(portfolio, o.builtAt);
  return { portfolio, plan, snapshot, message: resultMessage(portfolio) };
}

export async function buildPortfolio(port: WorkbookPort, o: BuildOptions): Promise<PortfolioResult> {
  const result = portfolioBuild(await port.read(), o);
  await port.writePortfolio(result.plan, result.snapshot);
  return result;
}

export function buildPortfolioSync(port: SyncWorkbookPort, o: BuildOptions): PortfolioResult {
  const result = portfolioBuild(port.read(), o);
  port.writePortfolio(result.plan, result.snapshot);
  return result;
}

/**
 * Both use cases from one read and one grading, for a host where nothing can change the sheet
 * between them (the file command): the matrix columns, then the portfolio tab.
 */
export async function buildMatrixAndPortfolio(port: WorkbookPort, o: BuildOptions): Promise<{ matrix: MatrixResult; portfolio: PortfolioResult }> {
  const state = await port.read();
  const matrix = matrixBuild(state, o);
  await port.writeMatrix(matrix.plan);
  const portfolio = portfolioOf(state.sheetName, matrix.portfolio, o);
  await port.writePortfolio(portfolio.plan, portfolio.snapshot);
  return { matrix, portfolio };
}

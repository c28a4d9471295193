/** Use case: build the matrix columns in the user's sheet (SPEC §1 step 3, §9). */
import { matrixNow, planMatrix, valuesBecause, type MatrixPlan } from "../matrix";
import type { Portfolio } from "../portfolio";
import type { SyncWorkbookPort, WorkbookPort, WorkbookState } from "../port";
import { dialectOf, gradeState, resultMessage, type BuildOptions } from "./grade";
import { run, runSync, type Decision, type PortWrites } from "./run";

export interface MatrixResult {
  portfolio: Portfolio;
  plan: MatrixPlan;
  message: string;
}

export type MatrixWrites = Pick<PortWrites, "writeMatrix" | "saveSettings">;

/** The matrix plan for a portfolio already graded from `state`. */
export function matrixOf(state: WorkbookState, portfolio: Portfolio, o: BuildOptions): MatrixResult {
  const plan = planMatrix(portfolio, {
    rows: state.rows,
    previous: matrixNow(state),
    output: o.valuesOnly ? "values" : portfolio.settings.matrixOutput,
    dialect: dialectOf(o),
  });
  // Formulas were asked for but values were written: say why, so the owner is not surprised the cells are not live.
  const why = !plan.spill && o.valuesOnly !== true && portfolio.settings.matrixOutput === "formulas" ? valuesBecause(portfolio) : null;
  return { portfolio, plan, message: `Matrix: ${resultMessage(portfolio)}${why === null || portfolio.mode === "orders" ? "" : `; values, not live formulas: ${why}`}` };
}

/** Between the read and the writes: grade, plan the columns, then write them and the settings. */
export function decideMatrix(state: WorkbookState, o: BuildOptions): Decision<MatrixResult, MatrixWrites> {
  const graded = gradeState(state, o);
  const result = matrixOf(state, graded.portfolio, o);
  return { result, writes: [(port) => port.writeMatrix(result.plan), ...graded.saveSettings] };
}

export function buildMatrix(port: WorkbookPort, o: BuildOptions): Promise<MatrixResult> {
  return run(port, decideMatrix, o);
}

export function buildMatrixSync(port: SyncWorkbookPort, o: BuildOptions): MatrixResult {
  return runSync(port, decideMatrix, o);
}

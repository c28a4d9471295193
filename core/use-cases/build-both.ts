/**
 * Use case: the matrix columns and the portfolio tab from one read and one grading, for a host
 * where nothing can change the sheet between them (the file command).
 */
import type { WorkbookPort, WorkbookState } from "../port";
import { matrixOf, type MatrixResult } from "./build-matrix";
import { portfolioOf, type PortfolioResult } from "./build-portfolio";
import { gradeState, type BuildOptions } from "./grade";
import { run, type Decision, type PortWrites } from "./run";

export interface BothResult {
  matrix: MatrixResult;
  portfolio: PortfolioResult;
}

export type BothWrites = Pick<PortWrites, "writeMatrix" | "writePortfolio" | "saveSettings">;

/** Between the read and the writes: the matrix columns, then the portfolio tab, then the settings. */
export function decideBoth(state: WorkbookState, o: BuildOptions): Decision<BothResult, BothWrites> {
  const graded = gradeState(state, o);
  const matrix = matrixOf(state, graded.portfolio, o);
  const portfolio = portfolioOf(state.sheetName, graded.portfolio, o);
  return {
    result: { matrix, portfolio },
    writes: [(port) => port.writeMatrix(matrix.plan), (port) => port.writePortfolio(portfolio.plan, portfolio.snapshot), ...graded.saveSettings],
  };
}

export function buildMatrixAndPortfolio(port: WorkbookPort, o: BuildOptions): Promise<BothResult> {
  return run(port, decideBoth, o);
}

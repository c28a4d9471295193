/** Use case: build the KAM Portfolio tab and append the snapshot to the history (SPEC §7, §9). */
import { layoutPortfolio, snapshotOf } from "../layout";
import type { SnapshotRow } from "../model/history";
import type { SheetPlan } from "../plan";
import type { Portfolio } from "../portfolio";
import type { SyncWorkbookPort, WorkbookPort, WorkbookState } from "../port";
import { gradeState, resultMessage, type BuildOptions } from "./grade";
import { run, runSync, type Decision, type PortWrites } from "./run";

export interface PortfolioResult {
  portfolio: Portfolio;
  plan: SheetPlan;
  snapshot: SnapshotRow[];
  message: string;
}

export type PortfolioWrites = Pick<PortWrites, "writePortfolio" | "saveSettings">;

/** The portfolio sheet plan and snapshot for a portfolio already graded from the sheet `sheetName`. */
export function portfolioOf(sheetName: string, portfolio: Portfolio, o: BuildOptions): PortfolioResult {
  const plan = layoutPortfolio(portfolio, { sourceSheet: sheetName, builtOn: o.builtAt.slice(0, 10) });
  const snapshot = snapshotOf(portfolio, o.builtAt);
  return { portfolio, plan, snapshot, message: resultMessage(portfolio) };
}

/** Between the read and the writes: grade, lay out the tab, then write it and the settings. */
export function decidePortfolio(state: WorkbookState, o: BuildOptions): Decision<PortfolioResult, PortfolioWrites> {
  const graded = gradeState(state, o);
  const result = portfolioOf(state.sheetName, graded.portfolio, o);
  return { result, writes: [(port) => port.writePortfolio(result.plan, result.snapshot), ...graded.saveSettings] };
}

export function buildPortfolio(port: WorkbookPort, o: BuildOptions): Promise<PortfolioResult> {
  return run(port, decidePortfolio, o);
}

export function buildPortfolioSync(port: SyncWorkbookPort, o: BuildOptions): PortfolioResult {
  return runSync(port, decidePortfolio, o);
}

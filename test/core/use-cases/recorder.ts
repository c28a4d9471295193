/** A port over a fixed state that records what a use case asks of it, async and sync alike. */
import type { InputColumnsPort, SyncInputColumnsPort, WorkbookState } from "../../../core/port";

export const state = (rows: WorkbookState["rows"], more: Partial<WorkbookState> = {}): WorkbookState => ({
  sheetName: "Clients", rows, isOwnSheet: false, matrix: null, history: [], settings: null, ...more,
});

export function recorder(s: WorkbookState): { log: string[]; port: InputColumnsPort; sync: SyncInputColumnsPort } {
  const log: string[] = [];
  const sync: SyncInputColumnsPort = {
    read: () => (log.push("read"), s),
    writeMatrix: (plan) => void log.push(`matrix at ${plan.column}`),
    writePortfolio: (plan, snapshot) => void log.push(`portfolio ${plan.name}, ${snapshot.length} rows`),
    saveSettings: (settings) => void log.push(`settings ${JSON.stringify(settings)}`),
    writeInputColumns: (plan) => void log.push(`input columns ${plan.fields.join(",")} at ${plan.columns.join(",")} under row ${plan.headerRow}`),
  };
  const port: InputColumnsPort = {
    read: async () => sync.read(),
    writeMatrix: async (plan) => sync.writeMatrix(plan),
    writePortfolio: async (plan, snapshot) => sync.writePortfolio(plan, snapshot),
    saveSettings: async (settings) => sync.saveSettings(settings),
    writeInputColumns: async (plan) => sync.writeInputColumns(plan),
  };
  return { log, port, sync };
}

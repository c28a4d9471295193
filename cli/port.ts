/**
 * The file host's WorkbookPort. `read` serves what cli/read.ts read from the file; the writes are
 * kept until cli/write.ts puts them into the user's package (render.ts writes the portfolio
 * sheet, chart.ts its chart), so nothing is half-written when a build fails.
 */
import { indexFromDates, recentRows } from "../core/history-window";
import type { SheetPlan } from "../core/plan";
import type { MatrixPlan } from "../core/matrix";
import type { SnapshotRow } from "../core/model/history";
import type { WorkbookPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import type { Source } from "./read";
import { withChartSized } from "./render";

export interface PortfolioWrite {
  /** The plan, its chart sized to the band above the table as this host renders its rows. */
  plan: SheetPlan;
  snapshot: SnapshotRow[];
}

export class FilePort implements WorkbookPort {
  reads = 0;
  matrix: MatrixPlan | null = null;
  portfolio: PortfolioWrite | null = null;
  settings: Settings | null = null;

  constructor(readonly source: Source) {}

  async read(): Promise<WorkbookState> {
    this.reads++;
    const s = this.source;
    // The last HISTORY_BUILDS_READ builds, as every host reads them (SPEC §7a); the write keeps the rest.
    const span = recentRows(indexFromDates(s.history.map((r) => r.date)));
    const history = span === null ? [] : s.history.slice(span.firstRow - 2);
    return { sheetName: s.sheetName, rows: s.rows, isOwnSheet: s.isOwnSheet, matrix: s.matrix, history, settings: s.settings, decimalComma: s.decimalComma, ...(s.date1904 ? { date1904: true } : {}) };
  }

  async writeMatrix(plan: MatrixPlan): Promise<void> {
    this.matrix = plan;
  }

  async writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void> {
    this.portfolio = { plan: withChartSized(plan), snapshot };
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.settings = settings;
  }
}

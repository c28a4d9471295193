/**
 * The task pane's HostBridge over Office.js (core/bridge.ts): each request is one `Excel.run`
 * batch running a core use case through the ExcelPort. The pane stays on the data sheet it read
 * last, so building while the new KAM Portfolio sheet is showing rebuilds from the clients, not
 * from the portfolio.
 */
import { buildSummary, type BuildSummary, type HostBridge, type PanelState } from "../core/bridge";
import type { InputField } from "../core/inputs";
import { EXCEL_DIALECT } from "../core/matrix";
import type { Settings } from "../core/settings";
import { addInputColumns } from "../core/use-cases/add-input-columns";
import { buildMatrix } from "../core/use-cases/build-matrix";
import { buildPortfolio } from "../core/use-cases/build-portfolio";
import type { BuildOptions } from "../core/use-cases/grade";
import { panelStateOf } from "../core/use-cases/panel-state";
import { saveSettings } from "../core/use-cases/save-settings";
import { dayFromDate } from "../core/values";
import { ExcelPort } from "./port";

/** What the bridge needs from Office: `Excel.run` and the clock (tests pass a fake Excel). */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  now(): Date;
}

export const officeHost: OfficeHost = {
  run: (batch) => Excel.run(batch),
  now: () => new Date(),
};

export class OfficeBridge implements HostBridge {
  /** The client sheet the pane is working on, once read. */
  private dataSheet: string | null = null;

  constructor(private readonly host: OfficeHost = officeHost) {}

  private port(ctx: Excel.RequestContext, withHistory = true): ExcelPort {
    return new ExcelPort(ctx, { withHistory, ...(this.dataSheet ? { sheetName: this.dataSheet } : {}) });
  }

  private options(settings: Settings): BuildOptions {
    const now = this.host.now();
    return { settings, today: dayFromDate(now), builtAt: now.toISOString(), dialect: EXCEL_DIALECT };
  }

  /** Reads the active sheet with what grading needs, for the what-if (not the history: the view does not show it); if that is one of ours, the client sheet read before. */
  getState(): Promise<PanelState> {
    return this.host.run(async (ctx) => {
      let state = await new ExcelPort(ctx, { withHistory: false }).read();
      if (state.isOwnSheet && this.dataSheet && this.dataSheet !== state.sheetName) {
        try {
          state = await this.port(ctx, false).read();
        } catch {
          // The sheet read before is gone: report on the active one.
        }
      }
      if (!state.isOwnSheet) this.dataSheet = state.sheetName;
      return panelStateOf(state, dayFromDate(this.host.now()));
    });
  }

  saveSettings(settings: Settings): Promise<void> {
    return this.host.run((ctx) => saveSettings(this.port(ctx), settings));
  }

  buildMatrix(settings: Settings): Promise<BuildSummary> {
    return this.host.run(async (ctx) => {
      const r = await buildMatrix(this.port(ctx), this.options(settings));
      return buildSummary(r.portfolio, r.message);
    });
  }

  buildPortfolio(settings: Settings): Promise<BuildSummary> {
    return this.host.run(async (ctx) => {
      const r = await buildPortfolio(this.port(ctx), this.options(settings));
      return buildSummary(r.portfolio, r.message);
    });
  }

  addInputColumns(fields: InputField[]): Promise<{ added: string[] }> {
    return this.host.run((ctx) => addInputColumns(this.port(ctx), fields));
  }
}

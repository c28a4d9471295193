/**
 * The task pane's HostBridge over Office.js (core/bridge.ts): each request is one `Excel.run`
 * batch through the ExcelPort, running the core use cases. The pane stays on the data sheet it
 * read last, so building while the new KAM Portfolio sheet is showing rebuilds from the clients,
 * not from the portfolio.
 */
import { buildMatrix, buildPortfolio, OwnSheetError } from "../core/build";
import { buildSummary, panelState, panelStateOf, type BuildSummary, type HostBridge, type PanelState } from "../core/bridge";
import { EXCEL_DIALECT, ownColumns } from "../core/matrix";
import { mapColumns } from "../core/portfolio";
import { checkSettings, type Settings } from "../core/settings";
import { dayFromDate } from "../core/values";
import { planInputColumns, type InputField } from "../core/inputs";
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

  private port(ctx: Excel.RequestContext): ExcelPort {
    return new ExcelPort(ctx, this.dataSheet ? { sheetName: this.dataSheet } : {});
  }

  private options(settings: Settings) {
    const now = this.host.now();
    return { settings, today: dayFromDate(now), builtAt: now.toISOString(), dialect: EXCEL_DIALECT };
  }

  /** Reads the active sheet; if that is one of ours, the client sheet read before. */
  getState(): Promise<PanelState> {
    return this.host.run(async (ctx) => {
      let state = await new ExcelPort(ctx).read();
      if (state.isOwnSheet && this.dataSheet && this.dataSheet !== state.sheetName) {
        try {
          state = await this.port(ctx).read();
        } catch {
          // The sheet read before is gone: report on the active one.
        }
      }
      if (!state.isOwnSheet) this.dataSheet = state.sheetName;
      return panelStateOf(state);
    });
  }

  saveSettings(settings: Settings): Promise<void> {
    return this.host.run((ctx) => this.port(ctx).saveSettings(settings));
  }

  buildMatrix(settings: Settings): Promise<BuildSummary> {
    return this.host.run(async (ctx) => buildSummary((await buildMatrix(this.port(ctx), this.options(settings))).portfolio));
  }

  buildPortfolio(settings: Settings): Promise<BuildSummary> {
    return this.host.run(async (ctx) => buildSummary((await buildPortfolio(this.port(ctx), this.options(settings))).portfolio));
  }

  addInputColumns(fields: InputField[]): Promise<{ added: string[] }> {
    return this.host.run(async (ctx) => {
      const port = this.port(ctx);
      const state = await port.read();
      if (state.isOwnSheet) throw new OwnSheetError(state.sheetName);
      const settings = checkSettings(state.settings ?? {}).settings;
      // Only inputs that are really missing (a column may have been added since the pane read).
      const missing = panelState(state.sheetName, state.rows, settings, ownColumns(state.matrix)).missingInputs;
      const wanted = fields.filter((f) => missing.includes(f));
      if (wanted.length === 0) return { added: [] };
      let headerRow = 1;
      try {
        headerRow = mapColumns(state.rows, settings, ownColumns(state.matrix)).headerIndex + 1;
      } catch {
        // No client or revenue column yet: put the headers on row 1.
      }
      const added = await port.writeInputColumns(planInputColumns(state.rows, headerRow, wanted, state.matrix));
      return { added };
    });
  }
}

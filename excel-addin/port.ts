/**
 * WorkbookPort over Office.js (Excel). Batch-shaped, as the port contract (core/port.ts) asks:
 *
 * - `read`: one `context.sync` for the data sheet's values, the markers, the settings, the
 *   workbook's sheet names and its date system (date-system.ts); a second one only when a history
 *   exists, for its last snapshot; a third only when the owner has sorted the history sheet (its
 *   rows are then read whole, history.ts). Every date the builds write is a serial in that date system.
 * - `writePortfolio`: the plan is written into a new sheet, then that sheet is swapped in for the
 *   one carrying the portfolio marker, and the snapshot is appended to the hidden history sheet.
 *   Every write is queued as a step with its payload size and the steps are packed into as few
 *   syncs as Excel on the web's 5 MB request limit allows (one for a few thousand clients, two at
 *   10,000). A failure before the swap deletes the new sheet and leaves the previous portfolio.
 * - Markers and settings follow core/markers.ts, as the `kam-portfolio` command writes them, so a
 *   workbook built by either is rebuilt in place by the other. Defined names: `KAM_Portfolio` and
 *   `KAM_History` (workbook scope) point at our sheets, so renaming them keeps them ours and a
 *   user's own sheet called "KAM Portfolio" is never touched; `KAM_HistoryLast` spans the last
 *   snapshot, the only history rows a build reads; `KAM_Matrix` (scoped to the data sheet) spans
 *   the matrix header cells.
 * - Settings live in the custom document property `KAMPortfolio.settings` (`.2`, `.3`, … past 255
 *   characters), loaded in the read's first sync, so a file tool sees them too. Workbooks saved by
 *   earlier versions of the add-in kept them in the add-in's own settings (`kam-portfolio.settings`,
 *   invisible outside Office): read when there is no property, removed on the next save.
 * - Writing a plan (render.ts, with the chart API calls in chart.ts) gives steps; this port adds
 *   its own (swap, names, history) and runs them.
 *
 * Enum values are written as their string literals so the adapter runs against a fake `Excel`.
 */
import { parseAreaRef, type AreaRef } from "../core/a1";
import { HISTORY_HEADERS, HISTORY_SHEET, type SheetPlan } from "../core/plan";
import { isSettingsProperty, MARKER_NAMES, settingsFromProperties, settingsProperties } from "../core/markers";
import type { MatrixPlan } from "../core/matrix";
import type { SnapshotRow } from "../core/model/history";
import type { InputColumnsPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import type { CellValue } from "../core/values";
import { INPUT_COLUMNS, type InputColumnsPlan } from "../core/inputs";
import { isDate1904, queueDateSystemProbe } from "./date-system";
import { ExcelHistory } from "./history";
import { CELLS_PER_READ, readRowsInChunks } from "./reads";
import { DEFAULT_BUDGET, OP_OVERHEAD, packSteps, type Step } from "./payload";
import { matrixSteps, sheetSteps } from "./render";

/** Where earlier versions of the add-in kept the settings (the add-in's settings, not in the file's properties). */
export const LEGACY_SETTINGS_KEY = "kam-portfolio.settings";
export const PORTFOLIO_TABLE = "KAMPortfolio";

/** A sheet name not taken (case-insensitive, as Excel compares them), "KAM Portfolio (2)" style. */
function freeName(base: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  let name = base;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base} (${i})`;
  return name;
}

export interface ExcelPortOptions {
  /** The data sheet's name; default: the active sheet at `read`. */
  sheetName?: string;
  /** Request payload allowed per sync in bytes (default 4 MB, under Excel on the web's 5 MB). */
  payloadBudget?: number;
  /** Suffix of the temporary sheet and table names while building (default: random). */
  suffix?: string;
  /**
   * Read what a build needs beyond the data sheet — the history's last builds and the old
   * portfolio's tables — in a second sync (the pane's view needs neither). Default true.
   */
  withHistory?: boolean;
}

/** What `read` learned about the workbook, for the writes of the same build. */
interface Known {
  dataSheet: string;
  /** Sheet names in tab order, with their positions. */
  sheets: { name: string; position: number }[];
  portfolioSheet: string | null;
  portfolioNamed: boolean;
  history: ExcelHistory;
  matrixNamed: boolean;
  /** Every table name in the workbook, and those on our old portfolio sheet. */
  tables: string[];
  portfolioTables: string[];
  /** The workbook counts its dates from 1904: dates are written as serials of that system. */
  date1904: boolean;
}

export class ExcelPort implements InputColumnsPort {
  private known: Known | null = null;
  /** The data sheet, fixed at the first read so a build never follows a change of active sheet. */
  private dataSheet: string | null;
  private readonly budget: number;
  private readonly suffix: string;
  private readonly withHistory: boolean;

  constructor(
    private readonly ctx: Excel.RequestContext,
    options: ExcelPortOptions = {},
  ) {
    this.dataSheet = options.sheetName ?? null;
    this.budget = options.payloadBudget ?? DEFAULT_BUDGET;
    this.suffix = options.suffix ?? Math.random().toString(36).slice(2, 8);
    this.withHistory = options.withHistory ?? true;
  }

  async read(): Promise<WorkbookState> {
    const wb = this.ctx.workbook;
    const queue = (withValues: boolean) => {
      const ws = this.dataSheet ? wb.worksheets.getItem(this.dataSheet) : wb.worksheets.getActiveWorksheet();
      ws.load("name");
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(withValues ? "values,rowIndex,columnIndex" : "rowIndex,columnIndex,rowCount,columnCount");
      const matrixName = ws.names.getItemOrNullObject(MARKER_NAMES.matrix);
      matrixName.load("formula");
      const names = {
        portfolio: wb.names.getItemOrNullObject(MARKER_NAMES.portfolio),
        history: wb.names.getItemOrNullObject(MARKER_NAMES.history),
        historyLast: wb.names.getItemOrNullObject(MARKER_NAMES.historyLast),
      };
      for (const n of Object.values(names)) n.load("formula");
      const custom = wb.properties.custom;
      custom.load("items/key,items/value");
      const legacySetting = wb.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY);
      legacySetting.load("value");
      wb.worksheets.load("items/name,items/position");
      wb.tables.load("items/name");
      const dateSystem = queueDateSystemProbe(wb);
      return { ws, used, matrixName, names, custom, legacySetting, dateSystem };
    };
    // One round trip, unless the sheet's values alone pass Excel on the web's 5 MB response limit
    // or the 5,000,000 cells of one read ("the API will either return null or throw an error"):
    // then the same loads without the values, and the values in row chunks.
    // A failure of anything else fails the same loads again, without the values.
    let q = queue(true);
    let values: unknown[][] | null = null;
    let chunked = false;
    try {
      await this.ctx.sync();
      if (!q.used.isNullObject) {
        values = q.used.values;
        chunked = values === null;
      }
    } catch {
      chunked = true;
    }
    if (chunked) {
      q = queue(false);
      await this.ctx.sync();
      values = q.used.isNullObject ? null : await this.readInChunks(q.ws, q.used);
    }
    const { ws, used, matrixName, names, custom, legacySetting } = q;
    const date1904 = isDate1904(q.dateSystem);

    const ref = (n: Excel.NamedItem) => (n.isNullObject ? null : parseAreaRef(n.formula));
    const sheets = wb.worksheets.items.map((s) => ({ name: s.name, position: s.position }));
    const exists = (sheet: string | undefined) => sheet !== undefined && sheets.some((s) => s.name === sheet);
    const portfolioRef = ref(names.portfolio);
    const historyRef = ref(names.history);
    const lastRef = ref(names.historyLast);
    const matrixRef = ref(matrixName);
    const history = new ExcelHistory({
      history: historyRef && exists(historyRef.sheet) ? historyRef : null,
      last: lastRef,
      historyNamed: !names.history.isNullObject,
      lastNamed: !names.historyLast.isNullObject,
      properties: custom.items.map((p) => [p.key, p.value] as const),
    });
    const known: Known = {
      dataSheet: ws.name,
      sheets,
      portfolioSheet: exists(portfolioRef?.sheet) ? (portfolioRef as AreaRef).sheet : null,
      portfolioNamed: !names.portfolio.isNullObject,
      history,
      matrixNamed: !matrixName.isNullObject,
      tables: wb.tables.items.map((t) => t.name),
      portfolioTables: [],
      date1904,
    };

    // The last builds' snapshots and our old sheet's tables, when a build needs them: one more round trip.
    let snapshots: SnapshotRow[] = [];
    const span = this.withHistory ? history.toRead() : null;
    const hs = history.sheet;
    if ((this.withHistory && known.portfolioSheet !== null) || (span && hs !== null)) {
      const oldTables = known.portfolioSheet !== null ? wb.worksheets.getItem(known.portfolioSheet).tables : null;
      oldTables?.load("items/name");
      const small = span && hs !== null && span.rows * HISTORY_HEADERS.length <= CELLS_PER_READ;
      const recent = small ? wb.worksheets.getItem(hs).getRangeByIndexes(span.firstRow - 1, 0, span.rows, HISTORY_HEADERS.length) : null;
      recent?.load("values");
      await this.ctx.sync();
      known.portfolioTables = oldTables ? oldTables.items.map((t) => t.name) : [];
      const read = (s: { firstRow: number; rows: number }) => readRowsInChunks(this.ctx, wb.worksheets.getItem(hs as string), s.firstRow - 1, 0, s.rows, HISTORY_HEADERS.length);
      let took = recent ? history.took(recent.values) : span && hs !== null ? history.took(await read(span)) : [];
      if (took === null) {
        // The rows were not where the index puts its builds (the owner sorted the sheet): read whole, only then.
        const whole = history.toRead();
        took = whole !== null ? (history.took(await read(whole)) ?? []) : [];
      }
      snapshots = took;
    }
    this.known = known;
    this.dataSheet = ws.name;

    const rows: CellValue[][] = [];
    if (values !== null) {
      const pad: CellValue[] = new Array<CellValue>(used.columnIndex).fill(null);
      for (let i = 0; i < used.rowIndex; i++) rows.push([]);
      for (const r of values) rows.push(pad.concat(r as CellValue[]));
    }
    const own = [known.portfolioSheet, known.history.sheet].filter((s): s is string => s !== null);
    return {
      sheetName: ws.name,
      rows,
      isOwnSheet: own.includes(ws.name),
      matrix: matrixRef && matrixRef.sheet === ws.name ? { column: matrixRef.col, count: matrixRef.cols } : null,
      history: snapshots,
      settings: settingsFromProperties(custom.items.map((p) => [p.key, p.value] as const)) ?? (legacySetting.isNullObject ? null : parseSetting(legacySetting.value)),
      ...(date1904 ? { date1904: true } : {}),
    };
  }

  /** The used range's values, one sync per chunk of rows. */
  private readInChunks(ws: Excel.Worksheet, used: Excel.Range): Promise<unknown[][]> {
    return readRowsInChunks(this.ctx, ws, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount);
  }

  private requireKnown(): Known {
    if (!this.known) throw new Error("ExcelPort: read() must come before a write");
    return this.known;
  }

  async writeMatrix(plan: MatrixPlan): Promise<void> {
    const known = this.requireKnown();
    const ws = this.ctx.workbook.worksheets.getItem(known.dataSheet);
    await this.runSteps(
      matrixSteps(ws, plan, { budget: this.budget, date1904: known.date1904 }, (header) => {
        if (known.matrixNamed) ws.names.getItem(MARKER_NAMES.matrix).delete();
        ws.names.add(MARKER_NAMES.matrix, header, "KAM Portfolio matrix columns (kam-portfolio:matrix)");
      }),
    );
  }

  async writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void> {
    const known = this.requireKnown();
    const wb = this.ctx.workbook;
    const tempName = `KAM building ${this.suffix}`;
    const tempTable = `${PORTFOLIO_TABLE}_${this.suffix}`;

    // 1. The new sheet, written in full under a temporary name.
    const { steps, sheet } = sheetSteps(wb, tempName, tempTable, plan, { budget: this.budget, date1904: known.date1904 });

    // 2. The swap: only after every write above is queued (a batch stops at its first error).
    const keep = new Set(known.sheets.map((s) => s.name));
    if (known.portfolioSheet) keep.delete(known.portfolioSheet);
    keep.delete(tempName);
    // A rebuild keeps the name the owner gave our sheet (it is found by KAM_Portfolio, never by name).
    const finalName = known.portfolioSheet ?? freeName(plan.name, keep);
    const oldPosition = known.sheets.find((s) => s.name === known.portfolioSheet)?.position;
    const dataPosition = known.sheets.find((s) => s.name === known.dataSheet)?.position ?? 0;
    const otherTables = known.tables.filter((t) => !known.portfolioTables.includes(t));
    const tableName = otherTables.some((t) => t.toLowerCase() === PORTFOLIO_TABLE.toLowerCase()) ? tempTable : PORTFOLIO_TABLE;
    steps.push({
      bytes: OP_OVERHEAD * 8,
      run: () => {
        if (known.portfolioNamed) wb.names.getItem(MARKER_NAMES.portfolio).delete();
        if (known.portfolioSheet) wb.worksheets.getItem(known.portfolioSheet).delete();
        const ws = sheet();
        ws.name = finalName;
        // Positions shift down by one once the old sheet is gone.
        ws.position = oldPosition ?? dataPosition + 1;
        if (tableName !== tempTable) ws.tables.getItem(tempTable).name = tableName;
        wb.names.add(MARKER_NAMES.portfolio, ws.getRange("A1"), "The KAM Portfolio sheet (kam-portfolio:portfolio)");
        ws.activate();
      },
    });

    // 3. The snapshot, appended to the hidden history sheet.
    for (const s of this.historySteps(known, snapshot, finalName)) steps.push(s);

    try {
      await this.runSteps(steps);
    } catch (e) {
      await this.discard(tempName);
      throw e;
    }
    // The next build in this port sees the new state.
    this.known = null;
  }

  /** The history: a new hidden sheet when the workbook has none, then the snapshot (history.ts). */
  private historySteps(known: Known, snapshot: SnapshotRow[], portfolioName: string): Step[] {
    const wb = this.ctx.workbook;
    const steps: Step[] = [];
    let sheet = known.history.sheet;
    if (sheet === null) {
      const taken = known.sheets.map((s) => s.name).filter((n) => n !== known.portfolioSheet).concat(portfolioName);
      const name = freeName(HISTORY_SHEET, taken);
      sheet = name;
      steps.push({
        bytes: OP_OVERHEAD * 4,
        run: () => {
          const ws = wb.worksheets.add(name);
          const header = ws.getRangeByIndexes(0, 0, 1, HISTORY_HEADERS.length);
          header.values = [HISTORY_HEADERS.slice()];
          header.format.font.bold = true;
          ws.visibility = "Hidden";
        },
      });
    }
    for (const s of known.history.steps(wb, sheet, snapshot, this.budget)) steps.push(s);
    return steps;
  }

  /** After a failed build: delete the half-written sheet, if it got created. */
  private async discard(tempName: string): Promise<void> {
    try {
      const t = this.ctx.workbook.worksheets.getItemOrNullObject(tempName);
      t.load("name");
      await this.ctx.sync();
      if (!t.isNullObject) {
        t.delete();
        await this.ctx.sync();
      }
    } catch {
      // The original error is what the owner needs to see.
    }
  }

  /** Input columns with a header and a dropdown of the words each accepts (one sync). */
  async writeInputColumns(plan: InputColumnsPlan): Promise<void> {
    const known = this.requireKnown();
    const ws = this.ctx.workbook.worksheets.getItem(known.dataSheet);
    plan.fields.forEach((f, j) => {
      const c = INPUT_COLUMNS[f];
      const column = (plan.columns[j] as number) - 1;
      const header = ws.getRangeByIndexes(plan.headerRow - 1, column, 1, 1);
      header.values = [[c.header]];
      header.format.font.bold = true;
      const cells = ws.getRangeByIndexes(plan.headerRow, column, plan.lastRow - plan.headerRow, 1);
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: c.choices.join(",") } };
      cells.dataValidation.prompt = { showPrompt: true, title: c.header, message: c.help };
      cells.dataValidation.errorAlert = c.allowOther
        ? { showAlert: false, style: "Information", title: c.header, message: c.help }
        : { showAlert: true, style: "Stop", title: c.header, message: c.help };
    });
    await this.ctx.sync();
  }

  /**
   * The settings that differ from the defaults, as the custom document property (in pieces past
   * 255 characters): one sync to learn which pieces and which earlier setting exist, one to write
   * the pieces, delete the ones no longer needed and the earlier add-in setting.
   */
  async saveSettings(settings: Settings): Promise<void> {
    const wb = this.ctx.workbook;
    const custom = wb.properties.custom;
    custom.load("items/key");
    const legacy = wb.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY);
    legacy.load("value");
    await this.ctx.sync();
    const pieces = settingsProperties(settings);
    const wanted = new Set(pieces.map((p) => p.name.toLowerCase()));
    for (const p of custom.items) if (isSettingsProperty(p.key) && !wanted.has(p.key.toLowerCase())) p.delete();
    for (const p of pieces) custom.add(p.name, p.value);
    if (!legacy.isNullObject) legacy.delete();
    await this.ctx.sync();
  }

  /** Runs the steps in as few syncs as the payload budget allows, calculation suspended in each. */
  private async runSteps(steps: readonly Step[]): Promise<void> {
    for (const batch of packSteps(steps, this.budget)) {
      this.ctx.application.suspendApiCalculationUntilNextSync();
      for (const s of batch) s.run();
      await this.ctx.sync();
    }
  }
}


function parseSetting(v: unknown): unknown {
  if (typeof v !== "string") return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * WorkbookPort over Office.js (Excel). Batch-shaped, as the port contract (core/port.ts) asks:
 *
 * - `read`: one `context.sync` for the data sheet's values, the markers, the settings and the
 *   workbook's sheet names; a second one only when a history exists, for its last snapshot.
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
 * - Text from the data that Excel would read as a formula (= + - @, tab, CR) gets the text number
 *   format before its value is written; only `{ formula }` plan values become formulas.
 *
 * Enum values are written as their string literals so the adapter runs against a fake `Excel`.
 */
import { cellRef, parseAreaRef, sheetRange, type AreaRef } from "../core/a1";
import { HISTORY_HEADERS, HISTORY_SHEET, isPlanDate, isPlanFormula, looksLikeFormula, type Block, type CellStyle, type ChartSpec, type PlanValue, type RangeRef, type SheetPlan } from "../core/plan";
import { historyMarks, isSettingsProperty, MARKER_NAMES, settingsFromProperties, settingsProperties } from "../core/markers";
import type { MatrixPlan } from "../core/matrix";
import { snapshotFromCells, snapshotToCells, type SnapshotRow } from "../core/model/history";
import type { InputColumnsPort, WorkbookState } from "../core/port";
import type { Settings } from "../core/settings";
import { dayFromParts, dayToSerial, type CellValue } from "../core/values";
import { INPUT_COLUMNS, type InputColumnsPlan } from "../core/inputs";
import { DEFAULT_BUDGET, jsonBytes, OP_OVERHEAD, packSteps, rowChunks, type Step } from "./payload";

export const NAMES = MARKER_NAMES;
/** Where earlier versions of the add-in kept the settings (the add-in's settings, not in the file's properties). */
export const LEGACY_SETTINGS_KEY = "kam-portfolio.settings";
export const PORTFOLIO_TABLE = "KAMPortfolio";
const TEXT = "@";
/** Excel column width in points per character of the plan's widths. */
const POINTS_PER_CHAR = 6;

/** `='KAM History'!$A$1:$E$61` as Excel writes a defined name's reference. */
export function address(sheet: string, r: RangeRef): string {
  return `=${sheetRange(sheet, r)}`;
}

/** A sheet name not taken (case-insensitive, as Excel compares them), "KAM Portfolio (2)" style. */
export function freeName(base: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  let name = base;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base} (${i})`;
  return name;
}

/** A plan value as Excel takes it: dates as serial numbers, formulas as their text. */
function excelValue(v: PlanValue): string | number | boolean | null {
  if (v === null) return null;
  if (isPlanFormula(v)) return v.formula;
  if (isPlanDate(v)) {
    const [y, m, d] = v.date.split("-").map(Number) as [number, number, number];
    return dayToSerial(dayFromParts(y, m, d));
  }
  return v;
}

export interface ExcelPortOptions {
  /** The data sheet's name; default: the active sheet at `read`. */
  sheetName?: string;
  /** Request payload allowed per sync in bytes (default 4 MB, under Excel on the web's 5 MB). */
  payloadBudget?: number;
  /** Suffix of the temporary sheet and table names while building (default: random). */
  suffix?: string;
}

/** What `read` learned about the workbook, for the writes of the same build. */
interface Known {
  dataSheet: string;
  /** Sheet names in tab order, with their positions. */
  sheets: { name: string; position: number }[];
  portfolioSheet: string | null;
  portfolioNamed: boolean;
  history: AreaRef | null;
  historyNamed: boolean;
  historyLastNamed: boolean;
  matrixNamed: boolean;
  /** Every table name in the workbook, and those on our old portfolio sheet. */
  tables: string[];
  portfolioTables: string[];
}

export class ExcelPort implements InputColumnsPort {
  private known: Known | null = null;
  /** The data sheet, fixed at the first read so a build never follows a change of active sheet. */
  private dataSheet: string | null;
  private readonly budget: number;
  private readonly suffix: string;

  constructor(
    private readonly ctx: Excel.RequestContext,
    options: ExcelPortOptions = {},
  ) {
    this.dataSheet = options.sheetName ?? null;
    this.budget = options.payloadBudget ?? DEFAULT_BUDGET;
    this.suffix = options.suffix ?? Math.random().toString(36).slice(2, 8);
  }

  async read(): Promise<WorkbookState> {
    const wb = this.ctx.workbook;
    const queue = (withValues: boolean) => {
      const ws = this.dataSheet ? wb.worksheets.getItem(this.dataSheet) : wb.worksheets.getActiveWorksheet();
      ws.load("name");
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(withValues ? "values,rowIndex,columnIndex" : "rowIndex,columnIndex,rowCount,columnCount");
      const matrixName = ws.names.getItemOrNullObject(NAMES.matrix);
      matrixName.load("formula");
      const names = {
        portfolio: wb.names.getItemOrNullObject(NAMES.portfolio),
        history: wb.names.getItemOrNullObject(NAMES.history),
        historyLast: wb.names.getItemOrNullObject(NAMES.historyLast),
      };
      for (const n of Object.values(names)) n.load("formula");
      const custom = wb.properties.custom;
      custom.load("items/key,items/value");
      const legacySetting = wb.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY);
      legacySetting.load("value");
      wb.worksheets.load("items/name,items/position");
      wb.tables.load("items/name");
      return { ws, used, matrixName, names, custom, legacySetting };
    };
    // One round trip, unless the sheet's values alone pass Excel on the web's 5 MB response limit:
    // then the same loads without the values, and the values in row chunks.
    let q = queue(true);
    let values: unknown[][] | null = null;
    try {
      await this.ctx.sync();
      if (!q.used.isNullObject) values = q.used.values;
    } catch (e) {
      if (!isPayloadLimit(e)) throw e;
      q = queue(false);
      await this.ctx.sync();
      values = q.used.isNullObject ? null : await this.readInChunks(q.ws, q.used);
    }
    const { ws, used, matrixName, names, custom, legacySetting } = q;

    const ref = (n: Excel.NamedItem) => (n.isNullObject ? null : parseAreaRef(n.formula));
    const sheets = wb.worksheets.items.map((s) => ({ name: s.name, position: s.position }));
    const exists = (sheet: string | undefined) => sheet !== undefined && sheets.some((s) => s.name === sheet);
    const portfolioRef = ref(names.portfolio);
    const historyRef = ref(names.history);
    const lastRef = ref(names.historyLast);
    const matrixRef = ref(matrixName);
    const known: Known = {
      dataSheet: ws.name,
      sheets,
      portfolioSheet: exists(portfolioRef?.sheet) ? (portfolioRef as AreaRef).sheet : null,
      portfolioNamed: !names.portfolio.isNullObject,
      history: historyRef && exists(historyRef.sheet) ? historyRef : null,
      historyNamed: !names.history.isNullObject,
      historyLastNamed: !names.historyLast.isNullObject,
      matrixNamed: !matrixName.isNullObject,
      tables: wb.tables.items.map((t) => t.name),
      portfolioTables: [],
    };

    // The last snapshot and our old sheet's tables, when they exist: one more round trip.
    let lastValues: unknown[][] = [];
    if (known.portfolioSheet !== null || (known.history && lastRef && lastRef.sheet === known.history.sheet)) {
      const oldTables = known.portfolioSheet !== null ? wb.worksheets.getItem(known.portfolioSheet).tables : null;
      oldTables?.load("items/name");
      const last = known.history && lastRef && lastRef.sheet === known.history.sheet ? wb.worksheets.getItem(lastRef.sheet).getRangeByIndexes(lastRef.row - 1, 0, lastRef.rows, HISTORY_HEADERS.length) : null;
      last?.load("values");
      await this.ctx.sync();
      known.portfolioTables = oldTables ? oldTables.items.map((t) => t.name) : [];
      lastValues = last ? last.values : [];
    }
    this.known = known;
    this.dataSheet = ws.name;

    const rows: CellValue[][] = [];
    if (values !== null) {
      const pad = Array.from({ length: used.columnIndex }, () => null);
      for (let i = 0; i < used.rowIndex; i++) rows.push([]);
      for (const r of values) rows.push([...pad, ...(r as CellValue[])]);
    }
    const own = [known.portfolioSheet, known.history?.sheet].filter((s): s is string => s !== null && s !== undefined);
    return {
      sheetName: ws.name,
      rows,
      isOwnSheet: own.includes(ws.name),
      matrix: matrixRef && matrixRef.sheet === ws.name ? { column: matrixRef.col, count: matrixRef.cols } : null,
      history: lastValues.map((r) => snapshotFromCells(r)).filter((r): r is SnapshotRow => r !== null),
      settings: settingsFromProperties(custom.items.map((p) => [p.key, p.value] as const)) ?? (legacySetting.isNullObject ? null : parseSetting(legacySetting.value)),
    };
  }

  /** The used range's values, one sync per chunk of rows, halving a chunk that is still too big. */
  private async readInChunks(ws: Excel.Worksheet, used: Excel.Range): Promise<unknown[][]> {
    const out: unknown[][] = [];
    const cols = used.columnCount;
    let chunk = Math.max(1, Math.floor(CELLS_PER_READ / Math.max(1, cols)));
    for (let start = 0; start < used.rowCount; ) {
      const n = Math.min(chunk, used.rowCount - start);
      const part = ws.getRangeByIndexes(used.rowIndex + start, used.columnIndex, n, cols);
      part.load("values");
      try {
        await this.ctx.sync();
      } catch (e) {
        if (isPayloadLimit(e) && n > 1) {
          chunk = Math.ceil(n / 2);
          continue;
        }
        throw e;
      }
      out.push(...part.values);
      start += n;
    }
    return out;
  }

  private requireKnown(): Known {
    if (!this.known) throw new Error("ExcelPort: read() must come before a write");
    return this.known;
  }

  async writeMatrix(plan: MatrixPlan): Promise<void> {
    const known = this.requireKnown();
    const ws = this.ctx.workbook.worksheets.getItem(known.dataSheet);
    const steps: Step[] = [];
    const width = plan.headers.length;
    const height = plan.lastDataRow - plan.headerRow + 1;
    steps.push({
      bytes: OP_OVERHEAD * 3,
      run: () => {
        if (plan.previous) ws.getRangeByIndexes(plan.headerRow - 1, plan.previous.column - 1, height, plan.previous.count).clear("Contents");
        if (known.matrixNamed) ws.names.getItem(NAMES.matrix).delete();
        const header = ws.getRangeByIndexes(plan.headerRow - 1, plan.column - 1, 1, width);
        header.values = [plan.headers];
        header.format.font.bold = true;
        ws.names.add(NAMES.matrix, header, "KAM Portfolio matrix columns (kam-portfolio:matrix)");
      },
    });
    plan.formats.forEach((f, j) => {
      if (f) steps.push({ bytes: OP_OVERHEAD, run: () => setFormat(ws.getRangeByIndexes(plan.firstDataRow - 1, plan.column - 1 + j, plan.cells.length, 1), f) });
    });
    if (plan.spill) {
      const formulas = (plan.cells[0] ?? []).map((v) => (isPlanFormula(v) ? v.formula : null));
      steps.push({ bytes: jsonBytes(formulas) + OP_OVERHEAD, run: () => (ws.getRangeByIndexes(plan.firstDataRow - 1, plan.column - 1, 1, width).formulas = [formulas]) });
    } else {
      steps.push(...valueSteps(ws, plan.firstDataRow, plan.column, plan.cells, plan.formats, this.budget));
    }
    await this.runSteps(steps);
  }

  async writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void> {
    const known = this.requireKnown();
    const wb = this.ctx.workbook;
    const tempName = `KAM building ${this.suffix}`;
    const tempTable = `${PORTFOLIO_TABLE}_${this.suffix}`;
    let temp: Excel.Worksheet | null = null;
    const steps: Step[] = [];

    // 1. The new sheet, written in full under a temporary name.
    steps.push({
      bytes: OP_OVERHEAD * 4,
      run: () => {
        temp = wb.worksheets.add(tempName);
        temp.tabColor = "#1F4E78";
        plan.columnWidths.forEach((w, j) => {
          (temp as Excel.Worksheet).getRangeByIndexes(0, j, 1, 1).format.columnWidth = w * POINTS_PER_CHAR;
        });
      },
    });
    const sheet = () => temp as Excel.Worksheet;
    for (const b of plan.blocks) steps.push(...blockSteps(sheet, b, this.budget));
    steps.push({ bytes: OP_OVERHEAD * 4, run: () => tableAndFormats(sheet(), plan, tempTable) });
    if (plan.chart) {
      const chart = plan.chart;
      steps.push({ bytes: OP_OVERHEAD * (8 + chart.series.length * 8), run: () => addChart(sheet(), chart) });
    }

    // 2. The swap: only after every write above is queued (a batch stops at its first error).
    const keep = new Set(known.sheets.map((s) => s.name));
    if (known.portfolioSheet) keep.delete(known.portfolioSheet);
    keep.delete(tempName);
    const finalName = freeName(plan.name, keep);
    const oldPosition = known.sheets.find((s) => s.name === known.portfolioSheet)?.position;
    const dataPosition = known.sheets.find((s) => s.name === known.dataSheet)?.position ?? 0;
    const otherTables = known.tables.filter((t) => !known.portfolioTables.includes(t));
    const tableName = otherTables.some((t) => t.toLowerCase() === PORTFOLIO_TABLE.toLowerCase()) ? tempTable : PORTFOLIO_TABLE;
    steps.push({
      bytes: OP_OVERHEAD * 8,
      run: () => {
        if (known.portfolioNamed) wb.names.getItem(NAMES.portfolio).delete();
        if (known.portfolioSheet) wb.worksheets.getItem(known.portfolioSheet).delete();
        const ws = sheet();
        ws.name = finalName;
        // Positions shift down by one once the old sheet is gone.
        ws.position = oldPosition ?? dataPosition + 1;
        if (tableName !== tempTable) ws.tables.getItem(tempTable).name = tableName;
        wb.names.add(NAMES.portfolio, ws.getRange("A1"), "The KAM Portfolio sheet (kam-portfolio:portfolio)");
        ws.activate();
      },
    });

    // 3. The snapshot, appended to the hidden history sheet.
    steps.push(...this.historySteps(known, snapshot, finalName));

    try {
      await this.runSteps(steps);
    } catch (e) {
      await this.discard(tempName);
      throw e;
    }
    // The next build in this port sees the new state.
    this.known = null;
  }

  private historySteps(known: Known, snapshot: SnapshotRow[], portfolioName: string): Step[] {
    const wb = this.ctx.workbook;
    const steps: Step[] = [];
    const cols = HISTORY_HEADERS.length;
    let historySheet = known.history?.sheet ?? null;
    const firstRow = known.history ? known.history.row + known.history.rows : 2;
    if (historySheet === null) {
      const taken = known.sheets.map((s) => s.name).filter((n) => n !== known.portfolioSheet).concat(portfolioName);
      historySheet = freeName(HISTORY_SHEET, taken);
      const name = historySheet;
      steps.push({
        bytes: OP_OVERHEAD * 4,
        run: () => {
          const ws = wb.worksheets.add(name);
          const header = ws.getRangeByIndexes(0, 0, 1, cols);
          header.values = [[...HISTORY_HEADERS]];
          header.format.font.bold = true;
          ws.visibility = "Hidden";
        },
      });
    }
    const name = historySheet;
    const ws = () => wb.worksheets.getItem(name);
    const rows = snapshot.map(snapshotToCells);
    if (rows.length > 0) {
      // Dates and client names are text (an ISO date-time or a name like "=cmd" stays as written).
      steps.push({ bytes: OP_OVERHEAD * 2, run: () => (ws().getRangeByIndexes(firstRow - 1, 0, rows.length, 2).numberFormat = TEXT as unknown as string[][]) });
      for (const c of rowChunks(rows, Math.floor(this.budget / 4))) {
        steps.push({ bytes: c.bytes + OP_OVERHEAD, run: () => (ws().getRangeByIndexes(firstRow - 1 + c.start, 0, c.rows.length, cols).values = c.rows) });
      }
    }
    const marks = historyMarks(firstRow - 1, rows.length);
    steps.push({
      bytes: OP_OVERHEAD * 4,
      run: () => {
        if (known.historyNamed) wb.names.getItem(NAMES.history).delete();
        wb.names.add(NAMES.history, rangeOf(ws(), marks.history), "KAM Portfolio history (kam-portfolio:history)");
        if (marks.last) {
          if (known.historyLastNamed) wb.names.getItem(NAMES.historyLast).delete();
          wb.names.add(NAMES.historyLast, rangeOf(ws(), marks.last), "The last KAM Portfolio snapshot");
        }
      },
    });
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

/** Cells per chunk when a sheet is too big to read in one response. */
const CELLS_PER_READ = 100_000;

function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

function parseSetting(v: unknown): unknown {
  if (typeof v !== "string") return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** A single number format for every cell of a range (Office.js applies a scalar to all cells). */
function setFormat(r: Excel.Range, format: string): void {
  r.numberFormat = format as unknown as string[][];
}

function applyStyle(r: Excel.Range, s: CellStyle): void {
  if (s.bold !== undefined) r.format.font.bold = s.bold;
  if (s.italic !== undefined) r.format.font.italic = s.italic;
  if (s.fontSize !== undefined) r.format.font.size = s.fontSize;
  if (s.fontColor !== undefined) r.format.font.color = s.fontColor;
  if (s.fill !== undefined) r.format.fill.color = s.fill;
  if (s.wrap !== undefined) r.format.wrapText = s.wrap;
}

/**
 * Values of a rectangle in row chunks, each cell that Excel would read as a formula given the text
 * format first (in the same chunk, before its value).
 */
function valueSteps(ws: Excel.Worksheet | (() => Excel.Worksheet), row: number, col: number, cells: readonly PlanValue[][], formats: readonly (string | null)[] | undefined, budget: number): Step[] {
  const sheet = typeof ws === "function" ? ws : () => ws;
  const values = cells.map((r) => r.map(excelValue));
  const steps: Step[] = [];
  for (const c of rowChunks(values, Math.floor(budget / 4))) {
    const width = Math.max(0, ...c.rows.map((r) => r.length));
    // Cells Excel would read as formulas get the text format first: a whole column of the chunk
    // when it holds only text, else cell by cell (one operation each).
    const textCols: number[] = [];
    const textCells: [number, number][] = [];
    for (let j = 0; j < width; j++) {
      if (formats?.[j] === TEXT) continue;
      const risky: number[] = [];
      let allText = true;
      c.rows.forEach((r, i) => {
        const v = r[j];
        const src = cells[c.start + i]?.[j];
        if (isPlanFormula(src) || (v !== null && v !== undefined && typeof v !== "string")) allText = false;
        if (looksLikeFormula(v) && !isPlanFormula(src)) risky.push(i);
      });
      if (risky.length === 0) continue;
      if (allText && risky.length > 1) textCols.push(j);
      else for (const i of risky) textCells.push([i, j]);
    }
    const rows = c.rows.map((r) => (r.length === width ? r : [...r, ...Array.from({ length: width - r.length }, () => null)]));
    steps.push({
      bytes: c.bytes + OP_OVERHEAD * (1 + textCols.length + textCells.length),
      run: () => {
        const s = sheet();
        for (const j of textCols) setFormat(s.getRangeByIndexes(row - 1 + c.start, col - 1 + j, rows.length, 1), TEXT);
        for (const [i, j] of textCells) s.getRangeByIndexes(row - 1 + c.start + i, col - 1 + j, 1, 1).numberFormat = [[TEXT]];
        if (width > 0) s.getRangeByIndexes(row - 1 + c.start, col - 1, rows.length, width).values = rows;
      },
    });
  }
  return steps;
}

/** One block: number formats per column, then values, then styles. */
function blockSteps(sheet: () => Excel.Worksheet, b: Block, budget: number): Step[] {
  const rows = b.values.length;
  const cols = Math.max(0, ...b.values.map((r) => r.length));
  if (rows === 0 || cols === 0) return [];
  const steps: Step[] = [];
  const bodyStart = b.headerStyle ? 1 : 0;
  if (b.formats && rows > bodyStart) {
    const formats = b.formats;
    steps.push({
      bytes: OP_OVERHEAD * formats.length,
      run: () => formats.forEach((f, j) => {
        if (f) setFormat(sheet().getRangeByIndexes(b.row - 1 + bodyStart, b.col - 1 + j, rows - bodyStart, 1), f);
      }),
    });
  }
  // Header rows hold our own words: they never need the text format.
  steps.push(...valueSteps(sheet, b.row, b.col, b.values, b.formats, budget));
  if (b.style || b.headerStyle) {
    steps.push({
      bytes: OP_OVERHEAD * 4,
      run: () => {
        if (b.style) applyStyle(sheet().getRangeByIndexes(b.row - 1, b.col - 1, rows, cols), b.style);
        if (b.headerStyle) applyStyle(sheet().getRangeByIndexes(b.row - 1, b.col - 1, 1, cols), b.headerStyle);
      },
    });
  }
  return steps;
}

function rangeOf(ws: Excel.Worksheet, r: RangeRef): Excel.Range {
  return ws.getRangeByIndexes(r.row - 1, r.col - 1, r.rows, r.cols);
}

/** The ranked list as an Excel table, conditional fills, frozen panes, page setup. */
function tableAndFormats(ws: Excel.Worksheet, plan: SheetPlan, tableName: string): void {
  if (plan.table.range.rows >= 2) {
    const t = ws.tables.add(rangeOf(ws, plan.table.range), true);
    t.name = tableName;
    t.style = "TableStyleLight1";
  }
  for (const f of plan.conditionalFills) {
    const cf = rangeOf(ws, f.range).conditionalFormats.add("CellValue");
    cf.cellValue.rule = { formula1: `="${f.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
    if (f.fill) cf.cellValue.format.fill.color = f.fill;
    if (f.fontColor) cf.cellValue.format.font.color = f.fontColor;
  }
  if (plan.freezeRows > 0 || plan.freezeCols > 0) {
    ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, Math.max(1, plan.freezeRows), Math.max(1, plan.freezeCols)));
  }
  ws.pageLayout.orientation = plan.page.orientation === "landscape" ? "Landscape" : "Portrait";
  if (plan.page.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}

/** The quadrant chart: an xyscatter with one series per grade, boundary lines and quadrant labels. */
function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const first = spec.series[0];
  if (!first) return;
  const chart = ws.charts.add("XYScatter", rangeOf(ws, first.y), "Columns");
  chart.series.getItemAt(0).delete();
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  const x = chart.axes.getItem("Category");
  const y = chart.axes.getItem("Value");
  for (const axis of [x, y]) {
    axis.minimum = spec.min;
    axis.maximum = spec.max;
    axis.majorGridlines.visible = false;
  }
  x.title.text = spec.xTitle;
  y.title.text = spec.yTitle;
  spec.series.forEach((s, i) => {
    const series = chart.series.add(s.name);
    series.setXAxisValues(rangeOf(ws, s.x));
    series.setValues(rangeOf(ws, s.y));
    if (s.kind === "points") {
      series.markerStyle = "Circle";
      series.markerSize = 6;
      series.markerBackgroundColor = s.color;
      series.markerForegroundColor = s.color;
      series.format.line.lineStyle = "None";
    } else if (s.kind === "line") {
      series.chartType = "XYScatterLinesNoMarkers";
      series.format.line.color = s.color;
      chart.legend.legendEntries.getItemAt(i).visible = false;
    } else {
      series.markerStyle = "None";
      series.format.line.lineStyle = "None";
      series.hasDataLabels = true;
      series.dataLabels.showSeriesName = true;
      series.dataLabels.showValue = false;
      series.dataLabels.position = "Center";
      series.dataLabels.format.font.color = s.color;
      chart.legend.legendEntries.getItemAt(i).visible = false;
    }
  });
  const anchor = cellRef(spec.anchor.row, spec.anchor.col);
  chart.setPosition(anchor);
  chart.width = spec.anchor.width * 0.75;
  chart.height = spec.anchor.height * 0.75;
}

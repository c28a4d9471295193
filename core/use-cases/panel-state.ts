/**
 * Use case: read the panel's view of the data sheet, without grading it: its headers and detected
 * mapping, rows read, the inputs the panel can add, the saved settings and what stops a build —
 * and, for the what-if (SPEC §13), what grading needs, so the panel grades the data already read.
 */
import { panelProblem, type PanelState } from "../bridge";
import { detectColumns, findHeaderRow, type Field } from "../columns";
import { matrixNow, ownColumns } from "../matrix";
import { looksLikeOrderList, mapColumns } from "../portfolio";
import type { SyncWorkbookPort, WorkbookPort, WorkbookState } from "../port";
import { checkSettings, type Settings } from "../settings";
import { dayFromDate, dayToIso, isBlank, parseText, type CellValue, type Day } from "../values";
import { OwnSheetError } from "./grade";
import { run, runSync, type Decision } from "./run";
import type { GradingData, PlainCell } from "./what-if";

export interface PanelView {
  state: PanelState;
  /** 0-based row of the headers (the first row when the sheet has no client table yet). */
  headerIndex: number;
}

/** The panel's view of a data sheet and where its header row is. */
export function panelView(sheetName: string, rows: readonly (readonly CellValue[])[], settings: Settings, own: readonly number[] = []): PanelView {
  let headers: string[] = (rows[0] ?? []).map((h) => (isBlank(h) ? "" : String(h).trim()));
  let mapping: Partial<Record<Field, number>> = {};
  let problem: string | null = null;
  let headerIndex = 0;
  try {
    const cols = mapColumns(rows, settings, own);
    headers = cols.headers;
    mapping = cols.mapping;
    headerIndex = cols.headerIndex;
  } catch (e) {
    problem = panelProblem(e);
    // The line the problem speaks of (a report's header line below its title), so the Columns
    // dropdowns offer its columns.
    const visible = rows.map((r) => r.map((v, i) => (own.includes(i) ? null : v)));
    headerIndex = findHeaderRow(visible, settings.mapping);
    headers = (visible[headerIndex] ?? []).map((h) => (isBlank(h) ? "" : String(h).trim()));
    try {
      mapping = detectColumns(headers).mapping;
    } catch {
      mapping = {};
    }
  }
  const hidden = new Set(own);
  const rowsRead = rows.slice(headerIndex + 1).filter((r) => r.some((v, i) => !hidden.has(i) && !isBlank(v))).length;
  const missingInputs = (["strategic", "pain", "relationship"] as const).filter(
    (f) => mapping[f] === undefined && !(f === "pain" && mapping.aligned !== undefined && mapping.easy !== undefined),
  );
  const names = mapping.client === undefined ? [] : rows.slice(headerIndex + 1).map((r) => parseText(r[mapping.client as number]));
  const revenue = mapping.revenue;
  const amountAt = revenue === undefined ? null : (i: number) => !isBlank(rows[headerIndex + 1 + i]?.[revenue]);
  const repeated = settings.mode === "auto" ? looksLikeOrderList(names, amountAt) : settings.mode === "orders";
  return { state: { sheetName, headers, mapping, settings, mode: repeated ? "orders" : "clients", rowsRead, missingInputs: [...missingInputs], problem }, headerIndex };
}

/** The panel's view of a data sheet, without grading it. */
export function panelState(sheetName: string, rows: readonly (readonly CellValue[])[], settings: Settings, own: readonly number[] = []): PanelState {
  return panelView(sheetName, rows, settings, own).state;
}

/** The panel's view of what a host read: the sheet and its mapping, the saved settings and their errors. */
export function panelViewOf(state: WorkbookState): PanelView {
  const checked = checkSettings(state.settings ?? {});
  const view = panelView(state.sheetName, state.rows, checked.settings, ownColumns(matrixNow(state)));
  if (checked.errors.length) view.state.settingsErrors = checked.errors;
  if (state.isOwnSheet) view.state.problem = new OwnSheetError(state.sheetName).message;
  return view;
}

/**
 * The most cells sent to the panel for its what-if (about 25 MB of JSON through google.script.run,
 * whose size limit is not documented). A bigger sheet is graded by the build only.
 */
export const GRADING_CELL_LIMIT = 3_000_000;

/**
 * The panel's state; given today (in the document's time zone, as a build takes it) it also
 * carries what grading needs when the sheet can be graded — or, past `cellLimit` cells, why not.
 */
export function panelStateOf(state: WorkbookState, today?: Day, cellLimit = GRADING_CELL_LIMIT): PanelState {
  const view = panelViewOf(state).state;
  if (today === undefined || view.problem !== null) return view;
  const data = gradingDataOf(state, today);
  const cells = data.rows.length * (data.rows[0]?.length ?? 0);
  if (cells <= cellLimit) view.grading = data;
  else view.whatIfOff = `The what-if is off for this sheet: it has ${grouped(cells)} cells to grade, more than the panel takes (${grouped(cellLimit)}). Build to see the grades.`;
  return view;
}

/** 3000000 → "3,000,000" (without Intl, which Apps Script may lack). */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** A cell as plain data: a Date (file and memory ports) becomes its ISO day, which core reads as the same day. */
function plainCell(v: CellValue): PlainCell {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : dayToIso(dayFromDate(v));
  return v === undefined ? null : v;
}

/**
 * What grading needs from a read, as small as grading allows: the own (matrix) columns are never
 * read as inputs, so their cells are blanked, and columns blank to the right of the last filled
 * one are dropped (at 100,000 rows the matrix columns would otherwise be most of what is sent).
 */
export function gradingDataOf(state: WorkbookState, today: Day): GradingData {
  const own = ownColumns(matrixNow(state));
  const hidden = new Set(own);
  let width = 0;
  for (const r of state.rows) {
    for (let c = r.length - 1; c >= width; c--) {
      if (!hidden.has(c) && !isBlank(r[c])) {
        width = c + 1;
        break;
      }
    }
  }
  const rows = state.rows.map((r) => {
    const out = new Array<PlainCell>(width);
    for (let c = 0; c < width; c++) out[c] = hidden.has(c) ? null : plainCell(r[c]);
    return out;
  });
  return { rows, ownColumns: own.filter((c) => c < width), today, ...(state.date1904 ? { date1904: true } : {}) };
}

/** Nothing to write: the view of what was read. */
function decidePanelState(state: WorkbookState, today: Day | undefined): Decision<PanelState, unknown> {
  return { result: panelStateOf(state, today), writes: [] };
}

export function readPanelState(port: WorkbookPort, today?: Day): Promise<PanelState> {
  return run(port, decidePanelState, today);
}

export function readPanelStateSync(port: SyncWorkbookPort, today?: Day): PanelState {
  return runSync(port, decidePanelState, today);
}

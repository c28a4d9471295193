/**
 * Use case: read the panel's view of the data sheet, without grading it: its headers and detected
 * mapping, rows read, the inputs the panel can add, the saved settings and what stops a build.
 */
import { panelProblem, type PanelState } from "../bridge";
import { detectColumns, type Field } from "../columns";
import { ownColumns } from "../matrix";
import { looksLikeOrderList, mapColumns } from "../portfolio";
import type { SyncWorkbookPort, WorkbookPort, WorkbookState } from "../port";
import { checkSettings, type Settings } from "../settings";
import { isBlank, type CellValue } from "../values";
import { OwnSheetError } from "./grade";
import { run, runSync, type Decision } from "./run";

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
  const names = mapping.client === undefined ? [] : rows.slice(headerIndex + 1).map((r) => (isBlank(r[mapping.client as number]) ? null : String(r[mapping.client as number])));
  const repeated = settings.mode === "auto" ? looksLikeOrderList(names) : settings.mode === "orders";
  return { state: { sheetName, headers, mapping, settings, mode: repeated ? "orders" : "clients", rowsRead, missingInputs: [...missingInputs], problem }, headerIndex };
}

/** The panel's view of a data sheet, without grading it. */
export function panelState(sheetName: string, rows: readonly (readonly CellValue[])[], settings: Settings, own: readonly number[] = []): PanelState {
  return panelView(sheetName, rows, settings, own).state;
}

/** The panel's view of what a host read: the sheet and its mapping, the saved settings and their errors. */
export function panelViewOf(state: WorkbookState): PanelView {
  const checked = checkSettings(state.settings ?? {});
  const view = panelView(state.sheetName, state.rows, checked.settings, ownColumns(state.matrix));
  if (checked.errors.length) view.state.settingsErrors = checked.errors;
  if (state.isOwnSheet) view.state.problem = new OwnSheetError(state.sheetName).message;
  return view;
}

export function panelStateOf(state: WorkbookState): PanelState {
  return panelViewOf(state).state;
}

/** Nothing to write: the view of what was read. */
function decidePanelState(state: WorkbookState): Decision<PanelState, unknown> {
  return { result: panelStateOf(state), writes: [] };
}

export function readPanelState(port: WorkbookPort): Promise<PanelState> {
  return run(port, decidePanelState, undefined);
}

export function readPanelStateSync(port: SyncWorkbookPort): PanelState {
  return runSync(port, decidePanelState, undefined);
}

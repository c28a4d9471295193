/**
 * The typed bridge between the panel (sidebar / task pane, DOM only) and its host. Sheets
 * implements it over `google.script.run`, Excel over Office.js in the shared runtime, and the tests
 * with fakes. Requests and responses are plain JSON-able data.
 */
import { OwnSheetError, resultMessage } from "./build";
import { detectColumns, FIELD_LABELS, MappingError, type Field } from "./columns";
import { ownColumns } from "./matrix";
import type { WorkbookState } from "./port";
import { looksLikeOrderList, mapColumns, MissingColumnsError, type Portfolio } from "./portfolio";
import { checkSettings, SettingsError, type SettingError, type Settings } from "./settings";
import { isBlank, type CellValue } from "./values";

export interface PanelClient {
  name: string;
  /** 1-based sheet row. */
  row: number;
  grade: "A" | "B" | "C";
  score: number;
  quadrant: string;
  relationship: number;
  benefit: number;
  flags: string[];
  why: string;
}

export interface PanelState {
  sheetName: string;
  /** Header texts of the data sheet, in column order ("" for a blank header). */
  headers: string[];
  /** Detected (or saved) mapping: input → 0-based column. */
  mapping: Partial<Record<Field, number>>;
  settings: Settings;
  /** "clients" or "orders", and how many non-blank rows were read. */
  mode: "clients" | "orders";
  rowsRead: number;
  /** Inputs among strategic / pain / relationship that have no column (the panel offers to add them). */
  missingInputs: ("strategic" | "pain" | "relationship")[];
  /** Why the sheet cannot be graded yet (no client column…), or null. */
  problem: string | null;
  /** Problems with the settings saved in the document (defaults are shown instead). */
  settingsErrors?: SettingError[];
}

export interface BuildSummary {
  /** "793 clients: 24 A, 215 B, 554 C; 2 rows need data" */
  message: string;
  byGrade: { A: number; B: number; C: number };
  needsData: { row: number; name: string; reason: string }[];
  /** The ranked clients for the quadrant preview and explanations (at most 2,000, best first). */
  clients: PanelClient[];
}

export interface HostBridge {
  /** Reads the active sheet: headers, detected mapping, saved settings. */
  getState(): Promise<PanelState>;
  /** Saves settings (weights, thresholds, mapping) in the document. */
  saveSettings(settings: Settings): Promise<void>;
  buildMatrix(settings: Settings): Promise<BuildSummary>;
  buildPortfolio(settings: Settings): Promise<BuildSummary>;
  /** Adds the missing input columns with High/Medium/Low dropdowns at the first empty columns. */
  addInputColumns(fields: ("strategic" | "pain" | "relationship")[]): Promise<{ added: string[] }>;
}

export const PREVIEW_LIMIT = 2000;

/** What a build tells the panel. */
export function buildSummary(p: Portfolio): BuildSummary {
  return {
    message: resultMessage(p),
    byGrade: { ...p.summary.byGrade },
    needsData: p.needsData.map((n) => ({ ...n })),
    clients: p.clients.slice(0, PREVIEW_LIMIT).map((c) => ({
      name: c.name, row: c.row, grade: c.grade, score: c.score, quadrant: c.quadrant,
      relationship: c.relationship, benefit: c.benefit, flags: [...c.flags], why: c.why,
    })),
  };
}

/** The panel's view of a data sheet, without grading it. */
export function panelState(sheetName: string, rows: readonly (readonly CellValue[])[], settings: Settings, ownColumns: readonly number[] = []): PanelState {
  let headers: string[] = (rows[0] ?? []).map((h) => (isBlank(h) ? "" : String(h).trim()));
  let mapping: Partial<Record<Field, number>> = {};
  let problem: string | null = null;
  let headerIndex = 0;
  try {
    const cols = mapColumns(rows, settings, ownColumns);
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
  const own = new Set(ownColumns);
  const rowsRead = rows.slice(headerIndex + 1).filter((r) => r.some((v, i) => !own.has(i) && !isBlank(v))).length;
  const missingInputs = (["strategic", "pain", "relationship"] as const).filter(
    (f) => mapping[f] === undefined && !(f === "pain" && mapping.aligned !== undefined && mapping.easy !== undefined),
  );
  const names = mapping.client === undefined ? [] : rows.slice(headerIndex + 1).map((r) => (isBlank(r[mapping.client as number]) ? null : String(r[mapping.client as number])));
  const repeated = settings.mode === "auto" ? looksLikeOrderList(names) : settings.mode === "orders";
  return { sheetName, headers, mapping, settings, mode: repeated ? "orders" : "clients", rowsRead, missingInputs: [...missingInputs], problem };
}

/** A problem as the panel says it: columns are picked under Columns, not named on a command line. */
export function panelProblem(e: unknown): string {
  if (e instanceof MissingColumnsError) {
    const seen = e.headers.filter((h) => h !== "").join(", ") || "none";
    return `No ${e.missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(" or ")} column found in this sheet (headers seen: ${seen}). Pick the column under Columns, or select the sheet that holds your clients.`;
  }
  if (e instanceof MappingError) {
    const label = FIELD_LABELS[e.field as Field] ?? e.field;
    return `The column "${e.header}" chosen for ${label} is not in this sheet any more; pick another under Columns.`;
  }
  if (e instanceof SettingsError) return `Settings: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** The panel's view of what a host read: the sheet and its mapping, the saved settings and their errors. */
export function panelStateOf(state: WorkbookState): PanelState {
  const checked = checkSettings(state.settings ?? {});
  const view = panelState(state.sheetName, state.rows, checked.settings, ownColumns(state.matrix));
  if (checked.errors.length) view.settingsErrors = checked.errors;
  if (state.isOwnSheet) view.problem = new OwnSheetError(state.sheetName).message;
  return view;
}

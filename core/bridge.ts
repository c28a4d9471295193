/**
 * The typed bridge between the panel (sidebar / task pane, DOM only) and its host. Sheets
 * implements it over `google.script.run`, Excel over Office.js in the shared runtime, and the tests
 * with fakes. Requests and responses are plain JSON-able data. Each request is a use case of
 * core/use-cases/; this module says how their results and errors are put to the panel.
 */
import { FIELD_LABELS, MappingError, type Field } from "./columns";
import { MissingColumnsError, type Portfolio } from "./portfolio";
import { SettingsError, type SettingError, type Settings } from "./settings";
import { resultMessage } from "./use-cases/grade";
import { gradingFingerprint, type GradingData } from "./use-cases/what-if";

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
  /**
   * What grading needs, for the what-if (SPEC §13): the cells read, the own columns and today.
   * Absent when the sheet cannot be graded (`problem`).
   */
  grading?: GradingData;
  /** Why there is no what-if for this sheet (too big to send to the panel), when that is so. */
  whatIfOff?: string;
}

export interface BuildSummary {
  /** "793 clients: 24 A, 215 B, 554 C; 2 rows need data" */
  message: string;
  byGrade: { A: number; B: number; C: number };
  needsData: { row: number; name: string; reason: string }[];
  /** The ranked clients for the quadrant preview and explanations (at most 2,000, best first). */
  clients: PanelClient[];
  /** What the build graded (core/use-cases/what-if.ts): equal to the what-if's when it wrote exactly that. */
  fingerprint: string;
}

export interface HostBridge {
  /** Reads the active sheet: headers, detected mapping, saved settings, and what grading needs. */
  getState(): Promise<PanelState>;
  /** Saves settings (weights, thresholds, mapping) in the document. */
  saveSettings(settings: Settings): Promise<void>;
  buildMatrix(settings: Settings): Promise<BuildSummary>;
  buildPortfolio(settings: Settings): Promise<BuildSummary>;
  /** Adds the missing input columns with High/Medium/Low dropdowns at the first empty columns. */
  addInputColumns(fields: ("strategic" | "pain" | "relationship")[]): Promise<{ added: string[] }>;
}

export const PREVIEW_LIMIT = 2000;

/** What a build tells the panel (the message: the build's own, "Matrix: …" for the matrix). */
export function buildSummary(p: Portfolio, message = resultMessage(p)): BuildSummary {
  return {
    message,
    byGrade: { ...p.summary.byGrade },
    needsData: p.needsData.map((n) => ({ ...n })),
    clients: p.clients.slice(0, PREVIEW_LIMIT).map((c) => ({
      name: c.name, row: c.row, grade: c.grade, score: c.score, quadrant: c.quadrant,
      relationship: c.relationship, benefit: c.benefit, flags: [...c.flags], why: c.why,
    })),
    fingerprint: gradingFingerprint(p),
  };
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

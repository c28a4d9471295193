/**
 * How an .xlsx workbook remembers what the add-in owns and the settings chosen: one convention for
 * every host that writes one (the `kam-portfolio` command, cli/xlsx/, and the Excel add-in,
 * excel-addin/port.ts), so a workbook built by one is rebuilt in place by the other.
 *
 * Defined names (valid Excel names that Office.js, ExcelJS and our XML writer all accept):
 * - `KAM_Portfolio` (workbook scope) → A1 of the owned portfolio sheet;
 * - `KAM_History` (workbook scope) → the history sheet's header and every snapshot row,
 *   `A1:E{last row}`: the next build appends below it;
 * - `KAM_HistoryLast` (workbook scope) → the rows of the last snapshot, so a host can read only
 *   those;
 * - `KAM_Matrix` (scoped to the data sheet) → the matrix columns' header cells.
 * A name follows its sheet when the sheet is renamed, and a user's own sheet that happens to be
 * called "KAM Portfolio" carries none, so it is never touched.
 *
 * Settings: the JSON of the settings that differ from the defaults, in the custom document
 * property `KAMPortfolio.settings`, split into `KAMPortfolio.settings.2`, `.3`, … past 255
 * characters (the most Office keeps in one property outside Excel on the web). A document property
 * is in the file, so a file tool sees it (docProps/custom.xml) as well as Office.js
 * (`workbook.properties.custom`).
 */
import type { RangeRef } from "./plan";
import { HISTORY_HEADERS } from "./plan";
import { DEFAULT_SETTINGS, type Settings } from "./settings";

export const MARKER_NAMES = {
  portfolio: "KAM_Portfolio",
  history: "KAM_History",
  historyLast: "KAM_HistoryLast",
  matrix: "KAM_Matrix",
} as const;

export const SETTINGS_PROPERTY = "KAMPortfolio.settings";
/** The most characters (UTF-16 code units) Office keeps in one custom property's value. */
export const PROPERTY_MAX_CHARS = 255;

// ---- history ---------------------------------------------------------------------------------

export interface HistoryMarks {
  /** `KAM_History`: the header row and every snapshot row. */
  history: RangeRef;
  /** `KAM_HistoryLast`: this build's rows, or null when it added none (the old name stays). */
  last: RangeRef | null;
}

/**
 * Where the history names point after a build appended `added` rows below `lastRow` (the
 * history's last row before it, 1 for a history holding only its header).
 */
export function historyMarks(lastRow: number, added: number): HistoryMarks {
  const cols = HISTORY_HEADERS.length;
  const end = Math.max(1, lastRow) + Math.max(0, added);
  return {
    history: { row: 1, col: 1, rows: end, cols },
    last: added > 0 ? { row: end - added + 1, col: 1, rows: added, cols } : null,
  };
}

// ---- settings --------------------------------------------------------------------------------

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The settings that differ from the defaults (what a person chose), by key. */
export function settingsDelta(s: Settings): Record<string, unknown> {
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (!sameValue(v, defaults[k])) out[k] = v;
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/**
 * Text cut into pieces of at most `max` UTF-16 code units. A cut never splits a surrogate pair
 * and, where it can, falls between two characters that are not white space (a tool that trims a
 * property's value then loses nothing).
 */
export function splitText(text: string, max = PROPERTY_MAX_CHARS): string[] {
  if (max < 2) throw new RangeError("splitText: max must be at least 2");
  const out: string[] = [];
  let i = 0;
  while (text.length - i > max) {
    const ok = (cut: number) => !isHighSurrogate(text.charCodeAt(cut - 1)) && !isSpace(text[cut - 1]) && !isSpace(text[cut]);
    // Look back at most half a piece for a good cut; otherwise cut hard (only a surrogate pair
    // is never split).
    const floor = i + Math.ceil(max / 2);
    let cut = i + max;
    while (cut > floor && !ok(cut)) cut--;
    if (!ok(cut)) cut = isHighSurrogate(text.charCodeAt(i + max - 1)) ? i + max - 1 : i + max;
    out.push(text.slice(i, cut));
    i = cut;
  }
  out.push(text.slice(i));
  return out;
}

/** The name of the n-th piece (1-based) of a text kept in custom properties named `base`, `base.2`, … */
export function propertyPieceName(base: string, n: number): string {
  return n === 1 ? base : `${base}.${n}`;
}

/** Is this custom property one of the pieces of `base` (names compare case-insensitively, as in Office)? */
export function isPropertyPiece(base: string, name: string): boolean {
  const lower = name.toLowerCase();
  const b = base.toLowerCase();
  return lower === b || (lower.startsWith(`${b}.`) && /^[1-9]\d*$/.test(lower.slice(b.length + 1)));
}

/** The text kept in the pieces of `base` (any case), stopping at the first missing piece; null when there is none. */
export function joinPropertyPieces(base: string, props: Iterable<readonly [string, unknown]>): string | null {
  const byName = new Map<string, string>();
  for (const [name, value] of props) byName.set(name.toLowerCase(), value === null || value === undefined ? "" : String(value));
  const first = byName.get(base.toLowerCase());
  if (first === undefined) return null;
  let text = first;
  for (let n = 2; byName.has(propertyPieceName(base, n).toLowerCase()); n++) text += byName.get(propertyPieceName(base, n).toLowerCase());
  return text;
}

/** The name of the n-th piece (1-based) of the settings property. */
export function settingsPropertyName(n: number): string {
  return propertyPieceName(SETTINGS_PROPERTY, n);
}

/** Is this custom property one of the settings' pieces (names compare case-insensitively, as in Office)? */
export function isSettingsProperty(name: string): boolean {
  return isPropertyPiece(SETTINGS_PROPERTY, name);
}

/** The custom properties that hold these settings, in order: name and text value. */
export function settingsProperties(s: Settings): { name: string; value: string }[] {
  return splitText(JSON.stringify(settingsDelta(s))).map((value, i) => ({ name: settingsPropertyName(i + 1), value }));
}

/**
 * The settings saved in a document's custom properties (name → value, any case), unvalidated:
 * the parsed JSON; the text itself when it is not JSON (so the validator names the problem);
 * null when there is none.
 */
export function settingsFromProperties(props: Iterable<readonly [string, unknown]>): unknown {
  const json = joinPropertyPieces(SETTINGS_PROPERTY, props);
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

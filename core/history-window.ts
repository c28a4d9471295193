/**
 * Which rows of the history sheet a host reads and writes (SPEC §7, §7a). The history sheet holds
 * the header row, then each build's snapshot rows, oldest build first. An index of the builds (date
 * and row count, oldest first), kept beside the sheet by each host (Sheets: the history marker's
 * value; Excel: a custom document property), lets a build read only the last HISTORY_BUILDS_READ
 * builds' rows and drop the builds past HISTORY_BUILDS_KEPT when it appends, without reading the
 * whole sheet. Pure: no host API here.
 */
import { isPropertyPiece, joinPropertyPieces, propertyPieceName, PROPERTY_MAX_CHARS, splitText } from "./markers";
import { HISTORY_BUILDS_KEPT, HISTORY_BUILDS_READ } from "./plan";

export interface HistoryBuild {
  /** The build's date-time, as written in its rows' Date column. */
  date: string;
  rows: number;
}

/** Builds oldest first; build i's rows start on sheet row 2 + the rows of the builds before it. */
export type HistoryIndex = readonly HistoryBuild[];

/** A 1-based block of sheet rows. */
export interface RowSpan {
  firstRow: number;
  rows: number;
}

/** The index as text: {"builds":[["2026-11-22T10:00:00Z",60],…]}. */
export function historyIndexText(index: HistoryIndex): string {
  return JSON.stringify({ builds: index.map((b) => [b.date, b.rows]) });
}

/** The index read back, or null when the text is not one (an older add-in's marker, a damaged value). */
export function parseHistoryIndex(text: string | null | undefined): HistoryBuild[] | null {
  try {
    const v: unknown = JSON.parse(text ?? "");
    const builds = v && typeof v === "object" ? (v as { builds?: unknown }).builds : undefined;
    if (!Array.isArray(builds)) return null;
    const out: HistoryBuild[] = [];
    for (const b of builds) {
      if (!Array.isArray(b) || typeof b[0] !== "string" || !Number.isInteger(b[1]) || (b[1] as number) < 1) return null;
      out.push({ date: b[0], rows: b[1] as number });
    }
    return out;
  } catch {
    return null;
  }
}

/** The last row of the history sheet the index accounts for (1: the header alone). */
export function historyLastRow(index: HistoryIndex): number {
  let rows = 1;
  for (const b of index) rows += b.rows;
  return rows;
}

/** The rows of the last `builds` builds (null when the history has none). */
export function recentRows(index: HistoryIndex, builds = HISTORY_BUILDS_READ): RowSpan | null {
  if (index.length === 0 || builds < 1) return null;
  let rows = 0;
  for (let i = Math.max(0, index.length - builds); i < index.length; i++) rows += (index[i] as HistoryBuild).rows;
  return { firstRow: historyLastRow(index) - rows + 1, rows };
}

export interface HistoryAppend {
  /** Rows to delete from row 2 first: the oldest builds past the cap. */
  dropRows: number;
  /** Where this build's rows go once they are deleted. */
  firstRow: number;
  /** The index after this build. */
  index: HistoryBuild[];
}

/** Appending a build of `rows` rows: the oldest builds beyond `keep` go first. */
export function appendBuild(index: HistoryIndex, date: string, rows: number, keep = HISTORY_BUILDS_KEPT): HistoryAppend {
  const all = rows > 0 ? [...index, { date, rows }] : [...index];
  const dropped = Math.max(0, all.length - keep);
  let dropRows = 0;
  for (let i = 0; i < dropped; i++) dropRows += (all[i] as HistoryBuild).rows;
  const kept = all.slice(dropped);
  return { dropRows, firstRow: historyLastRow(index) - dropRows + 1, index: kept };
}

/** A history row's date cell as the index keeps it. */
const dateOf = (d: unknown): string => (typeof d === "string" ? d.trim() : d instanceof Date ? d.toISOString() : String(d ?? ""));

/**
 * The index of a history read whole (a sheet written before the index existed): consecutive rows
 * sharing a date are one build.
 */
export function indexFromDates(dates: readonly unknown[]): HistoryBuild[] {
  const out: HistoryBuild[] = [];
  for (const d of dates) {
    const date = dateOf(d);
    const last = out[out.length - 1];
    if (last && last.date === date) last.rows++;
    else out.push({ date, rows: 1 });
  }
  return out;
}

/**
 * The order to put a history's rows in when its dates do not stand in runs (the owner sorted the
 * sheet, say by client): row indexes (0-based) by date, stably (ISO date-times order as text);
 * null when each date's rows already stand together.
 */
export function buildOrder(dates: readonly unknown[]): number[] | null {
  const keys = dates.map(dateOf);
  const seen = new Set<string>();
  let grouped = true;
  for (let i = 0; i < keys.length && grouped; i++) {
    const k = keys[i] as string;
    if (i > 0 && k === keys[i - 1]) continue;
    grouped = !seen.has(k);
    seen.add(k);
  }
  if (grouped) return null;
  return keys.map((_, i) => i).sort((a, b) => {
    const [x, y] = [keys[a] as string, keys[b] as string];
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

/**
 * Whether the rows read where `recentRows(index)` says (their date cells, in order) hold the dates
 * the index puts there: false when the owner has deleted or sorted rows of the history sheet since
 * the index was kept. The span ends where the index does: its last rows are the last build's, and
 * so on back.
 */
export function rowsFit(index: HistoryIndex, dates: readonly unknown[]): boolean {
  if (dates.length !== (recentRows(index)?.rows ?? 0)) return false;
  let k = dates.length;
  for (let b = index.length - 1; b >= 0 && k > 0; b--) {
    const { date, rows } = index[b] as HistoryBuild;
    for (let r = 0; r < rows && k > 0; r++) if (dateOf(dates[--k]) !== date) return false;
  }
  return true;
}

/** The index as custom document properties of at most 255 characters each (name, text). */
export function historyIndexPieces(index: HistoryIndex, max = PROPERTY_MAX_CHARS): string[] {
  return splitText(historyIndexText(index), max);
}

// ---- the index as custom document properties (Excel: KAMPortfolio.history, .2, .3 …)

export const HISTORY_INDEX_PROPERTY = "KAMPortfolio.history";

/** Is this custom property one of the index's pieces (names compare case-insensitively, as in Office)? */
export function isHistoryIndexProperty(name: string): boolean {
  return isPropertyPiece(HISTORY_INDEX_PROPERTY, name);
}

/** The custom properties that hold an index, in order: name and text (at most 255 characters each). */
export function historyIndexProperties(index: HistoryIndex): { name: string; value: string }[] {
  return historyIndexPieces(index).map((value, i) => ({ name: propertyPieceName(HISTORY_INDEX_PROPERTY, i + 1), value }));
}

/** The index kept in a document's custom properties, or null when there is none or it is damaged. */
export function historyIndexFromProperties(props: Iterable<readonly [string, unknown]>): HistoryBuild[] | null {
  return parseHistoryIndex(joinPropertyPieces(HISTORY_INDEX_PROPERTY, props));
}

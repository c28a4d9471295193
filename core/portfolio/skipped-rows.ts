/**
 * Rows that are in the sheet but are not a client's revenue, reported under `skipped` with the
 * reason, never graded:
 *
 * - total rows (SPEC §2a): the client cell is a total label — total, totals, grand total,
 *   subtotal, sum, overall, any case, an optional trailing colon, or a label ending in the word
 *   "total" ("Customer total"); and (the SPEC is silent: docs/files.md) a label "Total for …",
 *   a group's total in an accounting report (QuickBooks' "Total for Amy's Bird Sanctuary");
 * - the header line again (a report exported page by page): its client and revenue cells say
 *   the headers of their columns;
 * - rows that did not happen as revenue (the SPEC is silent; docs/files.md has the rule): a
 *   status or stage column (a header with the word "status" or "stage" that no input took; a
 *   stage column holding no relationship value is not the relationship) saying the payment failed, was refunded in full, voided, cancelled or
 *   expired, or the invoice is a draft; and in a deal pipeline (a stage or status column where
 *   some deal is won) every deal that is not won: lost, or still open.
 */
import { headerWords, type Mapping } from "../columns";
import { rowAt, show, type CellValue, type RowList } from "../values";
import { dataRow, type DataRows } from "./data-rows";

const TOTAL_LABEL = /^(?:totals?|grand\s+totals?|sub-?\s?totals?|sum|overall)\s*:?$|\btotals?\s*:?$/i;
/** A group's total in an accounting report: "Total for" and a name. */
const TOTAL_FOR = /^totals?\s+for\s+\S/i;

const TRAILING_SPACE = /\s$/;

/** The reason a total row is skipped with (SPEC §10). */
export const TOTAL_ROW = "total row";

/** Is a client cell (trimmed) a total label? */
export function isTotalLabel(name: string): boolean {
  if ((name.charCodeAt(0) | 0x20) === 0x74 && TOTAL_FOR.test(name)) return true;
  // Every other total label ends in l, s, m (total, totals, sum, overall), a colon or a space: most
  // names are told apart by their last character, without the search for "total" through the whole name.
  const last = name.charCodeAt(name.length - 1) | 0x20;
  if (last !== 0x6c && last !== 0x73 && last !== 0x6d && last !== 0x3a && !TRAILING_SPACE.test(name)) return false;
  return TOTAL_LABEL.test(name);
}

/** Status words that mean the row brought no revenue, and what to call such a row. Words are data: a Map. */
const NOT_REVENUE = new Map<string, string>([
  ["closed lost", "lost deal"],
  ["failed", "failed payment"],
  ["payment failed", "failed payment"],
  ["declined", "failed payment"],
  ["refunded", "refunded"],
  ["fully refunded", "refunded"],
  ["voided", "voided"],
  ["void", "voided"],
  ["cancelled", "cancelled"],
  ["canceled", "cancelled"],
  ["expired", "expired"],
  ["draft", "draft invoice"],
]);
/** A deal that happened; a column holding one is a deal pipeline. */
const WON = new Set(["won", "closed won"]);

/** A status cell as a word: lower case, `partially_refunded` → "partially refunded". */
function statusWord(v: CellValue): string {
  return typeof v === "string" ? v.trim().toLowerCase().replace(/[\s_-]+/g, " ") : "";
}

/** A header (as its words, core/columns `headerWords`) naming a status or stage column. */
export const namesStatus = (words: readonly string[]): boolean => words.includes("status") || words.includes("stage");

/** The 0-based columns that hold a status or stage (no input maps to them). */
export function statusColumns(headers: readonly string[], mapping: Mapping): number[] {
  const taken = new Set<number>();
  for (const column of Object.values(mapping)) if (column !== undefined) taken.add(column);
  const out: number[] = [];
  for (let c = 0; c < headers.length; c++) {
    if (taken.has(c)) continue;
    if (namesStatus(headerWords(headers[c] ?? ""))) out.push(c);
  }
  return out;
}

/** The reason a repeated header row is skipped with: a report exported page by page repeats its header line. */
export const HEADER_ROW = "header row repeated";

/** Rows that name no client: a total label, the header line again. */
export const namesNoClient = (reason: string | undefined): boolean => reason === TOTAL_ROW || reason === HEADER_ROW;

/**
 * Whether a cell says `header` (lower case, trimmed): trimmed, in any case. Most cells cannot (a
 * number, a name of another length): they are told so without a lower-case copy of them.
 */
function says(v: CellValue, header: string): boolean {
  if (typeof v !== "string" || v.length < header.length) return false;
  const t = v.length === header.length ? v : v.trim();
  return t.length === header.length && t.toLowerCase() === header;
}

/** Why each row (0-based data index) is not revenue, for the rows that are not; blank rows are left to the caller. */
export function notRevenueRows(data: DataRows, headers: readonly string[], mapping: Mapping): Map<number, string> {
  const reasons = new Map<number, string>();
  const [client, revenue] = [mapping.client, mapping.revenue];
  const [clientHeader, revenueHeader] = [(headers[client ?? -1] ?? "").toLowerCase(), (headers[revenue ?? -1] ?? "").toLowerCase()];
  if (client !== undefined && revenue !== undefined && clientHeader !== "" && revenueHeader !== "") {
    for (let i = 0; i < data.count; i++) {
      const row = dataRow(data, i);
      if (row !== undefined && says(row[revenue], revenueHeader) && says(row[client], clientHeader)) reasons.set(i, HEADER_ROW);
    }
  }
  for (const column of statusColumns(headers, mapping)) {
    let pipeline = false;
    for (let i = 0; i < data.count && !pipeline; i++) pipeline = WON.has(statusWord(dataRow(data, i)?.[column]));
    const header = headers[column] ?? "";
    for (let i = 0; i < data.count; i++) {
      if (reasons.has(i)) continue;
      const v = dataRow(data, i)?.[column];
      const word = statusWord(v);
      if (word === "") continue;
      const what = NOT_REVENUE.get(word) ?? (pipeline && !WON.has(word) ? (word === "lost" ? "lost deal" : "open deal") : undefined);
      if (what !== undefined) reasons.set(i, `${what} (${header} ${show(v)})`);
    }
  }
  return reasons;
}

/**
 * Each skipped row (0-based data index) and its reason: total rows, then repeated headers and rows
 * that are not revenue, then the headings and closing rows of a grouped report (report-groups).
 */
export function skippedRows(names: RowList<string | null>, notRevenue: ReadonlyMap<number, string>, groupRows: ReadonlyMap<number, string> = new Map()): Map<number, string> {
  const skips = totalRows(names, new Map<number, string>());
  for (const more of [notRevenue, groupRows]) for (const [i, reason] of more) if (!skips.has(i)) skips.set(i, reason);
  return skips;
}

/**
 * Adds the total rows to `skips`. A pass over the rows in a function of its own that returns as
 * its loop ends (see portfolio/health.ts).
 */
function totalRows(names: RowList<string | null>, skips: Map<number, string>): Map<number, string> {
  for (let i = 0; i < names.length; i++) {
    const name = rowAt(names, i);
    if (name !== null && name !== undefined && isTotalLabel(name)) skips.set(i, TOTAL_ROW);
  }
  return skips;
}

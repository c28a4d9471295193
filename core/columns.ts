/**
 * Header detection and mapping (SPEC §2): which column holds which input.
 *
 * Every (input, header) pair gets a score from the synonyms it matches; pairs are then taken
 * best-first so one column is never mapped to two inputs. A header naming the client beats a bare
 * "name", a header naming the thing beats one naming an id, and a person ("Account Manager",
 * "Sales Rep") is never taken for the client or the revenue.
 */
import { columnNumber } from "./a1";
import { isBlank, type CellValue } from "./values";

export const FIELDS = [
  "client", "revenue", "profit", "margin", "wallet", "strategic", "pain", "aligned", "easy",
  "relationship", "benefit", "industry", "date", "override", "overrideReason", "overrideUntil", "review",
  "costToServe",
] as const;
export type Field = (typeof FIELDS)[number];

/** A table keyed by words, without Object's prototype: a lookup of `constructor` or `__proto__` finds nothing (SPEC §2a). */
function wordTable<K extends string, V>(entries: Record<K, V>): Readonly<Record<K, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<K, V>, entries));
}

/** What each input is called in the panel and in messages. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = wordTable({
  client: "Client",
  revenue: "Revenue",
  profit: "Profit (amount)",
  margin: "Margin (%)",
  wallet: "Share of wallet",
  strategic: "Strategic value",
  pain: "Pain",
  aligned: "Aligned (yes/no)",
  easy: "Easy to serve (yes/no)",
  relationship: "Relationship strength",
  benefit: "Mutual benefit",
  industry: "Industry",
  date: "Order date",
  override: "Manual grade",
  overrideReason: "Override reason",
  overrideUntil: "Override until",
  review: "Last review",
  costToServe: "Cost to serve",
});

interface Synonym {
  words: string[];
  weight: number;
}
const syn = (text: string, weight = 10): Synonym => ({ words: text.split(" "), weight });

/** SPEC §2 and §2a. A multi-word synonym outranks a single word (+5 a word): "Invoice Total" over "Total". */
const SYNONYMS: Readonly<Record<Field, Synonym[]>> = wordTable({
  client: [
    syn("client"), syn("customer"), syn("account"), syn("company"), syn("organization"), syn("organisation"), syn("name", 4),
    syn("billing company"), syn("bill to"), syn("sold to"), syn("associated company"),
    // a contact's name is the client only when nothing names the customer or company
    syn("contact name", 3),
  ],
  revenue: [
    syn("revenue"), syn("sales"), syn("spend"), syn("billing"), syn("amount"), syn("turnover"), syn("total"),
    syn("invoice total"), syn("order total"), syn("net sales"), syn("amount paid"),
    // A CRM's company export (HubSpot) has the client's Total Revenue (its won deals) beside its
    // Annual Revenue (the client's own size, which ties with it on "revenue" and stands left of it).
    syn("total revenue"),
    // A line item's own amount over any total (16 > 15): an invoice export with a row per line
    // (Xero's) repeats the invoice's Total and InvoiceAmountPaid on every line of it.
    syn("line amount", 11), syn("line total", 11),
  ],
  profit: [syn("profit"), syn("gross profit"), syn("net profit"), syn("contribution")],
  margin: [syn("margin"), syn("gross margin"), syn("gm"), syn("profit %"), syn("margin %"), syn("profit pct")],
  wallet: [syn("wallet"), syn("share of wallet"), syn("sow")],
  strategic: [syn("strategic"), syn("brand"), syn("influence")],
  pain: [syn("pain"), syn("difficulty"), syn("effort")],
  aligned: [syn("aligned"), syn("alignment")],
  easy: [syn("easy"), syn("ease")],
  relationship: [syn("relationship"), syn("strength"), syn("stage")],
  benefit: [syn("benefit"), syn("mutual benefit")],
  industry: [syn("industry"), syn("segment"), syn("sector"), syn("vertical")],
  // order date and invoice date (15) win over created at, paid at, close date (13); created stands with date (10)
  date: [syn("date"), syn("order date"), syn("invoice date"), syn("created"), syn("created at", 8), syn("paid at", 8), syn("close date", 8)],
  override: [syn("override"), syn("manual grade")],
  overrideReason: [syn("override reason"), syn("reason")],
  overrideUntil: [syn("override until"), syn("override expires"), syn("override expiry")],
  review: [syn("last review"), syn("reviewed"), syn("review date")],
  // SPEC §12: an amount per client (summed in an order list); "cost" alone is not enough.
  costToServe: [syn("cost to serve"), syn("service cost"), syn("servicing cost"), syn("support cost")],
});

/** Words that make a header name something else than the input (an id, a person, a place);
 * a header with "KAM" in it is one of our own matrix columns. */
const ID_WORDS = new Set(["id", "no", "nr", "number", "num", "code", "ref", "#", "key"]);
const PERSON_WORDS = new Set(["manager", "rep", "representative", "owner", "contact", "email", "mail", "phone", "address", "city", "country", "person", "salesperson", "type", "since", "status"]);
/** Words that make a money header name something else than revenue (SPEC §2a), or a header no amount at all. */
const NEVER_REVENUE = new Set([
  "refund", "refunds", "refunded", "discount", "discounts", "tax", "taxes", "shipping", "cost", "costs", "fee", "fees",
  "credit", "credits", "subtotal", "subtotals",
  "name", "company", "street", "zip", "province", "state", "method", "code", "currency", "quantity", "qty", "count", "date",
]);
/** The words that name the client itself (a "Customer Name" is a client, a "Product Name" is not). */
const CLIENT_WORDS = ["client", "customer", "account", "company", "organization", "organisation"];

/** A header as words: camel case and underscores split (`ContactName`, `invoice_total`), lower case. */
export function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-z])([A-Z]{2,})(?![a-z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, "$1 $2")
    .toLowerCase()
    .replace(/([a-z])([0-9])/g, "$1 $2")
    .split(/[^a-z0-9%#]+|(?=[%#])|(?<=[%#])/)
    .filter((t) => t !== "");
}

function tokenMatches(token: string, word: string): boolean {
  if (token === word) return true;
  // plurals and light inflections: customers, revenues, sales → sale? (no), margins
  return word.length >= 4 && token.startsWith(word) && token.length - word.length <= 2;
}

/** Where `words` stand in `ts` (their first index), or -1. */
function sequenceAt(ts: readonly string[], words: readonly string[]): number {
  for (let i = 0; i + words.length <= ts.length; i++) {
    if (words.every((w, j) => tokenMatches(ts[i + j] ?? "", w))) return i;
  }
  return -1;
}

/** How well `header` names `field`; 0 when it does not. */
export function headerScore(field: Field, header: string): number {
  return wordsScore(field, headerWords(header));
}

/** headerScore from the header's words (headerWords), worked out once for every field. */
export function wordsScore(field: Field, ts: readonly string[]): number {
  if (ts.length === 0 || ts.includes("kam")) return 0;
  let best = 0;
  let bestWords: string[] = [];
  for (const s of SYNONYMS[field]) {
    const at = sequenceAt(ts, s.words);
    if (at < 0) continue;
    // A person beside the synonym ("Account Manager", "Sales Rep") is not the input; "Contact Name" is.
    if (ts.some((t, i) => (i < at || i >= at + s.words.length) && PERSON_WORDS.has(t))) continue;
    const score = s.weight + (s.words.length - 1) * 5;
    if (score > best) [best, bestWords] = [score, s.words];
  }
  if (best === 0) return 0;
  if (field === "revenue" && ts.some((t) => NEVER_REVENUE.has(t))) return 0;
  if (field === "profit" && (ts.includes("%") || ts.some((t) => tokenMatches(t, "margin")) || ts.includes("pct") || ts.includes("percent"))) return 0;
  if (field === "client") {
    const namesClient = ts.some((t) => CLIENT_WORDS.some((w) => tokenMatches(t, w)));
    if (namesClient && bestWords.length === 1 && ts.includes("name")) best += 3;
    if (bestWords.join(" ") === "name" && ts.length > 1) best = 2; // "Product Name": a name, but of something else
  }
  if (ts.some((t) => ID_WORDS.has(t))) best -= 7;
  // Extra words dilute a match a little: "Revenue" beats "Revenue growth" (the 0.01 per word only
  // breaks ties; every other difference is a multiple of 0.5).
  best -= Math.max(0, ts.length - 3) * 0.5 + (ts.length - 1) * 0.01;
  return Math.max(best, 0);
}

export type Mapping = Partial<Record<Field, number>>;

export interface Detection {
  /** Field → 0-based column index. */
  mapping: Mapping;
  /** Headers no input claimed. */
  unmapped: number[];
}

/** How many cells of a column (0-based) are filled below the header. */
export type FilledCells = (column: number) => number;

/**
 * Counts the filled cells of a column in `rows` from row `from` (0-based): only when first asked,
 * then every column's in one pass over the rows (a row's cells sit together; a column's do not).
 */
export function filledCells(rows: readonly (readonly CellValue[])[], from: number): FilledCells {
  let counts: number[] | null = null;
  return (column) => {
    if (counts === null) {
      const made: number[] = [];
      for (let r = from; r < rows.length; r++) {
        const row = rows[r];
        if (row === undefined) continue;
        for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) made[c] = (made[c] ?? 0) + 1;
      }
      counts = made;
    }
    return counts[column] ?? 0;
  };
}

/**
 * Maps headers to inputs; `overrides` (field → header text) are applied first. Between headers of
 * equal standing for one input, the column with more filled cells (`filled`) wins, then the
 * leftmost (SPEC §2a).
 */
export function detectColumns(headers: readonly CellValue[], overrides: Partial<Record<Field, string>> = {}, filled: FilledCells = () => 0): Detection {
  const texts = headers.map((h) => (isBlank(h) ? "" : String(h).trim()));
  const mapping: Mapping = {};
  const taken = new Set<number>();
  for (const field of FIELDS) {
    const wanted = overrides[field];
    if (wanted === undefined) continue;
    const index = findHeader(texts, wanted);
    if (index < 0) throw new MappingError(field, wanted, texts);
    mapping[field] = index;
    taken.add(index);
  }
  const candidates: { field: Field; column: number; score: number }[] = [];
  texts.forEach((text, column) => {
    if (text === "" || taken.has(column)) return;
    const words = headerWords(text);
    for (const field of FIELDS) {
      if (mapping[field] !== undefined) continue;
      const score = wordsScore(field, words);
      if (score > 0) candidates.push({ field, column, score });
    }
  });
  // Filled cells decide only between two columns standing equal for one input: counting them reads
  // every cell, so they are counted only when such a tie exists. Otherwise no two candidates whose
  // order they would change compete (another input, or the same column), and the mapping is the same.
  // (A column is a candidate for a field once, so two candidates with one field and score are two columns.)
  const standings = new Set<string>();
  let tie = false;
  for (const c of candidates) {
    const standing = `${c.field} ${c.score}`;
    if (standings.has(standing)) {
      tie = true;
      break;
    }
    standings.add(standing);
  }
  const fill: FilledCells = tie ? filled : () => 0;
  candidates.sort((a, b) => b.score - a.score || fill(b.column) - fill(a.column) || a.column - b.column || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || taken.has(c.column)) continue;
    mapping[c.field] = c.column;
    taken.add(c.column);
  }
  const unmapped = texts.map((_, i) => i).filter((i) => texts[i] !== "" && !taken.has(i));
  return { mapping, unmapped };
}

/**
 * The column (0-based) a chosen header names, or −1: a header of that text (any case) first, else
 * a column letter (C, AA) when no header is that text.
 */
export function findHeader(texts: readonly string[], wanted: string): number {
  const w = wanted.trim().toLowerCase();
  const exact = texts.findIndex((t) => t.toLowerCase() === w);
  if (exact >= 0) return exact;
  // A column letter (C, AA) also names a column.
  if (/^[a-z]{1,3}$/i.test(w) && texts.every((t) => t.toLowerCase() !== w)) {
    const index = columnNumber(w) - 1;
    if (index < texts.length) return index;
  }
  return -1;
}


export class MappingError extends Error {
  constructor(readonly field: string, readonly header: string, readonly seen: readonly string[]) {
    super(`the column "${header}" chosen for ${field} is not in the sheet (headers seen: ${seen.filter((s) => s !== "").join(", ") || "none"})`);
    this.name = "MappingError";
  }
}

/**
 * The row (0-based) holding the headers: the first of the first ten non-blank rows that names a
 * client and a revenue; failing that, the first of them holding every header `overrides` names
 * (`--map revenue="Total"` under a report's title lines), else the first of them that names the
 * most inputs — a report's header line below its title ("Sales by Customer Detail" names a
 * client; ", Date, Transaction Type, …, Amount" names more though its client column has no
 * header), so that what is missing is said of the right line.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[], overrides: Partial<Record<Field, string>> = {}): number {
  let first = -1;
  let most = 0;
  let named = -1;
  let seen = 0;
  const overriding = Object.values(overrides).some((h) => h !== undefined);
  for (let r = 0; r < rows.length && seen < 10; r++) {
    const row = rows[r] ?? [];
    if (row.every(isBlank)) continue;
    if (first < 0) first = r;
    seen++;
    try {
      const { mapping } = detectColumns(row, overrides);
      if (mapping.client !== undefined && mapping.revenue !== undefined) return r;
      if (overriding && named < 0) named = r;
      const inputs = Object.keys(mapping).length;
      if (inputs > most) {
        most = inputs;
        first = r;
      }
    } catch {
      // an override that this row lacks: not the header row
    }
  }
  return Math.max(named >= 0 ? named : first, 0);
}

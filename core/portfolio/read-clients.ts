/**
 * The sheet's rows → clients (SPEC §2, §2a): a skipped row (a total row, a row that was not
 * revenue) is reported with its reason; in an order list a row with neither a client nor an amount
 * continues the order above; a row without a client or a valid revenue goes to needs data; in an
 * order list a client's rows are merged (revenue, profit and margin summed, orders counted, first
 * and last date), and each attribute (wallet share, strategic value, pain, relationship, benefit,
 * industry, override and its reason) is the first valid value among the client's rows.
 */
import { cleanRatio, painFromAlignment, type Rating } from "../model/ratings";
import { placeOf, type Period } from "../period/window";
import type { Grade } from "../settings";
import { Invalid, type CellValue, type Day, type Level } from "../values";
import { newClientInputs, NONE, noteIssue, noteOn, orNull, type ClientInputs } from "./client-inputs";
import type { KeyGroups } from "./key-groups";
import { isBlankRow, type InputColumns } from "./read-columns";
import type { NeedsData, Skipped } from "./types";

/** The clients of a sheet's rows, the rows that need data or were skipped, and which client each row became. */
export interface ReadClients {
  inputs: ClientInputs;
  needsData: NeedsData[];
  skipped: Skipped[];
  rowsRead: number;
  /** Order-list rows with neither a client nor an amount (further lines of the order above). */
  continuations: number;
  /** Per data row: the index of its client in `inputs`, or -1. */
  clientOfRow: Int32Array;
  /** Rows dated after asOf (SPEC §11): their client is listed, their amounts not counted. */
  afterAsOf: number;
}

/** What a cell of an attribute column gives: nothing, a value, or an unreadable cell. */
type Cell = 0 | 1 | 2;
const BLANK = 0;
const VALID = 1;
const UNREADABLE = 2;

/**
 * Where each client's value of one attribute comes from: the first of its rows (0-based data
 * index) with a valid value, and the first with an unreadable one; -1 for none. Typed arrays with
 * room for every client, made once. In a per-client sheet (one row each) there is nothing to
 * choose: `valid` and `unreadable` stay null and the client's one row is read where asked.
 */
interface FirstValues {
  /** The attribute's column (null: pain, read through `painAt`). */
  column: readonly unknown[] | null;
  cell: ((i: number) => Cell) | null;
  valid: Int32Array | null;
  unreadable: Int32Array | null;
  /** Each client's first row (shared by the attributes). */
  firstRow: Int32Array;
}

function cellOf(v: unknown): Cell {
  return v === null || v === undefined ? BLANK : v instanceof Invalid ? UNREADABLE : VALID;
}

const cellAt = (t: FirstValues, i: number): Cell => (t.cell === null ? cellOf((t.column as readonly unknown[])[i]) : t.cell(i));

function firstValues(column: readonly unknown[] | null, firstRow: Int32Array, manyRows: boolean): FirstValues | null {
  if (column === null) return null;
  const capacity = firstRow.length;
  return { column, cell: null, valid: manyRows ? new Int32Array(capacity) : null, unreadable: manyRows ? new Int32Array(capacity) : null, firstRow };
}

/** Notes row `i` for client `k` (its first row when `first`), where a client may have many rows. */
function see(t: FirstValues | null, k: number, i: number, first: boolean): void {
  if (t === null || t.valid === null || t.unreadable === null) return;
  const cell = cellAt(t, i);
  if (first) {
    t.valid[k] = cell === VALID ? i : -1;
    t.unreadable[k] = cell === UNREADABLE ? i : -1;
  } else if (cell === VALID) {
    if ((t.valid[k] as number) < 0) t.valid[k] = i;
  } else if (cell === UNREADABLE && (t.unreadable[k] as number) < 0) t.unreadable[k] = i;
}

/** The first valid value of client `k` (its data row index), or -1. */
function validAt(t: FirstValues | null, k: number): number {
  if (t === null) return -1;
  if (t.valid !== null) return t.valid[k] as number;
  const i = t.firstRow[k] as number;
  return cellAt(t, i) === VALID ? i : -1;
}

/** Client `k`'s value of one attribute: its first valid one, or null. */
function valueAt<T>(column: readonly T[] | null, t: FirstValues | null, k: number): T | null {
  const i = validAt(t, k);
  return column === null || i < 0 ? null : (column[i] as T);
}

/** The first unreadable cell of client `k`, or undefined. */
function unreadableAt<T>(t: FirstValues | null, column: readonly T[] | null, k: number): T | undefined {
  if (t === null || column === null) return undefined;
  let i: number;
  if (t.unreadable !== null) i = t.unreadable[k] as number;
  else {
    i = t.firstRow[k] as number;
    if (cellAt(t, i) !== UNREADABLE) i = -1;
  }
  return i < 0 ? undefined : column[i];
}

/** Pain of one row: as entered, else from aligned/easy when both are readable; null when neither gives one. */
function painAt(cols: InputColumns, i: number): Level | null {
  const p = cols.pains ? cols.pains[i] : null;
  if (typeof p === "string") return p;
  if (cols.aligned && cols.easy) {
    const a = cols.aligned[i];
    const e = cols.easy[i];
    if (typeof a === "boolean" && typeof e === "boolean") return painFromAlignment(a, e);
  }
  return null;
}

interface Attributes {
  wallet: FirstValues | null;
  strategic: FirstValues | null;
  pain: FirstValues;
  relationship: FirstValues | null;
  benefit: FirstValues | null;
  industry: FirstValues | null;
  override: FirstValues | null;
  reason: FirstValues | null;
  until: FirstValues | null;
  review: FirstValues | null;
  /** Each client's first row (data index). */
  firstRow: Int32Array;
  /** An order list: a client may have many rows, each attribute its first valid one. */
  manyRows: boolean;
}

function attributes(cols: InputColumns, capacity: number, manyRows: boolean): Attributes {
  const firstRow = new Int32Array(capacity);
  return {
    wallet: firstValues(cols.wallets, firstRow, manyRows),
    strategic: firstValues(cols.strategics, firstRow, manyRows),
    pain: {
      column: null,
      cell: (i) => (painAt(cols, i) === null ? BLANK : VALID),
      valid: manyRows ? new Int32Array(capacity) : null,
      unreadable: manyRows ? new Int32Array(capacity) : null,
      firstRow,
    },
    relationship: firstValues(cols.relationships, firstRow, manyRows),
    benefit: firstValues(cols.benefits, firstRow, manyRows),
    industry: firstValues(cols.industries, firstRow, manyRows),
    override: firstValues(cols.overrides, firstRow, manyRows),
    reason: firstValues(cols.reasons, firstRow, manyRows),
    until: firstValues(cols.overrideUntils, firstRow, manyRows),
    review: firstValues(cols.reviews, firstRow, manyRows),
    firstRow,
    manyRows,
  };
}

function seeRow(a: Attributes, k: number, i: number, first: boolean): void {
  if (first) a.firstRow[k] = i;
  if (!a.manyRows) return;
  see(a.wallet, k, i, first);
  see(a.strategic, k, i, first);
  see(a.pain, k, i, first);
  see(a.relationship, k, i, first);
  see(a.benefit, k, i, first);
  see(a.industry, k, i, first);
  see(a.override, k, i, first);
  see(a.reason, k, i, first);
  see(a.until, k, i, first);
  see(a.review, k, i, first);
}

export function readClients(
  data: readonly (readonly CellValue[])[],
  cols: InputColumns,
  groups: KeyGroups,
  mode: "clients" | "orders",
  own: ReadonlySet<number>,
  firstDataRow: number,
  skips: ReadonlyMap<number, string> = new Map(),
  period: Period | null = null,
): ReadClients {
  const needsData: NeedsData[] = [];
  const skipped: Skipped[] = [];
  // An order list has at most one client per distinct name: room for those, not for every row.
  const capacity = mode === "orders" ? groups.distinct : data.length;
  const inputs = newClientInputs(capacity, cols);
  const attrs = attributes(cols, capacity, mode === "orders");
  // An order list's client of each key group (-1: none yet).
  const clientOfGroup = mode === "orders" ? new Int32Array(groups.distinct).fill(-1) : null;
  const clientOfRow = new Int32Array(data.length).fill(-1);
  let rowsRead = 0;
  let continuations = 0;
  let afterAsOf = 0;
  // The client of the last order row: the order a continuation line belongs to (-1: that row was not merged).
  let lastClient = -1;
  for (let i = 0; i < data.length; i++) {
    const name = cols.names[i] ?? null;
    const revenue = cols.revenues[i] ?? null;
    // A row with a client or an amount is not blank: only the others are looked at cell by cell.
    if (name === null && revenue === null && isBlankRow(data[i] as readonly CellValue[], own)) continue;
    rowsRead++;
    const row = firstDataRow + i;
    const skip = skips.get(i);
    if (skip !== undefined) {
      skipped.push({ row, name: name ?? "", reason: skip });
      lastClient = -1;
      continue;
    }
    if (mode === "orders" && name === null && revenue === null) {
      continuations++;
      if (lastClient >= 0) clientOfRow[i] = lastClient;
      continue;
    }
    lastClient = -1;
    if (name === null) {
      needsData.push({ row, name: "", reason: "no client name" });
      continue;
    }
    if (revenue === null || revenue instanceof Invalid) {
      needsData.push({ row, name, reason: revenue === null ? "no revenue" : `revenue: ${revenue.reason}` });
      continue;
    }
    // Graded over a period (SPEC §11): a row must say when it happened.
    const date = period === null ? null : cols.dates ? cols.dates[i] : null;
    if (period !== null && typeof date !== "number") {
      needsData.push({ row, name, reason: "no valid date" });
      continue;
    }
    const g = groups.group[i] as number;
    let k = clientOfGroup === null ? -1 : (clientOfGroup[g] as number);
    const first = k < 0;
    if (k < 0) {
      k = addClient(inputs, row, name);
      if (clientOfGroup !== null) clientOfGroup[g] = k;
    }
    seeRow(attrs, k, i, first);
    const rv = cols.reviews ? cols.reviews[i] : null;
    const review = orNull(inputs.review[k]);
    if (typeof rv === "number" && (review === null || rv > review)) inputs.review[k] = rv;
    const place = period === null ? "current" : placeOf(period, date as number);
    if (place === "current") addAmounts(inputs, k, cols, i, revenue);
    else {
      inputs.orders[k] = (inputs.orders[k] as number) + 1;
      if (place === "previous") inputs.previousRevenue[k] = (inputs.previousRevenue[k] as number) + revenue;
      else if (place === "after") afterAsOf++;
    }
    if (place !== "after") addDate(inputs, k, cols, i);
    clientOfRow[i] = k;
    lastClient = k;
  }
  setAttributes(inputs, cols, attrs);
  return { inputs, needsData, skipped, rowsRead, continuations, clientOfRow, afterAsOf };
}

/** A new client from its first row; its attributes are set once all its rows are read. */
function addClient(c: ClientInputs, row: number, name: string): number {
  const k = c.count++;
  c.row[k] = row;
  c.name[k] = name;
  // Blank until a row gives them.
  c.issues[k] = null;
  return k;
}

/**
 * Every client's attributes: each the first valid value among its rows. The notes on blank or
 * unreadable cells come before those its amounts gave (profit, margin), in the order of the
 * attributes below. One pass over the clients per attribute (a client's notes still come in that
 * order): each pass reads one column, so V8 compiles it for that column's kind of values, where
 * one pass over every attribute of a client would read ten kinds at each place.
 */
function setAttributes(c: ClientInputs, cols: InputColumns, a: Attributes): void {
  const amountNotes = takeNotes(c);
  setWallets(c, cols, a);
  setStrategics(c, cols, a);
  setPains(c, cols, a);
  if (cols.relationships) setRelationships(c, cols.relationships, a.relationship, c.relationship, "relationship", "estimated");
  if (cols.benefits) setRelationships(c, cols.benefits, a.benefit, c.benefit, "benefit", "the score is used");
  setTexts(c.count, c.industry, cols.industries, a.industry);
  setOverrides(c, cols, a);
  setTexts(c.count, c.overrideReason, cols.reasons, a.reason);
  setUntils(c, cols, a);
  noteBadReviews(c, cols, a);
  giveBackNotes(c, amountNotes);
}

// Each pass over the clients is a function that returns a number as its loop ends (see portfolio/health.ts).

/** The notes the clients' amounts gave, taken out (to come last); each client's notes start empty. */
function takeNotes(c: ClientInputs): (string[] | null)[] {
  const taken = new Array<string[] | null>(c.count);
  for (let k = 0; k < c.count; k++) {
    taken[k] = c.issues[k] ?? null;
    c.issues[k] = null;
  }
  return taken;
}

function giveBackNotes(c: ClientInputs, taken: readonly (string[] | null)[]): number {
  for (let k = 0; k < c.count; k++) {
    const notes = taken[k];
    if (notes !== null && notes !== undefined) for (const note of notes) noteOn(c, k, note);
  }
  return c.count;
}

function setWallets(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const wallet = valueAt(cols.wallets, a.wallet, k) as number | null;
    c.wallet[k] = wallet ?? NONE;
    if (wallet === null) noteIssue(c, k, "wallet", unreadableAt(a.wallet, cols.wallets, k) ?? null, "scored as Unknown");
  }
  return c.count;
}

function setStrategics(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    // An unreadable cell is looked for only where no valid value was found: it is noted then.
    const strategic = valueAt(cols.strategics, a.strategic, k) as Level | null;
    const bad = strategic === null ? unreadableAt(a.strategic, cols.strategics, k) : undefined;
    c.strategic[k] = strategic ?? (bad instanceof Invalid ? "Unknown" : "Low");
    if (bad instanceof Invalid) {
      c.incomplete[k] = 1;
      noteOn(c, k, `strategic value: ${bad.reason}; scored as Unknown`);
    }
  }
  return c.count;
}

function setPains(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const painRow = validAt(a.pain, k);
    const pain: Rating = painRow >= 0 ? (painAt(cols, painRow) as Level) : painOf(c, k, cols, a.firstRow[k] as number);
    c.pain[k] = pain;
    if (pain === "Unknown") c.incomplete[k] = 1;
  }
  return c.count;
}

/** A relationship or benefit column (mapped): the value, or NONE and a note. */
function setRelationships(c: ClientInputs, column: InputColumns["relationships"], t: FirstValues | null, into: Float64Array, field: "relationship" | "benefit", assumed: string): number {
  for (let k = 0; k < c.count; k++) {
    const v = valueAt(column, t, k) as number | null;
    into[k] = v ?? NONE;
    if (v === null) noteIssue(c, k, field, unreadableAt(t, column, k) ?? null, assumed);
  }
  return c.count;
}

/** A text attribute (industry, override reason): the first valid text, or null. */
function setTexts(count: number, into: (string | null)[], column: readonly (string | null)[] | null, t: FirstValues | null): number {
  for (let k = 0; k < count; k++) into[k] = valueAt(column, t, k);
  return count;
}

function setOverrides(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const override = valueAt(cols.overrides, a.override, k) as Grade | null;
    c.override[k] = override;
    const bad = override === null ? unreadableAt(a.override, cols.overrides, k) : undefined;
    if (bad instanceof Invalid) noteOn(c, k, `${bad.reason}; ignored`);
  }
  return c.count;
}

function setUntils(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const until = valueAt(cols.overrideUntils, a.until, k) as Day | null;
    c.overrideUntil[k] = until ?? NONE;
    const bad = until === null ? unreadableAt(a.until, cols.overrideUntils, k) : undefined;
    if (bad instanceof Invalid) noteOn(c, k, `override until: ${bad.reason}; the override has no end`);
  }
  return c.count;
}

/** The latest review is set as the rows are read; an unreadable one is noted where none was valid. */
function noteBadReviews(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  if (cols.reviews === null) return 0;
  for (let k = 0; k < c.count; k++) {
    const bad = Number.isNaN(c.review[k]) ? unreadableAt(a.review, cols.reviews, k) : undefined;
    if (bad instanceof Invalid) noteOn(c, k, `last review: ${bad.reason}`);
  }
  return c.count;
}

/** Why a client has no pain (row `i`, its first: what its cells say), as notes; always Unknown. */
function painOf(c: ClientInputs, k: number, cols: InputColumns, i: number): Rating {
  const { pains, aligned, easy } = cols;
  if (pains) {
    const p = pains[i];
    if (p instanceof Invalid) noteOn(c, k, `pain: ${p.reason}; scored as Unknown`);
    else if (!aligned || !easy) noteOn(c, k, "pain missing; scored as Unknown");
    if (!aligned || !easy) return "Unknown";
  }
  if (aligned && easy) {
    for (const [label, v] of [["aligned", aligned[i]], ["easy", easy[i]]] as const) {
      if (v instanceof Invalid) noteOn(c, k, `${label}: ${v.reason}`);
      else if (v === null || v === undefined) noteOn(c, k, `${label} missing`);
    }
    noteOn(c, k, "pain scored as Unknown");
    return "Unknown";
  }
  noteOn(c, k, "no pain column; scored as Unknown");
  return "Unknown";
}

/** Every row of a client (in an order list with dates: of the current period) adds its amounts: revenue, profit, margin. */
function addAmounts(c: ClientInputs, k: number, cols: InputColumns, i: number, revenue: number): void {
  c.orders[k] = (c.orders[k] as number) + 1;
  c.revenue[k] = (c.revenue[k] as number) + revenue;
  const p = cols.profits ? cols.profits[i] : null;
  if (typeof p === "number") c.profit[k] = (orNull(c.profit[k]) ?? 0) + p;
  else if (p instanceof Invalid) noteOn(c, k, `profit: ${p.reason}`);
  const m = cols.margins ? cols.margins[i] : null;
  if (typeof m === "number") {
    c.marginRows[k] = (c.marginRows[k] as number) + 1;
    c.marginSingle[k] = m;
    c.marginSum[k] = (c.marginSum[k] as number) + m;
    addMarginBasis(c, k, m * revenue, revenue);
  } else {
    if (m instanceof Invalid) noteOn(c, k, `margin: ${m.reason}`);
    if (typeof p === "number") addMarginBasis(c, k, p, revenue);
  }
  const cost = cols.costs ? cols.costs[i] : null;
  if (typeof cost === "number") c.costToServe[k] = (orNull(c.costToServe[k]) ?? 0) + cost;
  else if (cost instanceof Invalid) noteOn(c, k, `cost to serve: ${cost.reason}`);
}

/** A row's date widens its client's first and last order date. */
function addDate(c: ClientInputs, k: number, cols: InputColumns, i: number): void {
  const dt = cols.dates ? cols.dates[i] : null;
  if (typeof dt === "number") {
    const first = orNull(c.firstDate[k]);
    const last = orNull(c.lastDate[k]);
    c.firstDate[k] = first === null ? dt : Math.min(first, dt);
    c.lastDate[k] = last === null ? dt : Math.max(last, dt);
  }
}

/** A row that gives a profit: its profit and revenue count towards the margin. */
function addMarginBasis(c: ClientInputs, k: number, profit: number, revenue: number): void {
  c.marginBasis[k] = (c.marginBasis[k] as number) + 1;
  c.marginProfit[k] = (c.marginProfit[k] as number) + profit;
  c.marginRevenue[k] = (c.marginRevenue[k] as number) + revenue;
}

/**
 * Margin = Σ profit ÷ Σ revenue (SPEC §2). With no margin cell on any of the client's rows: its
 * profit cells over all its revenue. With one: over the rows that give a profit, a row's margin
 * cell winning over its profit cell; a client's only such row keeps its margin cell exact.
 * A client with no positive revenue (SPEC §2a): profit ÷ revenue means nothing, so only its
 * margin cells count (their mean), else the margin is unknown.
 */
export function marginOf(c: ClientInputs, k: number): number | null {
  const rows = c.marginRows[k] as number;
  if (!((c.revenue[k] as number) > 0)) return rows === 0 ? null : rows === 1 ? (c.marginSingle[k] as number) : cleanRatio((c.marginSum[k] as number) / rows);
  if (rows === 0) {
    const profit = orNull(c.profit[k]);
    return profit !== null ? cleanRatio(profit / (c.revenue[k] as number)) : null;
  }
  if (c.marginBasis[k] === 1) return orNull(c.marginSingle[k]);
  const revenue = c.marginRevenue[k] as number;
  return revenue !== 0 ? cleanRatio((c.marginProfit[k] as number) / revenue) : null;
}

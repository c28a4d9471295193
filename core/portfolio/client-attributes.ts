/**
 * Each client's attributes (SPEC §2): wallet share, strategic value, pain, relationship, benefit,
 * industry, override and its reason and end, each the first valid value among the client's rows,
 * and a note on each blank or unreadable one with what was assumed. `readClients` shows each row
 * to `seeRow` as it reads it, then `setAttributes` sets every client's.
 */
import { LOW_RATING, painFromAlignment, UNKNOWN_RATING } from "../model/ratings";
import type { Grade } from "../settings";
import { BLANK_LEVEL, Invalid, levelCode, rowAt, UNREADABLE_LEVEL, type Day, type LevelColumn, type NumberColumn, type RowList } from "../values";
import { NONE, noteIssue, noteOn, type ClientInputs, type TextAttribute } from "./client-inputs";
import type { InputColumns } from "./read-columns";

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
  /** The attribute's column of parsed cells, of numbers or of levels (null: pain, read through `cell`). */
  column: RowList<unknown> | null;
  numbers: NumberColumn | null;
  levels: LevelColumn | null;
  cell: ((i: number) => Cell) | null;
  valid: Int32Array | null;
  unreadable: Int32Array | null;
  /** Each client's first row (shared by the attributes). */
  firstRow: Int32Array;
}

function cellOf(v: unknown): Cell {
  return v === null || v === undefined ? BLANK : v instanceof Invalid ? UNREADABLE : VALID;
}

function numberCell(c: NumberColumn, i: number): Cell {
  return !Number.isNaN(c.value[i]) ? VALID : c.invalid.has(i) ? UNREADABLE : BLANK;
}

function levelCell(c: LevelColumn, i: number): Cell {
  const code = c.code[i] as number;
  return code < BLANK_LEVEL ? VALID : code === BLANK_LEVEL ? BLANK : UNREADABLE;
}

const cellAt = (t: FirstValues, i: number): Cell =>
  t.column !== null
    ? cellOf(rowAt(t.column, i))
    : t.numbers !== null
      ? numberCell(t.numbers, i)
      : t.levels !== null
        ? levelCell(t.levels, i)
        : (t.cell as (i: number) => Cell)(i);

function firstValues(column: RowList<unknown> | NumberColumn | LevelColumn | null, firstRow: Int32Array, manyRows: boolean): FirstValues | null {
  if (column === null) return null;
  const capacity = firstRow.length;
  const list = "blocks" in column ? column : null;
  const levels = list === null && "code" in column ? column : null;
  const numbers = list === null && levels === null ? (column as NumberColumn) : null;
  return { column: list, numbers, levels, cell: null, valid: manyRows ? new Int32Array(capacity) : null, unreadable: manyRows ? new Int32Array(capacity) : null, firstRow };
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
function valueAt<T>(column: RowList<T> | null, t: FirstValues | null, k: number): T | null {
  const i = validAt(t, k);
  return column === null || i < 0 ? null : rowAt(column, i);
}

/** Client `k`'s value of a number attribute: its first valid one, or null. */
function numberValueAt(t: FirstValues | null, k: number): number | null {
  const i = validAt(t, k);
  return i < 0 ? null : ((t as FirstValues).numbers as NumberColumn).value[i] as number;
}

/** The row of client `k`'s first unreadable cell, or -1. */
function unreadableRow(t: FirstValues, k: number): number {
  if (t.unreadable !== null) return t.unreadable[k] as number;
  const i = t.firstRow[k] as number;
  return cellAt(t, i) === UNREADABLE ? i : -1;
}

/** The first unreadable cell of client `k`, or undefined. */
function unreadableAt<T>(t: FirstValues | null, column: RowList<T> | null, k: number): T | undefined {
  if (t === null || column === null) return undefined;
  const i = unreadableRow(t, k);
  return i < 0 ? undefined : rowAt(column, i);
}

/** The same in a level column. */
function unreadableLevelAt(t: FirstValues | null, k: number): Invalid | undefined {
  if (t === null || t.levels === null) return undefined;
  const i = unreadableRow(t, k);
  return i < 0 ? undefined : t.levels.invalid.get(i);
}

/** The same in a number column. */
function unreadableNumberAt(t: FirstValues | null, k: number): Invalid | undefined {
  if (t === null || t.numbers === null) return undefined;
  const i = unreadableRow(t, k);
  return i < 0 ? undefined : t.numbers.invalid.get(i);
}

/** Pain of one row as a level code: as entered, else from aligned/easy when both are readable; BLANK_LEVEL when neither gives one. */
function painAt(cols: InputColumns, i: number): number {
  const p = cols.pains ? (cols.pains.code[i] as number) : BLANK_LEVEL;
  if (p < BLANK_LEVEL) return p;
  if (cols.aligned && cols.easy) {
    const a = rowAt(cols.aligned, i);
    const e = rowAt(cols.easy, i);
    if (typeof a === "boolean" && typeof e === "boolean") return levelCode(painFromAlignment(a, e));
  }
  return BLANK_LEVEL;
}

export interface Attributes {
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

/** `firstRow`: each client's first data row (ClientInputs.first), set as the rows are read. */
export function attributes(cols: InputColumns, firstRow: Int32Array, manyRows: boolean): Attributes {
  const capacity = firstRow.length;
  return {
    wallet: firstValues(cols.wallets, firstRow, manyRows),
    strategic: firstValues(cols.strategics, firstRow, manyRows),
    pain: {
      column: null,
      numbers: null,
      levels: null,
      cell: (i) => (painAt(cols, i) === BLANK_LEVEL ? BLANK : VALID),
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

export function seeRow(a: Attributes, k: number, i: number, first: boolean): void {
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

/**
 * Every client's attributes: each the first valid value among its rows. The notes on blank or
 * unreadable cells come before those its amounts gave (profit, margin), in the order of the
 * attributes below. One pass over the clients per attribute (a client's notes still come in that
 * order): each pass reads one column, so V8 compiles it for that column's kind of values, where
 * one pass over every attribute of a client would read ten kinds at each place.
 */
export function setAttributes(c: ClientInputs, cols: InputColumns, a: Attributes): void {
  const amountNotes = takeNotes(c);
  setWallets(c, a);
  setStrategics(c, cols, a);
  setPains(c, cols, a);
  if (cols.relationships) setRelationships(c, a.relationship, c.relationship, "relationship", "estimated");
  if (cols.benefits) setRelationships(c, a.benefit, c.benefit, "benefit", "the score is used");
  if (c.industry) setTexts(c.count, c.industry, a.industry);
  if (cols.overrides) setOverrides(c, cols, a);
  if (c.overrideReason) setTexts(c.count, c.overrideReason, a.reason);
  setUntils(c, cols, a);
  noteBadReviews(c, cols, a);
  giveBackNotes(c, amountNotes);
}

// Each pass over the clients is a function that returns a number as its loop ends (see portfolio/health.ts).

/** The notes the clients' amounts gave (few clients have any), taken out to come last; each client's notes start empty. */
function takeNotes(c: ClientInputs): Map<number, string[]> {
  const taken = new Map<number, string[]>();
  for (let k = 0; k < c.issues.length; k++) {
    const notes = c.issues[k];
    if (notes !== null && notes !== undefined) taken.set(k, notes);
  }
  c.issues.length = 0;
  return taken;
}

function giveBackNotes(c: ClientInputs, taken: ReadonlyMap<number, readonly string[]>): void {
  for (const [k, notes] of taken) for (const note of notes) noteOn(c, k, note);
}

function setWallets(c: ClientInputs, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const wallet = numberValueAt(a.wallet, k);
    c.wallet[k] = wallet ?? NONE;
    if (wallet === null) noteIssue(c, k, "wallet", unreadableNumberAt(a.wallet, k) ?? null, "scored as Unknown");
  }
  return c.count;
}

function setStrategics(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    // An unreadable cell is looked for only where no valid value was found: it is noted then.
    const i = validAt(a.strategic, k);
    const bad = i < 0 ? unreadableLevelAt(a.strategic, k) : undefined;
    c.strategic[k] = i >= 0 ? ((cols.strategics as LevelColumn).code[i] as number) : bad !== undefined ? UNKNOWN_RATING : LOW_RATING;
    if (bad !== undefined) {
      c.incomplete[k] = 1;
      noteOn(c, k, `strategic value: ${bad.reason}; scored as Unknown`);
    }
  }
  return c.count;
}

function setPains(c: ClientInputs, cols: InputColumns, a: Attributes): number {
  for (let k = 0; k < c.count; k++) {
    const painRow = validAt(a.pain, k);
    const pain = painRow >= 0 ? painAt(cols, painRow) : painOf(c, k, cols, a.firstRow[k] as number);
    c.pain[k] = pain;
    if (pain === UNKNOWN_RATING) c.incomplete[k] = 1;
  }
  return c.count;
}

/** A relationship or benefit column (mapped): the value, or NONE and a note. */
function setRelationships(c: ClientInputs, t: FirstValues | null, into: Float64Array, field: "relationship" | "benefit", assumed: string): number {
  for (let k = 0; k < c.count; k++) {
    const v = numberValueAt(t, k);
    into[k] = v ?? NONE;
    if (v === null) noteIssue(c, k, field, unreadableNumberAt(t, k) ?? null, assumed);
  }
  return c.count;
}

/** A text attribute (industry, override reason): the row of the first valid text, or −1. */
function setTexts(count: number, into: TextAttribute, t: FirstValues | null): number {
  for (let k = 0; k < count; k++) into.row[k] = validAt(t, k);
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

/** Why a client has no pain (row `i`, its first: what its cells say), as notes; always Unknown (its rating code). */
function painOf(c: ClientInputs, k: number, cols: InputColumns, i: number): number {
  const { pains, aligned, easy } = cols;
  if (pains) {
    const p = pains.code[i] === UNREADABLE_LEVEL ? pains.invalid.get(i) : undefined;
    if (p !== undefined) noteOn(c, k, `pain: ${p.reason}; scored as Unknown`);
    else if (!aligned || !easy) noteOn(c, k, "pain missing; scored as Unknown");
    if (!aligned || !easy) return UNKNOWN_RATING;
  }
  if (aligned && easy) {
    for (const [label, v] of [["aligned", rowAt(aligned, i)], ["easy", rowAt(easy, i)]] as const) {
      if (v instanceof Invalid) noteOn(c, k, `${label}: ${v.reason}`);
      else if (v === null || v === undefined) noteOn(c, k, `${label} missing`);
    }
    noteOn(c, k, "pain scored as Unknown");
    return UNKNOWN_RATING;
  }
  noteOn(c, k, "no pain column; scored as Unknown");
  return UNKNOWN_RATING;
}

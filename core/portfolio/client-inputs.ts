/**
 * The clients' raw inputs before rating, one column per input (client k's revenue is
 * `revenue[k]`), and the notes on blank or unreadable cells. Columns rather than one object per
 * client: at 100,000 clients those objects cost more (mostly in garbage collection) than grading
 * the clients. A plain object, not a class instance: see model/grading.
 */
import { FIELD_LABELS, type Field } from "../columns";
import { clientKey } from "../model/history";
import type { Grade } from "../settings";
import { Invalid, rowAt, type RowList } from "../values";
import type { InputColumns } from "./read-columns";

/**
 * "No value" in a number column (a typed column cannot hold null): NaN, which no parsed cell is.
 * `orNull` reads a place back as a number or null.
 */
export const NONE = Number.NaN;
export const orNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

export interface ClientInputs {
  count: number;
  /** Sheet row of the client's first row. */
  row: Int32Array;
  /** Data row (0-based) of the client's first row: its name is row `first[k]` of `names` (nameOf). */
  first: Int32Array;
  /** The sheet's client column as read (one name or null per data row), shared with the read columns. */
  names: RowList<string | null>;
  /** Each client's key (clientKey of its name: matched across builds), made by `keyOf` when first asked for. */
  keys: string[] | null;
  revenue: Float64Array;
  /** Σ amount of the previous period (an order list with dates, SPEC §11); 0 otherwise. */
  previousRevenue: Float64Array;
  /** Σ of the profit cells; NONE when no row gives one (so for every column typed Float64Array below). */
  profit: Float64Array;
  /**
   * Σ profit and Σ revenue over the rows that give a profit: a row's profit is its margin cell ×
   * its revenue (the margin column wins) or else its profit cell. `marginBasis` counts those rows,
   * `marginRows` the ones with a margin cell.
   */
  marginProfit: Float64Array;
  marginRevenue: Float64Array;
  marginBasis: Int32Array;
  marginRows: Int32Array;
  /** The margin cell of a client whose only row with a profit has one, kept exact. */
  marginSingle: Float64Array;
  /** Σ of the margin cells (a client with no positive revenue takes their mean, SPEC §2a). */
  marginSum: Float64Array;
  wallet: Float64Array;
  /** Σ of the cost-to-serve cells (SPEC §12); NONE when none of the client's rows gives one. */
  costToServe: Float64Array;
  /** Strategic value and pain as rating codes (model/ratings RATINGS: 0 High … 3 Unknown). */
  strategic: Uint8Array;
  pain: Uint8Array;
  relationship: Float64Array;
  benefit: Float64Array;
  /** Text attributes (read with textOf); null when the sheet does not map the input. */
  industry: TextAttribute | null;
  /** Manual grades: empty when the sheet does not map the column (read `?? null`). */
  override: (Grade | null | undefined)[];
  overrideReason: TextAttribute | null;
  /** The last day the override counts (SPEC §4), or NONE: no end. Days as in core/values (Day). */
  overrideUntil: Float64Array;
  review: Float64Array;
  firstDate: Float64Array;
  lastDate: Float64Array;
  orders: Int32Array;
  /**
   * Blank or unreadable cells and what was assumed, by client; no entry (or null) until there is
   * one. It starts empty and holds only the clients with notes: most sheets have few, and a list
   * with a place for each of 100,000 clients is a fresh 800 kB.
   */
  issues: (string[] | null | undefined)[];
  incomplete: Uint8Array;
}

/**
 * Room for `capacity` clients (at most one per data row): every column is allocated once, and
 * `readClients` sets each of them. A number column whose input the sheet does not map stays NONE
 * for every client (those share one such column, never given another value), a text column's
 * stays empty (read as null): not one each of 800 kB of fresh memory at 100,000 clients.
 */
export function newClientInputs(capacity: number, cols: InputColumns): ClientInputs {
  // A number column with no value yet: NaN (NONE) in every place.
  let unmapped: Float64Array | null = null;
  const none = (mapped = true): Float64Array => (mapped ? new Float64Array(capacity).fill(NONE) : (unmapped ??= new Float64Array(capacity).fill(NONE)));
  return {
    count: 0,
    row: new Int32Array(capacity),
    first: new Int32Array(capacity),
    names: cols.names,
    keys: null,
    revenue: new Float64Array(capacity),
    previousRevenue: new Float64Array(capacity),
    profit: none(cols.profits !== null),
    marginProfit: new Float64Array(capacity),
    marginRevenue: new Float64Array(capacity),
    marginBasis: new Int32Array(capacity),
    marginRows: new Int32Array(capacity),
    marginSingle: none(cols.margins !== null),
    marginSum: new Float64Array(capacity),
    wallet: none(cols.wallets !== null),
    costToServe: none(cols.costs !== null),
    strategic: new Uint8Array(capacity),
    pain: new Uint8Array(capacity),
    relationship: none(cols.relationships !== null),
    benefit: none(cols.benefits !== null),
    industry: textAttribute(cols.industries, capacity),
    // Unmapped: empty, never written (read as null for every client).
    override: cols.overrides !== null ? new Array<Grade | null>(capacity) : [],
    overrideReason: textAttribute(cols.reasons, capacity),
    overrideUntil: none(cols.overrideUntils !== null),
    review: none(cols.reviews !== null),
    firstDate: none(cols.dates !== null),
    lastDate: none(cols.dates !== null),
    orders: new Int32Array(capacity),
    issues: [],
    incomplete: new Uint8Array(capacity),
  };
}

/**
 * Client k's key (SPEC §2: its name ignoring case and surrounding spaces), made when first asked
 * for: only a build with history or with repeated names asks, and most builds would make 100,000
 * lower-case copies of the names for nothing.
 */
export function keyOf(c: ClientInputs, k: number): string {
  const keys = (c.keys ??= new Array<string>(c.count));
  return (keys[k] ??= clientKey(nameOf(c, k)));
}

/** Client k's name (as in its first row): not a list of the names again, 800 kB at 100,000 clients. */
export const nameOf = (c: ClientInputs, k: number): string => rowAt(c.names, c.first[k] as number) as string;

export function noteOn(c: ClientInputs, k: number, text: string): void {
  const issues = c.issues[k];
  if (issues === null || issues === undefined) c.issues[k] = [text];
  else issues.push(text);
}

/** Notes a blank or unreadable cell and what was assumed; false when the value is fine. */
export function noteIssue(c: ClientInputs, k: number, field: Field, v: unknown, assumed: string): boolean {
  if (v instanceof Invalid) noteOn(c, k, `${FIELD_LABELS[field].toLowerCase()}: ${v.reason}; ${assumed}`);
  else if (v === null || v === undefined) noteOn(c, k, `${FIELD_LABELS[field].toLowerCase()} missing; ${assumed}`);
  else return false;
  return true;
}

/**
 * A text attribute of the clients (industry, override reason): client k's is the text in data row
 * `row[k]` of the column (−1: none), not a list of the texts again (800 kB at 100,000 clients).
 */
export interface TextAttribute {
  readonly column: RowList<string | null>;
  readonly row: Int32Array;
}

const textAttribute = (column: RowList<string | null> | null, capacity: number): TextAttribute | null =>
  column === null ? null : { column, row: new Int32Array(capacity).fill(-1) };

/** Client k's text of an attribute, or null. */
export function textOf(t: TextAttribute | null, k: number): string | null {
  if (t === null) return null;
  const i = t.row[k] as number;
  return i < 0 ? null : (rowAt(t.column, i) ?? null);
}

/** A client without issues (shared: read-only). */
export const NO_ISSUES: readonly string[] = Object.freeze([]);

/**
 * The sheet's rows → clients (SPEC §2, §2a): a skipped row (a total row, a row that was not
 * revenue) is reported with its reason; in an order list a row with neither a client nor an amount
 * continues the order above; a row without a client or a valid revenue goes to needs data; in an
 * order list a client's rows are merged (revenue, profit and margin summed, orders counted, first
 * and last date), and each attribute (wallet share, strategic value, pain, relationship, benefit,
 * industry, override and its reason) is the first valid value among the client's rows.
 */
import { cleanRatio } from "../model/ratings";
import { placeOf, type Period } from "../period/window";
import { Invalid, numberAt, rowAt, type CellValue } from "../values";
import { attributes, seeRow, setAttributes } from "./client-attributes";
import { newClientInputs, NONE, noteOn, orNull, type ClientInputs } from "./client-inputs";
import type { KeyGroups } from "./key-groups";
import { isBlankRow, type InputColumns } from "./read-columns";
import type { NeedsData, Skipped } from "./types";
import { dataRow, type DataRows } from "./data-rows";

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

export function readClients(
  data: DataRows,
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
  const capacity = mode === "orders" ? groups.distinct : data.count;
  const inputs = newClientInputs(capacity, cols);
  const attrs = attributes(cols, inputs.first, mode === "orders");
  // An order list's client of each key group (-1: none yet).
  const clientOfGroup = mode === "orders" ? new Int32Array(groups.distinct).fill(-1) : null;
  const clientOfRow = new Int32Array(data.count).fill(-1);
  let rowsRead = 0;
  let continuations = 0;
  let afterAsOf = 0;
  // The client of the last order row: the order a continuation line belongs to (-1: that row was not merged).
  let lastClient = -1;
  for (let i = 0; i < data.count; i++) {
    const name = rowAt(cols.names, i) ?? null;
    const revenue = numberAt(cols.revenues, i);
    // A row with a client or an amount is not blank: only the others are looked at cell by cell.
    if (name === null && revenue === null && isBlankRow(dataRow(data, i) as readonly CellValue[], own)) continue;
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
    const date = period === null ? null : cols.dates ? rowAt(cols.dates, i) : null;
    if (period !== null && typeof date !== "number") {
      needsData.push({ row, name, reason: "no valid date" });
      continue;
    }
    const g = groups.group[i] as number;
    let k = clientOfGroup === null ? -1 : (clientOfGroup[g] as number);
    const first = k < 0;
    if (k < 0) {
      k = addClient(inputs, row, i);
      if (clientOfGroup !== null) clientOfGroup[g] = k;
    }
    seeRow(attrs, k, i, first);
    const rv = cols.reviews ? rowAt(cols.reviews, i) : null;
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

/** A new client from its first row (sheet row `row`, data row `i`); its attributes are set once all its rows are read. */
function addClient(c: ClientInputs, row: number, i: number): number {
  const k = c.count++;
  c.row[k] = row;
  c.first[k] = i;
  return k;
}

/** Every row of a client (in an order list with dates: of the current period) adds its amounts: revenue, profit, margin. */
function addAmounts(c: ClientInputs, k: number, cols: InputColumns, i: number, revenue: number): void {
  c.orders[k] = (c.orders[k] as number) + 1;
  c.revenue[k] = (c.revenue[k] as number) + revenue;
  const p = cols.profits ? numberAt(cols.profits, i) : null;
  if (typeof p === "number") c.profit[k] = (orNull(c.profit[k]) ?? 0) + p;
  else if (p instanceof Invalid) noteOn(c, k, `profit: ${p.reason}`);
  const m = cols.margins ? numberAt(cols.margins, i) : null;
  if (typeof m === "number") {
    c.marginRows[k] = (c.marginRows[k] as number) + 1;
    c.marginSingle[k] = m;
    c.marginSum[k] = (c.marginSum[k] as number) + m;
    addMarginBasis(c, k, m * revenue, revenue);
  } else {
    if (m instanceof Invalid) noteOn(c, k, `margin: ${m.reason}`);
    if (typeof p === "number") addMarginBasis(c, k, p, revenue);
  }
  const cost = cols.costs ? numberAt(cols.costs, i) : null;
  if (typeof cost === "number") c.costToServe[k] = (orNull(c.costToServe[k]) ?? 0) + cost;
  else if (cost instanceof Invalid) noteOn(c, k, `cost to serve: ${cost.reason}`);
}

/** A row's date widens its client's first and last order date. */
function addDate(c: ClientInputs, k: number, cols: InputColumns, i: number): void {
  const dt = cols.dates ? rowAt(cols.dates, i) : null;
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
 * margin cells count (their mean), else the margin is unknown: NONE (NaN), as in a typed column.
 */
export function marginOf(c: ClientInputs, k: number): number {
  const rows = c.marginRows[k] as number;
  if (!((c.revenue[k] as number) > 0)) return rows === 0 ? NONE : rows === 1 ? (c.marginSingle[k] as number) : cleanRatio((c.marginSum[k] as number) / rows);
  if (rows === 0) return cleanRatio((c.profit[k] as number) / (c.revenue[k] as number));
  if (c.marginBasis[k] === 1) return c.marginSingle[k] as number;
  const revenue = c.marginRevenue[k] as number;
  return revenue !== 0 ? cleanRatio((c.marginProfit[k] as number) / revenue) : NONE;
}

/**
 * The sheet's rows → clients (SPEC §2): a row without a client or a valid revenue goes to needs
 * data; in an order list a client's rows are merged (revenue, profit and margin summed, orders
 * counted, first and last date), and a later row fills what the first left blank.
 */
import { cleanRatio, painFromAlignment, type Rating } from "../model/ratings";
import { isGrade } from "../model/history";
import { Invalid, type CellValue, type Day } from "../values";
import { lastIssue, newClientInputs, noteIssue, noteOn, type ClientInputs } from "./client-inputs";
import { isBlankRow, type InputColumns } from "./read-columns";
import type { NeedsData } from "./types";

/** The clients of a sheet's rows, the rows that need data, and which client each row became. */
export interface ReadClients {
  inputs: ClientInputs;
  needsData: NeedsData[];
  rowsRead: number;
  /** Per data row: the index of its client in `inputs`, or -1. */
  clientOfRow: Int32Array;
}

export function readClients(
  data: readonly (readonly CellValue[])[],
  cols: InputColumns,
  keys: readonly (string | null)[],
  mode: "clients" | "orders",
  own: ReadonlySet<number>,
  firstDataRow: number,
): ReadClients {
  const needsData: NeedsData[] = [];
  const inputs = newClientInputs(data.length);
  const byKey = new Map<string, number>();
  const clientOfRow = new Int32Array(data.length).fill(-1);
  let rowsRead = 0;
  for (let i = 0; i < data.length; i++) {
    if (isBlankRow(data[i] as readonly CellValue[], own)) continue;
    rowsRead++;
    const row = firstDataRow + i;
    const name = cols.names[i] ?? null;
    const revenue = cols.revenues[i] ?? null;
    if (name === null) {
      needsData.push({ row, name: "", reason: "no client name" });
      continue;
    }
    if (revenue === null || revenue instanceof Invalid) {
      needsData.push({ row, name, reason: revenue === null ? "no revenue" : `revenue: ${revenue.reason}` });
      continue;
    }
    const key = keys[i] as string;
    let k = mode === "orders" ? byKey.get(key) : undefined;
    if (k === undefined) {
      k = addClient(inputs, row, key, name, cols, i);
      if (mode === "orders") byKey.set(key, k);
    } else mergeOrder(inputs, k, cols, i);
    addAmounts(inputs, k, cols, i, revenue);
    clientOfRow[i] = k;
  }
  return { inputs, needsData, rowsRead, clientOfRow };
}

/** A new client from its first row: the per-client attributes are the first non-blank value of its rows. */
function addClient(c: ClientInputs, row: number, key: string, name: string, cols: InputColumns, i: number): number {
  const k = c.count++;
  c.row[k] = row;
  c.key[k] = key;
  c.name[k] = name;
  // Blank until a row gives them.
  c.profit[k] = null;
  c.marginSingle[k] = null;
  c.wallet[k] = null;
  c.relationship[k] = null;
  c.benefit[k] = null;
  c.industry[k] = null;
  c.override[k] = null;
  c.overrideReason[k] = null;
  c.review[k] = null;
  c.firstDate[k] = null;
  c.lastDate[k] = null;
  c.issues[k] = null;
  c.walletIssue[k] = null;
  const w = cols.wallets ? cols.wallets[i] : null;
  if (typeof w === "number") c.wallet[k] = w;
  else if (noteIssue(c, k, "wallet", w ?? null, "scored as Unknown")) c.walletIssue[k] = lastIssue(c, k);
  c.strategic[k] = "Low";
  if (cols.strategics) {
    const s = cols.strategics[i];
    if (s instanceof Invalid) {
      c.strategic[k] = "Unknown";
      c.incomplete[k] = 1;
      noteOn(c, k, `strategic value: ${s.reason}; scored as Unknown`);
    } else c.strategic[k] = s ?? "Low";
  }
  const pain = painOf(c, k, cols, i);
  c.pain[k] = pain;
  if (pain === "Unknown") c.incomplete[k] = 1;
  const rel = cols.relationships ? cols.relationships[i] : null;
  if (typeof rel === "number") c.relationship[k] = rel;
  else if (cols.relationships) noteIssue(c, k, "relationship", rel, "estimated");
  const ben = cols.benefits ? cols.benefits[i] : null;
  if (typeof ben === "number") c.benefit[k] = ben;
  else if (cols.benefits) noteIssue(c, k, "benefit", ben, "the score is used");
  if (cols.industries) c.industry[k] = cols.industries[i] ?? null;
  const o = cols.overrides ? cols.overrides[i] : null;
  if (o instanceof Invalid) noteOn(c, k, `${o.reason}; ignored`);
  else if (o) c.override[k] = o;
  if (cols.reasons) c.overrideReason[k] = cols.reasons[i] ?? null;
  const rv = cols.reviews ? cols.reviews[i] : null;
  if (rv instanceof Invalid) noteOn(c, k, `last review: ${rv.reason}`);
  else if (rv !== null && rv !== undefined) c.review[k] = rv;
  return k;
}

function painOf(c: ClientInputs, k: number, cols: InputColumns, i: number): Rating {
  const { pains, aligned, easy } = cols;
  if (pains) {
    const p = pains[i];
    if (typeof p === "string") return p;
    if (p instanceof Invalid) noteOn(c, k, `pain: ${p.reason}; scored as Unknown`);
    else if (!aligned || !easy) noteOn(c, k, "pain missing; scored as Unknown");
    if (!aligned || !easy) return "Unknown";
  }
  if (aligned && easy) {
    const a = aligned[i];
    const e = easy[i];
    if (typeof a === "boolean" && typeof e === "boolean") return painFromAlignment(a, e);
    for (const [label, v] of [["aligned", a], ["easy", e]] as const) {
      if (v instanceof Invalid) noteOn(c, k, `${label}: ${v.reason}`);
      else if (v === null || v === undefined) noteOn(c, k, `${label} missing`);
    }
    noteOn(c, k, "pain scored as Unknown");
    return "Unknown";
  }
  noteOn(c, k, "no pain column; scored as Unknown");
  return "Unknown";
}

/** A later order of a client fills what its first rows left blank. */
function mergeOrder(c: ClientInputs, k: number, cols: InputColumns, i: number): void {
  const w = cols.wallets ? cols.wallets[i] : null;
  if (c.wallet[k] === null && typeof w === "number") {
    c.wallet[k] = w;
    const issues = c.issues[k];
    const walletIssue = c.walletIssue[k] as string | null;
    const at = walletIssue === null || !issues ? -1 : issues.indexOf(walletIssue);
    if (at >= 0) (issues as string[]).splice(at, 1);
    c.walletIssue[k] = null;
  }
  if (c.industry[k] === null && cols.industries) c.industry[k] = cols.industries[i] ?? null;
  if (c.override[k] === null && cols.overrides && isGrade(cols.overrides[i])) c.override[k] = cols.overrides[i];
  const rv = cols.reviews ? cols.reviews[i] : null;
  const review = c.review[k] as Day | null;
  if (typeof rv === "number" && (review === null || rv > review)) c.review[k] = rv;
}

/** Every row of a client adds its amounts: revenue, profit, margin, order dates. */
function addAmounts(c: ClientInputs, k: number, cols: InputColumns, i: number, revenue: number): void {
  c.orders[k] = (c.orders[k] as number) + 1;
  c.revenue[k] = (c.revenue[k] as number) + revenue;
  const p = cols.profits ? cols.profits[i] : null;
  if (typeof p === "number") c.profit[k] = (c.profit[k] ?? 0) + p;
  else if (p instanceof Invalid) noteOn(c, k, `profit: ${p.reason}`);
  const m = cols.margins ? cols.margins[i] : null;
  if (typeof m === "number") {
    c.marginRows[k] = (c.marginRows[k] as number) + 1;
    c.marginSingle[k] = m;
    addMarginBasis(c, k, m * revenue, revenue);
  } else {
    if (m instanceof Invalid) noteOn(c, k, `margin: ${m.reason}`);
    if (typeof p === "number") addMarginBasis(c, k, p, revenue);
  }
  const dt = cols.dates ? cols.dates[i] : null;
  if (typeof dt === "number") {
    const first = c.firstDate[k] as Day | null;
    const last = c.lastDate[k] as Day | null;
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
 */
export function marginOf(c: ClientInputs, k: number): number | null {
  if (c.marginRows[k] === 0) {
    const profit = c.profit[k] as number | null;
    const revenue = c.revenue[k] as number;
    return profit !== null && revenue > 0 ? cleanRatio(profit / revenue) : null;
  }
  if (c.marginBasis[k] === 1) return c.marginSingle[k] as number | null;
  const revenue = c.marginRevenue[k] as number;
  return revenue !== 0 ? cleanRatio((c.marginProfit[k] as number) / revenue) : null;
}

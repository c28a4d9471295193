/**
 * Clients in → ranked portfolio + summary + needs-data out (SPEC §2–§7).
 *
 * `gradePortfolio` is the one place a sheet of cells becomes a portfolio: it finds the header row,
 * maps the columns, parses each column once, aggregates an order list, rates, scores, grades, ranks
 * and summarises. It never throws on cell content: a row that cannot be ranked is listed under
 * `needsData` with its sheet row number and the reason.
 */
import { detectColumns, filledCells, findHeaderRow, FIELD_LABELS, type Field, type Mapping } from "./columns";
import { actionLine, specialist, type Specialist } from "./model/actions";
import { budgetPerClient, budgetPerGrade } from "./model/allocation";
import { hhi, hhiBand, industryConcentration, sum, topClientShare, topShare, type HhiBand, type IndustryShare } from "./model/concentration";
import { explanationText, percentText } from "./model/explain";
import { gradingOf, newGradings, type Grading } from "./model/grading";
import { clientKey, isGrade, latestSnapshot, movement, type Movement, type SnapshotRow } from "./model/history";
import { estimatedRelationship, quadrant, QUADRANTS, type Quadrant } from "./model/quadrant";
import { cleanRatio, painFromAlignment, profitRating, revenueRatings, untappedSpend, walletRating, type ProfitRating, type Rating } from "./model/ratings";
import { reviewStatus } from "./model/review";
import { rankOrder, revenueOrder } from "./model/rank-order";
import { gradeOrder, type Factors, type GradeRule } from "./model/score";
import type { Grade, Settings } from "./settings";
import {
  dayToIso, isBlank, Invalid, MARGIN_RANGE, parseAmount, parseDate, parseFractionColumn, parseLevel,
  parseRelationshipColumn, parseText, parseYesNo, WALLET_RANGE, type CellValue, type Day, type Level, type Parsed,
} from "./values";

export type Flag = "shed" | "laggard" | "duplicate" | "incomplete" | "estimated-relationship" | "override" | "review-due";

export interface ClientResult {
  rank: number;
  /** 1-based sheet row (for an order list, the first row the client appears on). */
  row: number;
  name: string;
  revenue: number;
  revenueRating: Rating;
  walletShare: number | null;
  walletRating: Rating;
  margin: number | null;
  profitRating: ProfitRating;
  strategic: Rating;
  pain: Rating;
  score: number;
  grade: Grade;
  relationship: number;
  benefit: number;
  quadrant: Quadrant;
  /** Shared between clients with the same flags: read-only. */
  flags: readonly Flag[];
  /** Points per factor, before weights (shared between clients with the same ratings: read-only). */
  points: Readonly<Record<keyof Factors, number>>;
  computedGrade: Grade;
  baseGrade: Grade;
  rules: readonly GradeRule[];
  overrideReason: string | null;
  relationshipEstimated: boolean;
  untappedSpend: number | null;
  profit: number | null;
  industry: string | null;
  /** Order-list rows merged into this client (1 for a per-client sheet). */
  orders: number;
  firstDate: string | null;
  lastDate: string | null;
  lastReview: string | null;
  nextReview: string | null;
  budgetShare: number;
  specialist: Specialist;
  actions: string;
  why: string;
  previousGrade: Grade | null;
  movement: Movement;
  /** Cells that were blank or unreadable and what was assumed, for the owner (read-only). */
  issues: readonly string[];
}

export interface NeedsData {
  row: number;
  name: string;
  reason: string;
}

export interface Summary {
  clients: number;
  revenue: number;
  byGrade: Record<Grade, number>;
  top20Share: number | null;
  topClientShare: number | null;
  hhi: number | null;
}

export interface Health {
  revenueByGrade: Record<Grade, number>;
  countByQuadrant: Record<Quadrant, number>;
  revenueByQuadrant: Record<Quadrant, number>;
  hhiBand: HhiBand | null;
  industries: IndustryShare[];
  industryHhi: number | null;
  warnings: string[];
  upgrades: number;
  downgrades: number;
  newClients: number;
  budgetByGrade: Record<Grade, number>;
}

export interface Portfolio {
  clients: ClientResult[];
  needsData: NeedsData[];
  summary: Summary;
  health: Health;
  mode: "clients" | "orders";
  /** Non-blank data rows read. */
  rowsRead: number;
  headers: string[];
  /** 1-based sheet row of the headers. */
  headerRow: number;
  mapping: Mapping;
  settings: Settings;
  today: string;
  /** Sheet row → the client it became (every row of an order list points at its client). */
  clientByRow: Map<number, ClientResult>;
}

export interface PortfolioInput {
  /** The sheet's cells from its first used row; `firstRow` is that row's 1-based number. */
  rows: readonly (readonly CellValue[])[];
  firstRow?: number;
  settings: Settings;
  /** Today, for review dates. */
  today: Day;
  /** Snapshots of earlier builds, for movement. */
  history?: readonly SnapshotRow[];
  /** Columns (0-based) the add-in wrote itself (matrix columns): never read as inputs. */
  ownColumns?: readonly number[];
}

/** Flags in the order a client lists them. */
const FLAG_ORDER: readonly Flag[] = ["shed", "laggard", "override", "duplicate", "incomplete", "estimated-relationship", "review-due"];
const FLAG_BIT = Object.fromEntries(FLAG_ORDER.map((f, i) => [f, 1 << i])) as Record<Flag, number>;
/** Each set of flags (a bit set over FLAG_ORDER) as one shared, frozen list. */
const FLAG_LISTS: (readonly Flag[] | undefined)[] = [];
function flagList(bits: number): readonly Flag[] {
  return (FLAG_LISTS[bits] ??= Object.freeze(FLAG_ORDER.filter((f) => (bits & FLAG_BIT[f]) !== 0)));
}
/** The flags a grading brings: the shed and laggard rules that fired, and the override. */
function gradingFlags(g: Grading): number {
  const { rules, override } = g.result;
  return (rules.includes("shed") ? FLAG_BIT.shed : 0) | (rules.includes("laggard") ? FLAG_BIT.laggard : 0) | (override ? FLAG_BIT.override : 0);
}
const NO_ISSUES: readonly string[] = Object.freeze([]);

/** ISO texts of days: a sheet has a few hundred distinct dates at most, each is made once. */
const ISO_DAYS = new Map<Day, string>();
function isoDay(day: Day): string {
  let s = ISO_DAYS.get(day);
  if (s === undefined) {
    s = dayToIso(day);
    if (ISO_DAYS.size >= 10_000) ISO_DAYS.clear();
    ISO_DAYS.set(day, s);
  }
  return s;
}

/**
 * The one-line plan (actionLine) depends on the grade, the specialist and the shed / laggard rules
 * only — not on the settings once the specialist is known: each of the 36 kinds is made once.
 */
const ACTION_LINES: (string | undefined)[] = [];
function actionLineOf(grade: Grade, share: number | null, specialistKind: Specialist, flags: number, settings: Settings): string {
  const shed = (flags & FLAG_BIT.shed) !== 0;
  const laggard = (flags & FLAG_BIT.laggard) !== 0;
  const kind = ((gradeOrder(grade) * 3 + (specialistKind === "growth" ? 1 : specialistKind === "relationship" ? 2 : 0)) * 2 + (shed ? 1 : 0)) * 2 + (laggard ? 1 : 0);
  return (ACTION_LINES[kind] ??= actionLine({ grade, share, flags: flagList(flags) }, settings));
}

export class MissingColumnsError extends Error {
  constructor(readonly missing: Field[], readonly headers: readonly string[]) {
    super(
      `no ${missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(" or ")} column found (headers seen: ${
        headers.filter((h) => h !== "").join(", ") || "none"
      })`,
    );
    this.name = "MissingColumnsError";
  }
}

export class EmptySheetError extends Error {
  constructor(readonly headerOnly: boolean) {
    super(headerOnly ? "the sheet has headers but no data rows" : "the sheet is empty");
    this.name = "EmptySheetError";
  }
}

/**
 * The clients' raw inputs before rating, one array per input: client k's revenue is `revenue[k]`.
 * Columns rather than one object per client: at 100,000 clients those objects cost more (mostly
 * in garbage collection) than grading the clients. A plain object, not a class instance: see
 * model/grading.
 */
interface ClientInputs {
  count: number;
  /** Sheet row of the client's first row. */
  row: Int32Array;
  /** The client's name as matched across rows and builds (clientKey). */
  key: string[];
  name: string[];
  revenue: Float64Array;
  profit: (number | null)[];
  /** Σ margin × revenue and Σ revenue over the rows with a margin (order lists). */
  marginWeighted: Float64Array;
  marginRevenue: Float64Array;
  /** The margin cell of a single-row client, kept exact. */
  marginSingle: (number | null)[];
  marginRows: Int32Array;
  wallet: (number | null)[];
  strategic: Rating[];
  pain: Rating[];
  relationship: (number | null)[];
  benefit: (number | null)[];
  industry: (string | null)[];
  override: (Grade | null)[];
  overrideReason: (string | null)[];
  review: (Day | null)[];
  firstDate: (Day | null)[];
  lastDate: (Day | null)[];
  orders: Int32Array;
  /** Blank or unreadable cells and what was assumed; null until there is one. */
  issues: (string[] | null)[];
  incomplete: Uint8Array;
  /** The note about a missing or unreadable wallet share, withdrawn if a later order has one. */
  walletIssue: (string | null)[];
}

/** Room for `capacity` clients (at most one per data row): every column is allocated once, and `addClient` sets each of them. */
function newClientInputs(capacity: number): ClientInputs {
  const nulls = <T>(): T[] => new Array<T>(capacity);
  return {
    count: 0,
    row: new Int32Array(capacity),
    key: nulls(),
    name: nulls(),
    revenue: new Float64Array(capacity),
    profit: nulls(),
    marginWeighted: new Float64Array(capacity),
    marginRevenue: new Float64Array(capacity),
    marginSingle: nulls(),
    marginRows: new Int32Array(capacity),
    wallet: nulls(),
    strategic: nulls(),
    pain: nulls(),
    relationship: nulls(),
    benefit: nulls(),
    industry: nulls(),
    override: nulls(),
    overrideReason: nulls(),
    review: nulls(),
    firstDate: nulls(),
    lastDate: nulls(),
    orders: new Int32Array(capacity),
    issues: nulls(),
    incomplete: new Uint8Array(capacity),
    walletIssue: nulls(),
  };
}

function noteOn(c: ClientInputs, k: number, text: string): void {
  const issues = c.issues[k];
  if (issues === null || issues === undefined) c.issues[k] = [text];
  else issues.push(text);
}

/** Notes a blank or unreadable cell and what was assumed; false when the value is fine. */
function noteIssue(c: ClientInputs, k: number, field: Field, v: unknown, assumed: string): boolean {
  if (v instanceof Invalid) noteOn(c, k, `${FIELD_LABELS[field].toLowerCase()}: ${v.reason}; ${assumed}`);
  else if (v === null || v === undefined) noteOn(c, k, `${FIELD_LABELS[field].toLowerCase()} missing; ${assumed}`);
  else return false;
  return true;
}

export interface Columns {
  headers: string[];
  headerIndex: number;
  mapping: Mapping;
}

/** Finds the header row and maps its columns; throws MissingColumnsError without a client or revenue. */
export function mapColumns(rows: readonly (readonly CellValue[])[], settings: Settings, ownColumns: readonly number[] = []): Columns {
  const own = new Set(ownColumns);
  const visible = own.size === 0 ? rows : rows.map((r) => r.map((v, i) => (own.has(i) ? null : v)));
  const headerIndex = findHeaderRow(visible, settings.mapping);
  const headerCells = visible[headerIndex] ?? [];
  const headers = headerCells.map((h) => (isBlank(h) ? "" : String(h).trim()));
  const { mapping } = detectColumns(headers, settings.mapping, filledCells(visible, headerIndex + 1));
  const missing = (["client", "revenue"] as const).filter((f) => mapping[f] === undefined);
  if (rows.every((r) => r.every(isBlank))) throw new EmptySheetError(false);
  if (missing.length > 0) throw new MissingColumnsError([...missing], headers);
  return { headers, headerIndex, mapping };
}

/** SPEC §2: an order list when more than 20% of the non-blank client cells repeat an earlier name. */
export function looksLikeOrderList(names: readonly (string | null)[]): boolean {
  return isOrderList(countRepeats(names.map((n) => (n === null ? null : clientKey(n)))));
}

interface Repeats {
  /** Non-blank client cells. */
  nonBlank: number;
  /** Cells that repeat an earlier name. */
  repeats: number;
}

function countRepeats(keys: readonly (string | null)[]): Repeats {
  const seen = new Set<string>();
  let nonBlank = 0;
  let repeats = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null || k === undefined) continue;
    nonBlank++;
    if (seen.has(k)) repeats++;
    else seen.add(k);
  }
  return { nonBlank, repeats };
}

const isOrderList = (r: Repeats): boolean => r.nonBlank > 0 && r.repeats * 5 > r.nonBlank;

/** A row with nothing in it but the add-in's own columns. */
function isBlankRow(cells: readonly CellValue[], own: ReadonlySet<number>): boolean {
  for (let c = 0; c < cells.length; c++) {
    if (!isBlank(cells[c]) && !own.has(c)) return false;
  }
  return true;
}

function column<T>(data: readonly (readonly CellValue[])[], index: number | undefined, parse: (v: CellValue) => T): T[] | null {
  if (index === undefined) return null;
  return data.map((r) => parse(r[index]));
}

function columnValues(data: readonly (readonly CellValue[])[], index: number | undefined): CellValue[] | null {
  return index === undefined ? null : data.map((r) => r[index]);
}

const parseOverride = (v: CellValue): Parsed<Grade> => {
  if (isBlank(v)) return null;
  const g = String(v).trim().toUpperCase();
  return isGrade(g) ? g : new Invalid(`manual grade ${JSON.stringify(String(v))} is not A, B or C`);
};

/** Each mapped input column parsed once (the percent rule and relationship scale are per column); null when not mapped. */
interface InputColumns {
  names: (string | null)[];
  revenues: Parsed<number>[];
  profits: Parsed<number>[] | null;
  margins: Parsed<number>[] | null;
  wallets: Parsed<number>[] | null;
  strategics: Parsed<Level>[] | null;
  pains: Parsed<Level>[] | null;
  aligned: Parsed<boolean>[] | null;
  easy: Parsed<boolean>[] | null;
  relationships: Parsed<number>[] | null;
  benefits: Parsed<number>[] | null;
  industries: (string | null)[] | null;
  dates: Parsed<Day>[] | null;
  overrides: Parsed<Grade>[] | null;
  reasons: (string | null)[] | null;
  reviews: Parsed<Day>[] | null;
}

function parseColumns(data: readonly (readonly CellValue[])[], mapping: Mapping): InputColumns {
  const marginCells = columnValues(data, mapping.margin);
  const walletCells = columnValues(data, mapping.wallet);
  const relCells = columnValues(data, mapping.relationship);
  const benefitCells = columnValues(data, mapping.benefit);
  return {
    names: column(data, mapping.client, parseText) as (string | null)[],
    revenues: column(data, mapping.revenue, parseAmount) as Parsed<number>[],
    profits: column(data, mapping.profit, parseAmount),
    margins: marginCells && parseFractionColumn(marginCells, MARGIN_RANGE),
    wallets: walletCells && parseFractionColumn(walletCells, WALLET_RANGE),
    strategics: column(data, mapping.strategic, parseLevel),
    pains: column(data, mapping.pain, parseLevel),
    aligned: column(data, mapping.aligned, parseYesNo),
    easy: column(data, mapping.easy, parseYesNo),
    relationships: relCells && parseRelationshipColumn(relCells),
    benefits: benefitCells && parseRelationshipColumn(benefitCells),
    industries: column(data, mapping.industry, parseText),
    dates: column(data, mapping.date, parseDate),
    overrides: column(data, mapping.override, parseOverride),
    reasons: column(data, mapping.overrideReason, parseText),
    reviews: column(data, mapping.review, parseDate),
  };
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

function lastIssue(c: ClientInputs, k: number): string {
  const issues = c.issues[k] as string[];
  return issues[issues.length - 1] as string;
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
  if (c.override[k] === null && cols.overrides && isGrade(cols.overrides[i])) c.override[k] = cols.overrides[i] as Grade;
  const rv = cols.reviews ? cols.reviews[i] : null;
  const review = c.review[k] as Day | null;
  if (typeof rv === "number" && (review === null || rv > review)) c.review[k] = rv;
}

/** Every row of a client adds its amounts: revenue, profit, margin, order dates. */
function addAmounts(c: ClientInputs, k: number, cols: InputColumns, i: number, revenue: number): void {
  c.orders[k]++;
  c.revenue[k] += revenue;
  const p = cols.profits ? cols.profits[i] : null;
  if (typeof p === "number") c.profit[k] = (c.profit[k] ?? 0) + p;
  else if (p instanceof Invalid) noteOn(c, k, `profit: ${p.reason}`);
  const m = cols.margins ? cols.margins[i] : null;
  if (typeof m === "number") {
    c.marginRows[k]++;
    c.marginSingle[k] = m;
    c.marginWeighted[k] += m * revenue;
    c.marginRevenue[k] += revenue;
  } else if (m instanceof Invalid) noteOn(c, k, `margin: ${m.reason}`);
  const dt = cols.dates ? cols.dates[i] : null;
  if (typeof dt === "number") {
    const first = c.firstDate[k] as Day | null;
    const last = c.lastDate[k] as Day | null;
    c.firstDate[k] = first === null ? dt : Math.min(first, dt);
    c.lastDate[k] = last === null ? dt : Math.max(last, dt);
  }
}

/** Margin: the margin column wins over profit ÷ revenue. */
function marginOf(c: ClientInputs, k: number): number | null {
  const rows = c.marginRows[k] as number;
  if (rows === 1) return c.marginSingle[k] as number | null;
  if (rows > 1) return c.marginRevenue[k] !== 0 ? cleanRatio((c.marginWeighted[k] as number) / (c.marginRevenue[k] as number)) : null;
  const profit = c.profit[k] as number | null;
  const revenue = c.revenue[k] as number;
  if (profit !== null && revenue > 0) return cleanRatio(profit / revenue);
  return null;
}

/** The clients of a sheet's rows, the rows that need data, and which client each row became. */
interface ReadClients {
  inputs: ClientInputs;
  needsData: NeedsData[];
  rowsRead: number;
  /** Per data row: the index of its client in `inputs`, or -1. */
  clientOfRow: Int32Array;
}

function readClients(
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

/** Everything a client's result needs beyond its own inputs and grading. */
interface ResultContext {
  settings: Settings;
  /** Clients per key, when names repeat in a per-client sheet (duplicates are flagged). */
  dupCount: Map<string, number> | null;
  previous: Map<string, SnapshotRow>;
  today: Day;
  reviewMapped: boolean;
  perClient: Record<Grade, number>;
}

function clientResult(rank: number, c: ClientInputs, k: number, g: Grading, margin: number | null, x: ResultContext): ClientResult {
  const { settings } = x;
  const sc = g.score;
  const grade = g.result.grade;
  const key = c.key[k] as string;
  const revenue = c.revenue[k] as number;
  const wallet = c.wallet[k] as number | null;
  const review = c.review[k] as Day | null;
  const firstDate = c.firstDate[k] as Day | null;
  const lastDate = c.lastDate[k] as Day | null;
  const overrideReason = c.overrideReason[k] as string | null;
  const givenRelationship = c.relationship[k] as number | null;
  const relationshipEstimated = givenRelationship === null;
  const relationship = givenRelationship ?? estimatedRelationship(wallet, g.factors.pain);
  const benefit = (c.benefit[k] as number | null) ?? sc;
  let flags = gradingFlags(g);
  if (x.dupCount !== null && (x.dupCount.get(key) ?? 0) > 1) flags |= FLAG_BIT.duplicate;
  if (c.incomplete[k] === 1 || wallet === null || margin === null) flags |= FLAG_BIT.incomplete;
  if (relationshipEstimated) flags |= FLAG_BIT["estimated-relationship"];
  let nextReview: string | null = null;
  if (x.reviewMapped) {
    const status = reviewStatus(grade, review, x.today, settings);
    nextReview = isoDay(status.next);
    if (status.due) flags |= FLAG_BIT["review-due"];
  }
  const prev = x.previous.size > 0 ? x.previous.get(key) : undefined;
  const previousGrade = prev && isGrade(prev.grade) ? prev.grade : null;
  const specialistKind = specialist(wallet, settings);
  return {
    rank,
    row: c.row[k] as number,
    name: c.name[k] as string,
    revenue,
    revenueRating: g.factors.revenue,
    walletShare: wallet,
    walletRating: g.factors.wallet,
    margin,
    profitRating: g.factors.profitability,
    strategic: g.factors.strategic,
    pain: g.factors.pain,
    score: sc,
    grade,
    relationship,
    benefit,
    quadrant: quadrant(relationship, benefit, settings.quadrantThreshold),
    flags: flagList(flags),
    points: g.points,
    computedGrade: g.result.computed,
    baseGrade: g.result.base,
    rules: g.result.rules,
    overrideReason,
    relationshipEstimated,
    untappedSpend: untappedSpend(revenue, wallet),
    profit: c.profit[k] as number | null,
    industry: c.industry[k] as string | null,
    orders: c.orders[k] as number,
    firstDate: firstDate === null ? null : isoDay(firstDate),
    lastDate: lastDate === null ? null : isoDay(lastDate),
    lastReview: review === null ? null : isoDay(review),
    nextReview,
    budgetShare: x.perClient[grade],
    specialist: specialistKind,
    actions: actionLineOf(grade, wallet, specialistKind, flags, settings),
    why: explanationText(g.explanation, margin, wallet, overrideReason),
    previousGrade,
    movement: movement(previousGrade, grade),
    issues: c.issues[k] ?? NO_ISSUES,
  };
}

/** Every client's margin and grading, in sheet order; grade (0 = A) and score for the rank order. */
interface Graded {
  gradings: Grading[];
  margins: (number | null)[];
  gradeIndex: Uint8Array;
  scores: Float64Array;
}

/** Rates and grades every client (in sheet order). */
function gradeClients(c: ClientInputs, revRatings: readonly Level[], settings: Settings, noMargin: string): Graded {
  const n = c.count;
  const gradings = newGradings(settings);
  const out: Graded = { gradings: new Array<Grading>(n), margins: new Array<number | null>(n), gradeIndex: new Uint8Array(n), scores: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const margin = marginOf(c, k);
    if (margin === null && !(c.issues[k] ?? NO_ISSUES).some((s) => s.startsWith("margin"))) noteOn(c, k, noMargin);
    const wallet = walletRating(c.wallet[k] as number | null, settings);
    const g = gradingOf(gradings, revRatings[k] as Level, wallet, profitRating(margin, settings), c.strategic[k] as Rating, c.pain[k] as Rating, margin, c.override[k] as Grade | null);
    out.gradings[k] = g;
    out.margins[k] = margin;
    out.gradeIndex[k] = gradeOrder(g.result.grade);
    out.scores[k] = g.score;
  }
  return out;
}

function countGrades(gradeIndex: Uint8Array): Record<Grade, number> {
  const counts = [0, 0, 0];
  for (let k = 0; k < gradeIndex.length; k++) counts[gradeIndex[k] as number]++;
  return { A: counts[0] as number, B: counts[1] as number, C: counts[2] as number };
}

/** Clients per key (a key counted more than once is a duplicate name). */
function countKeys(c: ClientInputs): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k < c.count; k++) {
    const key = c.key[k] as string;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The results in rank order, and each draft's result. */
function writeResults(order: Uint32Array, inputs: ClientInputs, graded: Graded, context: ResultContext): { clients: ClientResult[]; resultOf: ClientResult[] } {
  const clients: ClientResult[] = [];
  const resultOf = new Array<ClientResult>(inputs.count);
  for (let r = 0; r < order.length; r++) {
    const k = order[r] as number;
    const c = clientResult(r + 1, inputs, k, graded.gradings[k] as Grading, graded.margins[k] as number | null, context);
    clients.push(c);
    resultOf[k] = c;
  }
  return { clients, resultOf };
}

/** Sheet row → the client it became (every row of an order list points at its client). */
function clientsByRow(clientOfRow: Int32Array, resultOf: readonly ClientResult[], firstDataRow: number): Map<number, ClientResult> {
  const byRow = new Map<number, ClientResult>();
  for (let i = 0; i < clientOfRow.length; i++) {
    const k = clientOfRow[i] as number;
    if (k >= 0) byRow.set(firstDataRow + i, resultOf[k] as ClientResult);
  }
  return byRow;
}

export function gradePortfolio(input: PortfolioInput): Portfolio {
  const { settings } = input;
  const firstRow = input.firstRow ?? 1;
  const { headers, headerIndex, mapping } = mapColumns(input.rows, settings, input.ownColumns);
  const own = new Set(input.ownColumns ?? []);
  const data = input.rows.slice(headerIndex + 1);
  const firstDataRow = firstRow + headerIndex + 1;
  const cols = parseColumns(data, mapping);

  // Clients are matched by name ignoring case and surrounding spaces: one key per row.
  const keys = cols.names.map((n) => (n === null ? null : clientKey(n)));
  const repeats = settings.mode === "orders" ? null : countRepeats(keys);
  const mode: "clients" | "orders" = settings.mode === "auto" ? (isOrderList(repeats as Repeats) ? "orders" : "clients") : settings.mode;

  const { inputs, needsData, rowsRead, clientOfRow } = readClients(data, cols, keys, mode, own, firstDataRow);
  if (rowsRead === 0) throw new EmptySheetError(true);

  const revenueList = Array.from(inputs.revenue.subarray(0, inputs.count));
  const byRevenue = revenueOrder(revenueList, inputs.name);
  const revRatings = revenueRatings(revenueList, settings, byRevenue);

  const noMargin = mapping.margin === undefined && mapping.profit === undefined ? "no margin or profit column; scored as Unknown" : "margin missing; scored as Unknown";
  const graded = gradeClients(inputs, revRatings, settings, noMargin);

  // The SPEC §4 rank order (grade A–C, score ↓, revenue ↓, name in code units), without a
  // comparison sort: see model/rank-order.
  const order = rankOrder(byRevenue, graded.gradeIndex, graded.scores);
  const previous = latestSnapshot(input.history ?? []);
  const context: ResultContext = {
    settings,
    // Duplicate names in a per-client sheet: counted only when some name repeats at all.
    dupCount: mode === "clients" && (repeats === null || repeats.repeats > 0) ? countKeys(inputs) : null,
    previous,
    today: input.today,
    reviewMapped: mapping.review !== undefined,
    perClient: budgetPerClient(countGrades(graded.gradeIndex), settings.budget),
  };
  const { clients, resultOf } = writeResults(order, inputs, graded, context);
  const clientByRow = clientsByRow(clientOfRow, resultOf, firstDataRow);

  const summary = summarise(clients, settings);
  return {
    clients,
    needsData,
    summary,
    health: healthOf(clients, summary, settings, mapping.industry !== undefined, previous.size > 0),
    mode,
    rowsRead,
    headers,
    headerRow: firstRow + headerIndex,
    mapping,
    settings,
    today: dayToIso(input.today),
    clientByRow,
  };
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

export function summarise(clients: readonly ClientResult[], settings: Settings): Summary {
  const revenues = new Float64Array(clients.length);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    revenues[i] = c.revenue;
    byGrade[c.grade]++;
  }
  return {
    clients: clients.length,
    revenue: sum(revenues),
    byGrade,
    top20Share: topShare(revenues, settings.topSharePct),
    topClientShare: topClientShare(revenues),
    hhi: hhi(revenues),
  };
}

function healthOf(clients: readonly ClientResult[], summary: Summary, settings: Settings, industryMapped: boolean, hasHistory: boolean): Health {
  // Sums by grade (0 = A) and by quadrant (QUADRANTS order), in rank order.
  const gradeRevenue = new Float64Array(3);
  const gradeCount = new Uint32Array(3);
  const quadrantRevenue = new Float64Array(QUADRANTS.length);
  const quadrantCount = new Uint32Array(QUADRANTS.length);
  let upgrades = 0;
  let downgrades = 0;
  let newClients = 0;
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    const g = gradeOrder(c.grade);
    const q = QUADRANTS.indexOf(c.quadrant);
    gradeRevenue[g] += c.revenue;
    gradeCount[g]++;
    quadrantRevenue[q] += c.revenue;
    quadrantCount[q]++;
    if (c.movement === "▲") upgrades++;
    else if (c.movement === "▼") downgrades++;
    else if (c.movement === "new" && hasHistory) newClients++;
  }
  const byQuadrant = (sums: Float64Array | Uint32Array) => Object.fromEntries(QUADRANTS.map((q, i) => [q, sums[i] as number])) as Record<Quadrant, number>;
  const h = summary.hhi;
  const total = summary.revenue;
  const warnings: string[] = [];
  if (total > 0) {
    for (let i = 0; i < clients.length; i++) {
      const c = clients[i] as ClientResult;
      if (c.revenue * 100 > settings.clientWarningPct * total) {
        warnings.push(`${c.name} is ${percentText(c.revenue / total)} of revenue (above ${settings.clientWarningPct}%)`);
      }
    }
  }
  const ind = industryMapped ? industryConcentration(clients) : { industries: [], hhi: null };
  for (const i of ind.industries) {
    if (i.share * 100 > settings.industryWarningPct) {
      warnings.push(`${i.industry} is ${percentText(i.share)} of revenue (above ${settings.industryWarningPct}%)`);
    }
  }
  const counts: Record<Grade, number> = { A: gradeCount[0] as number, B: gradeCount[1] as number, C: gradeCount[2] as number };
  return {
    revenueByGrade: { A: gradeRevenue[0] as number, B: gradeRevenue[1] as number, C: gradeRevenue[2] as number },
    countByQuadrant: byQuadrant(quadrantCount),
    revenueByQuadrant: byQuadrant(quadrantRevenue),
    hhiBand: h === null ? null : hhiBand(h),
    industries: ind.industries,
    industryHhi: ind.hhi,
    warnings,
    upgrades,
    downgrades,
    newClients,
    budgetByGrade: budgetPerGrade(counts, settings.budget),
  };
}

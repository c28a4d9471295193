/**
 * Clients in → ranked portfolio + summary + needs-data out (SPEC §2–§7).
 *
 * `gradePortfolio` is the one place a sheet of cells becomes a portfolio: it finds the header row,
 * maps the columns, parses each column once, aggregates an order list, rates, scores, grades, ranks
 * and summarises. It never throws on cell content: a row that cannot be ranked is listed under
 * `needsData` with its sheet row number and the reason.
 */
import { detectColumns, findHeaderRow, FIELD_LABELS, type Field, type Mapping } from "./columns";
import { actionLine, specialist, type Specialist } from "./model/actions";
import { budgetPerClient } from "./model/allocation";
import { hhi, hhiBand, industryConcentration, sum, topClientShare, topShare, type HhiBand, type IndustryShare } from "./model/concentration";
import { explain } from "./model/explain";
import { clientKey, isGrade, latestSnapshot, movement, type Movement, type SnapshotRow } from "./model/history";
import { estimatedRelationship, quadrant, QUADRANTS, type Quadrant } from "./model/quadrant";
import { cleanRatio, painFromAlignment, profitRating, revenueRatings, untappedSpend, walletRating, type ProfitRating, type Rating } from "./model/ratings";
import { reviewStatus } from "./model/review";
import { rankOrder, revenueOrder } from "./model/rank-order";
import { factorPoints, grade, gradeOrder, scoreOfPoints, type Factors, type GradeRule } from "./model/score";
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
  flags: Flag[];
  /** Points per factor, before weights. */
  points: Record<keyof Factors, number>;
  computedGrade: Grade;
  baseGrade: Grade;
  rules: GradeRule[];
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
  /** Cells that were blank or unreadable and what was assumed, for the owner. */
  issues: string[];
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

export class MissingColumnsError extends Error {
  constructor(readonly missing: Field[], readonly headers: readonly string[]) {
    super(
      `no ${missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(" or ")} column found (headers seen: ${
        headers.filter((h) => h !== "").join(", ") || "none"
      }); name one with --map ${missing[0]}="Header"`,
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

/** Raw inputs of one client before rating. */
interface Draft {
  index: number;
  row: number;
  /** The client's name as matched across rows and builds (clientKey). */
  key: string;
  name: string;
  revenue: number;
  profit: number | null;
  /** Σ margin × revenue and Σ revenue over the rows with a margin (order lists). */
  marginWeighted: number;
  marginRevenue: number;
  /** The margin cell of a single-row client, kept exact. */
  marginSingle: number | null;
  marginRows: number;
  wallet: number | null;
  strategic: Rating;
  pain: Rating;
  relationship: number | null;
  benefit: number | null;
  industry: string | null;
  override: Grade | null;
  overrideReason: string | null;
  review: Day | null;
  firstDate: Day | null;
  lastDate: Day | null;
  orders: number;
  issues: string[];
  incomplete: boolean;
  /** The note about a missing or unreadable wallet share, withdrawn if a later order has one. */
  walletIssue: string | null;
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
  const { mapping } = detectColumns(headers, settings.mapping);
  const missing = (["client", "revenue"] as const).filter((f) => mapping[f] === undefined);
  if (rows.every((r) => r.every(isBlank))) throw new EmptySheetError(false);
  if (missing.length > 0) throw new MissingColumnsError([...missing], headers);
  return { headers, headerIndex, mapping };
}

/** SPEC §2: an order list when more than 20% of the non-blank client cells repeat an earlier name. */
export function looksLikeOrderList(names: readonly (string | null)[]): boolean {
  return repeatsAnEarlierName(names.map((n) => (n === null ? null : clientKey(n))));
}

function repeatsAnEarlierName(keys: readonly (string | null)[]): boolean {
  const seen = new Set<string>();
  let nonBlank = 0;
  let repeats = 0;
  for (const k of keys) {
    if (k === null) continue;
    nonBlank++;
    if (seen.has(k)) repeats++;
    else seen.add(k);
  }
  return nonBlank > 0 && repeats * 5 > nonBlank;
}

/** A row with nothing in it but the add-in's own columns. */
function isBlankRow(cells: readonly CellValue[], own: ReadonlySet<number>): boolean {
  for (let c = 0; c < cells.length; c++) {
    if (!isBlank(cells[c]) && !own.has(c)) return false;
  }
  return true;
}

/** Notes a blank or unreadable cell and what was assumed; false when the value is fine. */
function noteIssue(issues: string[], field: Field, v: unknown, assumed: string): boolean {
  if (v instanceof Invalid) issues.push(`${FIELD_LABELS[field].toLowerCase()}: ${v.reason}; ${assumed}`);
  else if (v === null || v === undefined) issues.push(`${FIELD_LABELS[field].toLowerCase()} missing; ${assumed}`);
  else return false;
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

export function gradePortfolio(input: PortfolioInput): Portfolio {
  const { settings } = input;
  const firstRow = input.firstRow ?? 1;
  const { headers, headerIndex, mapping } = mapColumns(input.rows, settings, input.ownColumns);
  const own = new Set(input.ownColumns ?? []);
  const data = input.rows.slice(headerIndex + 1);
  const sheetRow = (i: number) => firstRow + headerIndex + 1 + i;

  // Parse each mapped column once (the percent rule and relationship scale are per column).
  const names = column(data, mapping.client, parseText) as (string | null)[];
  const revenues = column(data, mapping.revenue, parseAmount) as Parsed<number>[];
  const profits = column(data, mapping.profit, parseAmount);
  const marginCells = columnValues(data, mapping.margin);
  const margins = marginCells && parseFractionColumn(marginCells, MARGIN_RANGE);
  const walletCells = columnValues(data, mapping.wallet);
  const wallets = walletCells && parseFractionColumn(walletCells, WALLET_RANGE);
  const strategics = column(data, mapping.strategic, parseLevel);
  const pains = column(data, mapping.pain, parseLevel);
  const aligned = column(data, mapping.aligned, parseYesNo);
  const easy = column(data, mapping.easy, parseYesNo);
  const relCells = columnValues(data, mapping.relationship);
  const relationships = relCells && parseRelationshipColumn(relCells);
  const benefitCells = columnValues(data, mapping.benefit);
  const benefits = benefitCells && parseRelationshipColumn(benefitCells);
  const industries = column(data, mapping.industry, parseText);
  const dates = column(data, mapping.date, parseDate);
  const overrides = column(data, mapping.override, parseOverride);
  const reasons = column(data, mapping.overrideReason, parseText);
  const reviews = column(data, mapping.review, parseDate);

  // Clients are matched by name ignoring case and surrounding spaces: one key per row.
  const keys = names.map((n) => (n === null ? null : clientKey(n)));
  const mode: "clients" | "orders" =
    settings.mode === "auto" ? (repeatsAnEarlierName(keys) ? "orders" : "clients") : settings.mode;

  const needsData: NeedsData[] = [];
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const draftOfRow: (Draft | null)[] = new Array(data.length).fill(null);
  let rowsRead = 0;

  for (let i = 0; i < data.length; i++) {
    const cells = data[i] as readonly CellValue[];
    if (isBlankRow(cells, own)) continue;
    rowsRead++;
    const row = sheetRow(i);
    const name = names[i] ?? null;
    const revenue = revenues[i] ?? null;
    if (name === null) {
      needsData.push({ row, name: "", reason: "no client name" });
      continue;
    }
    if (revenue === null || revenue instanceof Invalid) {
      needsData.push({ row, name, reason: revenue === null ? "no revenue" : `revenue: ${revenue.reason}` });
      continue;
    }
    const key = keys[i] as string;
    let d = mode === "orders" ? byKey.get(key) : undefined;
    if (!d) {
      d = {
        index: drafts.length, row, key, name, revenue: 0, profit: null, marginWeighted: 0, marginRevenue: 0, marginSingle: null, marginRows: 0,
        wallet: null, strategic: "Low", pain: "Unknown", relationship: null, benefit: null, industry: null,
        override: null, overrideReason: null, review: null, firstDate: null, lastDate: null, orders: 0,
        issues: [], incomplete: false, walletIssue: null,
      };
      drafts.push(d);
      if (mode === "orders") byKey.set(key, d);
      const issues = d.issues;
      const note = (field: Field, v: unknown, assumed: string): boolean => noteIssue(issues, field, v, assumed);
      // Per-client attributes: the first non-blank value of the client's rows.
      const w = wallets ? wallets[i] : null;
      if (typeof w === "number") d.wallet = w;
      else if (note("wallet", w ?? null, "scored as Unknown")) d.walletIssue = issues[issues.length - 1] as string;
      if (strategics) {
        const s = strategics[i];
        if (s instanceof Invalid) {
          d.strategic = "Unknown";
          d.incomplete = true;
          issues.push(`strategic value: ${s.reason}; scored as Unknown`);
        } else d.strategic = s ?? "Low";
      }
      d.pain = painOf(i, pains, aligned, easy, issues);
      if (d.pain === "Unknown") d.incomplete = true;
      const rel = relationships ? relationships[i] : null;
      if (typeof rel === "number") d.relationship = rel;
      else if (relationships) note("relationship", rel, "estimated");
      const ben = benefits ? benefits[i] : null;
      if (typeof ben === "number") d.benefit = ben;
      else if (benefits) note("benefit", ben, "the score is used");
      d.industry = industries ? (industries[i] ?? null) : null;
      const o = overrides ? overrides[i] : null;
      if (o instanceof Invalid) issues.push(`${o.reason}; ignored`);
      else if (o) d.override = o;
      d.overrideReason = reasons ? (reasons[i] ?? null) : null;
      const rv = reviews ? reviews[i] : null;
      if (rv instanceof Invalid) issues.push(`last review: ${rv.reason}`);
      else if (rv !== null && rv !== undefined) d.review = rv;
    } else {
      // Later orders of the same client fill what the first left blank.
      const w = wallets ? wallets[i] : null;
      if (d.wallet === null && typeof w === "number") {
        d.wallet = w;
        const k = d.walletIssue === null ? -1 : d.issues.indexOf(d.walletIssue);
        if (k >= 0) d.issues.splice(k, 1);
        d.walletIssue = null;
      }
      if (d.industry === null && industries) d.industry = industries[i] ?? null;
      if (d.override === null && overrides && isGrade(overrides[i])) d.override = overrides[i] as Grade;
      const rv = reviews ? reviews[i] : null;
      if (typeof rv === "number" && (d.review === null || rv > d.review)) d.review = rv;
    }
    d.orders++;
    d.revenue += revenue;
    const p = profits ? profits[i] : null;
    if (typeof p === "number") d.profit = (d.profit ?? 0) + p;
    else if (p instanceof Invalid) d.issues.push(`profit: ${p.reason}`);
    const m = margins ? margins[i] : null;
    if (typeof m === "number") {
      d.marginRows++;
      d.marginSingle = m;
      d.marginWeighted += m * revenue;
      d.marginRevenue += revenue;
    } else if (m instanceof Invalid) d.issues.push(`margin: ${m.reason}`);
    const dt = dates ? dates[i] : null;
    if (typeof dt === "number") {
      d.firstDate = d.firstDate === null ? dt : Math.min(d.firstDate, dt);
      d.lastDate = d.lastDate === null ? dt : Math.max(d.lastDate, dt);
    }
    draftOfRow[i] = d;
  }

  if (rowsRead === 0) throw new EmptySheetError(true);

  // Margin: the margin column wins over profit ÷ revenue.
  const marginOf = (d: Draft): number | null => {
    if (d.marginRows === 1) return d.marginSingle;
    if (d.marginRows > 1) return d.marginRevenue !== 0 ? cleanRatio(d.marginWeighted / d.marginRevenue) : null;
    if (d.profit !== null && d.revenue > 0) return cleanRatio(d.profit / d.revenue);
    return null;
  };

  const revenueList = drafts.map((d) => d.revenue);
  const byRevenue = revenueOrder(revenueList, drafts.map((d) => d.name));
  const revRatings = revenueRatings(revenueList, settings, byRevenue);
  const dupCount = new Map<string, number>();
  if (mode === "clients") for (const d of drafts) dupCount.set(d.key, (dupCount.get(d.key) ?? 0) + 1);
  const previous = latestSnapshot(input.history ?? []);
  const today = input.today;
  const reviewMapped = mapping.review !== undefined;

  const results: ClientResult[] = drafts.map((d, i) => {
    const margin = marginOf(d);
    const marginIssue = margin === null;
    if (marginIssue && !d.issues.some((s) => s.startsWith("margin"))) {
      d.issues.push(mapping.margin === undefined && mapping.profit === undefined ? "no margin or profit column; scored as Unknown" : "margin missing; scored as Unknown");
    }
    const factors: Factors = {
      revenue: revRatings[i] as Level,
      wallet: walletRating(d.wallet, settings),
      profitability: profitRating(margin, settings),
      strategic: d.strategic,
      pain: d.pain,
    };
    const points = factorPoints(factors);
    const sc = scoreOfPoints(points, settings.weights);
    const g = grade(factors, sc, margin, settings, d.override);
    const relationshipEstimated = d.relationship === null;
    const relationship = d.relationship ?? estimatedRelationship(d.wallet, d.pain);
    const benefit = d.benefit ?? sc;
    const flags: Flag[] = [];
    if (g.rules.includes("shed")) flags.push("shed");
    if (g.rules.includes("laggard")) flags.push("laggard");
    if (g.override) flags.push("override");
    if ((dupCount.get(d.key) ?? 0) > 1) flags.push("duplicate");
    if (d.incomplete || d.wallet === null || marginIssue) flags.push("incomplete");
    if (relationshipEstimated) flags.push("estimated-relationship");
    let nextReview: string | null = null;
    if (reviewMapped) {
      const status = reviewStatus(g.grade, d.review, today, settings);
      nextReview = dayToIso(status.next);
      if (status.due) flags.push("review-due");
    }
    const prev = previous.size > 0 ? previous.get(d.key) : undefined;
    const previousGrade = prev && isGrade(prev.grade) ? prev.grade : null;
    return {
      rank: 0,
      row: d.row,
      name: d.name,
      revenue: d.revenue,
      revenueRating: factors.revenue,
      walletShare: d.wallet,
      walletRating: factors.wallet,
      margin,
      profitRating: factors.profitability,
      strategic: factors.strategic,
      pain: factors.pain,
      score: sc,
      grade: g.grade,
      relationship,
      benefit,
      quadrant: quadrant(relationship, benefit, settings.quadrantThreshold),
      flags,
      points,
      computedGrade: g.computed,
      baseGrade: g.base,
      rules: g.rules,
      overrideReason: d.overrideReason,
      relationshipEstimated,
      untappedSpend: untappedSpend(d.revenue, d.wallet),
      profit: d.profit,
      industry: d.industry,
      orders: d.orders,
      firstDate: d.firstDate === null ? null : dayToIso(d.firstDate),
      lastDate: d.lastDate === null ? null : dayToIso(d.lastDate),
      lastReview: d.review === null ? null : dayToIso(d.review),
      nextReview,
      // Set below, once the grades are counted. NaN, not 0, so the field holds a fraction from
      // the start (an engine detail worth 10% of a 100k build: no later change of representation).
      budgetShare: Number.NaN,
      specialist: specialist(d.wallet, settings),
      actions: "",
      why: explain({ factors, points, weights: settings.weights, score: sc, result: g, margin, share: d.wallet, overrideReason: d.overrideReason }),
      previousGrade,
      movement: movement(previousGrade, g.grade),
      issues: d.issues,
    };
  });

  // The rank order (compareClients), without a comparison sort: see model/rank-order.
  const order = rankOrder(
    byRevenue,
    results.map((c) => gradeOrder(c.grade)),
    results.map((c) => c.score),
  );
  const clients = Array.from(order, (i) => results[i] as ClientResult);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (const c of clients) byGrade[c.grade]++;
  const perClient = budgetPerClient(byGrade, settings.budget);
  // The one-line plan depends on the grade, the specialist and two flags only: made once per kind.
  const actionLines: (string | undefined)[] = [];
  const actions = (c: ClientResult): string => {
    const specialistKind = c.specialist === "growth" ? 1 : c.specialist === "relationship" ? 2 : 0;
    const kind = ((gradeOrder(c.grade) * 3 + specialistKind) * 2 + (c.rules.includes("shed") ? 1 : 0)) * 2 + (c.rules.includes("laggard") ? 1 : 0);
    return (actionLines[kind] ??= actionLine({ grade: c.grade, share: c.walletShare, flags: c.flags }, settings));
  };
  clients.forEach((c, i) => {
    c.rank = i + 1;
    c.budgetShare = perClient[c.grade];
    c.actions = actions(c);
  });

  const clientByRow = new Map<number, ClientResult>();
  draftOfRow.forEach((d, i) => {
    if (d) clientByRow.set(sheetRow(i), results[d.index] as ClientResult);
  });

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
    today: dayToIso(today),
    clientByRow,
  };
}

function painOf(
  i: number,
  pains: Parsed<Level>[] | null,
  aligned: Parsed<boolean>[] | null,
  easy: Parsed<boolean>[] | null,
  issues: string[],
): Rating {
  if (pains) {
    const p = pains[i];
    if (typeof p === "string") return p;
    if (p instanceof Invalid) issues.push(`pain: ${p.reason}; scored as Unknown`);
    else if (!aligned || !easy) issues.push("pain missing; scored as Unknown");
    if (!aligned || !easy) return "Unknown";
  }
  if (aligned && easy) {
    const a = aligned[i];
    const e = easy[i];
    if (typeof a === "boolean" && typeof e === "boolean") return painFromAlignment(a, e);
    for (const [label, v] of [["aligned", a], ["easy", e]] as const) {
      if (v instanceof Invalid) issues.push(`${label}: ${v.reason}`);
      else if (v === null || v === undefined) issues.push(`${label} missing`);
    }
    issues.push("pain scored as Unknown");
    return "Unknown";
  }
  issues.push("no pain column; scored as Unknown");
  return "Unknown";
}

/** Rank order: grade (A, B, C), then score, revenue (descending), then name (code-unit order). */
export function compareClients(a: ClientResult, b: ClientResult): number {
  return (
    gradeOrder(a.grade) - gradeOrder(b.grade) ||
    b.score - a.score ||
    b.revenue - a.revenue ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : a.row - b.row)
  );
}

export function summarise(clients: readonly ClientResult[], settings: Settings): Summary {
  const revenues = clients.map((c) => c.revenue);
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  for (const c of clients) byGrade[c.grade]++;
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
  const revenueByGrade: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  const countByQuadrant = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as Record<Quadrant, number>;
  const revenueByQuadrant = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as Record<Quadrant, number>;
  const counts: Record<Grade, number> = { A: 0, B: 0, C: 0 };
  let upgrades = 0;
  let downgrades = 0;
  let newClients = 0;
  for (const c of clients) {
    revenueByGrade[c.grade] += c.revenue;
    countByQuadrant[c.quadrant]++;
    revenueByQuadrant[c.quadrant] += c.revenue;
    counts[c.grade]++;
    if (c.movement === "▲") upgrades++;
    else if (c.movement === "▼") downgrades++;
    else if (c.movement === "new" && hasHistory) newClients++;
  }
  const h = summary.hhi;
  const total = summary.revenue;
  const warnings: string[] = [];
  if (total > 0) {
    for (const c of clients) {
      if (c.revenue * 100 > settings.clientWarningPct * total) {
        warnings.push(`${c.name} is ${Math.round((c.revenue / total) * 1000) / 10}% of revenue (above ${settings.clientWarningPct}%)`);
      }
    }
  }
  const ind = industryMapped ? industryConcentration(clients) : { industries: [], hhi: null };
  for (const i of ind.industries) {
    if (i.share * 100 > settings.industryWarningPct) {
      warnings.push(`${i.industry} is ${Math.round(i.share * 1000) / 10}% of revenue (above ${settings.industryWarningPct}%)`);
    }
  }
  const budget = budgetPerClient(counts, settings.budget);
  return {
    revenueByGrade,
    countByQuadrant,
    revenueByQuadrant,
    hhiBand: h === null ? null : hhiBand(h),
    industries: ind.industries,
    industryHhi: ind.hhi,
    warnings,
    upgrades,
    downgrades,
    newClients,
    budgetByGrade: { A: budget.A * counts.A, B: budget.B * counts.B, C: budget.C * counts.C },
  };
}

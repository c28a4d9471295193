/**
 * Each graded client's result, in rank order: flags, quadrant, review, movement, budget share,
 * specialist, actions and the explanation. What clients have in common (flag lists, action lines,
 * ISO dates) is made once and shared.
 */
import { actionLine, specialist, type Specialist } from "../model/actions";
import { explanationText } from "../model/explain";
import type { Grading } from "../model/grading";
import { isSliding, lastGrades } from "../model/builds";
import { overrideExpired } from "../model/override";
import { isGrade, movement, type Movement, type SnapshotRow } from "../model/history";
import { estimatedRelationship, quadrantIndex as quadrantOf, QUADRANTS, type Quadrant } from "../model/quadrant";
import { untappedSpend } from "../model/ratings";
import { reviewStatus } from "../model/review";
import { clientPeriod, type ClientPeriod } from "../period/client-period";
import type { Period } from "../period/window";
import { gradeOrder } from "../model/score";
import type { Grade, Settings } from "../settings";
import { dayToIso, type Day } from "../values";
import { keyOf, nameOf, NO_ISSUES, orNull, textOf, type ClientInputs } from "./client-inputs";
import { gradingAt, type Graded } from "./grade-clients";
import type { ClientResult, Flag, JsonClient, JsonShape } from "./types";

/** Flags in the order a client lists them. */
const FLAG_ORDER: readonly Flag[] = ["shed", "laggard", "no-revenue", "lapsed", "at-risk", "sliding", "override", "override-expired", "duplicate", "incomplete", "estimated-relationship", "review-due"];
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

/** A first build's grades: this build's alone (shared, read-only). */
const ONLY: readonly (readonly Grade[])[] = [Object.freeze(["A"]), Object.freeze(["B"]), Object.freeze(["C"])];

/** Everything a client's result needs beyond its own inputs and grading. */
export interface ResultContext {
  settings: Settings;
  /** Clients per key, when names repeat in a per-client sheet (duplicates are flagged). */
  dupCount: Map<string, number> | null;
  previous: Map<string, SnapshotRow>;
  today: Day;
  reviewMapped: boolean;
  /** Budget per client of each grade, among the clients with a positive revenue (the others get none). */
  perClient: Record<Grade, number>;
  /** The current period of an order list with dates (SPEC §11), or null. */
  period: Period | null;
  /** The last builds of the history, oldest first (SPEC §7a). */
  builds: readonly Map<string, Grade>[];
}

/**
 * What the summary, the health and the migration need of every client, worked out for all of them
 * at once in columns (client k as in ClientInputs): the rest of a result — its texts, flags and
 * dates — is made only when the result is asked for (SPEC §10's fields are all there then).
 */
export interface Ranked {
  /** Rank − 1 → client k. */
  order: Uint32Array;
  /** The clients by revenue, highest first (model/rank-order's revenueOrder). */
  byRevenue: Uint32Array;
  inputs: ClientInputs;
  graded: Graded;
  /** Relationship strength (given or estimated) and mutual benefit, and the QUADRANTS index. */
  relationship: Float64Array;
  benefit: Float64Array;
  quadrant: Uint8Array;
  /** The grade of the latest earlier build, or null (a new client, or a first build). */
  previousGrade: (Grade | null)[] | null;
  /**
   * In rank order (index rank − 1), gathered once: the revenue, grade (0 = A) and QUADRANTS index
   * that the summary and health add up in rank order. Read through `order`, each sum would jump
   * about memory at random.
   */
  byRank: { revenue: Float64Array; grade: Uint8Array; quadrant: Uint8Array };
}

/**
 * The columns of `Ranked`, no object per client. Each pass over the clients is a function that
 * returns as its loop ends, with nothing made after it (see portfolio/health.ts).
 */
export function rankClients(order: Uint32Array, byRevenue: Uint32Array, inputs: ClientInputs, graded: Graded, x: ResultContext): Ranked {
  const n = inputs.count;
  const relationship = new Float64Array(n);
  const benefit = new Float64Array(n);
  const quadrant = new Uint8Array(n);
  placeClients(inputs, graded, x.settings.quadrantThreshold, relationship, benefit, quadrant);
  const previousGrade = x.previous.size > 0 ? previousGrades(inputs, x.previous, new Array<Grade | null>(n)) : null;
  const byRank = { revenue: new Float64Array(n), grade: new Uint8Array(n), quadrant: new Uint8Array(n) };
  gatherByRank(order, inputs.revenue, graded.gradeIndex, quadrant, byRank);
  return { order, byRevenue, inputs, graded, relationship, benefit, quadrant, previousGrade, byRank };
}

/** Each client's relationship (given or estimated), mutual benefit (given or its score) and quadrant. */
function placeClients(inputs: ClientInputs, graded: Graded, threshold: number, relationship: Float64Array, benefit: Float64Array, quadrant: Uint8Array): void {
  for (let k = 0; k < inputs.count; k++) {
    // NaN (NONE) is "not given"; read as numbers, not through `orNull`, whose number-or-null
    // would box each one.
    const given = inputs.relationship[k] as number;
    const g = gradingAt(graded, k);
    const rel = Number.isNaN(given) ? estimatedRelationship(orNull(inputs.wallet[k]), g.factors.pain) : given;
    const givenBenefit = inputs.benefit[k] as number;
    const ben = Number.isNaN(givenBenefit) ? g.score : givenBenefit;
    relationship[k] = rel;
    benefit[k] = ben;
    quadrant[k] = quadrantOf(rel, ben, threshold);
  }
}

/** Each client's grade in the latest earlier build, or null, into `into`. */
function previousGrades(inputs: ClientInputs, previous: ResultContext["previous"], into: (Grade | null)[]): (Grade | null)[] {
  for (let k = 0; k < into.length; k++) {
    const prev = previous.get(keyOf(inputs, k));
    into[k] = prev && isGrade(prev.grade) ? prev.grade : null;
  }
  return into;
}

/** The revenue, grade and quadrant of each rank, gathered once (see `Ranked.byRank`). */
function gatherByRank(order: Uint32Array, revenue: Float64Array, gradeIndex: Uint8Array, quadrant: Uint8Array, byRank: Ranked["byRank"]): void {
  const { revenue: rankRevenue, grade: rankGrade, quadrant: rankQuadrant } = byRank;
  for (let i = 0; i < order.length; i++) {
    const k = order[i] as number;
    rankRevenue[i] = revenue[k] as number;
    rankGrade[i] = gradeIndex[k] as number;
    rankQuadrant[i] = quadrant[k] as number;
  }
}

/** Client k's movement since the latest earlier build. */
export function movementOf(r: Ranked, k: number): Movement {
  return movement(r.previousGrade === null ? null : (r.previousGrade[k] ?? null), gradingAt(r.graded, k).result.grade);
}

/**
 * What a client's flags need worked out from its period, review and history: made once for its
 * result (clientResult) or its JSON (jsonClient).
 */
interface Standing {
  flags: number;
  over: Readonly<ClientPeriod>;
  /** When the client is next to be reviewed (with a review column), or null. */
  nextReview: Day | null;
  grades: readonly Grade[];
  previousGrade: Grade | null;
}

function standingOf(r: Ranked, k: number, x: ResultContext, g: Grading, wallet: number | null, margin: number | null): Standing {
  const c = r.inputs;
  const { settings } = x;
  const grade = g.result.grade;
  const revenue = c.revenue[k] as number;
  let flags = gradingFlags(g);
  if (!(revenue > 0)) flags |= FLAG_BIT["no-revenue"];
  const over = clientPeriod(x.period, { revenue, revenuePrevious: c.previousRevenue[k] as number, firstDate: orNull(c.firstDate[k]), lastDate: orNull(c.lastDate[k]), grade }, settings);
  if (over.lapsed) flags |= FLAG_BIT.lapsed;
  if (over.atRisk) flags |= FLAG_BIT["at-risk"];
  if (x.dupCount !== null && (x.dupCount.get(keyOf(c, k)) ?? 0) > 1) flags |= FLAG_BIT.duplicate;
  if (c.incomplete[k] === 1 || wallet === null || margin === null) flags |= FLAG_BIT.incomplete;
  if (Number.isNaN(c.relationship[k])) flags |= FLAG_BIT["estimated-relationship"];
  let nextReview: Day | null = null;
  if (x.reviewMapped) {
    const status = reviewStatus(grade, orNull(c.review[k]), x.today, settings);
    nextReview = status.next;
    if (status.due) flags |= FLAG_BIT["review-due"];
  }
  const grades = x.builds.length > 0 ? lastGrades(x.builds, keyOf(c, k), grade) : ONLY[gradeOrder(grade)] as readonly Grade[];
  if (isSliding(grades)) flags |= FLAG_BIT.sliding;
  if ((c.override[k] ?? null) !== null && overrideExpired(orNull(c.overrideUntil[k]), x.today)) flags |= FLAG_BIT["override-expired"];
  const previousGrade = r.previousGrade === null ? null : (r.previousGrade[k] ?? null);
  return { flags, over, nextReview, grades, previousGrade };
}

function clientResult(rank: number, r: Ranked, k: number, x: ResultContext): ClientResult {
  const c = r.inputs;
  const graded = r.graded;
  const g = gradingAt(graded, k);
  const margin = orNull(graded.margins[k]);
  const { settings } = x;
  const grade = g.result.grade;
  const revenue = c.revenue[k] as number;
  const wallet = orNull(c.wallet[k]);
  const review = orNull(c.review[k]);
  const firstDate = orNull(c.firstDate[k]);
  const lastDate = orNull(c.lastDate[k]);
  const overrideReason = textOf(c.overrideReason, k);
  const { flags, over, nextReview, grades, previousGrade } = standingOf(r, k, x, g, wallet, margin);
  const specialistKind = specialist(wallet, settings);
  return {
    rank,
    row: c.row[k] as number,
    name: nameOf(c, k),
    revenue,
    revenueRating: g.factors.revenue,
    walletShare: wallet,
    walletRating: g.factors.wallet,
    margin,
    profitRating: g.factors.profitability,
    strategic: g.factors.strategic,
    pain: g.factors.pain,
    score: g.score,
    grade,
    relationship: r.relationship[k] as number,
    benefit: r.benefit[k] as number,
    quadrant: QUADRANTS[r.quadrant[k] as number] as Quadrant,
    flags: flagList(flags),
    points: g.points,
    computedGrade: g.result.computed,
    baseGrade: g.result.base,
    rules: g.result.rules,
    overrideReason,
    relationshipEstimated: (flags & FLAG_BIT["estimated-relationship"]) !== 0,
    untappedSpend: untappedSpend(revenue, wallet),
    profit: orNull(graded.profits[k]),
    costToServe: orNull(c.costToServe[k]),
    industry: textOf(c.industry, k),
    orders: c.orders[k] as number,
    firstDate: firstDate === null ? null : isoDay(firstDate),
    lastDate: lastDate === null ? null : isoDay(lastDate),
    revenuePrevious: over.revenuePrevious,
    growth: over.growth,
    trend: over.trend,
    daysSinceLastOrder: over.daysSinceLastOrder,
    lastReview: review === null ? null : isoDay(review),
    nextReview: nextReview === null ? null : isoDay(nextReview),
    budgetShare: revenue > 0 ? x.perClient[grade] : 0,
    specialist: specialistKind,
    actions: actionLineOf(grade, wallet, specialistKind, flags, settings),
    why: explanationText(g.explanation, margin, wallet, overrideReason, graded.afterServing[k] === 1),
    previousGrade,
    movement: movement(previousGrade, grade),
    grades,
    issues: c.issues[k] ?? NO_ISSUES,
  };
}

/**
 * The client as SPEC §10's JSON writes it, made straight from the columns: the same fields, with
 * the same values, as its full result (clientResult), without the texts, points and dates the
 * JSON leaves out (test/cli/json-report.test.ts holds the two equal).
 */
function jsonClient(rank: number, r: Ranked, k: number, x: ResultContext, shape: JsonShape): JsonClient {
  const c = r.inputs;
  const graded = r.graded;
  const g = gradingAt(graded, k);
  const margin = orNull(graded.margins[k]);
  const wallet = orNull(c.wallet[k]);
  const grade = g.result.grade;
  const s = standingOf(r, k, x, g, wallet, margin);
  const out: JsonClient = {
    rank,
    row: c.row[k] as number,
    name: nameOf(c, k),
    revenue: c.revenue[k] as number,
    revenueRating: g.factors.revenue,
    walletShare: wallet,
    walletRating: g.factors.wallet,
    margin,
    profitRating: g.factors.profitability,
    strategic: g.factors.strategic,
    pain: g.factors.pain,
    score: g.score,
    grade,
    relationship: r.relationship[k] as number,
    benefit: r.benefit[k] as number,
    quadrant: QUADRANTS[r.quadrant[k] as number] as Quadrant,
    flags: [...flagList(s.flags)],
  };
  if (shape.history) {
    out.previousGrade = s.previousGrade;
    out.movement = movement(s.previousGrade, grade);
    out.grades = [...s.grades];
  }
  if (shape.period) {
    const lastDate = orNull(c.lastDate[k]);
    out.revenuePrevious = s.over.revenuePrevious;
    out.growth = s.over.growth;
    out.trend = s.over.trend;
    out.lastOrder = lastDate === null ? null : isoDay(lastDate);
    out.daysSinceLastOrder = s.over.daysSinceLastOrder;
  }
  if (shape.costs) out.costToServe = orNull(c.costToServe[k]);
  if (shape.profits) out.profit = orNull(graded.profits[k]);
  return out;
}

/** Clients per key (a key counted more than once is a duplicate name). */
export function countKeys(c: ClientInputs): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k < c.count; k++) {
    const key = keyOf(c, k);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The results in rank order and by sheet row, each made when first asked for and kept: a build
 * that writes values reads them all; a caller that wants the summary alone never makes them.
 */
export interface Results {
  clients(): ClientResult[];
  /** Ranks from + 1 … to as SPEC §10's JSON writes them (the fields `shape` says it has). */
  json(from: number, to: number, shape: JsonShape): JsonClient[];
  /** Sheet row → the client it became (every row of an order list points at its client). */
  byRow(): Map<number, ClientResult>;
}

export function lazyResults(r: Ranked, context: ResultContext, clientOfRow: Int32Array, firstDataRow: number): Results {
  let clients: ClientResult[] | null = null;
  let resultOf: ClientResult[] = [];
  let byRow: Map<number, ClientResult> | null = null;
  const all = (): ClientResult[] => {
    if (clients === null) {
      const made: ClientResult[] = new Array<ClientResult>(r.order.length);
      resultOf = new Array<ClientResult>(r.inputs.count);
      // Made in sheet order, each put at its rank: every input column is then read front to back,
      // not jumped about at random (at 100,000 clients that is most of the time it takes).
      const rankOf = new Int32Array(r.inputs.count).fill(-1);
      for (let i = 0; i < r.order.length; i++) rankOf[r.order[i] as number] = i;
      for (let k = 0; k < r.inputs.count; k++) {
        const i = rankOf[k] as number;
        if (i < 0) continue;
        const c = clientResult(i + 1, r, k, context);
        made[i] = c;
        resultOf[k] = c;
      }
      clients = made;
    }
    return clients;
  };
  return {
    clients: all,
    json(from, to, shape) {
      // Made from the columns even once every full result is kept: the JSON leaves out most of it.
      const some: JsonClient[] = [];
      for (let i = Math.max(0, from); i < Math.min(to, r.order.length); i++) some.push(jsonClient(i + 1, r, r.order[i] as number, context, shape));
      return some;
    },
    byRow() {
      if (byRow === null) {
        all();
        byRow = new Map<number, ClientResult>();
        for (let i = 0; i < clientOfRow.length; i++) {
          const k = clientOfRow[i] as number;
          if (k >= 0) byRow.set(firstDataRow + i, resultOf[k] as ClientResult);
        }
      }
      return byRow;
    },
  };
}

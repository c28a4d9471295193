/**
 * The custom functions of SPEC §8 as one table: name, parameters, documentation and an
 * implementation over 2D arrays. Sheets (`KAM_GRADE`), Excel (`KAM.GRADE`) and the HyperFormula
 * test plugin are generated from this table, so names and parameters cannot drift.
 *
 * Every function takes a cell or a range and returns the same shape; a blank input gives a blank
 * output, a bad cell gives a `KamError` in that cell alone. Coercion happens here, once, through
 * core/values; each body is a plain computation (the HyperFormula way).
 */
import { actionLine } from "./model/actions";
import { hhi, topShare } from "./model/concentration";
import { explain } from "./model/explain";
import { quadrant as quadrantOf, estimatedRelationship } from "./model/quadrant";
import { cleanRatio, painFromAlignment, profitRating, revenueCutoffs, revenueRatingForRank, walletRating, type ProfitRating, type Rating } from "./model/ratings";
import { grade as gradeOf, score as scoreOf, type Factors } from "./model/score";
import { gradePortfolio } from "./portfolio";
import { DEFAULT_SETTINGS, GRADES, type Grade, type Settings, type Weights } from "./settings";
import {
  Invalid, isBlank, MARGIN_RANGE, parseAmount, parseFraction, parseLevel, parseRelationshipColumn, parseYesNo,
  parseRelationship, percentScale, spreadsheetError, WALLET_RANGE, type CellValue, type Day,
} from "./values";

export class KamError {
  constructor(readonly message: string) {}
  toString(): string {
    return `⚠ ${this.message}`;
  }
}
export const isKamError = (v: unknown): v is KamError => v instanceof KamError;

/** One result cell: a number, text, "" for blank, or an error for this cell alone. */
export type Out = string | number | KamError;
export type Matrix = CellValue[][];

export interface Context {
  today: Day;
}

export interface Param {
  name: string;
  description: string;
  optional?: boolean;
  /** "range": a cell or a range; "value": one number or text. */
  kind: "range" | "value";
}

export interface KamFunction {
  /** The name without prefix: Sheets calls it KAM_<name>, Excel KAM.<name>. */
  name: string;
  description: string;
  params: Param[];
  /** "matrix": spills the shape of the first argument; "table": spills a table; "scalar": one value. */
  returns: "matrix" | "table" | "scalar";
  /** What the result cells hold, for the Excel metadata. */
  resultType: "string" | "number" | "any";
  example: string;
  run(args: readonly (Matrix | undefined)[], ctx: Context): Out[][];
}

// ---------------------------------------------------------------------------------------------
// Shapes

/** A host argument (a value or a 2D array) as a 2D array; a 2D array is kept as is (not copied),
 * so the revenue population cache finds it again by identity. */
export function toMatrix(x: unknown): Matrix {
  if (Array.isArray(x)) {
    if (x.length === 0) return [[null]];
    if (x.every(Array.isArray)) return x as Matrix;
    return x.map((row) => (Array.isArray(row) ? (row as CellValue[]) : [row as CellValue]));
  }
  return [[x as CellValue]];
}

const flat = (m: Matrix): CellValue[] => {
  const out: CellValue[] = [];
  for (const row of m) for (const v of row) out.push(v);
  return out;
};

/**
 * Broadcasts `arg` against the driver's shape: a single cell applies to every cell, a range of the
 * same shape cell by cell, a column of the same height row by row.
 */
function at(arg: Matrix | undefined, r: number, c: number): CellValue | Invalid {
  if (arg === undefined) return undefined;
  const rows = arg.length;
  const cols = arg[0]?.length ?? 0;
  if (rows === 1 && cols === 1) return arg[0]?.[0];
  if (r < rows && c < cols) return arg[r]?.[c];
  if (cols === 1 && r < rows) return arg[r]?.[0];
  if (rows === 1 && c < cols) return arg[0]?.[c];
  return new Invalid(`the ranges differ in size (${rows}×${cols})`);
}

function mapShape(driver: Matrix, f: (r: number, c: number) => Out): Out[][] {
  return driver.map((row, r) => row.map((_, c) => f(r, c)));
}

/** Runs `f` per cell of the driver, turning parse failures and shape errors into KamErrors. */
function perCell(driver: Matrix, others: readonly (Matrix | undefined)[], f: (values: CellValue[], r: number, c: number) => Out): Out[][] {
  return mapShape(driver, (r, c) => {
    const values: CellValue[] = [driver[r]?.[c]];
    for (const o of others) {
      const v = at(o, r, c);
      if (v instanceof Invalid) return new KamError(v.reason);
      values.push(v);
    }
    try {
      return f(values, r, c);
    } catch (e) {
      return new KamError(e instanceof Error ? e.message : String(e));
    }
  });
}

function fail(reason: string): never {
  throw new Error(reason);
}

/** One optional scalar argument (the first cell of its range). */
function scalarArg(arg: Matrix | undefined): CellValue {
  return arg === undefined ? undefined : arg[0]?.[0];
}

/** A percent setting given as 10, 10% or 0.1. */
function percentArg(arg: Matrix | undefined, name: string, fallback: number): number {
  const v = scalarArg(arg);
  if (isBlank(v)) return fallback;
  const f = parseFraction(v, percentScale([v]), { min: 0, max: 1, what: name });
  if (typeof f !== "number") fail(`${name}: ${f instanceof Invalid ? f.reason : "missing"}`);
  return f * 100;
}

function numberArg(arg: Matrix | undefined, name: string, fallback: number, min: number, max: number): number {
  const v = scalarArg(arg);
  if (isBlank(v)) return fallback;
  const n = parseAmount(v);
  if (typeof n !== "number" || n < min || n > max) fail(`${name} must be a number from ${min} to ${max}`);
  return n;
}

/** All results are this error (a bad scalar argument spoils every cell). */
function everywhere(driver: Matrix, e: unknown): Out[][] {
  const err = new KamError(e instanceof Error ? e.message : String(e));
  return mapShape(driver, () => err);
}

function guarded(driver: Matrix, f: () => Out[][]): Out[][] {
  try {
    return f();
  } catch (e) {
    return everywhere(driver, e);
  }
}

// ---------------------------------------------------------------------------------------------
// Ratings read back from cells (the outputs of the rating functions, or typed by hand)

const RATING_WORDS: Record<string, Rating | "Laggard"> = { unknown: "Unknown", laggard: "Laggard", "?": "Unknown" };

/** A rating cell: a level, Unknown, or (for profitability) Laggard. Unreadable → Unknown. */
function ratingOf(v: CellValue, blank: Rating): Rating | "Laggard" {
  if (isBlank(v)) return blank;
  if (typeof v === "string") {
    const w = RATING_WORDS[v.trim().toLowerCase()];
    if (w) return w;
  }
  const level = parseLevel(v);
  return typeof level === "string" ? level : "Unknown";
}

function factorsOf(values: readonly CellValue[]): Factors | null {
  const [rev, wallet, profit, strategic, pain] = values;
  if (isBlank(rev)) return null;
  const revenue = parseLevel(rev as CellValue);
  if (typeof revenue !== "string") fail(`revenue rating ${spreadsheetError(rev as CellValue) ?? JSON.stringify(rev)} must be High, Medium or Low`);
  const w = ratingOf(wallet, "Unknown");
  const s = ratingOf(strategic, "Low");
  const p = ratingOf(pain, "Unknown");
  return {
    revenue,
    wallet: w === "Laggard" ? "Unknown" : w,
    profitability: ratingOf(profit, "Unknown") as ProfitRating,
    strategic: s === "Laggard" ? "Unknown" : s,
    pain: p === "Laggard" ? "Unknown" : p,
  };
}

function weightsArg(arg: Matrix | undefined): Weights {
  if (arg === undefined || flat(arg).every(isBlank)) return DEFAULT_SETTINGS.weights;
  const nums = flat(arg).filter((v) => !isBlank(v)).map((v) => parseAmount(v));
  if (nums.length !== 5 || nums.some((n) => typeof n !== "number" || n < 0)) {
    fail("weights must be 5 numbers: revenue, wallet, profitability, strategic, pain");
  }
  const [revenue, wallet, profitability, strategic, pain] = nums as number[];
  const w = { revenue, wallet, profitability, strategic, pain } as Weights;
  const total = (revenue ?? 0) + (wallet ?? 0) + (profitability ?? 0) + (strategic ?? 0) + (pain ?? 0);
  if (Math.abs(total - 100) > 1e-9) fail(`weights must sum to 100 (they sum to ${total})`);
  return w;
}

function overrideOf(v: CellValue): Grade | null {
  if (isBlank(v)) return null;
  const g = String(v).trim().toUpperCase();
  if (g === "A" || g === "B" || g === "C") return g;
  fail(`manual grade ${JSON.stringify(String(v))} must be A, B or C`);
}

function gradeSettings(aMin: Matrix | undefined, bMin: Matrix | undefined): Pick<Settings, "gradeAMin" | "gradeBMin"> {
  const gradeAMin = numberArg(aMin, "a_min", DEFAULT_SETTINGS.gradeAMin, 0, 100);
  const gradeBMin = numberArg(bMin, "b_min", DEFAULT_SETTINGS.gradeBMin, 0, 100);
  if (gradeBMin > gradeAMin) fail("b_min must be at most a_min");
  return { gradeAMin, gradeBMin };
}

// ---------------------------------------------------------------------------------------------
// Revenue population, sorted once per distinct content

interface Population {
  /** Valid revenues, highest first. */
  sorted: Float64Array;
  /** prefix[k] = sum of the k largest. */
  prefix: Float64Array;
  total: number;
}

const byIdentity = new WeakMap<object, Population>();
const byContent = new Map<string, { values: Float64Array; population: Population }>();
let sorts = 0;
/** How many times a population was sorted (for tests: caching must keep this at one). */
export const populationSorts = (): number => sorts;

function hashValues(values: Float64Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const view = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < view.length; i++) {
    const x = view[i] as number;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${values.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

function population(arg: Matrix): Population {
  const cached = byIdentity.get(arg);
  if (cached) return cached;
  const nums: number[] = [];
  for (const row of arg) for (const v of row) {
    const n = parseAmount(v);
    if (typeof n === "number") nums.push(n);
  }
  const values = Float64Array.from(nums);
  const key = hashValues(values);
  const hit = byContent.get(key);
  if (hit && hit.values.length === values.length && hit.values.every((v, i) => v === values[i])) {
    byIdentity.set(arg, hit.population);
    return hit.population;
  }
  sorts++;
  const sorted = Float64Array.from(values).sort().reverse();
  const prefix = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = (prefix[i] as number) + (sorted[i] as number);
  const p = { sorted, prefix, total: prefix[sorted.length] as number };
  if (byContent.size > 32) byContent.clear();
  byContent.set(key, { values, population: p });
  byIdentity.set(arg, p);
  return p;
}

/** Number of population values strictly greater than x (the sorted array is descending). */
function countGreater(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// The table

const range = (name: string, description: string, optional = false): Param => ({ name, description, kind: "range", optional });
const value = (name: string, description: string): Param => ({ name, description, kind: "value", optional: true });

const RATING_PARAMS: Param[] = [
  range("revenue_r", "Revenue rating (High/Medium/Low), e.g. from KAM_REVENUE_RATING."),
  range("wallet_r", "Wallet-share rating; a Low share scores the most (upside)."),
  range("profit_r", "Profitability rating (High/Medium/Low/Laggard)."),
  range("strategic", "Strategic value: High/Medium/Low, H/M/L or 3/2/1; blank is Low."),
  range("pain", "Pain: Low/Medium/High, L/M/H or 1/2/3; blank is Unknown."),
];
const GRADE_PARAMS: Param[] = [
  ...RATING_PARAMS,
  range("override", "Manual grade A/B/C that wins over the computed one.", true),
  range("weights", "Five weights summing to 100, in the order revenue, wallet, profitability, strategic, pain.", true),
  value("a_min", "Score from which the base grade is A (default 60)."),
  value("b_min", "Score from which the base grade is B (default 35)."),
];

function gradeRow(values: readonly CellValue[], weights: Weights, thresholds: Pick<Settings, "gradeAMin" | "gradeBMin">) {
  const factors = factorsOf(values);
  if (!factors) return null;
  const sc = scoreOf(factors, weights);
  const override = overrideOf(values[5]);
  return { factors, score: sc, result: gradeOf(factors, sc, null, thresholds, override) };
}

export const FUNCTIONS: readonly KamFunction[] = [
  {
    name: "REVENUE_RATING",
    description: "Revenue rating by Pareto rank: High for the top 10% of clients, Medium for the next 10%, else Low.",
    params: [
      range("revenue", "The revenue of one client, or a column of revenues."),
      range("all_revenue", "Every client's revenue (the population ranked); default: the revenue argument.", true),
      value("top_pct", "Percent of clients rated High (default 10)."),
      value("next_pct", "Percent of clients rated Medium after them (default 10)."),
      value("method", "\"rank\" (default) or \"cumulative\": High while cumulative revenue ≤ top_pct (default 80%), Medium ≤ next_pct (default 95%)."),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_REVENUE_RATING(C2:C500, C2:C500)",
    run([revenue, all, top, next, method], _ctx) {
      const driver = revenue ?? [[null]];
      return guarded(driver, () => {
        const m = String(scalarArg(method) ?? "rank").trim().toLowerCase() || "rank";
        if (m !== "rank" && m !== "cumulative") fail('method must be "rank" or "cumulative"');
        const cumulative = m === "cumulative";
        const topPct = percentArg(top, "top_pct", cumulative ? DEFAULT_SETTINGS.cumulativeHighPct : DEFAULT_SETTINGS.revenueTopPct);
        const nextPct = percentArg(next, "next_pct", cumulative ? DEFAULT_SETTINGS.cumulativeMediumPct : DEFAULT_SETTINGS.revenueNextPct);
        const pop = population(all ?? driver);
        const cut = revenueCutoffs(pop.sorted.length, topPct, nextPct);
        if (!cumulative && topPct + nextPct > 100) fail("top_pct + next_pct must be at most 100");
        if (cumulative && topPct > nextPct) fail("top_pct must be at most next_pct for the cumulative method");
        return perCell(driver, [], ([v]) => {
          const x = parseAmount(v);
          if (x === null) return "";
          if (x instanceof Invalid) return new KamError(`revenue: ${x.reason}`);
          const above = countGreater(pop.sorted, x);
          if (!cumulative) return revenueRatingForRank(above + 1, cut);
          if (!(pop.total > 0)) return "Low";
          const running = (pop.prefix[above] as number) + x;
          return running * 100 <= topPct * pop.total ? "High" : running * 100 <= nextPct * pop.total ? "Medium" : "Low";
        });
      });
    },
  },
  {
    name: "WALLET_RATING",
    description: "Wallet-share rating: High above 75%, Medium from 50% to 75%, Low below 50% (a low share is upside).",
    params: [
      range("share", "Share of wallet: 60%, 0.6 or 60 (a column where any value is above 1 is read as percents)."),
      value("medium_pct", "Share from which the rating is Medium (default 50)."),
      value("high_pct", "Share above which the rating is High (default 75)."),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_WALLET_RATING(E2:E500)",
    run([share, medium, high]) {
      const driver = share ?? [[null]];
      return guarded(driver, () => {
        const s = { walletMediumPct: percentArg(medium, "medium_pct", 50), walletHighPct: percentArg(high, "high_pct", 75) };
        if (s.walletMediumPct > s.walletHighPct) fail("medium_pct must be at most high_pct");
        const asPercent = percentScale(flat(driver));
        return perCell(driver, [], ([v]) => {
          const f = parseFraction(v, asPercent, WALLET_RANGE);
          if (f === null) return "";
          if (f instanceof Invalid) return new KamError(f.reason);
          return walletRating(f, s);
        });
      });
    },
  },
  {
    name: "PROFIT_RATING",
    description: "Profitability rating on margin: High if ≥ 25%, Medium if ≥ 10%, Low if ≥ 0, Laggard if negative.",
    params: [
      range("margin", "Margin: 12%, 0.12 or 12 (a column where any value is above 1 is read as percents)."),
      value("adequate", "Margin from which the rating is Medium (default 10%)."),
      value("high", "Margin from which the rating is High (default 25%)."),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_PROFIT_RATING(D2:D500, 10%, 25%)",
    run([margin, adequate, high]) {
      const driver = margin ?? [[null]];
      return guarded(driver, () => {
        const s = { profitAdequatePct: percentArg(adequate, "adequate", 10), profitHighPct: percentArg(high, "high", 25) };
        if (s.profitAdequatePct > s.profitHighPct) fail("adequate must be at most high");
        const asPercent = percentScale(flat(driver));
        return perCell(driver, [], ([v]) => {
          const f = parseFraction(v, asPercent, MARGIN_RANGE);
          if (f === null) return "";
          if (f instanceof Invalid) return new KamError(f.reason);
          return profitRating(f, s);
        });
      });
    },
  },
  {
    name: "MARGIN",
    description: "Margin = profit ÷ revenue, as a fraction (format the cell as a percent).",
    params: [range("profit", "Profit amount."), range("revenue", "Revenue amount.")],
    returns: "matrix",
    resultType: "any",
    example: "=KAM_MARGIN(D2:D500, C2:C500)",
    run([profit, revenue]) {
      const driver = profit ?? [[null]];
      return perCell(driver, [revenue], ([p, r]) => {
        if (isBlank(p) && isBlank(r)) return "";
        const pn = parseAmount(p);
        const rn = parseAmount(r);
        if (pn === null || rn === null) return "";
        if (pn instanceof Invalid) return new KamError(`profit: ${pn.reason}`);
        if (rn instanceof Invalid) return new KamError(`revenue: ${rn.reason}`);
        if (!(rn > 0)) return new KamError("revenue is not positive: margin unknown");
        return cleanRatio(pn / rn);
      });
    },
  },
  {
    name: "LEVEL",
    description: "A strategic-value or pain cell as High/Medium/Low (accepts H/M/L and 3/2/1).",
    params: [
      range("value", "High/Medium/Low, H/M/L or 3/2/1."),
      range("otherwise", "Used where value is blank or unreadable, e.g. KAM_PAIN(aligned, easy) for pain.", true),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_LEVEL(F2:F500)",
    run([v, otherwise]) {
      const driver = v ?? [[null]];
      return perCell(driver, [otherwise], ([x, alt]) => {
        const level = parseLevel(x);
        if (typeof level === "string") return level;
        if (otherwise !== undefined && !isBlank(alt)) {
          const fallback = parseLevel(alt);
          if (typeof fallback === "string") return fallback;
          // An error shown by the fallback function ("⚠ easy is blank") stays an error here.
          return new KamError(typeof alt === "string" ? alt.replace(/^⚠\s*/, "") : fallback instanceof Invalid ? fallback.reason : "not a level");
        }
        if (level === null) return "";
        return new KamError(level.reason);
      });
    },
  },
  {
    name: "PAIN",
    description: "Pain from two yes/no answers: aligned and easy → Low, not aligned and hard → High, otherwise Medium.",
    params: [range("aligned", "Are their goals aligned with what we offer? yes/no."), range("easy", "Are they easy to serve? yes/no.")],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_PAIN(H2:H500, I2:I500)",
    run([aligned, easy]) {
      const driver = aligned ?? [[null]];
      return perCell(driver, [easy], ([a, e]) => {
        if (isBlank(a) && isBlank(e)) return "";
        const pa = parseYesNo(a);
        const pe = parseYesNo(e);
        if (pa === null || pe === null) return new KamError(`${pa === null ? "aligned" : "easy"} is blank`);
        if (pa instanceof Invalid) return new KamError(`aligned: ${pa.reason}`);
        if (pe instanceof Invalid) return new KamError(`easy: ${pe.reason}`);
        return painFromAlignment(pa, pe);
      });
    },
  },
  {
    name: "SCORE",
    description: "Key-account score 0–100: weighted points of the five ratings (revenue 30, profitability 25, strategic 20, wallet 15, pain 10).",
    params: [...RATING_PARAMS, range("weights", "Five weights summing to 100, in the order revenue, wallet, profitability, strategic, pain.", true)],
    returns: "matrix",
    resultType: "any",
    example: "=KAM_SCORE(H2:H500, I2:I500, J2:J500, F2:F500, G2:G500)",
    run(args) {
      const driver = args[0] ?? [[null]];
      return guarded(driver, () => {
        const weights = weightsArg(args[5]);
        return perCell(driver, args.slice(1, 5), (values) => {
          const f = factorsOf(values);
          return f ? scoreOf(f, weights) : "";
        });
      });
    },
  },
  {
    name: "GRADE",
    description: "Key-account grade A/B/C from the five ratings, with the shed, laggard and strategic-floor rules and an optional manual override.",
    params: GRADE_PARAMS,
    returns: "matrix",
    resultType: "string",
    example: "=KAM_GRADE(H2:H500, I2:I500, J2:J500, F2:F500, G2:G500)",
    run(args) {
      const driver = args[0] ?? [[null]];
      return guarded(driver, () => {
        const weights = weightsArg(args[6]);
        const thresholds = gradeSettings(args[7], args[8]);
        return perCell(driver, args.slice(1, 6), (values) => gradeRow(values, weights, thresholds)?.result.grade ?? "");
      });
    },
  },
  {
    name: "WHY",
    description: "Explains a grade: each factor's rating and points and every rule that fired.",
    params: GRADE_PARAMS,
    returns: "matrix",
    resultType: "string",
    example: "=KAM_WHY(H2, I2, J2, F2, G2)",
    run(args) {
      const driver = args[0] ?? [[null]];
      return guarded(driver, () => {
        const weights = weightsArg(args[6]);
        const thresholds = gradeSettings(args[7], args[8]);
        return perCell(driver, args.slice(1, 6), (values) => {
          const g = gradeRow(values, weights, thresholds);
          return g ? explain({ factors: g.factors, weights, score: g.score, result: g.result }) : "";
        });
      });
    },
  },
  {
    name: "RELATIONSHIP",
    description: "Relationship strength 0–100: from a relationship column (1–5, 0–10, 0–100, H/M/L or a stage word), or estimated from wallet share and pain when pain is given.",
    params: [
      range("strength_or_share", "Relationship strength; or, with pain alone, the share of wallet."),
      range("pain", "Pain rating: when given, strength is estimated as 100 × (½·share + ½·pain points).", true),
      range("share", "Share of wallet: with it, strength_or_share is the relationship column and blank cells are estimated from share and pain.", true),
    ],
    returns: "matrix",
    resultType: "any",
    example: "=KAM_RELATIONSHIP(E2:E500, G2:G500)",
    run([first, pain, share]) {
      const driver = first ?? [[null]];
      const estimate = (sharesAsPercent: boolean, s: CellValue, p: CellValue): number => {
        const f = parseFraction(s, sharesAsPercent, WALLET_RANGE);
        const painRating = ratingOf(p, "Unknown");
        return estimatedRelationship(typeof f === "number" ? f : null, painRating === "Laggard" ? "Unknown" : painRating);
      };
      if (pain === undefined) {
        return guarded(driver, () => {
          const parsed = parseRelationshipColumn(flat(driver));
          const cols = driver[0]?.length ?? 1;
          return mapShape(driver, (r, c) => {
            const x = parsed[r * cols + c];
            if (x === null || x === undefined) return "";
            return x instanceof Invalid ? new KamError(x.reason) : x;
          });
        });
      }
      if (share !== undefined) {
        // A relationship column, with the estimate where a cell is blank (as the portfolio does).
        return guarded(driver, () => {
          const parsed = parseRelationshipColumn(flat(driver));
          const cols = driver[0]?.length ?? 1;
          const asPercent = percentScale(flat(share));
          return perCell(driver, [pain, share], ([, p, s], r, c) => {
            const x = parsed[r * cols + c];
            if (typeof x === "number") return x;
            if (isBlank(p) && isBlank(s)) return "";
            return estimate(asPercent, s, p);
          });
        });
      }
      const asPercent = percentScale(flat(driver));
      return perCell(driver, [pain], ([s, p]) => {
        if (isBlank(s) && isBlank(p)) return "";
        return estimate(asPercent, s, p);
      });
    },
  },
  {
    name: "QUADRANT",
    description: "Quadrant of relationship strength × mutual benefit (both 0–100, 50 and above is strong/high): Key client, Invest in relationship, Higher-value offers or Rethink.",
    params: [
      range("relationship", "Relationship strength 0–100 (e.g. from KAM_RELATIONSHIP)."),
      range("benefit", "Mutual benefit 0–100 (usually the score)."),
      value("threshold", "Boundary on both axes (default 50)."),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_QUADRANT(N2:N500, L2:L500)",
    run([relationship, benefit, threshold]) {
      const driver = relationship ?? [[null]];
      return guarded(driver, () => {
        const t = numberArg(threshold, "threshold", 50, 0, 100);
        return perCell(driver, [benefit], ([x, y]) => {
          if (isBlank(x) && isBlank(y)) return "";
          const rx = axis(x, "relationship");
          const by = axis(y, "benefit");
          if (rx instanceof KamError) return rx;
          if (by instanceof KamError) return by;
          return quadrantOf(rx, by, t);
        });
      });
    },
  },
  {
    name: "ACTIONS",
    description: "The one-line plan for a grade: sponsor, meeting cadence, and a growth or relationship specialist by wallet share.",
    params: [range("grade", "A, B or C."), range("share", "Share of wallet, for the specialist.", true)],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_ACTIONS(M2:M500, E2:E500)",
    run([g, share]) {
      const driver = g ?? [[null]];
      const asPercent = share ? percentScale(flat(share)) : false;
      return perCell(driver, [share], ([gv, s]) => {
        if (isBlank(gv)) return "";
        const letter = String(gv).trim().toUpperCase();
        if (!(GRADES as readonly string[]).includes(letter)) return new KamError(`grade ${JSON.stringify(String(gv))} must be A, B or C`);
        const f = parseFraction(s, asPercent, WALLET_RANGE);
        return actionLine({ grade: letter as Grade, share: typeof f === "number" ? f : null, flags: [] }, DEFAULT_SETTINGS);
      });
    },
  },
  {
    name: "PORTFOLIO",
    description: "The whole ranked portfolio, live, from a table whose first row holds the headers (one row per client or per order).",
    params: [range("table_with_headers", "The client table including its header row.")],
    returns: "table",
    resultType: "any",
    example: "=KAM_PORTFOLIO(A1:K500)",
    run([table], ctx) {
      const rows = table ?? [[null]];
      if (flat(rows).every(isBlank)) return [[""]];
      try {
        return portfolioTable(rows, ctx);
      } catch (e) {
        return [[new KamError(e instanceof Error ? e.message : String(e))]];
      }
    },
  },
  {
    name: "HHI",
    description: "Herfindahl-Hirschman index of revenue concentration (0–10,000; above 1,800 highly concentrated, 1,000–1,800 moderately).",
    params: [range("revenues", "Every client's revenue.")],
    returns: "scalar",
    resultType: "number",
    example: "=KAM_HHI(C2:C500)",
    run([revenues]) {
      const nums = amounts(revenues);
      if (nums instanceof KamError) return [[nums]];
      if (nums.length === 0) return [[""]];
      const h = hhi(nums);
      return [[h === null ? new KamError("total revenue is not positive") : h]];
    },
  },
  {
    name: "TOP_SHARE",
    description: "Share of revenue from the top 20% of clients (the 80/20 check), as a fraction.",
    params: [range("revenues", "Every client's revenue."), value("top_pct", "Percent of clients counted as the top (default 20).")],
    returns: "scalar",
    resultType: "number",
    example: "=KAM_TOP_SHARE(C2:C500)",
    run([revenues, top]) {
      try {
        const pct = percentArg(top, "top_pct", 20);
        const nums = amounts(revenues);
        if (nums instanceof KamError) return [[nums]];
        if (nums.length === 0) return [[""]];
        const s = topShare(nums, pct);
        return [[s === null ? new KamError("total revenue is not positive") : s]];
      } catch (e) {
        return [[new KamError((e as Error).message)]];
      }
    },
  },
];

function axis(v: CellValue, what: string): number | KamError {
  if (isBlank(v)) return new KamError(`${what} is blank`);
  // Numbers are on the 0–100 scale here; words (stage, H/M/L) and "80%" are read as in a column.
  const n = parseAmount(v);
  if (typeof n === "number") return n >= 0 && n <= 100 ? n : new KamError(`${what} ${n} is outside 0–100`);
  const x = parseRelationship(v, "0-100");
  return typeof x === "number" ? x : new KamError(`${what}: ${x instanceof Invalid ? x.reason : "blank"}`);
}

function amounts(arg: Matrix | undefined): number[] | KamError {
  const out: number[] = [];
  for (const v of flat(arg ?? [[null]])) {
    const n = parseAmount(v);
    if (n instanceof Invalid) return new KamError(`revenue: ${n.reason}`);
    if (n !== null) out.push(n);
  }
  return out;
}

export const PORTFOLIO_COLUMNS = [
  "Rank", "Client", "Grade", "Score", "Revenue", "Revenue rating", "Wallet rating", "Profit rating",
  "Strategic", "Pain", "Quadrant", "Flags", "Actions",
] as const;

function portfolioTable(rows: Matrix, ctx: Context): Out[][] {
  const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today: ctx.today });
  const out: Out[][] = [[...PORTFOLIO_COLUMNS]];
  for (const c of p.clients) {
    out.push([c.rank, c.name, c.grade, c.score, c.revenue, c.revenueRating, c.walletRating, c.profitRating, c.strategic, c.pain, c.quadrant, c.flags.join(", "), c.actions]);
  }
  for (const n of p.needsData) {
    out.push(["", n.name || `(row ${n.row})`, "Needs data", "", "", "", "", "", "", "", "", `row ${n.row}: ${n.reason}`, ""]);
  }
  return out;
}

export const FUNCTION_BY_NAME: ReadonlyMap<string, KamFunction> = new Map(FUNCTIONS.map((f) => [f.name, f]));

/**
 * Calls a function the way a host does: raw host arguments in (values or 2D arrays), a 2D result
 * out. `scalarIn` tells whether every argument was a single value, so hosts can return a value.
 */
export function callFunction(name: string, rawArgs: readonly unknown[], ctx: Context): { result: Out[][]; scalarIn: boolean } {
  const f = FUNCTION_BY_NAME.get(name);
  if (!f) return { result: [[new KamError(`unknown function ${name}`)]], scalarIn: true };
  const args = f.params.map((_, i) => (rawArgs[i] === undefined ? undefined : toMatrix(rawArgs[i])));
  const scalarIn = !rawArgs.some((a) => Array.isArray(a) && (a.length > 1 || (Array.isArray(a[0]) && (a[0] as unknown[]).length > 1)));
  return { result: f.run(args, ctx), scalarIn };
}

/**
 * Arguments as the functions read them (coercion through core/values, once): optional scalar
 * settings — percents and numbers, their defaults from DEFAULT_SETTINGS — weights, a manual
 * grade, and ratings read back from cells (the outputs of the rating functions, or typed by hand).
 */
import type { ProfitRating, Rating } from "../model/ratings";
import type { Factors } from "../model/score";
import { DEFAULT_SETTINGS, sumText, type Grade, type Settings, type Weights } from "../settings";
import { Invalid, isBlank, parseAmount, parseFraction, parseLevel, parseRelationship, percentScale, spreadsheetError, type CellValue, type FractionRange } from "../values";
import { fail, flat, KamError, perCell, shownKamError, type Matrix, type Out } from "./shapes";

/** The 0–100 scale of scores, grade thresholds and the quadrant's axes (SPEC §4, §5), as in the settings. */
export const SCALE = { min: 0, max: 100 } as const;

/** One optional scalar argument (the first cell of its range). */
export function scalarArg(arg: Matrix | undefined): CellValue {
  return arg === undefined ? undefined : arg[0]?.[0];
}

/** A percent setting given as 10, 10% or 0.1, in percent; `fallback` (a default setting) when blank. */
export function percentArg(arg: Matrix | undefined, name: string, fallback: number): number {
  const v = scalarArg(arg);
  if (isBlank(v)) return fallback;
  const f = parseFraction(v, percentScale([v]), { min: 0, max: 1, what: name });
  if (typeof f !== "number") fail(`${name}: ${f instanceof Invalid ? f.reason : "missing"}`);
  return f * 100;
}

/** A number on the 0–100 scale; `fallback` (a default setting) when blank. */
export function scaleArg(arg: Matrix | undefined, name: string, fallback: number): number {
  const v = scalarArg(arg);
  if (isBlank(v)) return fallback;
  const n = parseAmount(v);
  if (typeof n !== "number" || n < SCALE.min || n > SCALE.max) fail(`${name} must be a number from ${SCALE.min} to ${SCALE.max}`);
  return n;
}

/** Five weights in the order revenue, wallet, profitability, strategic, pain; the default weights when blank. */
export function weightsArg(arg: Matrix | undefined): Weights {
  if (arg === undefined || flat(arg).every(isBlank)) return DEFAULT_SETTINGS.weights;
  const nums = flat(arg).filter((v) => !isBlank(v)).map((v) => parseAmount(v));
  if (nums.length !== 5 || nums.some((n) => typeof n !== "number" || n < 0)) {
    fail("weights must be 5 numbers: revenue, wallet, profitability, strategic, pain");
  }
  const [revenue, wallet, profitability, strategic, pain] = nums as number[];
  const w = { revenue, wallet, profitability, strategic, pain } as Weights;
  const total = (revenue ?? 0) + (wallet ?? 0) + (profitability ?? 0) + (strategic ?? 0) + (pain ?? 0);
  if (Math.abs(total - 100) > 1e-9) fail(`weights must sum to 100 (they sum to ${sumText(total)})`);
  return w;
}

/** The base-grade thresholds a_min and b_min; the default ones when blank. */
export function gradeSettings(aMin: Matrix | undefined, bMin: Matrix | undefined): Pick<Settings, "gradeAMin" | "gradeBMin"> {
  const gradeAMin = scaleArg(aMin, "a_min", DEFAULT_SETTINGS.gradeAMin);
  const gradeBMin = scaleArg(bMin, "b_min", DEFAULT_SETTINGS.gradeBMin);
  if (gradeBMin > gradeAMin) fail("b_min must be at most a_min");
  return { gradeAMin, gradeBMin };
}

export function overrideOf(v: CellValue): Grade | null {
  if (isBlank(v)) return null;
  const g = String(v).trim().toUpperCase();
  if (g === "A" || g === "B" || g === "C") return g;
  fail(`manual grade ${JSON.stringify(String(v))} must be A, B or C`);
}

/** Words are data (SPEC §2a): a Map, so a cell reading `constructor` is an unknown word, never Object's function. */
const RATING_WORDS = new Map<string, Rating | "Laggard">([["unknown", "Unknown"], ["laggard", "Laggard"], ["?", "Unknown"]]);

/** A rating cell: a level, Unknown, or (for profitability) Laggard. Unreadable → Unknown. */
export function ratingOf(v: CellValue, blank: Rating): Rating | "Laggard" {
  if (isBlank(v)) return blank;
  if (typeof v === "string") {
    const w = RATING_WORDS.get(v.trim().toLowerCase());
    if (w) return w;
  }
  const level = parseLevel(v);
  return typeof level === "string" ? level : "Unknown";
}

/** The five ratings of one client (revenue, wallet, profit, strategic, pain); null when revenue is blank. */
export function factorsOf(values: readonly CellValue[]): Factors | null {
  const [rev, wallet, profit, strategic, pain] = values;
  if (isBlank(rev)) return null;
  const revenue = parseLevel(rev);
  if (typeof revenue !== "string") fail(`revenue rating ${spreadsheetError(rev) ?? JSON.stringify(rev)} must be High, Medium or Low`);
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

/** A relationship or benefit value on the 0–100 scale (a number, "80%", a stage word or H/M/L). */
export function axis(v: CellValue, what: string): number | KamError {
  if (isBlank(v)) return new KamError(`${what} is blank`);
  // Numbers are on the 0–100 scale here; words (stage, H/M/L) and "80%" are read as in a column.
  const n = parseAmount(v);
  if (typeof n === "number") return n >= SCALE.min && n <= SCALE.max ? n : new KamError(`${what} ${n} is outside 0–100`);
  const x = parseRelationship(v, "0-100");
  return typeof x === "number" ? x : new KamError(`${what}: ${x instanceof Invalid ? x.reason : "blank"}`);
}

/** Every amount of a range (blanks skipped); the first unreadable one is the error, naming `what`. */
export function amounts(arg: Matrix | undefined, what = "revenue"): number[] | KamError {
  const out: number[] = [];
  for (const v of flat(arg ?? [[null]])) {
    const n = parseAmount(v);
    if (n instanceof Invalid) return new KamError(`${what}: ${n.reason}`);
    if (n !== null) out.push(n);
  }
  return out;
}

/**
 * A column of fractions (a wallet share, a margin) rated cell by cell: a column where any value is
 * above 1 is read as percents; blank stays blank, an unreadable cell is its error.
 */
export function ratedFractions(driver: Matrix, range: FractionRange, rate: (f: number) => Out): Out[][] {
  const asPercent = percentScale(flat(driver));
  return perCell(driver, [], ([v]) => {
    // Over another function's result (PROFIT_RATING(MARGIN(…))): the error it showed stays that error, said once.
    const shown = shownKamError(v);
    if (shown !== null) return shown;
    const f = parseFraction(v, asPercent, range);
    if (f === null) return "";
    return f instanceof Invalid ? new KamError(f.reason) : rate(f);
  });
}

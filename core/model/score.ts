/**
 * Score and grade (SPEC §4): points per factor, weighted score, the four grade rules in order,
 * and the manual override.
 */
import type { Grade, Settings, Weights } from "../settings";
import type { ProfitRating, Rating } from "./ratings";

export interface Factors {
  revenue: Rating;
  /** The wallet-share rating: a Low share scores the most (upside). */
  wallet: Rating;
  profitability: ProfitRating;
  strategic: Rating;
  pain: Rating;
}

const LEVEL_POINTS: Record<Rating, number> = { High: 1, Medium: 0.5, Low: 0, Unknown: 0.5 };

export function revenuePoints(r: Rating): number {
  return LEVEL_POINTS[r];
}
/** Wallet upside: share Low 1, Medium ½, High 0. */
export function walletPoints(r: Rating): number {
  return r === "Unknown" ? 0.5 : 1 - LEVEL_POINTS[r];
}
export function profitPoints(r: ProfitRating): number {
  return r === "Laggard" ? 0 : LEVEL_POINTS[r];
}
export function strategicPoints(r: Rating): number {
  return LEVEL_POINTS[r];
}
/** Pain: Low 1, Medium ½, High 0. */
export function painPoints(r: Rating): number {
  return r === "Unknown" ? 0.5 : 1 - LEVEL_POINTS[r];
}

export function factorPoints(f: Factors): Record<keyof Factors, number> {
  return {
    revenue: revenuePoints(f.revenue),
    wallet: walletPoints(f.wallet),
    profitability: profitPoints(f.profitability),
    strategic: strategicPoints(f.strategic),
    pain: painPoints(f.pain),
  };
}

/** Rounds to one decimal, first removing binary noise (0.29·100 = 28.999999999999996 → 29). */
export function round1(x: number): number {
  const y = x * 10;
  // Fast path: for |x| < 10,000 the noise toPrecision(12) removes is below 5e-7 in y, so it can
  // only change the rounding when y is within that of a half; elsewhere Math.round(y) is the same.
  if (y < 1e5 && y > -1e5) {
    const f = y - Math.floor(y);
    if (f < 0.499999 || f > 0.500001) return Math.round(y) / 10;
  }
  return Math.round(Number(x.toPrecision(12)) * 10) / 10;
}

/** Weighted points, 0–100, kept to one decimal. */
export function score(f: Factors, weights: Weights): number {
  return scoreOfPoints(factorPoints(f), weights);
}

/** The score from the factors' points (`factorPoints`). */
export function scoreOfPoints(p: Record<keyof Factors, number>, weights: Weights): number {
  return round1(
    weights.revenue * p.revenue +
      weights.wallet * p.wallet +
      weights.profitability * p.profitability +
      weights.strategic * p.strategic +
      weights.pain * p.pain,
  );
}

export type GradeRule = "shed" | "laggard" | "strategic-floor";

export interface GradeResult {
  grade: Grade;
  /** The grade before the override, from the rules. */
  computed: Grade;
  base: Grade;
  /** Rules that fired and changed or held the grade, in order. */
  rules: GradeRule[];
  override: boolean;
}

export function baseGrade(scoreValue: number, s: Pick<Settings, "gradeAMin" | "gradeBMin">): Grade {
  return scoreValue >= s.gradeAMin ? "A" : scoreValue >= s.gradeBMin ? "B" : "C";
}

const RANK: Record<Grade, number> = { A: 0, B: 1, C: 2 };
export const gradeOrder = (g: Grade): number => RANK[g];

/** The laggard rule's test: a margin below 0 (without a margin, a Laggard profitability rating). */
export function negativeMargin(margin: number | null, profitability: ProfitRating): boolean {
  return margin !== null ? margin < 0 : profitability === "Laggard";
}

/**
 * The grade rules, in order: base; shed (pain High and profitability Low or Laggard → C);
 * laggard (margin < 0 → C); strategic floor (strategic Medium or High → at least B); then the override.
 */
export function grade(
  f: Factors,
  scoreValue: number,
  margin: number | null,
  s: Pick<Settings, "gradeAMin" | "gradeBMin">,
  override: Grade | null = null,
): GradeResult {
  const base = baseGrade(scoreValue, s);
  let g = base;
  const rules: GradeRule[] = [];
  if (f.pain === "High" && (f.profitability === "Low" || f.profitability === "Laggard")) {
    g = "C";
    rules.push("shed");
  }
  if (negativeMargin(margin, f.profitability)) {
    g = "C";
    rules.push("laggard");
  }
  if ((f.strategic === "Medium" || f.strategic === "High") && g === "C") {
    g = "B";
    rules.push("strategic-floor");
  }
  return { grade: override ?? g, computed: g, base, rules, override: override !== null };
}

/**
 * The explanation of a grade (SPEC §4): each factor's rating and points and every rule that fired,
 * e.g. `B — revenue High +30, margin 12% Medium +12.5, wallet 80% High +0, strategic Low +0,
 * pain Medium +5 = 47.5`.
 */
import type { Weights } from "../settings";
import { factorPoints, round1, type Factors, type GradeResult, type GradeRule } from "./score";

export interface ExplainInput {
  factors: Factors;
  weights: Weights;
  score: number;
  result: GradeResult;
  margin?: number | null;
  share?: number | null;
  overrideReason?: string | null;
  /** The factors' points, when the caller has them already. */
  points?: Record<keyof Factors, number>;
}

export function percentText(f: number): string {
  return `${round1(f * 100)}%`;
}

/** "+12.5" for weight × points; the few distinct values of a build are formatted once. */
const POINTS_TEXT = new Map<number, string>();
function pts(x: number): string {
  let s = POINTS_TEXT.get(x);
  if (s === undefined) {
    s = `+${round1(x)}`;
    if (POINTS_TEXT.size < 4096) POINTS_TEXT.set(x, s);
  }
  return s;
}

const RULE_TEXT: Record<GradeRule, string> = {
  shed: "shed rule: pain High and profitability Low → C",
  laggard: "laggard rule: negative margin → C",
  "strategic-floor": "strategic floor: strategic Medium or High → at least B",
};
const SHED_LAGGARD_TEXT = "shed rule: pain High and profitability Laggard → C";

export function explain(e: ExplainInput): string {
  return explanationText(explanationParts(e), e.margin, e.share, e.overrideReason);
}

/**
 * An explanation with its holes: the margin, the wallet share and the override reason. Everything
 * else depends on the five ratings, the weights and the grade only, so a portfolio makes the parts
 * once per combination and its clients fill in their own margin and share (`explanationText`).
 */
export interface ExplanationParts {
  /** "B — revenue High +30, margin" */
  beforeMargin: string;
  /** " Medium +12.5, wallet" */
  beforeShare: string;
  /** " High +0, strategic Low +0, pain Medium +5 = 47.5", then any rules and the override. */
  rest: string;
  /** Whether the grade is a manual override (its reason follows the parts). */
  override: boolean;
}

export function explanationParts(e: Omit<ExplainInput, "margin" | "share" | "overrideReason">): ExplanationParts {
  const f = e.factors;
  const p = e.points ?? factorPoints(f);
  const w = e.weights;
  const r = e.result;
  let rest =
    ` ${f.wallet} ${pts(w.wallet * p.wallet)}, strategic ${f.strategic} ${pts(w.strategic * p.strategic)}, pain ${f.pain} ${pts(w.pain * p.pain)}` +
    ` = ${e.score}`;
  if (r.base !== r.computed || r.rules.length > 0) {
    rest += `; base ${r.base}`;
    for (const rule of r.rules) rest += `; ${rule === "shed" && f.profitability === "Laggard" ? SHED_LAGGARD_TEXT : RULE_TEXT[rule]}`;
  }
  if (r.override) rest += `; manual override ${r.computed} → ${r.grade}`;
  return {
    beforeMargin: `${r.grade} — revenue ${f.revenue} ${pts(w.revenue * p.revenue)}, margin`,
    beforeShare: ` ${f.profitability} ${pts(w.profitability * p.profitability)}, wallet`,
    rest,
    override: r.override,
  };
}

/** The parts with a client's margin, share and override reason filled in; `afterServing`: the margin is after the cost to serve (SPEC §12). */
export function explanationText(parts: ExplanationParts, margin?: number | null, share?: number | null, overrideReason?: string | null, afterServing = false): string {
  const text = parts.beforeMargin + (afterServing ? " after cost to serve" : "") + percentHole(margin) + parts.beforeShare + percentHole(share) + parts.rest;
  return parts.override && overrideReason ? `${text} (${overrideReason})` : text;
}

/** " 12%" after "margin" or "wallet"; nothing when unknown. A build has few distinct percents: each is formatted once. */
const PERCENT_TEXT = new Map<number, string>();
function percentHole(f: number | null | undefined): string {
  if (f === undefined || f === null) return "";
  const x = round1(f * 100);
  let s = PERCENT_TEXT.get(x);
  if (s === undefined) {
    s = ` ${x}%`;
    if (PERCENT_TEXT.size < 4096) PERCENT_TEXT.set(x, s);
  }
  return s;
}

/**
 * The explanation of a grade (SPEC §4): each factor's rating and points and every rule that fired,
 * e.g. `B — revenue High +30, margin 12% Medium +12.5, wallet 80% High +0, strategic Low +0,
 * pain Medium +5 = 47.5`.
 */
import type { Grade, Weights } from "../settings";
import { factorPoints, round1, type Factors, type GradeResult, type GradeRule } from "./score";

export interface ExplainInput {
  factors: Factors;
  weights: Weights;
  score: number;
  result: GradeResult;
  margin?: number | null;
  share?: number | null;
  overrideReason?: string | null;
}

export function percentText(f: number): string {
  return `${round1(f * 100)}%`;
}

function pts(x: number): string {
  return `+${round1(x)}`;
}

const RULE_TEXT: Record<GradeRule, string> = {
  shed: "shed rule: pain High and profitability Low → C",
  laggard: "laggard rule: negative margin → C",
  "strategic-floor": "strategic floor: strategic Medium or High → at least B",
};

export function explain(e: ExplainInput): string {
  const p = factorPoints(e.factors);
  const w = e.weights;
  const margin = e.margin !== undefined && e.margin !== null ? ` ${percentText(e.margin)}` : "";
  const share = e.share !== undefined && e.share !== null ? ` ${percentText(e.share)}` : "";
  const parts = [
    `revenue ${e.factors.revenue} ${pts(w.revenue * p.revenue)}`,
    `margin${margin} ${e.factors.profitability} ${pts(w.profitability * p.profitability)}`,
    `wallet${share} ${e.factors.wallet} ${pts(w.wallet * p.wallet)}`,
    `strategic ${e.factors.strategic} ${pts(w.strategic * p.strategic)}`,
    `pain ${e.factors.pain} ${pts(w.pain * p.pain)}`,
  ];
  let text = `${e.result.grade} — ${parts.join(", ")} = ${e.score}`;
  const rules = e.result.rules.map((r) => RULE_TEXT[r].replace("Low → C", e.factors.profitability === "Laggard" ? "Laggard → C" : "Low → C"));
  if (e.result.base !== e.result.computed || rules.length > 0) {
    text += `; base ${e.result.base}`;
    if (rules.length > 0) text += `; ${rules.join("; ")}`;
  }
  if (e.result.override) {
    text += `; manual override ${e.result.computed} → ${e.result.grade}${e.overrideReason ? ` (${e.overrideReason})` : ""}`;
  }
  return text;
}

export type { Grade };

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
  const f = e.factors;
  const p = e.points ?? factorPoints(f);
  const w = e.weights;
  const r = e.result;
  // Built as one array joined once: a flat string, not a tree of concatenations kept per client.
  const out: (string | number)[] = [
    r.grade, " — revenue ", f.revenue, " ", pts(w.revenue * p.revenue),
    ", margin", e.margin !== undefined && e.margin !== null ? ` ${percentText(e.margin)}` : "", " ", f.profitability, " ", pts(w.profitability * p.profitability),
    ", wallet", e.share !== undefined && e.share !== null ? ` ${percentText(e.share)}` : "", " ", f.wallet, " ", pts(w.wallet * p.wallet),
    ", strategic ", f.strategic, " ", pts(w.strategic * p.strategic),
    ", pain ", f.pain, " ", pts(w.pain * p.pain),
    " = ", e.score,
  ];
  if (r.base !== r.computed || r.rules.length > 0) {
    out.push("; base ", r.base);
    for (const rule of r.rules) out.push("; ", rule === "shed" && f.profitability === "Laggard" ? SHED_LAGGARD_TEXT : RULE_TEXT[rule]);
  }
  if (r.override) {
    out.push("; manual override ", r.computed, " → ", r.grade);
    if (e.overrideReason) out.push(" (", e.overrideReason, ")");
  }
  return out.join("");
}

/** Rating and grading every client (SPEC §3–§4), in sheet order, for the rank order. */
import { gradingOf, newGradings, type Grading } from "../model/grading";
import { profitRating, walletRating, type Rating } from "../model/ratings";
import { gradeOrder } from "../model/score";
import type { Grade, Settings } from "../settings";
import type { Level } from "../values";
import { NO_ISSUES, noteOn, type ClientInputs } from "./client-inputs";
import { marginOf } from "./read-clients";

/** Every client's margin and grading, in sheet order; grade (0 = A) and score for the rank order. */
export interface Graded {
  gradings: Grading[];
  margins: (number | null)[];
  gradeIndex: Uint8Array;
  scores: Float64Array;
}

/** Rates and grades every client (in sheet order). */
export function gradeClients(c: ClientInputs, revRatings: readonly Level[], settings: Settings, noMargin: string): Graded {
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

export function countGrades(gradeIndex: Uint8Array): Record<Grade, number> {
  const counts = [0, 0, 0];
  for (let k = 0; k < gradeIndex.length; k++) {
    const g = gradeIndex[k] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  return { A: counts[0] as number, B: counts[1] as number, C: counts[2] as number };
}

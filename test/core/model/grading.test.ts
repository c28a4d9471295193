// core/model/grading.ts: a grading worked out once per combination and shared gives exactly what
// working each client out on its own gives (points, score, grade rules, explanation).
import { describe, expect, it } from "vitest";
import { explain, explanationText } from "../../../core/model/explain";
import { gradingPlace, newGradings, type Gradings } from "../../../core/model/grading";
import { PROFIT_RATINGS, type ProfitRating, type Rating } from "../../../core/model/ratings";
import { factorPoints, grade, negativeMargin, score, type Factors } from "../../../core/model/score";
import { resolveSettings, type Grade, type Settings } from "../../../core/settings";
import { seeded } from "../../helpers";

/** The grading of these ratings (as words), as the portfolio reads a client's: by its codes' place. */
function gradingOf(table: Gradings, revenue: Rating, wallet: Rating, profitability: ProfitRating, strategic: Rating, pain: Rating, margin: number | null, override: Grade | null) {
  const code = (r: ProfitRating) => PROFIT_RATINGS.indexOf(r);
  const place = gradingPlace(table, code(revenue), code(wallet), code(profitability), code(strategic), code(pain), negativeMargin(margin, profitability), margin, override);
  return table.list[place]!;
}

const LEVELS: Rating[] = ["High", "Medium", "Low"];
const RATINGS: Rating[] = ["High", "Medium", "Low", "Unknown"];
const PROFIT: ProfitRating[] = ["High", "Medium", "Low", "Unknown", "Laggard"];
/** Margins of every kind: none, negative, zero, small, exact thresholds, large. */
const MARGINS: (number | null)[] = [null, -0.25, -1e-12, 0, 0.05, 0.1, 0.12, 0.25, 0.4];
const SHARES: (number | null)[] = [null, 0, 0.2, 0.5, 0.75, 0.8, 1];
const OVERRIDES: (Grade | null)[] = [null, "A", "B", "C"];

/** Every combination of the five ratings, a margin, a share and an override, in a shuffled order. */
function cases(seed: number) {
  const all: { f: Factors; margin: number | null; share: number | null; override: Grade | null; reason: string | null }[] = [];
  let i = 0;
  for (const revenue of LEVELS)
    for (const wallet of RATINGS)
      for (const profitability of PROFIT)
        for (const strategic of RATINGS)
          for (const pain of RATINGS)
            for (const margin of MARGINS) {
              i++;
              all.push({
                f: { revenue, wallet, profitability, strategic, pain },
                margin,
                share: SHARES[i % SHARES.length] as number | null,
                override: OVERRIDES[i % OVERRIDES.length] as Grade | null,
                reason: i % 3 === 0 ? "founder's first client" : null,
              });
            }
  const rnd = seeded(seed);
  for (let k = all.length - 1; k > 0; k--) {
    const j = Math.floor(rnd() * (k + 1));
    [all[k], all[j]] = [all[j]!, all[k]!];
  }
  return all;
}

function agreesWithWorkingItOut(settings: Settings, seed: number) {
  const table = newGradings(settings);
  for (const { f, margin, share, override, reason } of cases(seed)) {
    const g = gradingOf(table, f.revenue, f.wallet, f.profitability, f.strategic, f.pain, margin, override);
    const sc = score(f, settings.weights);
    const result = grade(f, sc, margin, settings, override);
    expect(g.factors).toEqual(f);
    expect(g.points).toEqual(factorPoints(f));
    expect(g.score).toBe(sc);
    expect(g.result).toEqual(result);
    expect(explanationText(g.explanation, margin, share, reason)).toBe(
      explain({ factors: f, weights: settings.weights, score: sc, result, margin, share, overrideReason: reason }),
    );
  }
  return table;
}

describe("gradings shared by rating combination", () => {
  it("equal working each client out on its own, for every combination, margin and override (default settings)", () => {
    const table = agreesWithWorkingItOut(resolveSettings({}), 1);
    // One grading per combination of the ratings, a negative margin and the override, no more.
    const negative = (margin: number | null, p: ProfitRating) => (margin !== null ? margin < 0 : p === "Laggard");
    const distinct = new Set(cases(1).map(({ f, margin, override }) => JSON.stringify([f, negative(margin, f.profitability), override])));
    expect(table.known.filter((place) => place >= 0).length).toBe(distinct.size);
    expect(table.list.length).toBe(distinct.size);
    expect(distinct.size).toBeLessThan(cases(1).length);
  });

  it("also under other weights and grade thresholds", () => {
    agreesWithWorkingItOut(resolveSettings({ weights: { revenue: 10, profitability: 40, strategic: 10, wallet: 30, pain: 10 }, gradeAMin: 70, gradeBMin: 20 }), 2);
  });

  it("a negative margin and a Laggard rating without a margin are told apart from a zero margin", () => {
    const table = newGradings(resolveSettings({}));
    const neg = gradingOf(table, "High", "Low", "Low", "Low", "Low", -0.01, null);
    const zero = gradingOf(table, "High", "Low", "Low", "Low", "Low", 0, null);
    expect(neg.result.rules).toEqual(["laggard"]);
    expect(zero.result.rules).toEqual([]);
    expect(gradingOf(table, "High", "Low", "Laggard", "Low", "Low", null, null).result.rules).toEqual(["laggard"]);
  });

  it("clients of one combination share one grading; its points and rules are frozen", () => {
    const table = newGradings(resolveSettings({}));
    const a = gradingOf(table, "High", "Low", "Laggard", "High", "High", -0.2, null);
    const b = gradingOf(table, "High", "Low", "Laggard", "High", "High", -0.7, null);
    expect(b).toBe(a);
    expect(a.result.rules).toEqual(["shed", "laggard", "strategic-floor"]);
    expect(Object.isFrozen(a.points)).toBe(true);
    expect(Object.isFrozen(a.result.rules)).toBe(true);
    expect(gradingOf(table, "High", "Low", "Laggard", "High", "High", -0.2, "A")).not.toBe(a);
  });
});

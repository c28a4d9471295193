/**
 * The grading functions of the table (SPEC §4–§6, §8): score, grade and its explanation from the
 * five ratings, relationship strength, the quadrant and the one-line plan. Their defaults and
 * descriptions come from DEFAULT_SETTINGS.
 */
import { actionLine } from "../model/actions";
import { explain } from "../model/explain";
import { estimatedRelationship, quadrant as quadrantOf } from "../model/quadrant";
import { grade as gradeOf, score as scoreOf } from "../model/score";
import { DEFAULT_SETTINGS, GRADES, type Grade, type Settings, type Weights } from "../settings";
import { Invalid, isBlank, parseFraction, parseRelationshipColumn, percentScale, WALLET_RANGE, type CellValue } from "../values";
import { axis, factorsOf, gradeSettings, overrideOf, ratingOf, scaleArg, weightsArg } from "./arguments";
import { flat, guarded, KamError, mapShape, perCell } from "./shapes";
import { range, value, type KamFunction, type Param } from "./signature";

const d = DEFAULT_SETTINGS;
const w = d.weights;

const RATING_PARAMS: Param[] = [
  range("revenue_r", "Revenue rating (High/Medium/Low), e.g. from KAM_REVENUE_RATING."),
  range("wallet_r", "Wallet-share rating; a Low share scores the most (upside)."),
  range("profit_r", "Profitability rating (High/Medium/Low/Laggard)."),
  range("strategic", "Strategic value: High/Medium/Low, H/M/L or 3/2/1; blank is Low."),
  range("pain", "Pain: Low/Medium/High, L/M/H or 1/2/3; blank is Unknown."),
];
const WEIGHTS = range(
  "weights",
  `Five weights summing to 100, in the order revenue, wallet, profitability, strategic, pain (default ${w.revenue}, ${w.wallet}, ${w.profitability}, ${w.strategic}, ${w.pain}).`,
  true,
);
const GRADE_PARAMS: Param[] = [
  ...RATING_PARAMS,
  range("override", "Manual grade A/B/C that wins over the computed one.", true),
  WEIGHTS,
  value("a_min", `Score from which the base grade is A (default ${d.gradeAMin}).`),
  value("b_min", `Score from which the base grade is B (default ${d.gradeBMin}).`),
];

function gradeRow(values: readonly CellValue[], weights: Weights, thresholds: Pick<Settings, "gradeAMin" | "gradeBMin">) {
  const factors = factorsOf(values);
  if (!factors) return null;
  const sc = scoreOf(factors, weights);
  const override = overrideOf(values[5]);
  return { factors, score: sc, result: gradeOf(factors, sc, null, thresholds, override) };
}

export const GRADING_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "SCORE",
    description: `Key-account score 0–100: weighted points of the five ratings (revenue ${w.revenue}, profitability ${w.profitability}, strategic ${w.strategic}, wallet ${w.wallet}, pain ${w.pain}).`,
    params: [...RATING_PARAMS, WEIGHTS],
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
    description: `Quadrant of relationship strength × mutual benefit (both 0–100, ${d.quadrantThreshold} and above is strong/high): Key client, Invest in relationship, Higher-value offers or Rethink.`,
    params: [
      range("relationship", "Relationship strength 0–100 (e.g. from KAM_RELATIONSHIP)."),
      range("benefit", "Mutual benefit 0–100 (usually the score)."),
      value("threshold", `Boundary on both axes (default ${d.quadrantThreshold}).`),
    ],
    returns: "matrix",
    resultType: "string",
    example: "=KAM_QUADRANT(N2:N500, L2:L500)",
    run([relationship, benefit, threshold]) {
      const driver = relationship ?? [[null]];
      return guarded(driver, () => {
        const t = scaleArg(threshold, "threshold", d.quadrantThreshold);
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
        return actionLine({ grade: letter as Grade, share: typeof f === "number" ? f : null, flags: [] }, d);
      });
    },
  },
];

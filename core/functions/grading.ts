/**
 * The grading functions of the table (SPEC §4–§6, §8): score, grade and its explanation from the
 * five ratings, relationship strength, the quadrant and the one-line plan. Their defaults come
 * from DEFAULT_SETTINGS; what they say about themselves is in help.ts.
 */
import { actionLine } from "../model/actions";
import { explain } from "../model/explain";
import { estimatedRelationship, quadrant as quadrantOf } from "../model/quadrant";
import { grade as gradeOf, score as scoreOf } from "../model/score";
import { DEFAULT_SETTINGS, GRADES, type Grade, type Settings, type Weights } from "../settings";
import { Invalid, isBlank, parseFraction, parseRelationshipColumn, percentScale, WALLET_RANGE, type CellValue } from "../values";
import { axis, factorsOf, gradeSettings, overrideOf, ratingOf, scaleArg, weightsArg } from "./arguments";
import { flat, guarded, KamError, mapShape, perCell, type Out } from "./shapes";
import { range, value, type KamFunction, type Param } from "./signature";

const d = DEFAULT_SETTINGS;

const RATING_PARAMS: Param[] = [range("revenue_r"), range("wallet_r"), range("profit_r"), range("strategic"), range("pain")];
const WEIGHTS = range("weights", true);
const GRADE_PARAMS: Param[] = [...RATING_PARAMS, range("override", true), WEIGHTS, value("a_min"), value("b_min")];

function gradeRow(values: readonly CellValue[], weights: Weights, thresholds: Pick<Settings, "gradeAMin" | "gradeBMin">) {
  const factors = factorsOf(values);
  if (!factors) return null;
  const sc = scoreOf(factors, weights);
  const override = overrideOf(values[5]);
  return { factors, weights, score: sc, result: gradeOf(factors, sc, null, thresholds, override) };
}

/** GRADE and WHY: each row of the five ratings (and the override) graded, `show` saying what of it. */
function graded(args: Parameters<KamFunction["run"]>[0], show: (g: NonNullable<ReturnType<typeof gradeRow>>) => string): Out[][] {
  const driver = args[0] ?? [[null]];
  return guarded(driver, () => {
    const weights = weightsArg(args[6]);
    const thresholds = gradeSettings(args[7], args[8]);
    return perCell(driver, args.slice(1, 6), (values) => {
      const g = gradeRow(values, weights, thresholds);
      return g ? show(g) : "";
    });
  });
}

export const GRADING_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "SCORE",
    params: [...RATING_PARAMS, WEIGHTS],
    returns: "matrix",
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
  { name: "GRADE", params: GRADE_PARAMS, returns: "matrix", run: (args) => graded(args, (g) => g.result.grade) },
  { name: "WHY", params: GRADE_PARAMS, returns: "matrix", run: (args) => graded(args, explain) },
  {
    name: "RELATIONSHIP",
    params: [range("strength_or_share"), range("pain", true), range("share", true)],
    returns: "matrix",
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
    params: [range("relationship"), range("benefit"), value("threshold")],
    returns: "matrix",
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
    params: [range("grade"), range("share", true)],
    returns: "matrix",
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

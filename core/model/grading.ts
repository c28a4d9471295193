/**
 * A client's points, score, grade, rules and the fixed parts of its explanation depend on its five
 * ratings, whether its margin is negative and its manual grade — nothing else. A portfolio works
 * each combination out once (there are a few hundred at most) and its clients share the result,
 * instead of making the same objects and texts again for every client.
 */
import type { Grade, Settings } from "../settings";
import { explanationParts, type ExplanationParts } from "./explain";
import { PROFIT_RATINGS, RATINGS, type ProfitRating, type Rating } from "./ratings";
import { factorPoints, grade, negativeMargin, scoreOfPoints, type Factors, type GradeResult } from "./score";

export interface Grading {
  factors: Readonly<Factors>;
  /** Points per factor, before weights (shared: frozen). */
  points: Readonly<Record<keyof Factors, number>>;
  score: number;
  /** The grade rules' outcome (shared: `rules` is frozen). */
  result: Readonly<GradeResult>;
  explanation: ExplanationParts;
}

/** High 0, Medium 1, Low 2, Unknown 3, Laggard 4 (a switch: faster than a keyed lookup, once a client). */
function ratingIndex(r: ProfitRating): number {
  switch (r) {
    case "High":
      return 0;
    case "Medium":
      return 1;
    case "Low":
      return 2;
    case "Unknown":
      return 3;
    default:
      return 4;
  }
}
const OVERRIDE_INDEX: Record<Grade, number> = { A: 1, B: 2, C: 3 };

/**
 * The gradings of one build (its weights and thresholds), made on first use. A plain object, not a
 * class instance: a class instance's hidden class dies with the build, and the optimised code that
 * checked for it would be thrown away and compiled again on every build.
 */
export interface Gradings {
  readonly settings: Settings;
  /** Each combination's place in `list` by its key (see gradingPlaceOfCodes), −1 while not worked out. */
  readonly known: Int32Array;
  /** The gradings worked out, in the order first asked for. */
  readonly list: Grading[];
}

/** The number of keys: 5⁵ combinations of ratings × a negative margin or not × no override, A, B or C. */
const KEYS = 5 ** 5 * 2 * 4;

export function newGradings(settings: Settings): Gradings {
  return { settings, known: new Int32Array(KEYS).fill(-1), list: [] };
}

/**
 * The place in `gradings.list` of the grading of these ratings, margin and manual grade, worked out
 * on first use: a client's grading is kept as this small number.
 */
export function gradingPlace(
  gradings: Gradings,
  revenue: Rating,
  wallet: Rating,
  profitability: ProfitRating,
  strategic: Rating,
  pain: Rating,
  margin: number | null,
  override: Grade | null,
): number {
  const negative = negativeMargin(margin, profitability);
  return gradingPlaceOfCodes(gradings, ratingIndex(revenue), ratingIndex(wallet), ratingIndex(profitability), ratingIndex(strategic), ratingIndex(pain), negative, margin, override);
}

/**
 * The same from the ratings' codes (model/ratings PROFIT_RATINGS: 0 High, 1 Medium, 2 Low,
 * 3 Unknown, 4 Laggard) and whether the margin is negative (score's negativeMargin): how the
 * portfolio grades its clients, from their typed columns, without a word per client.
 */
export function gradingPlaceOfCodes(
  gradings: Gradings,
  revenue: number,
  wallet: number,
  profitability: number,
  strategic: number,
  pain: number,
  negative: boolean,
  margin: number | null,
  override: Grade | null,
): number {
  const ratings = (((revenue * 5 + wallet) * 5 + profitability) * 5 + strategic) * 5 + pain;
  const key = (ratings * 2 + (negative ? 1 : 0)) * 4 + (override === null ? 0 : OVERRIDE_INDEX[override]);
  let place = gradings.known[key] as number;
  if (place < 0) {
    const factors = { revenue: RATING_OF[revenue], wallet: RATING_OF[wallet], profitability: PROFIT_RATINGS[profitability], strategic: RATING_OF[strategic], pain: RATING_OF[pain] } as Factors;
    place = gradings.list.push(work(gradings.settings, factors, margin, override)) - 1;
    gradings.known[key] = place;
  }
  return place;
}

/** A code's rating (a Laggard code, 4, is no rating but profitability's: Unknown there). */
const RATING_OF = [...RATINGS, "Unknown"] as const;

function work(settings: Settings, factors: Factors, margin: number | null, override: Grade | null): Grading {
  const { weights } = settings;
  // Every client of the combination shares the points and the list of rules: frozen.
  const points = Object.freeze(factorPoints(factors));
  const score = scoreOfPoints(points, weights);
  const result = grade(factors, score, margin, settings, override);
  Object.freeze(result.rules);
  return { factors, points, score, result, explanation: explanationParts({ factors, points, weights, score, result }) };
}

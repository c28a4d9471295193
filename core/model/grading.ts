/**
 * A client's points, score, grade, rules and the fixed parts of its explanation depend on its five
 * ratings, whether its margin is negative and its manual grade — nothing else. A portfolio works
 * each combination out once (there are a few hundred at most) and its clients share the result,
 * instead of making the same objects and texts again for every client.
 */
import type { Grade, Settings } from "../settings";
import { explanationParts, type ExplanationParts } from "./explain";
import { PROFIT_RATINGS } from "./ratings";
import { factorPoints, grade, scoreOfPoints, type Factors, type GradeResult } from "./score";

export interface Grading {
  factors: Readonly<Factors>;
  /** Points per factor, before weights (shared: frozen). */
  points: Readonly<Record<keyof Factors, number>>;
  score: number;
  /** The grade rules' outcome (shared: `rules` is frozen). */
  result: Readonly<GradeResult>;
  explanation: ExplanationParts;
}

const OVERRIDE_INDEX: Record<Grade, number> = { A: 1, B: 2, C: 3 };

/**
 * The gradings of one build (its weights and thresholds), made on first use. A plain object, not a
 * class instance: a class instance's hidden class dies with the build, and the optimised code that
 * checked for it would be thrown away and compiled again on every build.
 */
export interface Gradings {
  readonly settings: Settings;
  /** Each combination's place in `list` by its key (see gradingPlace), −1 while not worked out. */
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
 * The place in `gradings.list` of the grading of these ratings — codes of model/ratings
 * PROFIT_RATINGS (0 High, 1 Medium, 2 Low, 3 Unknown, 4 Laggard), as the portfolio's typed columns
 * hold them — with a negative margin or not (score's negativeMargin), `margin` and the manual
 * grade; worked out on first use. A client's grading is kept as this small number.
 */
export function gradingPlace(
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
    const word = (code: number) => PROFIT_RATINGS[code];
    const factors = { revenue: word(revenue), wallet: word(wallet), profitability: word(profitability), strategic: word(strategic), pain: word(pain) } as Factors;
    place = gradings.list.push(work(gradings.settings, factors, margin, override)) - 1;
    gradings.known[key] = place;
  }
  return place;
}


function work(settings: Settings, factors: Factors, margin: number | null, override: Grade | null): Grading {
  const { weights } = settings;
  // Every client of the combination shares the points and the list of rules: frozen.
  const points = Object.freeze(factorPoints(factors));
  const score = scoreOfPoints(points, weights);
  const result = grade(factors, score, margin, settings, override);
  Object.freeze(result.rules);
  return { factors, points, score, result, explanation: explanationParts({ factors, points, weights, score, result }) };
}

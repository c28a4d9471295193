/**
 * The custom functions of SPEC §8 as one table: name, parameters and an implementation over 2D
 * arrays. Sheets (`KAM_GRADE`), Excel (`KAM.GRADE`) and the HyperFormula test plugin are generated
 * from this table, so names and parameters cannot drift; defaults come from DEFAULT_SETTINGS. The
 * documentation (descriptions that state those defaults, parameter help, examples) is build-time
 * only, in functions/help.ts, joined to this table by `documented()`: the bundled code carries none
 * of it (Code.js's generated stubs carry their JSDoc).
 *
 * Every function takes a cell or a range and returns the same shape; a blank input gives a blank
 * output, a bad cell gives a `KamError` in that cell alone. Coercion happens once, through
 * core/values (functions/arguments.ts); each body is a plain computation (the HyperFormula way).
 * The entries are grouped by kind in functions/ratings.ts, grading.ts, portfolio.ts and money.ts.
 */
import { GRADING_FUNCTIONS } from "./functions/grading";
import { MONEY_FUNCTIONS } from "./functions/money";
import { PORTFOLIO_FUNCTIONS } from "./functions/portfolio";
import { RATING_FUNCTIONS } from "./functions/ratings";
import { KamError, toMatrix, type Out } from "./functions/shapes";
import type { KamFunction } from "./functions/signature";

export { isKamError, KamError, toMatrix, type Out } from "./functions/shapes";
export type { KamFunction, Param } from "./functions/signature";
export { populationReads, populationSorts } from "./functions/population";
export { recognised } from "./functions/recognise";
export { PORTFOLIO_COLUMNS } from "./functions/portfolio-table";
export { PROFIT_CURVE_COLUMNS } from "./functions/money";

export const FUNCTIONS: readonly KamFunction[] = [...RATING_FUNCTIONS, ...GRADING_FUNCTIONS, ...PORTFOLIO_FUNCTIONS, ...MONEY_FUNCTIONS];

export const FUNCTION_BY_NAME: ReadonlyMap<string, KamFunction> = new Map(FUNCTIONS.map((f) => [f.name, f]));

/**
 * Calls a function the way a host does: raw host arguments in (values or 2D arrays), a 2D result
 * out. `scalarIn` tells whether every argument was a single value, so hosts can return a value.
 */
export function callFunction(name: string, rawArgs: readonly unknown[]): { result: Out[][]; scalarIn: boolean } {
  const f = FUNCTION_BY_NAME.get(name);
  if (!f) return { result: [[new KamError(`unknown function ${name}`)]], scalarIn: true };
  const args = f.params.map((_, i) => (rawArgs[i] === undefined ? undefined : toMatrix(rawArgs[i])));
  const scalarIn = !rawArgs.some((a) => Array.isArray(a) && (a.length > 1 || (Array.isArray(a[0]) && (a[0] as unknown[]).length > 1)));
  return { result: f.run(args), scalarIn };
}

/**
 * The custom functions as Sheets calls them: `KAM_GRADE(...)` (a generated top-level stub in
 * Code.js) forwards its arguments here. A cell in gives a value out, a range in gives the same shape
 * out; a bad cell gives "⚠ reason" as text in that cell alone.
 */
import { callFunction, isKamError, type Out } from "../core/functions";
import { dayFromDate } from "../core/values";

export type SheetsOut = string | number;

export function customFunction(name: string, args: readonly unknown[]): SheetsOut | SheetsOut[][] {
  // Sheets passes a range as a 2D array, a cell as its value, and nothing for an omitted argument.
  const { result, scalarIn } = callFunction(name, args, { today: dayFromDate(new Date()) });
  const out = result.map((row) => row.map((v: Out) => (isKamError(v) ? String(v) : v)));
  const only = out.length === 1 && out[0]?.length === 1 ? (out[0][0] as SheetsOut) : null;
  return scalarIn && only !== null ? only : out;
}

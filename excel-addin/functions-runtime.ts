/**
 * What every generated KAM.* function calls: Excel's arguments → the core function table →
 * Excel's results. A bad cell becomes a `CustomFunctions.Error` (#VALUE! with the message) in that
 * cell of the result only; blank stays blank.
 */
import { callFunction, isKamError, type Out } from "../core/functions";
import type { CellValue } from "../core/values";

/** An error value Excel hands us inside an argument (a cell holding #N/A…): its error text. */
function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object" && typeof (v as { code?: unknown }).code === "string") return (v as { code: string }).code;
  return String(v);
}

/** Excel passes null (or nothing) for an omitted optional argument; core expects undefined. */
function argument(a: unknown): unknown {
  if (a === null || a === undefined) return undefined;
  if (Array.isArray(a)) return a.map((row) => (Array.isArray(row) ? row.map(cellValue) : cellValue(row)));
  return cellValue(a);
}

function toExcel(v: Out): string | number | CustomFunctions.Error {
  return isKamError(v) ? new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, v.message) : v;
}

function run(name: string, args: readonly unknown[]): Out[][] {
  return callFunction(name, args.map(argument)).result;
}

/** A function that spills: a 2D array, errors in their own cells. */
export function invokeMatrix(name: string, args: readonly unknown[]): (string | number | CustomFunctions.Error)[][] {
  return run(name, args).map((row) => row.map(toExcel));
}

/** A function that returns one value: an error is thrown, which Excel shows in the cell. */
export function invokeScalar(name: string, args: readonly unknown[]): string | number {
  const v = run(name, args)[0]?.[0] ?? "";
  if (isKamError(v)) throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, v.message);
  return v;
}

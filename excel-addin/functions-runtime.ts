/**
 * What every generated KAM.* function calls: Excel's arguments → the core function table →
 * Excel's results. A bad cell becomes a `CustomFunctions.Error` (#VALUE! with the message) in that
 * cell of the result only; blank stays blank.
 *
 * functions.json sets allowErrorForDataTypeAny, so a range holding an error cell reaches the
 * function (without it Excel does not call the function for that range). How the error arrives is
 * not documented: as a CustomFunctions.Error-like `{ code }` or as a data-type error
 * `{ type: "Error", basicValue }` — both are read as the error's text ("#N/A"), which core names
 * in that cell's message.
 */
import { callFunction, isKamError, recognised, type Out } from "../core/functions";
import type { CellValue } from "../core/values";

/** A cell of an argument as core reads it; an error value (a cell holding #N/A…) as its error text. */
function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as { code?: unknown; type?: unknown; basicValue?: unknown };
    if (typeof o.code === "string") return o.code;
    if (o.type === "Error" && typeof o.basicValue === "string") return o.basicValue;
    if (typeof o.basicValue === "string" || typeof o.basicValue === "number" || typeof o.basicValue === "boolean") return o.basicValue;
  }
  return String(v);
}

const isPlain = (v: unknown): boolean => v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Array.isArray, looked up once: a global looked up per cell is slow where globals are (a vm context). */
const isArray = Array.isArray;

/** A range of plain values only (the usual case): passed to core as it came, so a per-cell call copies nothing. */
function allPlain(a: readonly unknown[]): boolean {
  for (let r = 0; r < a.length; r++) {
    const row: unknown = a[r];
    if (!isArray(row)) return false;
    for (let c = 0; c < row.length; c++) if (!isPlain(row[c])) return false;
  }
  return true;
}

/**
 * A range as core reads it, made once per array: a per-cell call's big range is recognised (core's
 * `recognised`: the array seen before with the same cells), so its conversion is found again by
 * identity. A range with an error cell is never recognised (each call brings new error objects).
 */
const converted = new WeakMap<object, unknown[]>();
function range(a: readonly unknown[]): unknown[] {
  const seen = recognised(a as readonly unknown[][]);
  let c = converted.get(seen);
  if (!c) {
    c = allPlain(seen) ? (seen as unknown[]) : seen.map((row) => (Array.isArray(row) ? row.map(cellValue) : cellValue(row)));
    converted.set(seen, c);
  }
  return c;
}

/** Excel passes null (or nothing) for an omitted optional argument; core expects undefined. */
function argument(a: unknown): unknown {
  if (a === null || a === undefined) return undefined;
  if (Array.isArray(a)) return range(a);
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

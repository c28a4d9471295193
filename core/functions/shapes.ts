/**
 * Shapes: a host argument (a value or a range) as a 2D array, broadcasting the others against the
 * first (the driver), and a bad cell as a `KamError` in that cell alone.
 */
import { Invalid, type CellValue } from "../values";

export class KamError {
  constructor(readonly message: string) {}
  toString(): string {
    return `⚠ ${this.message}`;
  }
}
export const isKamError = (v: unknown): v is KamError => v instanceof KamError;

/** Another KAM function's error as a Sheets cell shows it (`⚠ reason`: its toString), read back as that error; null for any other cell. */
export function shownKamError(v: CellValue): KamError | null {
  return typeof v === "string" && v.startsWith("⚠") ? new KamError(v.replace(/^⚠\s*/, "")) : null;
}

/** One result cell: a number, text, "" for blank, or an error for this cell alone. */
export type Out = string | number | KamError;
export type Matrix = CellValue[][];

/**
 * A host argument (a value or a 2D array) as a 2D array. A range arrives as an array of row arrays
 * in both hosts, so an array whose first entry is a row is that range, kept as is: not copied (the
 * revenue population cache finds it again by identity) and not scanned (a per-cell call stays O(1)).
 */
export function toMatrix(x: unknown): Matrix {
  if (Array.isArray(x)) {
    if (x.length === 0) return [[null]];
    if (Array.isArray(x[0])) return x as Matrix;
    return x.map((row) => (Array.isArray(row) ? (row as CellValue[]) : [row as CellValue]));
  }
  return [[x as CellValue]];
}

export const flat = (m: Matrix): CellValue[] => {
  const out: CellValue[] = [];
  for (const row of m) for (const v of row) out.push(v);
  return out;
};

/**
 * Broadcasts `arg` against the driver's shape: a single cell applies to every cell, a range of the
 * same shape cell by cell, a column of the same height row by row.
 */
function at(arg: Matrix | undefined, r: number, c: number): CellValue | Invalid {
  if (arg === undefined) return undefined;
  const rows = arg.length;
  const cols = arg[0]?.length ?? 0;
  if (rows === 1 && cols === 1) return arg[0]?.[0];
  if (r < rows && c < cols) return arg[r]?.[c];
  if (cols === 1 && r < rows) return arg[r]?.[0];
  if (rows === 1 && c < cols) return arg[0]?.[c];
  return new Invalid(`the ranges differ in size (${rows}×${cols})`);
}

export function mapShape(driver: Matrix, f: (r: number, c: number) => Out): Out[][] {
  return driver.map((row, r) => row.map((_, c) => f(r, c)));
}

/** Runs `f` per cell of the driver, turning parse failures and shape errors into KamErrors. */
export function perCell(driver: Matrix, others: readonly (Matrix | undefined)[], f: (values: CellValue[], r: number, c: number) => Out): Out[][] {
  return mapShape(driver, (r, c) => {
    const values: CellValue[] = [driver[r]?.[c]];
    for (const o of others) {
      const v = at(o, r, c);
      if (v instanceof Invalid) return new KamError(v.reason);
      values.push(v);
    }
    try {
      return f(values, r, c);
    } catch (e) {
      return new KamError(e instanceof Error ? e.message : String(e));
    }
  });
}

export function fail(reason: string): never {
  throw new Error(reason);
}


/** All results are this error (a bad scalar argument spoils every cell). */
function everywhere(driver: Matrix, e: unknown): Out[][] {
  const err = new KamError(e instanceof Error ? e.message : String(e));
  return mapShape(driver, () => err);
}

export function guarded(driver: Matrix, f: () => Out[][]): Out[][] {
  try {
    return f();
  } catch (e) {
    return everywhere(driver, e);
  }
}


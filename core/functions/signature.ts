/**
 * What an entry of the function table is: its name, parameters, documentation and a body over 2D
 * arrays. The descriptions say the defaults of DEFAULT_SETTINGS, written from it (`pct`).
 */
import type { Matrix, Out } from "./shapes";

export interface Param {
  name: string;
  description: string;
  optional?: boolean;
  /** "range": a cell or a range; "value": one number or text. */
  kind: "range" | "value";
}

export interface KamFunction {
  /** The name without prefix: Sheets calls it KAM_<name>, Excel KAM.<name>. */
  name: string;
  description: string;
  params: Param[];
  /** "matrix": spills the shape of the first argument; "table": spills a table; "scalar": one value. */
  returns: "matrix" | "table" | "scalar";
  /** What the result cells hold, for the Excel metadata. */
  resultType: "string" | "number" | "any";
  example: string;
  run(args: readonly (Matrix | undefined)[]): Out[][];
}

/** A parameter taking a cell or a range. */
export const range = (name: string, description: string, optional = false): Param => ({ name, description, kind: "range", optional });
/** An optional parameter taking one value. */
export const value = (name: string, description: string): Param => ({ name, description, kind: "value", optional: true });

/** 25 → "25%". */
export const pct = (n: number): string => `${n}%`;

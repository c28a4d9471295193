/**
 * What an entry of the function table is at run time: its name, its parameters and a body over 2D
 * arrays. What the functions say about themselves (descriptions, parameter help, examples) is
 * build-time only, in help.ts, so the shipped bundles do not carry it.
 */
import type { Matrix, Out } from "./shapes";

export interface Param {
  name: string;
  optional?: boolean;
  /** "range": a cell or a range; "value": one number or text. */
  kind: "range" | "value";
}

export interface KamFunction {
  /** The name without prefix: Sheets calls it KAM_<name>, Excel KAM.<name>. */
  name: string;
  params: Param[];
  /** "matrix": spills the shape of the first argument; "table": spills a table; "scalar": one value. */
  returns: "matrix" | "table" | "scalar";
  run(args: readonly (Matrix | undefined)[]): Out[][];
}

/** A parameter taking a cell or a range. */
export const range = (name: string, optional = false): Param => ({ name, kind: "range", optional });
/** An optional parameter taking one value. */
export const value = (name: string): Param => ({ name, kind: "value", optional: true });

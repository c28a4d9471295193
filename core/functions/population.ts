/**
 * The revenue population of KAM_REVENUE_RATING, sorted once per distinct content: a sheet calls
 * the function once per cell with the same column, which must not be sorted again each time.
 */
import { parseAmount } from "../values";
import type { Matrix } from "./shapes";

export interface Population {
  /** The positive revenues, highest first. */
  sorted: Float64Array;
  /** prefix[k] = sum of the k largest. */
  prefix: Float64Array;
  total: number;
}

const byIdentity = new WeakMap<object, Population>();
const byContent = new Map<string, { values: Float64Array; population: Population }>();
let sorts = 0;
/** How many times a population was sorted (for tests: caching must keep this at one). */
export const populationSorts = (): number => sorts;

function hashValues(values: Float64Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const view = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < view.length; i++) {
    const x = view[i] as number;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${values.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

export function population(arg: Matrix): Population {
  const cached = byIdentity.get(arg);
  if (cached) return cached;
  const nums: number[] = [];
  // The positive revenues: a client with zero or negative revenue ranks after all of them (SPEC §2a).
  for (const row of arg) for (const v of row) {
    const n = parseAmount(v);
    if (typeof n === "number" && n > 0) nums.push(n);
  }
  const values = Float64Array.from(nums);
  const key = hashValues(values);
  const hit = byContent.get(key);
  if (hit && hit.values.length === values.length && hit.values.every((v, i) => v === values[i])) {
    byIdentity.set(arg, hit.population);
    return hit.population;
  }
  sorts++;
  const sorted = Float64Array.from(values).sort().reverse();
  const prefix = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = (prefix[i] as number) + (sorted[i] as number);
  const p = { sorted, prefix, total: prefix[sorted.length] as number };
  if (byContent.size > 32) byContent.clear();
  byContent.set(key, { values, population: p });
  byIdentity.set(arg, p);
  return p;
}

/** Number of population values strictly greater than x (the sorted array is descending). */
export function countGreater(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


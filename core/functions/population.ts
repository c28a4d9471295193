/**
 * The revenue population of KAM_REVENUE_RATING, read, parsed and sorted once per distinct content:
 * a sheet fills `=KAM_REVENUE_RATING(C2, C$2:C$10001)` down, so the function is called once per
 * cell with the same population, which must not be read again each time.
 *
 * How a population is recognised, cheapest first:
 * 1. by identity: the very array seen before (O(1));
 * 2. by its cells: both hosts hand every call a fresh copy of the range, so on an identity miss the
 *    argument is compared cell by cell (strict equality, a Date by its time) with the few raw
 *    populations seen last. That pass covers every cell and the shape, so an edited cell, an added
 *    row or a number typed as text is never served a stale population; it parses nothing and
 *    allocates nothing, and stops at the first difference;
 * 3. by its numbers: a range that differs only in its blanks or words shares the sort.
 * A host never changes an array it has handed over, so an identity hit is as current as the call.
 */
import { parseAmount } from "../values";
import { sameCells } from "./recognise";
import type { Matrix } from "./shapes";

export interface Population {
  /** The positive revenues, highest first. */
  sorted: Float64Array;
  /** How many valid revenues, zero and negative ones included: SPEC §3.1's n for the cut-off ranks. */
  count: number;
  /** prefix[k] = sum of the k largest. */
  prefix: Float64Array;
  total: number;
}

/** How many raw populations are kept for recognition by their cells (a sheet rarely ranks against more). */
const RECENT = 4;
const byIdentity = new WeakMap<object, Population>();
const recent: { raw: Matrix; population: Population }[] = [];
const byContent = new Map<string, { values: Float64Array; population: Population }>();
let sorts = 0;
let reads = 0;
/** How many times a population was sorted (for tests: caching must keep this at one). */
export const populationSorts = (): number => sorts;
/** How many times a population's cells were parsed (for tests: recognising it must keep this at one). */
export const populationReads = (): number => reads;

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

function remember(raw: Matrix, population: Population): Population {
  byIdentity.set(raw, population);
  recent.unshift({ raw, population });
  if (recent.length > RECENT) recent.pop();
  return population;
}

function read(arg: Matrix): Population {
  reads++;
  const nums: number[] = [];
  let count = 0;
  // The positive revenues are sorted: a client with zero or negative revenue ranks after all of
  // them (SPEC §2a), but counts in n (SPEC §3.1).
  for (const row of arg) for (const v of row) {
    const n = parseAmount(v);
    if (typeof n !== "number") continue;
    count++;
    if (n > 0) nums.push(n);
  }
  const values = Float64Array.from(nums);
  const key = `${count}|${hashValues(values)}`;
  const hit = byContent.get(key);
  if (hit && hit.values.length === values.length && hit.values.every((v, i) => v === values[i])) return hit.population;
  sorts++;
  const sorted = Float64Array.from(values).sort().reverse();
  const prefix = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = (prefix[i] as number) + (sorted[i] as number);
  const p = { sorted, count, prefix, total: prefix[sorted.length] as number };
  if (byContent.size > 32) byContent.clear();
  byContent.set(key, { values, population: p });
  return p;
}

export function population(arg: Matrix): Population {
  const known = byIdentity.get(arg);
  if (known) return known;
  for (let i = 0; i < recent.length; i++) {
    const seen = recent[i];
    if (seen && sameCells(arg, seen.raw)) {
      recent.splice(i, 1);
      return remember(arg, seen.population);
    }
  }
  return remember(arg, read(arg));
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

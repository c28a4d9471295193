/**
 * Excel on the web rejects a request (one `context.sync`) whose payload is over 5 MB. Writes are
 * queued as steps with their estimated payload; big value arrays are cut into row chunks, and
 * steps are packed into as few syncs as the budget allows. Pure: no Office.js here.
 */

/** Excel on the web's request limit. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What we allow ourselves per sync: the limit less room for the request envelope and estimate error. */
export const DEFAULT_BUDGET = 4 * 1024 * 1024;
/** Per queued operation (object path, method name, JSON framing). */
export const OP_OVERHEAD = 160;

const encoder = new TextEncoder();

/** UTF-8 size of a value as JSON, as it travels in the request. */
export function jsonBytes(v: unknown): number {
  return encoder.encode(JSON.stringify(v) ?? "null").length;
}

export interface Step {
  bytes: number;
  run(): void;
}

/** Row chunks of a 2D array, each about `target` bytes as JSON (at least one row). */
export function rowChunks<T>(rows: readonly T[][], target: number): { start: number; rows: T[][]; bytes: number }[] {
  const out: { start: number; rows: T[][]; bytes: number }[] = [];
  let start = 0;
  let current: T[][] = [];
  let bytes = 2;
  rows.forEach((row, i) => {
    const b = jsonBytes(row) + 1;
    if (current.length > 0 && bytes + b > target) {
      out.push({ start, rows: current, bytes });
      start = i;
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += b;
  });
  if (current.length > 0) out.push({ start, rows: current, bytes });
  return out;
}

/**
 * Packs steps into batches under `budget` bytes, in order. A single step over the budget gets a
 * batch of its own (callers cut value arrays small enough that this does not happen).
 */
export function packSteps(steps: readonly Step[], budget: number): Step[][] {
  const batches: Step[][] = [];
  let current: Step[] = [];
  let used = 0;
  for (const s of steps) {
    if (current.length > 0 && used + s.bytes > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(s);
    used += s.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

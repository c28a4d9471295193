/**
 * A range recognised across calls. A sheet fills `=KAM_REVENUE_RATING(C2, C$2:C$10001)` down, so
 * a function is called once per cell with the same big range; both hosts hand every call a fresh
 * copy of it. `recognised` gives back the array seen before with the same cells, so what was made
 * from it (its conversion, its sorted population) is found again by identity.
 *
 * Two ranges are the same when they have the same shape and the same value in every cell (strict
 * equality; a Date by its time): the comparison covers every cell, so an edited cell, an added row
 * or a number typed as text is a different range, never served what was made for the old one. It
 * parses nothing, allocates nothing and stops at the first difference. A host never changes an
 * array it has handed over, so the array itself is as current as the call.
 */
type Range = readonly (readonly unknown[])[];
/** Array.isArray, looked up once: a global looked up per row is slow where globals are (a vm context). */
const isArray: (x: unknown) => x is readonly unknown[] = Array.isArray;

/** How many big ranges are remembered (a sheet's functions rarely share more). */
const RECENT = 8;
/** Ranges of at most this many rows are cheap to read again and are not remembered. */
export const SMALL_RANGE = 32;
const recent: Range[] = [];
const remembered = new WeakSet<object>();

/** Same shape and the same value in every cell (a Date by its time). */
export function sameCells(a: Range, b: Range): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const ra = a[r];
    const rb = b[r];
    if (ra === rb) continue;
    if (!isArray(ra) || !isArray(rb) || ra.length !== rb.length) return false;
    for (let c = 0; c < ra.length; c++) {
      const x = ra[c];
      const y = rb[c];
      if (x !== y && !(x instanceof Date && y instanceof Date && x.getTime() === y.getTime())) return false;
    }
  }
  return true;
}

/** The range seen before with the same cells as `range`, or `range` itself (then remembered). */
export function recognised<T extends Range>(range: T): T {
  if (range.length <= SMALL_RANGE || remembered.has(range)) return range;
  for (let i = 0; i < recent.length; i++) {
    const seen = recent[i] as T;
    if (sameCells(range, seen)) {
      recent.splice(i, 1);
      recent.unshift(seen);
      return seen;
    }
  }
  remembered.add(range);
  recent.unshift(range);
  if (recent.length > RECENT) recent.pop();
  return range;
}

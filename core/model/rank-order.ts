/**
 * The two orders a portfolio needs, in near-linear time (100,000 clients sort in a few ms):
 *
 * - `revenueOrder`: clients by revenue, highest first; equal revenues by name (code-unit order),
 *   then by input position. The revenue ratings (ranks, cumulative shares) read it.
 * - `rankOrder`: the SPEC §4 rank order: grade (A, B, C), score ↓, then the revenue order.
 *
 * Both give exactly what a comparison sort with those keys gives (the orders are total), using a
 * stable radix sort on the revenue's bits and a stable counting sort on (grade, score).
 */

/** Maps a finite double to two 32-bit halves whose unsigned order is the number's order. */
function sortableHalves(values: ArrayLike<number>): { hi: Uint32Array; lo: Uint32Array } {
  const n = values.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = (values[i] as number) + 0; // -0 → 0: equal revenues stay equal
  const words = new Uint32Array(f.buffer);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  // little-endian: word 2i is the low half, 2i+1 the high half (with the sign bit)
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1] as number;
    let l = words[2 * i] as number;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  return { hi, lo };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * One stable LSD pass on a digit of `bits` bits (`mask` = 2^bits − 1), descending, into `out`;
 * false (and `out` untouched) when every key has the same digit there, so the order stands —
 * whole amounts below a million leave the low 32 bits of the double all zero, and half the
 * passes go.
 */
function passDescending(order: Uint32Array, out: Uint32Array, key: Uint32Array, shift: number, mask: number, counts: Uint32Array): boolean {
  counts.fill(0);
  const n = order.length;
  // Counted in index order (the same counts, read front to back).
  for (let i = 0; i < n; i++) {
    const d = mask - (((key[i] as number) >>> shift) & mask);
    counts[d] = (counts[d] as number) + 1;
  }
  if (counts[mask - (((key[0] as number) >>> shift) & mask)] === n) return false;
  let total = 0;
  for (let d = 0; d <= mask; d++) {
    const c = counts[d] as number;
    counts[d] = total;
    total += c;
  }
  for (let i = 0; i < n; i++) {
    const idx = order[i] as number;
    const d = mask - (((key[idx] as number) >>> shift) & mask);
    out[counts[d] as number] = idx;
    counts[d] = (counts[d] as number) + 1;
  }
  return true;
}

const byName = (nameOf: (i: number) => string) => (a: number, b: number): number => {
  const x = nameOf(a);
  const y = nameOf(b);
  return x < y ? -1 : x > y ? 1 : a - b;
};

/**
 * Indices of `revenues` by revenue, highest first; equal revenues by name (`nameOf`, code-unit
 * order), then by index. Revenues must be finite.
 */
export function revenueOrder(revenues: ArrayLike<number>, nameOf: (i: number) => string): Uint32Array {
  const n = revenues.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  if (!LITTLE_ENDIAN || n < 64) {
    const values = Array.from({ length: n }, (_, i) => (revenues[i] as number) + 0);
    const names2 = byName(nameOf);
    return Uint32Array.from(Array.from(order).sort((a, b) => (values[b] as number) - (values[a] as number) || names2(a, b)));
  }
  const { hi, lo } = sortableHalves(revenues);
  let out = new Uint32Array(n);
  // 16-bit digits from 16,384 clients; 8-bit ones below, where 65,536 buckets a pass would cost
  // more than the clients (a command run grades once, before the JIT has warmed up).
  const bits = n >= 1 << 14 ? 16 : 8;
  const mask = (1 << bits) - 1;
  const counts = new Uint32Array(mask + 1);
  for (const key of [lo, hi]) {
    for (let shift = 0; shift < 32; shift += bits) {
      if (passDescending(order, out, key, shift, mask, counts)) [order, out] = [out, order];
    }
  }
  // Runs of equal revenue: by name, then index (the radix passes kept index order).
  const cmp = byName(nameOf);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && hi[order[i] as number] === hi[order[start] as number] && lo[order[i] as number] === lo[order[start] as number]) continue;
    if (i - start > 1) sortRun(order, start, i, cmp);
    start = i;
  }
  return order;
}

/** Sorts order[start, end) by `cmp`: in place for the short runs most ties make, else by Array sort. */
function sortRun(order: Uint32Array, start: number, end: number, cmp: (a: number, b: number) => number): void {
  if (end - start > 16) {
    order.set(Array.from(order.subarray(start, end)).sort(cmp), start);
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const x = order[i] as number;
    let j = i - 1;
    while (j >= start && cmp(order[j] as number, x) > 0) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = x;
  }
}

/**
 * The rank order: by `gradeIndex` (0 = A, 1 = B, 2 = C), then score (one decimal, 0–100)
 * descending, then the given revenue order. Returns indices.
 */
export function rankOrder(revenueOrdered: Uint32Array, gradeIndex: ArrayLike<number>, scores: ArrayLike<number>): Uint32Array {
  const n = revenueOrdered.length;
  // score has one decimal: 1000 − 10·score is a whole number 0…1000 (outside that: clamp into
  // the end buckets and let a comparison finish the job)
  const buckets = 3 * 1001;
  const key = new Uint16Array(n);
  let exact = true;
  for (let i = 0; i < n; i++) {
    const s10 = Math.round((scores[i] as number) * 10);
    if (s10 < 0 || s10 > 1000 || s10 / 10 !== scores[i]) exact = false;
    key[i] = (gradeIndex[i] as number) * 1001 + (1000 - Math.min(1000, Math.max(0, s10)));
  }
  const position = new Uint32Array(n);
  for (let k = 0; k < n; k++) position[revenueOrdered[k] as number] = k;
  if (!exact) {
    return Uint32Array.from(
      Array.from(revenueOrdered).sort(
        (a, b) =>
          (gradeIndex[a] as number) - (gradeIndex[b] as number) ||
          (scores[b] as number) - (scores[a] as number) ||
          (position[a] as number) - (position[b] as number),
      ),
    );
  }
  const counts = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) counts[(key[i] as number) + 1] = (counts[(key[i] as number) + 1] as number) + 1;
  for (let b = 1; b <= buckets; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const idx = revenueOrdered[k] as number;
    const b = key[idx] as number;
    out[counts[b] as number] = idx;
    counts[b] = (counts[b] as number) + 1;
  }
  return out;
}

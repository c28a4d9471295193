/**
 * Sums whose value does not depend on the order of the numbers: the exactly rounded sum
 * (Shewchuk's partials, with the final rounding of Python's `math.fsum`). A profit total of
 * 100,000 clients summed from left to right keeps the rounding of each step; summed exactly it
 * is the same whatever order the sheet lists the clients in, so the same clients always give
 * the same figures. Finite numbers only (an amount is below 10¹⁵).
 */

/**
 * Non-overlapping partial sums, smallest first, in `partials[0, count)`: their exact total is the
 * sum so far. Finite doubles span 2,098 bits, 53 a partial: never more than 40 of them (room for 48).
 */
export interface ExactSum {
  partials: Float64Array;
  count: number;
}

export function newExactSum(): ExactSum {
  return { partials: new Float64Array(48), count: 0 };
}

export function addExact(sum: ExactSum, value: number): void {
  const { partials } = sum;
  let x = value;
  let i = 0;
  for (let j = 0; j < sum.count; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials[i] = x;
  sum.count = i + 1;
}

/** The sum, rounded once (to nearest, ties to even). */
export function exactValue(sum: ExactSum): number {
  const { partials } = sum;
  let n = sum.count;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way cases: the partials below decide which way to round.
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * Sums whose value does not depend on the order of the numbers: the exactly rounded sum
 * (Shewchuk's partials, with the final rounding of Python's `math.fsum`). A profit total of
 * 100,000 clients summed from left to right keeps the rounding of each step; summed exactly it
 * is the same whatever order the sheet lists the clients in, so the same clients always give
 * the same figures. Finite numbers only (an amount is below 10¹⁵).
 */

/** Non-overlapping partial sums, smallest first; their exact total is the sum so far. */
export type ExactSum = number[];

export function newExactSum(): ExactSum {
  return [];
}

export function addExact(partials: ExactSum, value: number): void {
  let x = value;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
}

/** The sum, rounded once (to nearest, ties to even). */
export function exactValue(partials: ExactSum): number {
  let n = partials.length;
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

/** The exactly rounded sum of `xs`. */
export function exactSum(xs: ArrayLike<number>): number {
  const partials = newExactSum();
  for (let i = 0; i < xs.length; i++) addExact(partials, xs[i] as number);
  return exactValue(partials);
}

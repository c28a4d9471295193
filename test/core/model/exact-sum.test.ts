// core/model/exact-sum.ts: the exactly rounded sum, the same in any order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addExact, exactValue, newExactSum } from "../../../core/model/exact-sum";

/** The exactly rounded sum of `xs`, added one by one as the profit curve adds them. */
function exactSum(xs: readonly number[]): number {
  const sum = newExactSum();
  for (const x of xs) addExact(sum, x);
  return exactValue(sum);
}

describe("exactSum", () => {
  it("is the exact sum rounded once: checked with whole numbers of 2⁻³⁰ summed as big integers", () => {
    const SCALE = 2 ** 30;
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), { maxLength: 80 }), (units) => {
        // Each number is a whole count of 2⁻³⁰ (exact as a double when it has at most 53 bits).
        const xs = units.map((u) => Number(u) / SCALE);
        const exact = xs.reduce((s, x) => s + BigInt(x * SCALE), 0n);
        // A big integer converts to the nearest double (ties to even); × 2⁻³⁰ is exact.
        expect(exactSum(xs)).toBe(Number(exact) / SCALE + 0);
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), { maxLength: 60 }), fc.nat(), (xs, seed) => {
        const shuffled = [...xs];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed * 7919 + i * 104729) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
        }
        expect(exactSum(shuffled)).toBe(exactSum(xs));
        expect(exactSum([...xs].reverse())).toBe(exactSum(xs));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps what a left-to-right sum loses", () => {
    expect(exactSum(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(exactSum([1e15, 0.3, -1e15])).toBe(0.3);
    expect(exactSum([0.1, 0.2, -0.3])).toBe(2.7755575615628914e-17);
    expect(exactSum([])).toBe(0);
    // A half-way case: 2⁵³ + 1 + 2⁻⁴⁰ rounds up, 2⁵³ + 1 alone to even.
    expect(exactSum([2 ** 53, 1, 2 ** -40])).toBe(2 ** 53 + 2);
    expect(exactSum([2 ** 53, 1])).toBe(2 ** 53);
  });

  it("holds the most partials finite numbers can make: 40 numbers 53 binary places apart, from 2¹⁰²³ to 2⁻¹⁰⁷⁴", () => {
    const spread = Array.from({ length: 40 }, (_, i) => 2 ** (1023 - 53 * i));
    expect(spread[39]).toBe(2 ** -1044);
    // 2¹⁰²³ + 2⁹⁷⁰ is half-way between two numbers; the 38 smaller ones round it up.
    for (const xs of [spread, [...spread].reverse()]) expect(exactSum(xs)).toBe(2 ** 1023 + 2 ** 971);
    expect(exactSum([2 ** 1023, 2 ** 970])).toBe(2 ** 1023);
  });
});

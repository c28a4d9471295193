// core/money/profit-curve.ts: the whale curve of SPEC §12 — sorted by profit, cumulative shares,
// the top 20% share, loss makers; boundaries: zero and negative totals, ties, one client.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountText, CHART_POINTS, largestLast, profitCurve, profitSentence } from "../../../core/money/profit-curve";
import { addExact, exactValue, newExactSum } from "../../../core/model/exact-sum";

describe("profitCurve", () => {
  it("sorts by profit, highest first, and accumulates shares of the total from (0, 0)", () => {
    const c = profitCurve([10, 60, -20, 50], 20);
    expect(c.total).toBe(100);
    expect(c.points).toEqual([
      { clients: 0, profit: 0 },
      { clients: 0.25, profit: 0.6 },
      { clients: 0.5, profit: 1.1 },
      { clients: 0.75, profit: 1.2 },
      { clients: 1, profit: 1 },
    ]);
    // ⌈4·20/100⌉ = 1 client: the top client earns 60% of the profit.
    expect(c.topShare).toBe(0.6);
    expect(c).toMatchObject({ clients: 4, lossMakers: 1, lossTotal: -20 });
  });

  it("the top 20% is ⌈n·20/100⌉ clients in integers (exactly 20% of 10 clients is 2)", () => {
    const c = profitCurve([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 20);
    expect(c.topShare).toBe(0.2);
    expect(profitCurve([5, 4, 3, 2, 1, 0], 20).topShare).toBe(0.6); // ⌈6·0.2⌉ = 2 → (5+4)/15
  });

  it("ties: the curve does not depend on the input order", () => {
    const a = profitCurve([30, 30, 10, -5, 30], 20);
    const b = profitCurve([-5, 30, 10, 30, 30], 20);
    expect(a).toEqual(b);
    expect(a.points.map((p) => p.profit)).toEqual([0, 30 / 95, 60 / 95, 90 / 95, 100 / 95, 1].map((x) => Math.round(x * 1e12) / 1e12));
  });

  it("one client is the whole curve", () => {
    const c = profitCurve([42], 20);
    expect(c.points).toEqual([{ clients: 0, profit: 0 }, { clients: 1, profit: 1 }]);
    expect(c.topShare).toBe(1);
  });

  it("a zero or negative total profit has no curve and no top share, but counts the loss makers", () => {
    const zero = profitCurve([100, -100], 20);
    expect(zero).toMatchObject({ points: [], topShare: null, total: 0, lossMakers: 1, lossTotal: -100 });
    const negative = profitCurve([-300, 100], 20);
    expect(negative).toMatchObject({ points: [], topShare: null, total: -200, lossMakers: 1, lossTotal: -300 });
    expect(profitCurve([], 20)).toMatchObject({ points: [], topShare: null, clients: 0, lossMakers: 0 });
  });

  it("drawn, the points a chart draws: all of them up to 201, else every (n ÷ 200)-th with (0, 0), the last and the peak, the same numbers as `points`", () => {
    // What the chart drew before `drawn`: picked out of every point.
    const pick = (points: { clients: number; profit: number }[]) => {
      if (points.length <= CHART_POINTS + 1) return points;
      let peak = 0;
      for (let i = 1; i < points.length; i++) if ((points[i]?.profit ?? 0) > (points[peak]?.profit ?? 0)) peak = i;
      const at = new Set([peak]);
      for (let j = 0; j <= CHART_POINTS; j++) at.add(Math.round((j * (points.length - 1)) / CHART_POINTS));
      return [...at].sort((a, b) => a - b).map((i) => points[i]);
    };
    expect(CHART_POINTS).toBe(200);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000, max: 100_000 }), { minLength: 1, maxLength: 1_500, size: "max" }), (xs) => {
        const before = profitCurve(xs, 20).drawn;
        const whole = profitCurve(xs, 20);
        const expected = pick(whole.points);
        expect(before).toEqual(expected);
        expect(whole.drawn).toEqual(expected);
      }),
      // Long arrays: a failure is reported as found, not shrunk.
      { numRuns: 150, endOnFailure: true },
    );
    // 10,000 clients: the loss makers start after client 9,001, where the curve peaks, between two drawn points.
    const c = profitCurve([...Array.from({ length: 9_001 }, () => 10), ...Array.from({ length: 999 }, () => -1)], 20);
    const drawn = c.drawn;
    expect(drawn[0]).toEqual({ clients: 0, profit: 0 });
    expect(drawn.map((p) => p.clients)).toContain(0.9001);
    expect(Math.max(...drawn.map((p) => p.profit))).toBe(Math.max(...c.points.map((p) => p.profit)));
    expect(drawn.at(-1)).toEqual({ clients: 1, profit: 1 });
    expect(drawn).toHaveLength(202);
    expect(profitCurve([100, -100], 20).drawn).toEqual([]);
    // A flat top (clients earning nothing after the last earner): the first of the highest points.
    const flat = profitCurve([...Array.from({ length: 301 }, () => 10), ...Array.from({ length: 50 }, () => 0), ...Array.from({ length: 149 }, () => -1)], 20);
    expect(flat.drawn.map((p) => p.clients)).toContain(0.602);
    expect(flat.drawn.map((p) => p.clients)).not.toContain(0.702);
  });

  it("a zero profit is not a loss", () => {
    expect(profitCurve([10, 0, 0], 20)).toMatchObject({ lossMakers: 0, lossTotal: 0 });
  });
});

describe("profitSentence", () => {
  it("says the top share, the loss makers and their total with a true minus and thousands separators", () => {
    expect(profitSentence(profitCurve([2000, 100, -1234.5, 300, 50], 20), 20)).toBe("the top 20% of clients earn 164.5% of profit; 1 client loses money, together −1,235");
    expect(profitSentence(profitCurve([10, -1, -2], 20), 20)).toBe("the top 20% of clients earn 142.9% of profit; 2 clients lose money, together −3");
    expect(profitSentence(profitCurve([10, 5], 20), 20, 3)).toBe("the top 20% of clients earn 66.7% of profit; no client loses money (3 clients without a profit or margin left out)");
  });

  it("a total that is zero or a loss is said so", () => {
    expect(profitSentence(profitCurve([5, -5], 20), 20)).toBe("the clients earn no profit in total; 1 client loses money, together −5");
    expect(profitSentence(profitCurve([5, -1005], 20), 20)).toBe("the clients lose money in total (−1,000); 1 client loses money, together −1,005");
  });

  it("amountText rounds to whole units", () => {
    expect(amountText(1234567.4)).toBe("1,234,567");
    expect(amountText(-0.4)).toBe("0");
    expect(amountText(-300)).toBe("−300");
  });
});

describe("the curve's totals", () => {
  it("are the same in any order of the clients (summed exactly, not left to right)", () => {
    // Left to right, these sums depend on the order: 0.1 + 0.2 + 0.3 ≠ 0.3 + 0.2 + 0.1.
    const profits = [0.1, -0.7, 0.2, 1e9, -0.1, 0.3, -1e-3, -1234.567, 7.77];
    const orders = [profits, [...profits].reverse(), [...profits].sort((a, b) => a - b), [...profits].sort((a, b) => b - a)];
    const curves = orders.map((xs) => profitCurve(xs, 20));
    const exactSum = (xs: readonly number[]) => {
      const sum = newExactSum();
      for (const x of xs) addExact(sum, x);
      return exactValue(sum);
    };
    for (const c of curves) {
      expect(c.total).toBe(exactSum(profits));
      expect(c.lossTotal).toBe(exactSum(profits.filter((p) => p < 0)));
      expect(c.topShare).toBe(curves[0]?.topShare);
    }
  });
});

describe("largestLast (the top clients without sorting them all)", () => {
  /** The k largest, ascending, by a whole sort: what largestLast must leave at the end, in some order. */
  const topBySort = (xs: number[], k: number) => Float64Array.from(xs).sort().subarray(xs.length - k);
  const values = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0)), { minLength: 1, maxLength: 300 });

  it("leaves the k largest at the end and nothing larger before them, for any values, ties and k", () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.nat({ max: 40 }), (xs, kSeed, steps) => {
        const k = 1 + (kSeed % xs.length);
        for (const budget of [undefined, steps]) {
          const a = Float64Array.from(xs);
          const tail = budget === undefined ? largestLast(a, k) : largestLast(a, k, budget);
          expect(tail.length).toBe(k);
          // The same numbers (zeros by value: the sum is what the curve reads) ...
          expect(Array.from(Float64Array.from(tail).sort(), (x) => x + 0)).toEqual(Array.from(topBySort(xs, k), (x) => x + 0));
          // ... nothing before them larger, and the array still holds every value.
          const least = Math.min(...tail);
          for (let i = 0; i < a.length - k; i++) expect(a[i]).toBeLessThanOrEqual(least);
          expect(Array.from(a.sort(), (x) => x + 0)).toEqual(Array.from(Float64Array.from(xs).sort(), (x) => x + 0));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("patterns that defeat a middle pivot (sorted, reversed, organ pipe, all equal) still give the top clients", () => {
    const n = 5_000;
    const patterns = {
      ascending: Array.from({ length: n }, (_, i) => i),
      descending: Array.from({ length: n }, (_, i) => n - i),
      organ: Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      equal: Array.from({ length: n }, () => 7),
      sawtooth: Array.from({ length: n }, (_, i) => i % 17),
    };
    for (const [name, xs] of Object.entries(patterns)) {
      for (const k of [1, 1_000, n - 1, n]) {
        const tail = Float64Array.from(largestLast(Float64Array.from(xs), k)).sort();
        expect(Array.from(tail), `${name}, k = ${k}`).toEqual(Array.from(topBySort(xs, k)));
      }
    }
  });

  it("the curve's top share and points are those of a whole sort (the points read after the top share)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000, max: 100_000 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 100 }), (xs, pct) => {
        const c = profitCurve(xs, pct);
        const sorted = Float64Array.from(xs).sort();
        const total = xs.reduce((s, x) => s + x, 0);
        if (!(total > 0)) {
          expect(c.topShare).toBeNull();
          return;
        }
        const k = Math.min(xs.length, Math.ceil((xs.length * pct) / 100 - 1e-9));
        let top = 0;
        for (let j = 0; j < k; j++) top += sorted[xs.length - 1 - j] as number;
        expect(c.topShare).toBe(Math.round((top / total) * 1e12) / 1e12 + 0);
        expect(c.points.map((p) => p.profit)).toEqual(profitCurve(Array.from(sorted).reverse(), pct).points.map((p) => p.profit));
        expect(c.points[c.points.length - 1]?.profit).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

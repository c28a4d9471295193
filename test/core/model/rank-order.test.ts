// core/model/rank-order.ts gives exactly the orders a comparison sort gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankOrder, revenueOrder } from "../../../core/model/rank-order";

const byRevenueThenName = (revenues: number[], names: string[]) => (a: number, b: number) =>
  (revenues[b] as number) - (revenues[a] as number) || (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b);

const revenue = fc.oneof(
  fc.constantFrom(0, -0, 100, 100.5, -3, 1e15, -1e15, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const name = fc.constantFrom("Acme", "acme", "Bolt", "B", "a", "Zed", "Émile", "");

describe("revenueOrder", () => {
  it("is the order of revenue (highest first), then name in code-unit order, then position", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(revenue, name), { maxLength: 400 }), (pairs) => {
        const revenues = pairs.map(([r]) => r);
        const names = pairs.map(([, n]) => n);
        const want = revenues.map((_, i) => i).sort(byRevenueThenName(revenues, names));
        expect(Array.from(revenueOrder(revenues, (i) => names[i] as string))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("large inputs (the radix path) agree too", () => {
    const n = 5000;
    const revenues = Array.from({ length: n }, (_, i) => ((i * 7919) % 1013) * (i % 3 === 0 ? -1 : 1) + (i % 7) / 8);
    const names = Array.from({ length: n }, (_, i) => `C${(i * 31) % 97}`);
    expect(Array.from(revenueOrder(revenues, (i) => names[i] as string))).toEqual(revenues.map((_, i) => i).sort(byRevenueThenName(revenues, names)));
  });

  it("whole amounts (the passes over digits all keys share are left out) and a column of one amount agree too", () => {
    const n = 3000;
    for (const revenues of [
      Array.from({ length: n }, (_, i) => ((i * 7919) % 100_003) * (i % 5 === 0 ? -1 : 1)),
      Array.from({ length: n }, (_, i) => (i * 7919) % 64),
      Array.from({ length: n }, () => 250),
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : -0)),
    ]) {
      const names = Array.from({ length: n }, (_, i) => `C${(i * 31) % 97}`);
      expect(Array.from(revenueOrder(revenues, (i) => names[i] as string))).toEqual(revenues.map((_, i) => i).sort(byRevenueThenName(revenues, names)));
    }
  });

  it("from 16,384 clients (16-bit digits, fewer passes) it agrees too", () => {
    const n = 20_000;
    const revenues = Array.from({ length: n }, (_, i) => ((i * 7919) % 50_021) * (i % 3 === 0 ? -1 : 1) + (i % 4) / 8);
    const names = Array.from({ length: n }, (_, i) => `C${(i * 31) % 97}`);
    expect(Array.from(revenueOrder(revenues, (i) => names[i] as string))).toEqual(revenues.map((_, i) => i).sort(byRevenueThenName(revenues, names)));
  });

  it("runs of equal revenue, short (sorted in place) and long, are ordered by name, then position", () => {
    // Run lengths 1…40 (the in-place sort takes runs of up to 16), names repeating inside a run.
    const revenues: number[] = [];
    for (let len = 1; len <= 40; len++) for (let k = 0; k < len; k++) revenues.push(len * 10);
    const shuffled = revenues.map((r, i) => [r, (i * 7919) % revenues.length] as const).sort((a, b) => a[1] - b[1]).map(([r]) => r);
    const names = shuffled.map((_, i) => ["Zed", "acme", "Acme", "B", "", "Émile"][(i * 13) % 6] as string);
    expect(Array.from(revenueOrder(shuffled, (i) => names[i] as string))).toEqual(shuffled.map((_, i) => i).sort(byRevenueThenName(shuffled, names)));
  });
});

describe("rankOrder", () => {
  it("is grade (A, B, C), score descending, then the revenue order", () => {
    const client = fc.record({ revenue, name, grade: fc.constantFrom(0, 1, 2), score: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10) });
    fc.assert(
      fc.property(fc.array(client, { maxLength: 400 }), (clients) => {
        const revenues = clients.map((c) => c.revenue);
        const names = clients.map((c) => c.name);
        const byRevenue = revenueOrder(revenues, (i) => names[i] as string);
        const position = new Map(Array.from(byRevenue, (idx, k) => [idx, k]));
        const want = clients
          .map((_, i) => i)
          .sort((a, b) => clients[a]!.grade - clients[b]!.grade || clients[b]!.score - clients[a]!.score || position.get(a)! - position.get(b)!);
        expect(Array.from(rankOrder(byRevenue, clients.map((c) => c.grade), clients.map((c) => c.score)))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("scores with more than one decimal fall back to a comparison and still agree", () => {
    const scores = [10.25, 10.2, 10.3, 99.99];
    const order = rankOrder(Uint32Array.from([0, 1, 2, 3]), [1, 1, 1, 0], scores);
    expect(Array.from(order)).toEqual([3, 2, 0, 1]);
  });
});

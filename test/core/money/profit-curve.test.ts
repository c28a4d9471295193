// core/money/profit-curve.ts: the whale curve of SPEC §12 — sorted by profit, cumulative shares,
// the top 20% share, loss makers; boundaries: zero and negative totals, ties, one client.
import { describe, expect, it } from "vitest";
import { amountText, profitCurve, profitSentence } from "../../../core/money/profit-curve";

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

// core/model/concentration.ts: top-20% share, top client share, HHI and its bands, industries (SPEC §7).
import { describe, expect, it } from "vitest";
import { hhi, hhiBand, industryConcentration, topClientShare, topShare } from "../../../core/model/concentration";

describe("top ⌈n·20/100⌉ share (the 80/20 check)", () => {
  it.each([
    [[100, 50, 25, 25, 0], 1, 100 / 200], // n=5: ⌈1⌉ = 1
    [[60, 10, 10, 10, 5, 5], 2, 70 / 100], // n=6: ⌈1.2⌉ = 2
    [[40, 20, 10, 10, 5, 5, 5, 5], 2, 60 / 100], // n=8: ⌈1.6⌉ = 2
    [[7], 1, 1],
  ])("%j: top %i clients", (revenues, _k, want) => {
    expect(topShare(revenues)).toBeCloseTo(want, 12);
  });

  it("n=30: ⌈30·20/100⌉ = 6 clients, not 7", () => {
    const revenues = Array.from({ length: 30 }, (_, i) => 30 - i); // 30 … 1, total 465
    expect(topShare(revenues)).toBeCloseTo((30 + 29 + 28 + 27 + 26 + 25) / 465, 12);
  });

  it("sorts a copy: the input order is kept", () => {
    const revenues = [1, 5, 3];
    topShare(revenues);
    expect(revenues).toEqual([1, 5, 3]);
  });

  it("the percent is a parameter", () => {
    expect(topShare([50, 30, 20], 50)).toBeCloseTo(0.8, 12); // ⌈1.5⌉ = 2
  });

  it("no positive total → null", () => {
    expect(topShare([])).toBeNull();
    expect(topShare([0, 0])).toBeNull();
    expect(topClientShare([])).toBeNull();
    expect(hhi([])).toBeNull();
    expect(hhi([0])).toBeNull();
  });

  it("top client share", () => {
    expect(topClientShare([10, 30, 60])).toBeCloseTo(0.6, 12);
  });
});

describe("Herfindahl-Hirschman index", () => {
  it.each([
    [[100], 10_000],
    [[50, 50], 5_000],
    [[1, 1, 1, 1], 2_500],
    [Array(10).fill(7), 1_000],
    [[60, 20, 20], 3_600 + 400 + 400],
  ])("%j → %d", (revenues, want) => {
    expect(hhi(revenues)).toBeCloseTo(want, 9);
  });

  it.each<[number, string]>([
    [999.9, "unconcentrated"],
    [1000, "moderately concentrated"], // 1,000–1,800 moderately
    [1500, "moderately concentrated"],
    [1800, "moderately concentrated"],
    [1800.1, "highly concentrated"], // above 1,800
    [10_000, "highly concentrated"],
    [0, "unconcentrated"],
  ])("band of %d: %s", (h, want) => {
    expect(hhiBand(h)).toBe(want);
  });
});

describe("industry concentration", () => {
  it("groups revenue by industry, largest first, blank as (none), with its HHI", () => {
    const r = industryConcentration([
      { industry: "Retail", revenue: 30 },
      { industry: "Food", revenue: 50 },
      { industry: "Retail", revenue: 10 },
      { industry: null, revenue: 10 },
    ]);
    expect(r.industries).toEqual([
      { industry: "Food", revenue: 50, clients: 1, share: 0.5 },
      { industry: "Retail", revenue: 40, clients: 2, share: 0.4 },
      { industry: "(none)", revenue: 10, clients: 1, share: 0.1 },
    ]);
    expect(r.hhi).toBeCloseTo(2500 + 1600 + 100, 9);
  });
});

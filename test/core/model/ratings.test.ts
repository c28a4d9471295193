// core/model/ratings.ts: the five ratings of SPEC §3 at their boundaries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ceilPercentOf, cleanRatio, cumulativeRatingCodes, PROFIT_RATINGS, RATINGS, painFromAlignment, profitRating, revenueCutoffs, revenueRatingCodes,
  untappedSpend, walletRating,
} from "../../../core/model/ratings";
import { DEFAULT_SETTINGS, resolveSettings } from "../../../core/settings";
import { LEVELS, levelCode, parseFractionColumn, WALLET_RANGE, MARGIN_RANGE } from "../../../core/values";

// The ratings are kept as codes (a level's place in LEVELS): read back as levels here.
const levels = (codes: Uint8Array) => Array.from(codes, (c) => LEVELS[c]);
const revenueRatings = (...args: Parameters<typeof revenueRatingCodes>) => levels(revenueRatingCodes(...args));
const cumulativeRatings = (...args: Parameters<typeof cumulativeRatingCodes>) => levels(cumulativeRatingCodes(...args));

const S = DEFAULT_SETTINGS;
const count = <T>(xs: readonly T[], x: T) => xs.filter((y) => y === x).length;
/** n distinct revenues, highest first. */
const distinct = (n: number) => Array.from({ length: n }, (_, i) => (n - i) * 1000);

describe("⌈n·pct/100⌉ in integers", () => {
  // Reference: for whole percents, ⌈n·p/100⌉ = floor((n·p + 99) / 100), all in integers.
  const reference = (n: number, p: number) => Math.floor((n * p + 99) / 100);

  it.each([
    [30, 10, 3], // not 4 from 0.1·30 = 3.0000000000000004
    [70, 10, 7], // 0.1·70 = 7.000000000000001
    [7, 10, 1],
    [11, 10, 2],
    [95, 10, 10],
    [95, 20, 19],
    [10, 10, 1],
    [1, 10, 1],
    [0, 10, 0],
    [100, 20, 20],
    [5, 20, 1],
    [6, 20, 2],
    [30, 20, 6],
  ])("n=%i, %i%% → %i", (n, p, want) => {
    expect(ceilPercentOf(n, p)).toBe(want);
  });

  it("agrees with integer arithmetic for every n up to 1000 and every whole percent", () => {
    for (let n = 0; n <= 1000; n++) for (let p = 0; p <= 100; p++) if (ceilPercentOf(n, p) !== reference(n, p)) throw new Error(`n=${n} p=${p}`);
  });

  it("fractional percents: ⌈200·12.5/100⌉ = 25, ⌈201·12.5/100⌉ = 26", () => {
    expect(ceilPercentOf(200, 12.5)).toBe(25);
    expect(ceilPercentOf(201, 12.5)).toBe(26);
  });
});

/** SPEC §3.1's competition rank, by its definition: 1 + how many values are higher (ties share the best rank). */
const competitionRanks = (values: readonly number[]): number[] => values.map((v) => 1 + values.filter((w) => w > v).length);

describe("revenue rating, rank method", () => {
  it("competition ranks: ties share the best rank (1, 2, 2, 4)", () => {
    expect(competitionRanks([100, 90, 90, 80])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([80, 90, 100, 90])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
  });

  it.each([
    // n, High, Medium, Low
    [30, 3, 3, 24], // ⌈3⌉ = 3, not 4
    [7, 1, 1, 5], // ⌈0.7⌉ = 1, ⌈1.4⌉ = 2
    [11, 2, 1, 8], // ⌈1.1⌉ = 2, ⌈2.2⌉ = 3
    [95, 10, 9, 76], // ⌈9.5⌉ = 10, ⌈19⌉ = 19
    [70, 7, 7, 56],
    [10, 1, 1, 8],
    [1, 1, 0, 0],
    [2, 1, 0, 1], // ⌈0.2⌉ = 1, ⌈0.4⌉ = 1
    [100, 10, 10, 80],
  ])("n=%i distinct revenues: %i High, %i Medium, %i Low", (n, high, medium, low) => {
    const r = revenueRatings(distinct(n), S);
    expect([count(r, "High"), count(r, "Medium"), count(r, "Low")]).toEqual([high, medium, low]);
    // and the highest revenues are the High ones
    expect(r.slice(0, high).every((x) => x === "High")).toBe(true);
  });

  it("cut-offs", () => {
    expect(revenueCutoffs(30, 10, 10)).toEqual({ high: 3, medium: 6 });
    expect(revenueCutoffs(7, 10, 10)).toEqual({ high: 1, medium: 2 });
    expect(revenueCutoffs(11, 10, 10)).toEqual({ high: 2, medium: 3 });
    expect(revenueCutoffs(95, 10, 10)).toEqual({ high: 10, medium: 19 });
  });

  it("ties share the best rank: three equal top revenues are all High when only one place is High", () => {
    const revenues = [100, 100, 100, 50, 40, 30, 20, 10, 5, 1]; // n=10: High rank ≤ 1, Medium rank ≤ 2
    expect(revenueRatings(revenues, S)).toEqual(["High", "High", "High", "Low", "Low", "Low", "Low", "Low", "Low", "Low"]);
  });

  it("a tie straddling a cut-off takes the rank of its first member", () => {
    // n=10: ranks 1, 2, 3, 3, …: the two 80s rank 3 > 2 → Low
    expect(revenueRatings([100, 90, 80, 80, 70, 60, 50, 40, 30, 20], S).slice(0, 4)).toEqual(["High", "Medium", "Low", "Low"]);
    // ranks 1, 2, 2: both 90s are Medium
    expect(revenueRatings([100, 90, 90, 70, 60, 50, 40, 30, 20, 10], S).slice(0, 4)).toEqual(["High", "Medium", "Medium", "Low"]);
  });

  it("keeps the population's order", () => {
    expect(revenueRatings([10, 1000, 20, 30, 40, 50, 60, 70, 80, 900], S)).toEqual(["Low", "High", "Low", "Low", "Low", "Low", "Low", "Low", "Low", "Medium"]);
  });

  it("top and next percents are settings", () => {
    const s = resolveSettings({ revenueTopPct: 20, revenueNextPct: 30 });
    const r = revenueRatings(distinct(10), s);
    expect([count(r, "High"), count(r, "Medium"), count(r, "Low")]).toEqual([2, 3, 5]);
  });

  it("an empty population rates nothing", () => {
    expect(revenueRatings([], S)).toEqual([]);
  });

  it("every client is rated by its competition rank (ties share the best), in any order and with any ties", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (revenues, top) => {
        const s = resolveSettings({ revenueTopPct: top, revenueNextPct: Math.min(20, 100 - top) });
        const cut = revenueCutoffs(revenues.length, s.revenueTopPct, s.revenueNextPct);
        const byRank = competitionRanks(revenues).map((r) => (r <= cut.high ? "High" : r <= cut.medium ? "Medium" : "Low"));
        expect(revenueRatings(revenues, s)).toEqual(byRank);
      }),
      { numRuns: 300 },
    );
  });
});

describe("revenue rating, cumulative method", () => {
  const cumulative = resolveSettings({ revenueMethod: "cumulative" });

  it("High while the running share including the client is ≤ 80%, Medium while ≤ 95%", () => {
    // running shares: 50%, 80%, 90%, 95%, 100%
    expect(cumulativeRatings([50, 30, 10, 5, 5], 80, 95)).toEqual(["High", "High", "Medium", "Medium", "Medium"]);
    expect(cumulativeRatings([50, 30, 10, 5, 4, 1], 80, 95).slice(4)).toEqual(["Low", "Low"]);
  });

  it("clients with equal revenue all take the class of the first of them", () => {
    // the second 5 reaches 100% but ties with the first (95% → Medium)
    expect(cumulativeRatings([5, 50, 30, 10, 5], 80, 95)).toEqual(["Medium", "High", "High", "Medium", "Medium"]);
    // 45 (45%) High; the other 45 reaches 90% but takes High from the first
    expect(cumulativeRatings([45, 45, 10], 80, 95)).toEqual(["High", "High", "Low"]);
  });

  it("the largest client alone above 80% is Medium (the running share includes the client)", () => {
    expect(cumulativeRatings([85, 10, 5], 80, 95)).toEqual(["Medium", "Medium", "Low"]);
  });

  it("is chosen by the revenueMethod setting", () => {
    expect(revenueRatings([50, 30, 10, 5, 5], cumulative)).toEqual(["High", "High", "Medium", "Medium", "Medium"]);
  });

  it("no positive total: all Low", () => {
    expect(cumulativeRatings([0, 0], 80, 95)).toEqual(["Low", "Low"]);
  });
});

describe("wallet-share rating (SPEC §3.2)", () => {
  it.each<[number | null, string]>([
    [0.76, "High"],
    [0.7500001, "High"],
    [1, "High"],
    [0.75, "Medium"], // exactly 75%
    [0.5, "Medium"], // exactly 50%
    [0.6, "Medium"],
    [0.49, "Low"],
    [0.4999999, "Low"],
    [0, "Low"],
    [null, "Unknown"],
  ])("%s → %s", (share, want) => {
    expect(walletRating(share, S)).toBe(want);
  });

  it.each([
    ["75%", "Medium"], ["50%", "Medium"], ["49%", "Low"], ["76%", "High"], [75, "Medium"], [76, "High"], [0.75, "Medium"],
  ])("the cell %j, parsed by the percent rule → %s", (cell, want) => {
    const [share] = parseFractionColumn([cell], WALLET_RANGE);
    expect(walletRating(share as number, S)).toBe(want);
  });

  it("thresholds are settings", () => {
    const s = resolveSettings({ walletMediumPct: 40, walletHighPct: 90 });
    expect([walletRating(0.4, s), walletRating(0.39, s), walletRating(0.9, s), walletRating(0.91, s)]).toEqual(["Medium", "Low", "Medium", "High"]);
  });

  it("untapped spend = revenue × (1 − share) ÷ share; blank when the share is 0 or unknown", () => {
    expect(untappedSpend(1000, 0.25)).toBe(3000);
    expect(untappedSpend(1000, 1)).toBe(0);
    expect(untappedSpend(1000, 0)).toBeNull();
    expect(untappedSpend(1000, null)).toBeNull();
  });
});

describe("profitability rating (SPEC §3.3)", () => {
  it.each<[number | null, string]>([
    [0.25, "High"], // exactly 25%
    [0.4, "High"],
    [0.2499, "Medium"],
    [0.1, "Medium"], // exactly 10%
    [0.0999, "Low"],
    [0, "Low"], // exactly 0%
    [-0.001, "Laggard"], // -0.1%
    [-0.5, "Laggard"],
    [null, "Unknown"],
  ])("%s → %s", (margin, want) => {
    expect(profitRating(margin, S)).toBe(want);
  });

  it.each([["25%", "High"], ["10%", "Medium"], ["0%", "Low"], ["-0.1%", "Laggard"], [25, "High"], [10, "Medium"]])(
    "the cell %j, parsed by the percent rule → %s",
    (cell, want) => {
      const [margin] = parseFractionColumn([cell], MARGIN_RANGE);
      expect(profitRating(margin as number, S)).toBe(want);
    },
  );

  it("thresholds are settings", () => {
    const s = resolveSettings({ profitAdequatePct: 5, profitHighPct: 30 });
    expect([profitRating(0.3, s), profitRating(0.29, s), profitRating(0.05, s), profitRating(0.049, s)]).toEqual(["High", "Medium", "Medium", "Low"]);
  });
});

describe("pain from aligned / easy (SPEC §3.5)", () => {
  it.each([
    [true, true, "Low"],
    [true, false, "Medium"],
    [false, false, "High"],
    [false, true, "Medium"],
  ])("aligned %s, easy %s → %s", (aligned, easy, want) => {
    expect(painFromAlignment(aligned, easy)).toBe(want);
  });
});

describe("computed margins lose their binary noise", () => {
  it.each([
    [1234.57 / 12345.7, 0.1],
    [0.24999999999999997, 0.25],
    [0.3 - 0.1 - 0.2, 0],
    [-0.1 / 3, -0.033333333333],
    [0.123456789, 0.123456789],
    [-12.5, -12.5],
  ])("%d → %d", (x, want) => {
    expect(cleanRatio(x)).toBe(want);
    expect(Object.is(cleanRatio(x), -0)).toBe(false);
  });
});

describe("rating codes", () => {
  it("are a level's place in LEVELS (the codes a level column holds), then Unknown, then Laggard", () => {
    expect(RATINGS.slice(0, 3)).toEqual(LEVELS);
    expect(LEVELS.map((l) => levelCode(l))).toEqual([0, 1, 2]);
    expect(PROFIT_RATINGS).toEqual([...RATINGS, "Laggard"]);
    expect([walletRating(null, S), profitRating(null, S), profitRating(-0.01, S)]).toEqual([RATINGS[3], PROFIT_RATINGS[3], PROFIT_RATINGS[4]]);
  });
});

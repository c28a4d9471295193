// core/period/trend.ts: trend, growth and at risk at their boundaries (SPEC §11).
import { describe, expect, it } from "vitest";
import { growthOf, isAtRisk, trendOf } from "../../../core/period/trend";
import { DEFAULT_SETTINGS } from "../../../core/settings";

const s = DEFAULT_SETTINGS;
const trend = (current: number, previous: number, isNew = false) => trendOf({ current, previous, isNew }, s);

describe("trend (trendPct 10)", () => {
  it.each<[number, number, string]>([
    [110, 100, "Growing"], // exactly +10%
    [109.99, 100, "Steady"],
    [90, 100, "Declining"], // exactly −10%
    [90.01, 100, "Steady"],
    [100, 100, "Steady"],
    [1.1, 1, "Growing"], // 1.1 / 1 − 1 is 0.10000000000000009 before rounding to 12 places
    [0.9, 1, "Declining"],
    [33, 30, "Growing"],
    [27, 30, "Declining"],
    [500, 0, "Growing"], // nothing before the period but ordered earlier: any revenue now is growth
    [10, -50, "Growing"], // a credit note before
    [0, 100, "Lapsed"],
    [-20, 100, "Lapsed"], // a refund now, revenue before
    [0, 0, "Lapsed"], // ordered before the previous period only
  ])("current %d against previous %d: %s", (current, previous, want) => {
    expect(trend(current, previous)).toBe(want);
  });

  it("New wins: the first order is inside the current period, whatever the amounts", () => {
    expect(trend(500, 0, true)).toBe("New");
    expect(trend(-5, 0, true)).toBe("New");
  });

  it("trendPct is a setting", () => {
    expect(trendOf({ current: 120, previous: 100, isNew: false }, { trendPct: 25 })).toBe("Steady");
    expect(trendOf({ current: 125, previous: 100, isNew: false }, { trendPct: 25 })).toBe("Growing");
  });
});

describe("growth = current ÷ previous − 1 when previous > 0", () => {
  it.each<[number, number, number | null]>([
    [110, 100, 0.1],
    [90, 100, -0.1],
    [75, 100, -0.25],
    [0, 100, -1],
    [100, 0, null],
    [100, -10, null],
  ])("%d against %d: %s", (current, previous, want) => {
    expect(growthOf(current, previous)).toBe(want);
  });
});

describe("at risk: grade A or B and (growth ≤ −25% or more than 180 days since the last order)", () => {
  it.each<[string, number | null, number | null, boolean]>([
    ["A", -0.25, 0, true], // exactly −25%
    ["A", -0.249999, 0, false],
    ["B", -1, 10, true],
    ["B", null, 180, false], // exactly 180 days: not more than 180
    ["B", null, 181, true],
    ["A", 0.5, 181, true],
    ["C", -0.9, 400, false], // C is never at risk
    ["A", null, null, false],
  ])("grade %s, growth %s, %s days: %s", (grade, growth, days, want) => {
    expect(isAtRisk(grade as "A" | "B" | "C", growth, days, s)).toBe(want);
  });

  it("atRiskDropPct and atRiskDays are settings", () => {
    expect(isAtRisk("A", -0.2, 0, { atRiskDropPct: 20, atRiskDays: 180 })).toBe(true);
    expect(isAtRisk("A", null, 31, { atRiskDropPct: 25, atRiskDays: 30 })).toBe(true);
  });
});

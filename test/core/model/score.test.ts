// core/model/score.ts: points, weights, one-decimal score, the four grade rules in order, override.
import { describe, expect, it } from "vitest";
import { baseGrade, factorPoints, grade, round1, score, type Factors } from "../../../core/model/score";
import { DEFAULT_SETTINGS, type Weights } from "../../../core/settings";

const S = DEFAULT_SETTINGS;
const W = S.weights;
const f = (revenue: string, wallet: string, profitability: string, strategic: string, pain: string): Factors =>
  ({ revenue, wallet, profitability, strategic, pain }) as Factors;

describe("points per factor (SPEC §4)", () => {
  it.each([
    ["revenue", "High", 1], ["revenue", "Medium", 0.5], ["revenue", "Low", 0], ["revenue", "Unknown", 0.5],
    // wallet: a Low share is upside
    ["wallet", "Low", 1], ["wallet", "Medium", 0.5], ["wallet", "High", 0], ["wallet", "Unknown", 0.5],
    ["profitability", "High", 1], ["profitability", "Medium", 0.5], ["profitability", "Low", 0], ["profitability", "Laggard", 0], ["profitability", "Unknown", 0.5],
    ["strategic", "High", 1], ["strategic", "Medium", 0.5], ["strategic", "Low", 0], ["strategic", "Unknown", 0.5],
    ["pain", "Low", 1], ["pain", "Medium", 0.5], ["pain", "High", 0], ["pain", "Unknown", 0.5],
  ] as const)("%s %s → %d", (factor, rating, points) => {
    const factors = { ...f("Low", "High", "Low", "Low", "High"), [factor]: rating } as Factors;
    expect(factorPoints(factors)[factor]).toBe(points);
  });
});

describe("score = Σ weight × points, 0–100, one decimal", () => {
  it.each<[Factors, number]>([
    [f("High", "Low", "High", "High", "Low"), 100],
    [f("Low", "High", "Low", "Low", "High"), 0],
    [f("Low", "High", "Laggard", "Low", "High"), 0],
    [f("Medium", "Medium", "Medium", "Medium", "Medium"), 50],
    [f("Unknown", "Unknown", "Unknown", "Unknown", "Unknown"), 50],
    [f("High", "High", "Low", "Low", "High"), 30], // revenue only
    [f("Low", "Low", "Low", "Low", "High"), 15], // wallet upside only
    [f("Low", "High", "High", "Low", "High"), 25],
    [f("Low", "High", "Low", "High", "High"), 20],
    [f("Low", "High", "Low", "Low", "Low"), 10],
    [f("High", "High", "Medium", "Low", "Medium"), 47.5], // the SPEC §4 example
  ])("%o → %d", (factors, want) => {
    expect(score(factors, W)).toBe(want);
  });

  it("weights are applied per factor", () => {
    const w: Weights = { revenue: 10, wallet: 40, profitability: 20, strategic: 20, pain: 10 };
    expect(score(f("High", "Low", "Low", "Low", "High"), w)).toBe(50);
    expect(score(f("Low", "Medium", "High", "Low", "High"), w)).toBe(40);
  });

  it("is kept to one decimal", () => {
    const w: Weights = { revenue: 33.35, wallet: 16.65, profitability: 16.65, strategic: 16.65, pain: 16.7 };
    const s = score(f("Medium", "High", "Low", "Low", "High"), w); // 16.675
    expect(s).toBe(16.7);
    expect(round1(28.999999999999996)).toBe(29);
    expect(round1(0.05)).toBe(0.1);
    expect(round1(47.25)).toBe(47.3);
    expect(round1(-0.25)).toBe(-0.2);
  });
});

describe("grade rules, in order (SPEC §4)", () => {
  it("base: A if score ≥ 60, B if ≥ 35, else C", () => {
    expect([baseGrade(60, S), baseGrade(59.9, S), baseGrade(35, S), baseGrade(34.9, S), baseGrade(0, S), baseGrade(100, S)]).toEqual(["A", "B", "B", "C", "C", "A"]);
  });

  it("from the factors: exactly 60 is A, 55 is B, exactly 35 is B, 27.5 is C", () => {
    const at60 = f("High", "High", "High", "Low", "Medium"); // 30 + 25 + 5
    const at55 = f("High", "Medium", "Medium", "Low", "Medium"); // 30 + 7.5 + 12.5 + 5
    expect(score(at60, W)).toBe(60);
    expect(grade(at60, 60, 0.3, S).grade).toBe("A");
    expect(score(at55, W)).toBe(55);
    expect(grade(at55, 55, 0.15, S).grade).toBe("B");
    const at35 = f("High", "High", "Low", "Low", "Medium"); // 30 + 5
    expect(score(at35, W)).toBe(35);
    expect(grade(at35, 35, 0.05, S)).toMatchObject({ grade: "B", rules: [] });
    const at275 = f("Medium", "Medium", "Low", "Low", "Medium"); // 15 + 7.5 + 5
    expect(score(at275, W)).toBe(27.5);
    expect(grade(at275, 27.5, 0.05, S).grade).toBe("C");
  });

  it("shed: pain High and profitability Low → C, flagged", () => {
    const factors = f("High", "Low", "Low", "Low", "High"); // 45: base B
    const r = grade(factors, score(factors, W), 0.05, S);
    expect(r).toEqual({ grade: "C", computed: "C", base: "B", rules: ["shed"], override: false });
  });

  it("shed fires on a base A too", () => {
    const factors = f("High", "Low", "Low", "High", "High"); // 30 + 15 + 20 = 65: base A; strategic High floors back to B
    const r = grade(factors, score(factors, W), 0.02, S);
    expect(r).toMatchObject({ base: "A", grade: "B", rules: ["shed", "strategic-floor"] });
  });

  it("no shed when pain is High but profitability is Medium or Unknown, or pain is Unknown", () => {
    expect(grade(f("High", "Low", "Medium", "Low", "High"), 57.5, 0.12, S).rules).toEqual([]);
    expect(grade(f("High", "Low", "Unknown", "Low", "High"), 57.5, null, S).rules).toEqual([]);
    expect(grade(f("High", "Low", "Low", "Low", "Unknown"), 50, 0.05, S).rules).toEqual([]);
  });

  it("laggard: margin < 0 → C, flagged; with pain High both rules fire", () => {
    const factors = f("High", "Low", "Laggard", "Low", "Low"); // 30 + 15 + 10 = 55
    expect(grade(factors, 55, -0.001, S)).toEqual({ grade: "C", computed: "C", base: "B", rules: ["laggard"], override: false });
    expect(grade(f("High", "Low", "Laggard", "Low", "High"), 45, -0.2, S).rules).toEqual(["shed", "laggard"]);
    // margin exactly 0 is not a laggard
    expect(grade(f("High", "Low", "Low", "Low", "Low"), 55, 0, S)).toMatchObject({ grade: "B", rules: [] });
  });

  it("laggard without a margin number: a Laggard rating", () => {
    expect(grade(f("High", "Low", "Laggard", "Low", "Low"), 55, null, S).rules).toEqual(["laggard"]);
  });

  it("strategic floor comes after shed and laggard: a loss-leading brand is kept as B", () => {
    expect(grade(f("High", "Low", "Laggard", "High", "Low"), 75, -0.1, S)).toEqual({ grade: "B", computed: "B", base: "A", rules: ["laggard", "strategic-floor"], override: false });
    expect(grade(f("Low", "High", "Low", "Medium", "High"), 10, 0.01, S)).toEqual({ grade: "B", computed: "B", base: "C", rules: ["shed", "strategic-floor"], override: false });
    // a low score alone is floored too
    expect(grade(f("Low", "High", "Medium", "Medium", "Medium"), 27.5, 0.15, S)).toMatchObject({ grade: "B", base: "C", rules: ["strategic-floor"] });
  });

  it("the floor never lifts to A and needs strategic Medium or High", () => {
    expect(grade(f("Low", "High", "Low", "High", "High"), 20, 0.01, S).grade).toBe("B");
    expect(grade(f("Low", "High", "Low", "Low", "High"), 0, 0.01, S).grade).toBe("C");
    expect(grade(f("Low", "High", "Low", "Unknown", "High"), 10, 0.01, S).grade).toBe("C");
  });

  it("the floor does not fire (nor show) when the grade is already B or A", () => {
    expect(grade(f("High", "Low", "High", "High", "Low"), 100, 0.3, S)).toMatchObject({ grade: "A", rules: [] });
    expect(grade(f("Medium", "Medium", "Medium", "Medium", "Medium"), 50, 0.15, S)).toMatchObject({ grade: "B", rules: [] });
  });

  it("a manual override wins over the computed grade and is shown as such", () => {
    expect(grade(f("Low", "High", "Low", "Low", "High"), 0, 0.01, S, "A")).toEqual({ grade: "A", computed: "C", base: "C", rules: ["shed"], override: true });
    expect(grade(f("High", "Low", "High", "High", "Low"), 100, 0.3, S, "C")).toMatchObject({ grade: "C", computed: "A", override: true });
    expect(grade(f("High", "Low", "High", "High", "Low"), 100, 0.3, S, "A")).toMatchObject({ grade: "A", computed: "A", override: true });
  });

  it("thresholds are settings", () => {
    const s = { gradeAMin: 70, gradeBMin: 50 };
    expect([baseGrade(70, s), baseGrade(69.9, s), baseGrade(50, s), baseGrade(49.9, s)]).toEqual(["A", "B", "B", "C"]);
  });
});

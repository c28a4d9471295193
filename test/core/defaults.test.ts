// Defaults live in DEFAULT_SETTINGS only (docs/architecture rules): with every default changed
// (core/settings mocked), the custom functions use the new defaults for an omitted argument,
// their descriptions — and the functions.json / Code.js JSDoc generated from them — state the
// new numbers, and the matrix formulas leave out exactly the arguments equal to the new defaults.
// A number hard-coded again anywhere on that path fails here.
import { describe, expect, it, vi } from "vitest";
import { callFunction } from "../../core/functions";
import { documented } from "../../core/functions/help";
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from "../../core/settings";
import { decideMatrix } from "../../core/use-cases/build-matrix";
import { dayFromParts } from "../../core/values";
import { functionsSource } from "../../excel-addin/functions-source";
import { customFunctionStubs } from "../../sheets-addon/functions-source";

vi.mock("../../core/settings", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../core/settings")>();
  const changed: Settings = {
    ...actual.DEFAULT_SETTINGS,
    weights: { revenue: 32, profitability: 27, strategic: 18, wallet: 12, pain: 11 },
    revenueTopPct: 12,
    revenueNextPct: 13,
    cumulativeHighPct: 70,
    cumulativeMediumPct: 90,
    profitAdequatePct: 8,
    profitHighPct: 28,
    walletMediumPct: 45,
    walletHighPct: 70,
    gradeAMin: 65,
    gradeBMin: 33,
    quadrantThreshold: 55,
    topSharePct: 22,
  };
  return { ...actual, DEFAULT_SETTINGS: changed };
});

const ORIGINAL = resolveSettings({}); // checkSettings keeps its own (the shipped) defaults
const d = DEFAULT_SETTINGS;
const today = dayFromParts(2026, 11, 22);
const call = (name: string, ...args: unknown[]) => callFunction(name, args).result[0]?.[0];
const LEVELS = ["High", "Medium", "Low"];

describe("with every default changed", () => {
  it("the mock took: the changed defaults differ from the shipped ones", () => {
    expect(d.gradeAMin).toBe(65);
    expect(ORIGINAL.gradeAMin).toBe(60);
  });

  it("the descriptions state the new defaults and no number of the old ones", () => {
    const functions = documented();
    const f = (name: string) => functions.find((x) => x.name === name) as (typeof functions)[number];
    const param = (name: string, p: string) => f(name).params.find((x) => x.name === p)?.description;
    expect(f("REVENUE_RATING").description).toContain("High for the top 12% of clients, Medium for the next 13%");
    expect(param("REVENUE_RATING", "top_pct")).toContain("(default 12)");
    expect(param("REVENUE_RATING", "next_pct")).toContain("(default 13)");
    expect(param("REVENUE_RATING", "method")).toContain("top_pct (default 70%), Medium ≤ next_pct (default 90%)");
    expect(f("WALLET_RATING").description).toContain("High above 70%, Medium from 45% to 70%, Low below 45%");
    expect([param("WALLET_RATING", "medium_pct"), param("WALLET_RATING", "high_pct")]).toEqual([expect.stringContaining("(default 45)"), expect.stringContaining("(default 70)")]);
    expect(f("PROFIT_RATING").description).toContain("High if ≥ 28%, Medium if ≥ 8%");
    expect(f("PROFIT_RATING").example).toBe("=KAM_PROFIT_RATING(D2:D500, 8%, 28%)");
    expect(f("SCORE").description).toContain("(revenue 32, profitability 27, strategic 18, wallet 12, pain 11)");
    for (const name of ["SCORE", "GRADE", "WHY"]) expect(param(name, "weights")).toContain("(default 32, 12, 27, 18, 11)");
    for (const name of ["GRADE", "WHY"]) expect([param(name, "a_min"), param(name, "b_min")]).toEqual([expect.stringContaining("(default 65)"), expect.stringContaining("(default 33)")]);
    expect(f("QUADRANT").description).toContain("55 and above is strong/high");
    expect(param("QUADRANT", "threshold")).toContain("(default 55)");
    expect(f("TOP_SHARE").description).toContain("from the top 22% of clients");
    expect(param("TOP_SHARE", "top_pct")).toContain("(default 22)");
    // Every "(default …)" of the table names only numbers of the changed defaults.
    const allowed = new Set([32, 27, 18, 12, 11, 13, 70, 90, 8, 28, 45, 65, 33, 55, 22]);
    const texts = functions.flatMap((x) => [x.description, x.example, ...x.params.map((p) => p.description)]);
    const stated = texts.flatMap((t) => [...t.matchAll(/default ([\d%, ]+)/g)].flatMap((m) => (m[1] as string).match(/\d+/g) ?? []).map(Number));
    expect(stated.length).toBeGreaterThan(15);
    expect(stated.filter((n) => !allowed.has(n))).toEqual([]);
  });

  it("the generated functions.json source and Code.js stubs carry the new defaults", () => {
    const excel = functionsSource("./runtime");
    const sheets = customFunctionStubs("KAM_ADDON").join("\n");
    for (const text of [excel, sheets]) {
      expect(text).toContain("Score from which the base grade is A (default 65).");
      expect(text).toContain("Wallet-share rating: High above 70%, Medium from 45% to 70%");
      expect(text).not.toContain("(default 60)");
      expect(text).not.toContain("(default 35)");
    }
  });

  it("an omitted argument takes the new default", () => {
    // Grades and scores of every rating combination: omitted = the new defaults given explicitly.
    const weights = [[d.weights.revenue, d.weights.wallet, d.weights.profitability, d.weights.strategic, d.weights.pain]];
    let differsFromOld = 0;
    for (const rev of LEVELS) for (const wallet of LEVELS) for (const profit of [...LEVELS, "Laggard"]) for (const strategic of LEVELS) for (const pain of LEVELS) {
      const r = [rev, wallet, profit, strategic, pain];
      expect(call("SCORE", ...r)).toBe(call("SCORE", ...r, weights));
      expect(call("GRADE", ...r)).toBe(call("GRADE", ...r, "", weights, 65, 33));
      if (call("GRADE", ...r) !== call("GRADE", ...r, "", "", 60, 35)) differsFromOld++;
    }
    expect(differsFromOld).toBeGreaterThan(0);
    expect([call("WALLET_RATING", 0.47), call("WALLET_RATING", 0.72)]).toEqual(["Medium", "High"]);
    expect([call("PROFIT_RATING", 0.09), call("PROFIT_RATING", 0.27)]).toEqual(["Medium", "Medium"]);
    expect(call("QUADRANT", 52, 80)).toBe(call("QUADRANT", 52, 80, 55));
    expect(call("QUADRANT", 52, 80)).not.toBe(call("QUADRANT", 52, 80, 50));
    const revenues = Array.from({ length: 100 }, (_, i) => [1000 - i]);
    expect(call("TOP_SHARE", revenues)).toBe(call("TOP_SHARE", revenues, 22));
    const ratings = (...a: unknown[]) => callFunction("REVENUE_RATING", [revenues, revenues, ...a]).result.map((x) => x[0]);
    expect(ratings().filter((x) => x === "High")).toHaveLength(12);
    expect(ratings().filter((x) => x === "Medium")).toHaveLength(13);
    expect(ratings("", "", "cumulative")).toEqual(ratings(70, 90, "cumulative"));
  });

  it("the matrix formulas leave out exactly the arguments equal to the new defaults", () => {
    const rows = [["Client", "Revenue", "Margin", "Share of wallet", "Strategic value", "Pain"], ["Acme", 1000, 0.3, 0.5, "High", "Low"], ["Beta", 500, 0.1, 0.2, "Low", "High"]];
    const state = { sheetName: "Clients", rows, isOwnSheet: false, matrix: null, history: [], settings: null };
    const formulas = (settings: Settings) => decideMatrix(state, { settings, today, builtAt: "2026-11-22T10:00:00Z" }).result.plan.cells[0]?.map((c) => (c && typeof c === "object" && "formula" in c ? c.formula : null));
    expect(formulas({ ...d })).toEqual([
      "=KAM_REVENUE_RATING(B2:B, B2:B)",
      "=KAM_WALLET_RATING(D2:D)",
      "=KAM_PROFIT_RATING(C2:C)",
      "=KAM_LEVEL(E2:E)",
      "=KAM_LEVEL(F2:F)",
      "=KAM_SCORE(G2:G, H2:H, I2:I, J2:J, K2:K)",
      "=KAM_GRADE(G2:G, H2:H, I2:I, J2:J, K2:K)",
      "=KAM_RELATIONSHIP(D2:D, K2:K)",
      "=KAM_QUADRANT(N2:N, L2:L)",
    ]);
    // The shipped defaults are not the defaults any more: every one of them is spelled out.
    expect(formulas(ORIGINAL)).toEqual([
      "=KAM_REVENUE_RATING(B2:B, B2:B, 10, 10)",
      "=KAM_WALLET_RATING(D2:D, 50%, 75%)",
      "=KAM_PROFIT_RATING(C2:C, 10%, 25%)",
      "=KAM_LEVEL(E2:E)",
      "=KAM_LEVEL(F2:F)",
      "=KAM_SCORE(G2:G, H2:H, I2:I, J2:J, K2:K, {30,15,25,20,10})",
      "=KAM_GRADE(G2:G, H2:H, I2:I, J2:J, K2:K, , {30,15,25,20,10}, 60, 35)",
      "=KAM_RELATIONSHIP(D2:D, K2:K)",
      "=KAM_QUADRANT(N2:N, L2:L, 50)",
    ]);
  });
});

// core/portfolio.ts shares what clients have in common (gradings, flag lists, explanation parts,
// action lines): every client's result must still be exactly what the model gives for that client
// alone, and what hosts copy or serialise must not change.
import { describe, expect, it } from "vitest";
import { buildSummary } from "../../core/bridge";
import { actionLine } from "../../core/model/actions";
import { explain } from "../../core/model/explain";
import { factorPoints, grade, score, type Factors } from "../../core/model/score";
import { gradePortfolio, type ClientResult, type Portfolio } from "../../core/portfolio";
import { toJson } from "../../core/report";
import { resolveSettings, type Settings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";
import { seeded } from "../helpers";

const today = dayFromParts(2026, 6, 30);

/** A sheet with every input, blanks and bad cells among them; `orders` repeats names. */
function sheet(n: number, seed: number, orders: boolean): CellValue[][] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const blank = () => rnd() < 0.08;
  const names = Array.from({ length: orders ? Math.ceil(n / 4) : n }, (_, i) => `${pick(["Acme", "Bolt", "=Evil", "Zed", "müller"])} ${i}`);
  const rows: CellValue[][] = [
    ["Customer Name", "Industry", "Sales", "Profit", "Share of wallet", "Strategic", "Pain", "Relationship", "Override", "Override reason", "Last review", "Order date"],
  ];
  for (let i = 0; i < n; i++) {
    rows.push([
      orders ? pick(names) : rnd() < 0.03 ? names[0]! : names[i]!,
      blank() ? null : pick(["Retail", "Health", "Food"]),
      rnd() < 0.02 ? "n/a" : rnd() < 0.1 ? `$${(rnd() * 1e5).toFixed(2)}` : Math.round(rnd() * 1e6) / 100,
      blank() ? null : Math.round((rnd() - 0.2) * 1e5) / 100,
      blank() ? null : rnd() < 0.03 ? "lots" : Math.round(rnd() * 100) / 100,
      blank() ? null : pick(["High", "Medium", "Low", "meh"]),
      blank() ? null : pick(["High", "Medium", "Low", "ouch"]),
      rnd() < 0.5 ? null : pick([1, 2, 3, 4, 5, "Integrated"]),
      rnd() < 0.85 ? null : pick(["A", "B", "C", "Z"]),
      rnd() < 0.9 ? null : "founder's first client",
      blank() ? null : `2026-0${1 + Math.floor(rnd() * 6)}-1${Math.floor(rnd() * 9)}`,
      `2025-0${1 + Math.floor(rnd() * 9)}-0${1 + Math.floor(rnd() * 9)}`,
    ]);
  }
  return rows;
}

const factorsOf = (c: ClientResult): Factors => ({ revenue: c.revenueRating, wallet: c.walletRating, profitability: c.profitRating, strategic: c.strategic, pain: c.pain });

/** Each client worked out on its own with the model's functions, as the portfolio did before it shared anything. */
function expectEachClientWorkedOut(p: Portfolio, settings: Settings) {
  for (const c of p.clients) {
    const f = factorsOf(c);
    const overridden = c.flags.includes("override");
    expect(c.points).toEqual(factorPoints(f));
    expect(c.score).toBe(score(f, settings.weights));
    const result = grade(f, c.score, c.margin, settings, overridden ? c.grade : null);
    expect({ grade: c.grade, computed: c.computedGrade, base: c.baseGrade, rules: c.rules, override: overridden }).toEqual(result);
    expect(c.flags.includes("shed")).toBe(result.rules.includes("shed"));
    expect(c.flags.includes("laggard")).toBe(result.rules.includes("laggard"));
    expect(c.why).toBe(explain({ factors: f, weights: settings.weights, score: c.score, result, margin: c.margin, share: c.walletShare, overrideReason: c.overrideReason }));
    expect(c.actions).toBe(actionLine({ grade: c.grade, share: c.walletShare, flags: c.flags }, settings));
  }
}

describe("shared parts of the results", () => {
  const cases: [string, CellValue[][], Record<string, unknown>][] = [
    ["a per-client sheet", sheet(400, 1, false), {}],
    ["an order list", sheet(600, 2, true), { mode: "orders" }],
    ["other weights, thresholds and the cumulative method", sheet(300, 3, false), { weights: { revenue: 10, profitability: 40, strategic: 10, wallet: 30, pain: 10 }, gradeAMin: 50, walletHighPct: 60, walletMediumPct: 30, revenueMethod: "cumulative" }],
  ];

  it.each(cases)("every client of %s is what the model gives for it alone", (_, rows, raw) => {
    const settings = resolveSettings(raw);
    const p = gradePortfolio({ rows, settings, today });
    expect(p.clients.length).toBeGreaterThan(50);
    expect(p.clients.some((c) => c.flags.includes("override"))).toBe(true);
    expect(p.clients.some((c) => c.rules.length > 1)).toBe(true);
    expectEachClientWorkedOut(p, settings);
  });

  it("builds with other wallet thresholds in between do not reuse each other's action lines", () => {
    const rows = sheet(300, 4, false);
    const wide = resolveSettings({ walletHighPct: 90, walletMediumPct: 10 });
    const narrow = resolveSettings({ walletHighPct: 55, walletMediumPct: 45 });
    for (const settings of [wide, narrow, wide]) expectEachClientWorkedOut(gradePortfolio({ rows, settings, today }), settings);
  });

  it("clients with the same flags share one frozen list; clients without issues share a frozen empty one", () => {
    const p = gradePortfolio({ rows: sheet(400, 5, false), settings: resolveSettings({}), today });
    const byFlags = new Map<string, readonly string[]>();
    for (const c of p.clients) {
      const key = c.flags.join(",");
      if (byFlags.has(key)) expect(c.flags).toBe(byFlags.get(key));
      else byFlags.set(key, c.flags);
      expect(Object.isFrozen(c.flags)).toBe(true);
    }
    const clean = p.clients.filter((c) => c.issues.length === 0);
    expect(clean.length).toBeGreaterThan(1);
    for (const c of clean) expect(c.issues).toBe(clean[0]!.issues);
    expect(Object.isFrozen(clean[0]!.issues)).toBe(true);
    // Writing to a shared list fails loudly instead of changing other clients.
    expect(() => (p.clients[0]!.flags as string[]).push("duplicate")).toThrow(TypeError);
    // Issues of a client that has some are its own.
    const noted = p.clients.filter((c) => c.issues.length > 0);
    expect(new Set(noted.map((c) => c.issues)).size).toBe(noted.length);
  });

  it("what hosts copy or serialise is unchanged: fresh flag arrays in the JSON report and the panel summary, every field through JSON and structuredClone", () => {
    const p = gradePortfolio({ rows: sheet(200, 6, false), settings: resolveSettings({}), today });
    const report = toJson(p);
    const summary = buildSummary(p);
    p.clients.forEach((c, i) => {
      expect(report.clients[i]!.flags).toEqual([...c.flags]);
      expect(report.clients[i]!.flags).not.toBe(c.flags);
      expect(Object.isFrozen(report.clients[i]!.flags)).toBe(false);
      expect(summary.clients[i]!.flags).not.toBe(c.flags);
      expect(summary.clients[i]!.why).toBe(c.why);
      // A result is plain data: every field survives JSON and structuredClone as it is.
      expect(JSON.parse(JSON.stringify(c))).toEqual(JSON.parse(JSON.stringify({ ...c })));
      expect(structuredClone(c)).toEqual(c);
      expect(Object.keys(c)).toContain("why");
    });
  });
});

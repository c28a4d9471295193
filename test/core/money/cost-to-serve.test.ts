// SPEC §12 cost to serve through the portfolio: detection, order lists summed, profit after
// serving, the rating on the margin after serving, the explanation, blanks and `(300)`.
import { describe, expect, it } from "vitest";
import { detectColumns } from "../../../core/columns";
import { profitAfterServing } from "../../../core/money/cost-to-serve";
import { toJson } from "../../../core/report";
import { byName, grade } from "../portfolio/grade";

describe("cost to serve", () => {
  it("is detected under each SPEC header and never taken for revenue", () => {
    for (const h of ["Cost to serve", "Service cost", "Servicing Cost", "support_cost", "Support costs"]) {
      const { mapping } = detectColumns(["Client", "Revenue", h]);
      expect(mapping.costToServe, h).toBe(2);
      expect(mapping.revenue, h).toBe(1);
    }
    expect(detectColumns(["Client", "Revenue", "Cost"]).mapping.costToServe).toBeUndefined();
  });

  it("profit after serving = profit − cost; with only a margin, profit = revenue × margin", () => {
    // NaN is "none", as in the portfolio's typed columns.
    const none = Number.NaN;
    expect(profitAfterServing(1000, 0.2, none, 160)).toEqual({ profit: 40, margin: 0.04, afterServing: true });
    expect(profitAfterServing(1000, 0.2, 200, 300)).toEqual({ profit: -100, margin: -0.1, afterServing: true });
    expect(profitAfterServing(1000, 0.2, none, none)).toEqual({ profit: 200, margin: 0.2, afterServing: false });
    expect(profitAfterServing(1000, none, none, 50)).toEqual({ profit: none, margin: none, afterServing: false });
    // No positive revenue: the margin stays (SPEC §2a), the loss counts.
    expect(profitAfterServing(0, none, 0, 300)).toEqual({ profit: -300, margin: none, afterServing: false });
    // One object filled for each client in turn: nothing of the one before stays.
    const into = profitAfterServing(1000, 0.2, none, 160);
    expect(profitAfterServing(0, none, none, 300, into)).toEqual({ profit: none, margin: none, afterServing: false });
    expect(profitAfterServing(1000, 0.3, none, none, into)).toBe(into);
    expect(into).toEqual({ profit: 300, margin: 0.3, afterServing: false });
  });

  const rows = [
    ["Client", "Revenue", "Margin", "Cost to serve", "Strategic", "Pain"],
    ["Acme", 1000, "20%", 160, "Low", "Low"], // 20% − 16% = 4%: Low
    ["Bolt", 1000, "30%", "(300)", "Low", "Low"], // (300) is −300: a credit, 60%
    ["Cobalt", 1000, "12%", "", "Low", "Low"], // blank: the margin before serving, noted
    ["Dyna", 1000, "10%", "lots", "Low", "Low"], // unreadable: noted
    ["Echo", 1000, "10%", 150, "Low", "Low"], // −5%: a loss, laggard
  ];
  const p = grade(rows);

  it("the profitability rating uses the margin after serving, and the explanation says so", () => {
    const acme = byName(p.clients, "Acme");
    expect(acme).toMatchObject({ margin: 0.04, profitRating: "Low", costToServe: 160, profit: 40 });
    expect(acme.why).toContain("margin after cost to serve 4% Low +0");
    expect(byName(p.clients, "Bolt")).toMatchObject({ margin: 0.6, profitRating: "High", costToServe: -300, profit: 600 });
    const echo = byName(p.clients, "Echo");
    expect(echo).toMatchObject({ margin: -0.05, profitRating: "Laggard", grade: "C", profit: -50 });
    expect(echo.flags).toContain("laggard");
  });

  it("a blank or unreadable cost keeps the margin before serving, with a note at the client", () => {
    const cobalt = byName(p.clients, "Cobalt");
    expect(cobalt).toMatchObject({ margin: 0.12, profitRating: "Medium", costToServe: null, profit: 120 });
    expect(cobalt.why).toContain("margin 12% Medium");
    expect(cobalt.why).not.toContain("after cost to serve");
    expect(cobalt.issues).toContain("cost to serve missing; margin before serving used");
    const dyna = byName(p.clients, "Dyna");
    expect(dyna.costToServe).toBeNull();
    expect(dyna.issues.some((s) => s.startsWith("cost to serve: "))).toBe(true);
  });

  it("order lists sum the cost per client", () => {
    const q = grade([
      ["Client", "Sales", "Profit", "Service cost"],
      ["Acme", 500, 100, 30],
      ["Acme", 500, 100, 20],
      ["Bolt", 100, 10, ""],
      ["Bolt", 100, 10, 40],
    ], { mode: "orders" });
    expect(byName(q.clients, "Acme")).toMatchObject({ costToServe: 50, profit: 150, margin: 0.15 });
    expect(byName(q.clients, "Bolt")).toMatchObject({ costToServe: 40, profit: -20, margin: -0.1 });
  });

  it("an order list with dates counts the cost of the current period only, like its revenue and profit (SPEC §11, §12)", () => {
    const q = grade([
      ["Order Date", "Client", "Sales", "Profit", "Service cost"],
      ["2026-06-01", "Acme", 500, 100, 30],
      ["2025-03-01", "Acme", 900, 300, 400], // before the 12 months to asOf (2026-06-30): not counted
      ["2026-06-30", "Bolt", 100, 10, 5],
      ["2026-01-15", "Acme", 500, 100, 20],
    ], { mode: "orders" });
    expect(q.period).not.toBeNull();
    expect(byName(q.clients, "Acme")).toMatchObject({ revenue: 1000, costToServe: 50, profit: 150, margin: 0.15 });
    expect(byName(q.clients, "Bolt")).toMatchObject({ costToServe: 5, profit: 5 });
  });

  it("JSON carries costToServe and profit per client and the profit summary", () => {
    const j = toJson(p);
    expect(j.clients.find((c) => c.name === "Acme")).toMatchObject({ costToServe: 160, profit: 40 });
    // Profits 40, 600, 120, 100, −50 = 810; top ⌈5·20/100⌉ = 1 client (Bolt) earns 600/810.
    expect(j.summary.profitTop20Share).toBeCloseTo(600 / 810, 12);
    expect(j.summary).toMatchObject({ lossMakers: 1, lossTotal: -50 });
    expect(p.profitSentence).toBe("the top 20% of clients earn 74.1% of profit; 1 client loses money, together −50");
  });

  it("without a cost or profit column the JSON has neither field, and no profit summary", () => {
    const q = grade([["Client", "Revenue"], ["Acme", 100], ["Bolt", 50]]);
    const j = toJson(q);
    expect(j.clients[0]).not.toHaveProperty("costToServe");
    expect(j.clients[0]).not.toHaveProperty("profit");
    expect(j.summary).not.toHaveProperty("profitTop20Share");
    expect(q.profitCurve).toBeNull();
  });
});

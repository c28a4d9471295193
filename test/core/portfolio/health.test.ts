// core/portfolio/summary.ts and health.ts: counts, shares, HHI, warnings, budget (SPEC §7).
import { describe, expect, it } from "vitest";
import { byName, grade, type Rows } from "./grade";

describe("portfolio health (SPEC §7)", () => {
  it("summary: counts, revenue, byGrade, top-20% share, top client share, HHI", () => {
    const p = grade([["Client", "Revenue"], ["A1", 50], ["A2", 20], ["A3", 10], ["A4", 10], ["A5", 5], ["A6", 5]]);
    expect(p.summary.clients).toBe(6);
    expect(p.summary.revenue).toBe(100);
    expect(p.summary.byGrade.A + p.summary.byGrade.B + p.summary.byGrade.C).toBe(6);
    expect(p.summary.top20Share).toBeCloseTo(0.7, 12); // ⌈1.2⌉ = 2 clients
    expect(p.summary.topClientShare).toBeCloseTo(0.5, 12);
    expect(p.summary.hhi).toBeCloseTo(2500 + 400 + 100 + 100 + 25 + 25, 9);
    expect(p.health.hhiBand).toBe("highly concentrated");
  });

  it("warns about a client above 25% of revenue, not at exactly 25%", () => {
    const even = grade([["Client", "Revenue"], ["A", 25], ["B", 25], ["C", 25], ["D", 25]]);
    expect(even.health.warnings).toEqual([]);
    const top = grade([["Client", "Revenue"], ["A", 26], ["B", 25], ["C", 25], ["D", 24]]);
    expect(top.health.warnings).toEqual(["A is 26% of revenue (above 25%)"]);
  });

  it("warns about an industry above 50% of revenue, not at exactly 50%; counts revenue by industry", () => {
    const rows = (retail: number): Rows => [
      ["Client", "Revenue", "Industry"], ["A", retail, "Retail"], ["B", 20, "Food"], ["C", 20, "Food"], ["D", 20, "Tech"], ["E", 20, "Tech"], ["F", 20, "Legal"], ["G", 20, "Legal"],
    ];
    const at50 = grade(rows(120)); // 120 of 240
    expect(at50.health.warnings.filter((w) => w.startsWith("Retail"))).toEqual([]);
    const above = grade(rows(130));
    expect(above.health.warnings).toContain("Retail is 52% of revenue (above 50%)");
    expect(above.health.industries[0]).toMatchObject({ industry: "Retail", revenue: 130, clients: 1 });
  });

  it("no industry figures when no industry column is mapped", () => {
    const p = grade([["Client", "Revenue"], ["A", 1]]);
    expect(p.health.industries).toEqual([]);
    expect(p.health.industryHhi).toBeNull();
  });

  it("budget: 60/30/10 by grade, split evenly; an empty grade's share goes to the others", () => {
    const p = grade([
      ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
      ["A1", 1000, "30%", "20%", "High", "Low"],
      ["B1", 10, "15%", "60%", "Medium", "Medium"],
      ["B2", 9, "15%", "60%", "Medium", "Medium"],
    ]);
    expect(p.summary.byGrade).toEqual({ A: 1, B: 2, C: 0 });
    expect(byName(p.clients, "A1").budgetShare).toBeCloseTo(60 / 90, 12);
    expect(byName(p.clients, "B1").budgetShare).toBeCloseTo(15 / 90, 12);
    expect(p.clients.reduce((a, c) => a + c.budgetShare, 0)).toBeCloseTo(1, 12);
    expect(p.health.budgetByGrade.C).toBe(0);
  });

  it("revenue and counts by grade and by quadrant add up", () => {
    const p = grade([["Client", "Revenue", "Strategic"], ["A", 100, "High"], ["B", 50, "Low"], ["C", 25, "Medium"]]);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(p.health.revenueByGrade)).toBe(175);
    expect(sum(p.health.revenueByQuadrant)).toBe(175);
    expect(sum(p.health.countByQuadrant)).toBe(3);
  });
});

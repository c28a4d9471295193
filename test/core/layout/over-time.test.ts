// The portfolio tab over time (SPEC §11): period columns in the ranked table and the "At risk"
// section, first below the table and first among the warnings; none of it without a period.
import { describe, expect, it } from "vitest";
import { layoutPortfolio, TABLE_HEADER_ROW } from "../../../core/layout";
import type { SheetPlan } from "../../../core/plan";
import { grade, type Rows } from "../portfolio/grade";

const orders: Rows = [
  ["Date", "Customer", "Amount", "Strategic"],
  ["2025-06-30", "Acme", 100, "High"], // fell from 1000: at risk (B by its strategic value)
  ["2024-03-01", "Acme", 1000, "High"],
  ["2024-12-31", "Bolt", 200, "Medium"], // 181 days without an order: at risk (A: top revenue)
  ["2024-03-01", "Bolt", 200, "Medium"],
  ["2025-05-01", "Cobalt", 50, "Low"], // new, C
  ["2025-05-02", "Cobalt", 50, "Low"],
  ["", "Dawn", 10, "Low"], // no valid date
];
const layout = (rows: Rows, settings: Record<string, unknown> = {}): SheetPlan => layoutPortfolio(grade(rows, settings), { sourceSheet: "Orders", builtOn: "2025-07-01" });
const header = (p: SheetPlan): string[] => (p.blocks.find((b) => b.role === "table")?.values[0] ?? []) as string[];

describe("with a period", () => {
  const p = layout(orders);

  it("the ranked table shows previous revenue, trend, growth and days since the last order after the last order", () => {
    const h = header(p);
    const last = h.indexOf("Last order");
    expect(h.slice(last, last + 5)).toEqual(["Last order", "Previous revenue", "Trend", "Growth", "Days since last order"]);
    const table = p.blocks.find((b) => b.role === "table") as SheetPlan["blocks"][number];
    const acme = table.values.find((r) => r[1] === "Acme") as unknown[];
    expect([acme[h.indexOf("Previous revenue")], acme[h.indexOf("Trend")], acme[h.indexOf("Growth")], acme[h.indexOf("Days since last order")]]).toEqual([1000, "Declining", -0.9, 0]);
  });

  it("lists the at-risk clients first below the table, before needs data, with the reason", () => {
    const below = p.blocks.filter((b) => b.row > TABLE_HEADER_ROW && b.role !== "table" && b.role !== "chart-data");
    expect(below[0]?.values[0]?.[0]).toBe("At risk: 2 A or B clients slipping");
    const list = below[1] as SheetPlan["blocks"][number];
    expect(list.role).toBe("at-risk");
    expect(list.values.slice(1).map((r) => [r[1], r[2], r[3], r[6]])).toEqual([
      ["Bolt", "A", "Steady", "no order for 181 days"],
      ["Acme", "B", "Declining", "revenue -90% on the previous 12 months"],
    ]);
    const needs = p.blocks.find((b) => b.role === "needs-data") as SheetPlan["blocks"][number];
    expect(needs.row).toBeGreaterThan(list.row + list.values.length);
  });

  it("names them first among the warnings", () => {
    const warnings = p.blocks.find((b) => b.values[0]?.[0] === "Warnings") as SheetPlan["blocks"][number];
    expect(warnings.values[1]?.[0]).toBe("At risk: 2 A/B clients (listed below the table): Bolt, Acme");
  });
});

describe("without a period (revenuePeriodMonths 0)", () => {
  const p = layout(orders, { revenuePeriodMonths: 0 });
  it("no period columns and no At risk section", () => {
    expect(header(p)).not.toContain("Trend");
    expect(p.blocks.some((b) => b.role === "at-risk")).toBe(false);
    expect(p.blocks.some((b) => String(b.values[0]?.[0] ?? "").startsWith("At risk"))).toBe(false);
  });
});

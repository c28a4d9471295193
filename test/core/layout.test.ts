// The KAM Portfolio sheet plan (core/layout.ts): what every host renders.
import { describe, expect, it } from "vitest";
import { layoutPortfolio } from "../../core/layout";
import { fitScale, LEGIBLE_SCALE, type SheetPlan } from "../../core/plan";
import { KEY_ACCOUNT_PLAN } from "../../core/model/actions";
import { QUADRANT_ADVICE, QUADRANTS } from "../../core/model/quadrant";
import { gradePortfolio } from "../../core/portfolio";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";

const plan = (rows: CellValue[][]): SheetPlan =>
  layoutPortfolio(gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today: dayFromParts(2026, 11, 22) }), { sourceSheet: "Clients", builtOn: "2026-11-22" });

/** Every non-null text of the plan with its 1-based row. */
function texts(p: SheetPlan): { row: number; text: string }[] {
  return p.blocks.flatMap((b) => b.values.flatMap((r, i) => r.filter((v): v is string => typeof v === "string").map((text) => ({ row: b.row + i, text }))));
}

const withA: CellValue[][] = [
  ["Client", "Revenue", "Margin", "Share of wallet", "Strategic", "Pain"],
  ["Acme", 900, "30%", "20%", "High", "Low"],
  ["Beta", 100, "5%", "90%", "Low", "High"],
];

describe("What to do, below the table", () => {
  it("lists the key-account plan checklist when there are A clients, and what each quadrant asks", () => {
    const p = plan(withA);
    const all = texts(p);
    const heading = all.find((t) => t.text.startsWith("Key-account plan: write one for each A client (1)"));
    expect(heading).toBeDefined();
    KEY_ACCOUNT_PLAN.forEach((item, i) => expect(all).toContainEqual({ row: (heading?.row as number) + 1 + i, text: `${i + 1}. ${item}` }));
    for (const q of QUADRANTS) expect(all.map((t) => t.text)).toContain(QUADRANT_ADVICE[q]);
    // Below the ranked table, and inside the plan's extent.
    const table = p.table.range;
    expect(heading?.row).toBeGreaterThan(table.row + table.rows);
    expect(Math.max(...all.map((t) => t.row))).toBeLessThanOrEqual(p.size.rows);
  });

  it("has no checklist when no client is graded A", () => {
    const p = plan([["Client", "Revenue"], ["Solo", 10]]);
    expect(texts(p).some((t) => t.text.startsWith("Key-account plan"))).toBe(false);
    expect(texts(p).map((t) => t.text)).toContain(QUADRANT_ADVICE.Rethink);
  });
});

describe("printing the tab (never 3-pt text)", () => {
  it.each<[string, (number | undefined)[], "landscape" | "portrait", number]>([
    ["narrow columns fit as they are", [10, 20, 10], "landscape", 1],
    // 168 characters of key columns: (168·7 + 15·5) px = 1251 px = 938.25 pt into 734.4 pt
    ["the portfolio's key columns", [6, 28, 7, 12, 9, 7, 22, 13, 12, 8, 9, 8, 9, 9, 9], "landscape", 734.4 / 938.25],
    ["portrait is narrower", [6, 28, 7, 12, 9, 7, 22, 13, 12, 8, 9, 8, 9, 9, 9], "portrait", 554.4 / 938.25],
    ["default-width columns", [undefined, undefined], "landscape", 1],
  ])("%s: scale %d", (_what, widths, orientation, scale) => {
    expect(fitScale(widths, orientation)).toBeCloseTo(scale, 6);
  });

  it("prints the key columns of every row one page wide at a legible scale, then the chart on its own page", () => {
    const p = plan(withA);
    const [table, chart] = p.page.print ?? [];
    const header = (p.blocks.find((b) => b.role === "table")?.values[0] ?? []) as string[];
    expect(table).toEqual({ row: 1, col: 1, rows: p.size.rows, cols: header.indexOf("Pain") + 1 });
    expect(fitScale(p.columnWidths.slice(0, table?.cols), "landscape")).toBeGreaterThanOrEqual(LEGIBLE_SCALE);
    expect(p.page).toMatchObject({ orientation: "landscape", fitToWidth: true });
    // The chart lies outside the printed table columns, and its own range covers its width.
    expect(p.chart?.anchor.col).toBe((table?.cols ?? 0) + 1);
    expect(chart).toMatchObject({ row: 1, col: p.chart?.anchor.col, rows: p.table.range.row - 1 });
    let px = 0;
    for (let c = 0; c < (chart?.cols ?? 0); c++) px += Math.trunc((p.columnWidths[(chart?.col ?? 1) - 1 + c] ?? 8.43) * 7 + 5);
    expect(px).toBeGreaterThanOrEqual(p.chart?.anchor.width ?? Infinity);
    // fitting every column instead would be about a third of the size
    expect(fitScale(p.columnWidths, "landscape")).toBeLessThan(0.35);
  });
});

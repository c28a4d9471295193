// The KAM Portfolio sheet plan (core/layout.ts): what every host renders.
import { describe, expect, it } from "vitest";
import { layoutPortfolio } from "../../core/layout";
import { type SheetPlan } from "../../core/plan";
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

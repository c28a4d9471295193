// The build use cases (core/use-cases/build-*.ts) on a recording port: one read, then the writes
// in the order the decision lists them — the build's own writes, then the settings it was given
// (SPEC §9) — the same on an async and a sync port; bad settings and our own sheet write nothing.
import { describe, expect, it } from "vitest";
import { EXCEL_DIALECT } from "../../../core/matrix";
import { resolveSettings, SettingsError } from "../../../core/settings";
import { buildMatrixAndPortfolio, decideBoth } from "../../../core/use-cases/build-both";
import { buildMatrix, buildMatrixSync, decideMatrix } from "../../../core/use-cases/build-matrix";
import { buildPortfolio, buildPortfolioSync } from "../../../core/use-cases/build-portfolio";
import { OwnSheetError, type BuildOptions } from "../../../core/use-cases/grade";
import { dayFromParts } from "../../../core/values";
import { recorder, state } from "./recorder";

const rows = [["Client", "Revenue", "Margin"], ["Acme", 1000, 0.3], ["Beta", 500, 0.12], ["Cora", 20, 0.05]];
const o = (more: Partial<BuildOptions> = {}): BuildOptions => ({ today: dayFromParts(2026, 11, 22), builtAt: "2026-11-22T10:00:00Z", ...more });

describe("build use cases", () => {
  it("a menu build (no settings given) grades with the saved settings and saves none", async () => {
    const r = recorder(state(rows, { settings: { gradeAMin: 80 } }));
    const m = await buildMatrix(r.port, o());
    expect(m.portfolio.settings.gradeAMin).toBe(80);
    expect(m.message).toBe("Matrix: 3 clients: 0 A, 1 B, 2 C");
    expect(r.log).toEqual(["read", "matrix at 4"]);
  });

  it("a build given settings writes, then saves exactly those settings", async () => {
    const given = { gradeAMin: 70, mapping: { margin: "Margin" } };
    const a = recorder(state(rows, { settings: { gradeAMin: 80 } }));
    const p = await buildPortfolio(a.port, o({ settings: given }));
    expect(p.portfolio.settings.gradeAMin).toBe(70);
    expect(a.log).toEqual(["read", "portfolio KAM Portfolio, 3 rows", `settings ${JSON.stringify(resolveSettings(given))}`]);
    // The sync runner does the same, in the same order.
    const b = recorder(state(rows, { settings: { gradeAMin: 80 } }));
    buildPortfolioSync(b.sync, o({ settings: given }));
    expect(b.log).toEqual(a.log);
    const c = recorder(state(rows));
    buildMatrixSync(c.sync, o({ settings: given }));
    expect(c.log).toEqual(["read", "matrix at 4", `settings ${JSON.stringify(resolveSettings(given))}`]);
  });

  it("the file command: matrix, portfolio, then settings, from one read", async () => {
    const r = recorder(state(rows));
    const both = await buildMatrixAndPortfolio(r.port, o({ settings: {}, dialect: EXCEL_DIALECT, valuesOnly: true }));
    expect(r.log).toEqual(["read", "matrix at 4", "portfolio KAM Portfolio, 3 rows", `settings ${JSON.stringify(resolveSettings({}))}`]);
    expect(both.matrix.portfolio).toBe(both.portfolio.portfolio);
    // valuesOnly: values whatever the setting says.
    expect(both.matrix.plan.spill).toBe(false);
    expect(both.matrix.plan.cells.flat().some((v) => typeof v === "object" && v !== null)).toBe(false);
    expect(decideBoth(state(rows), o()).writes).toHaveLength(2);
  });

  it("formulas by default, spelled for the host", () => {
    const sheets = decideMatrix(state(rows), o()).result.plan;
    const excel = decideMatrix(state(rows), o({ dialect: EXCEL_DIALECT })).result.plan;
    expect(sheets.cells[0]?.[0]).toEqual({ formula: "=KAM_REVENUE_RATING(B2:B, B2:B)" });
    expect(excel.cells[0]?.[0]).toEqual({ formula: "=KAM.REVENUE_RATING(B2:B4, B2:B4)" });
    expect(decideMatrix(state(rows), o({ settings: { matrixOutput: "values" } })).result.plan.spill).toBe(false);
  });

  it("a sheet with a TOTAL row gets values, not live formulas (a formula over the column would rank the total as a client), and the message says why", () => {
    const withTotal = [...rows, ["Total", 1520, ""]];
    const m = decideMatrix(state(withTotal), o()).result;
    expect(m.plan.spill).toBe(false);
    expect(m.plan.cells.map((r) => r[0])).toEqual(["High", "Low", "Low", "Skipped: total row"]);
    expect(m.message).toBe("Matrix: 3 clients: 1 A, 0 B, 2 C; 1 row skipped; values, not live formulas: formulas over the column would count the skipped row as a client");
    // Without the total, the same sheet gets its formulas back.
    expect(decideMatrix(state(rows), o()).result.plan.spill).toBe(true);
  });

  it("manual grades with an end date get values (the grade formula cannot tell the day a manual grade ends): an expired one shows the computed grade", () => {
    const overrides = [
      ["Client", "Revenue", "Margin", "Manual grade", "Override until"],
      ["Acme", 1000, 0.3, "C", "2026-06-30"],
      ["Beta", 500, 0.12, "A", "2027-01-31"],
      ["Cora", 20, 0.05, "", ""],
    ];
    const m = decideMatrix(state(overrides), o()).result;
    expect(m.plan.spill).toBe(false);
    const grade = (row: number) => m.plan.cells[row]?.[6];
    // Acme's C ended on 30 June: its computed grade; Beta's A still stands.
    expect(m.portfolio.clients.find((c) => c.name === "Acme")?.flags).toContain("override-expired");
    expect([grade(0), grade(1)]).toEqual([m.portfolio.clients.find((c) => c.name === "Acme")?.grade, "A"]);
    expect(grade(0)).not.toBe("C");
    expect(m.message).toMatch(/values, not live formulas: the grade formula would keep a manual grade past its “Override until” date$/);
    // Manual grades without an end date keep their live formulas.
    const noEnd = overrides.map((r) => r.slice(0, 4));
    expect(decideMatrix(state(noEnd), o()).result.plan.spill).toBe(true);
  });

  it("bad settings, given or saved, are a SettingsError naming them, and nothing is written", async () => {
    const given = recorder(state(rows));
    await expect(buildPortfolio(given.port, o({ settings: { gradeBMin: 70 } }))).rejects.toThrow(SettingsError);
    await expect(buildPortfolio(given.port, o({ settings: { weights: { revenue: 90 } } }))).rejects.toThrow(/weights: must sum to 100/);
    const saved = recorder(state(rows, { settings: { gradeAMin: "high" } }));
    expect(() => buildMatrixSync(saved.sync, o())).toThrow(/gradeAMin: must be a number/);
    expect([...given.log, ...saved.log]).toEqual(["read", "read", "read"]);
  });

  it("refuses the add-in's own sheet before anything else", async () => {
    const r = recorder(state([["KAM Portfolio"]], { isOwnSheet: true, sheetName: "KAM Portfolio", settings: "not settings" }));
    await expect(buildPortfolio(r.port, o())).rejects.toBeInstanceOf(OwnSheetError);
    await expect(buildMatrix(r.port, o({ settings: {} }))).rejects.toThrow(/"KAM Portfolio" is the add-in's own sheet/);
    expect(r.log).toEqual(["read", "read"]);
  });
});

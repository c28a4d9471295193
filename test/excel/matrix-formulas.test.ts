// The formulas Build matrix writes into an Excel sheet (=KAM.* over bounded ranges), taken from the
// fake Excel and evaluated by a real formula engine (HyperFormula with the KAM functions under
// their Excel names, generated from core/functions.ts), agree with the portfolio of the same build.
import { describe, expect, it } from "vitest";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { EXCEL_DIALECT, MATRIX_HEADERS } from "../../core/matrix";
import { dayFromParts } from "../../core/values";
import { ExcelPort } from "../../excel-addin/port";
import { FakeContext, FakeWorkbookState } from "../fakes/excel";
import { kamEngine } from "../fakes/hyperformula-kam";
import { csvSheet, syntheticSheet } from "./sheets";

const today = dayFromParts(2026, 11, 22);

async function evaluate(rows: unknown[][]) {
  const st = new FakeWorkbookState();
  const sheet = st.addSheet("Clients", rows);
  const result = await buildMatrix(new ExcelPort(new FakeContext(st).asRequestContext(), { sheetName: "Clients" }), { today, builtAt: "2026-11-22T10:00:00Z", dialect: EXCEL_DIALECT });
  const used = sheet.used();
  const height = (used?.row ?? 0) + (used?.rows ?? 0) + 5;
  const width = (used?.col ?? 0) + (used?.cols ?? 0);
  // The sheet as Excel holds it: text as text, numbers as numbers, our formulas as written.
  const grid = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => {
    const cell = sheet.cell(r, c);
    if (!cell) return null;
    if (cell.formula !== undefined) return cell.formula;
    return typeof cell.value === "string" ? (cell.value === "" ? null : `'${cell.value}`) : cell.value;
  }));
  const hf = kamEngine({ Clients: grid }, { prefix: "KAM." });
  const values = hf.getSheetValues(hf.getSheetId("Clients") as number);
  hf.destroy();
  return { sheet, values, ...result };
}

describe("Excel matrix formulas, evaluated by HyperFormula, equal the portfolio", () => {
  const cases: [string, unknown[][]][] = [
    ["examples/clients.csv", csvSheet("examples/clients.csv")],
    ["the 60-client test vector", csvSheet("test/vectors/clients-60.csv")],
    ["500 synthetic clients", syntheticSheet(500)],
  ];
  for (const [label, rows] of cases) {
    it(label, async () => {
      const { sheet, values, portfolio: p, plan } = await evaluate(rows);
      const formulas = sheet.formulas();
      expect(formulas.length).toBeGreaterThanOrEqual(7);
      for (const f of formulas) {
        expect(f.formula).toMatch(/^=KAM\./);
        expect(f.formula).not.toMatch(/\b[A-Z]{1,3}\d+:[A-Z]{1,3}\b(?!\d)/); // no open-ended C2:C ranges in Excel
      }
      const col = (name: (typeof MATRIX_HEADERS)[number]) => plan.column - 1 + MATRIX_HEADERS.indexOf(name);
      for (const c of p.clients) {
        const cell = (name: (typeof MATRIX_HEADERS)[number]) => values[c.row - 1]?.[col(name)];
        const at = `row ${c.row} (${c.name})`;
        expect(cell("KAM revenue rating"), at).toBe(c.revenueRating);
        expect(cell("KAM score"), at).toBe(c.score);
        expect(cell("KAM grade"), at).toBe(c.grade);
        expect(cell("KAM relationship"), at).toBe(c.relationship);
        expect(cell("KAM quadrant"), at).toBe(c.quadrant);
      }
      expect(p.clients.length).toBeGreaterThan(0);
    });
  }
});

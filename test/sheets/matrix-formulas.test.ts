// The formulas Build matrix writes into the user's sheet, evaluated by a real formula engine
// (HyperFormula with the KAM functions registered as a plugin generated from core/functions.ts),
// agree with the portfolio the same build computed.
//
// Sheets reads an open-ended range such as C2:C down to the sheet's last row; HyperFormula has no
// open-ended ranges, so each "X2:X" of the written formula is translated to "X2:X<max rows>" — the
// same cells Sheets passes, trailing blank rows included (they must come out blank).
import { describe, expect, it } from "vitest";
import { buildMatrixSync } from "../../core/use-cases/build-matrix";
import type { Field } from "../../core/columns";
import { MATRIX_HEADERS } from "../../core/matrix";
import { callFunction } from "../../core/functions";
import { parseFractionColumn, parseLevel, parseRelationshipColumn, isBlank, MARGIN_RANGE, WALLET_RANGE, dayFromParts, type CellValue } from "../../core/values";
import { SheetsPort } from "../../sheets-addon/port";
import { fakeGoogle, type FakeSheet } from "../fakes/spreadsheet-app";
import { kamEngine } from "../fakes/hyperformula-kam";
import { csvSheet, syntheticClients } from "./data";

const today = dayFromParts(2026, 11, 22);
const OPEN_RANGE = /\b([A-Z]{1,3})(\d+):([A-Z]{1,3})\b(?!\d)/g;

export function boundedFormula(formula: string, lastRow: number): string {
  return formula.replace(OPEN_RANGE, (_, a: string, r: string, b: string) => `${a}${r}:${b}${lastRow}`);
}

const blank = (v: unknown) => v === null || v === undefined || v === "";
const isError = (v: unknown) => typeof v === "string" && v.startsWith("⚠");

interface Evaluated {
  port: SheetsPort;
  sheet: FakeSheet;
  rows: CellValue[][];
  values: unknown[][];
  result: ReturnType<typeof buildMatrixSync>;
}

function evaluate(rows: (string | number)[][]): Evaluated {
  const g = fakeGoogle(rows);
  const port = new SheetsPort(g);
  const result = buildMatrixSync(port, { today, builtAt: "2026-11-22T10:00:00Z" });
  const sheet = g.ss.active;
  const { plan } = result;
  // What core read (the user's data), then what Build matrix wrote, into one engine sheet.
  const read = sheet.grid().map((r) => r.slice(0, plan.column - 1));
  const width = plan.column + plan.headers.length - 1;
  const grid: unknown[][] = Array.from({ length: sheet.maxRows }, (_, i) =>
    Array.from({ length: width }, (_, j) => {
      const v = read[i]?.[j];
      return typeof v === "string" ? (v === "" ? null : `'${v}`) : (v ?? null);
    }),
  );
  plan.headers.forEach((h, j) => ((grid[plan.headerRow - 1] as unknown[])[plan.column - 1 + j] = h));
  for (const f of sheet.formulas()) {
    if (f.col >= plan.column) (grid[f.row - 1] as unknown[])[f.col - 1] = boundedFormula(f.formula, sheet.maxRows);
  }
  const hf = kamEngine({ Clients: grid }, { prefix: "KAM_" });
  const values = hf.getSheetValues(hf.getSheetId("Clients") as number);
  hf.destroy();
  return { port, sheet, rows: read as CellValue[][], values, result };
}

describe("the matrix formulas, evaluated by HyperFormula, equal the portfolio", () => {
  it("translates only open-ended ranges", () => {
    expect(boundedFormula("=KAM_GRADE(N2:N, O2:O, P2:P, Q2:Q, R2:R, L2:L, {30,15,25,20,10})", 1000)).toBe(
      "=KAM_GRADE(N2:N1000, O2:O1000, P2:P1000, Q2:Q1000, R2:R1000, L2:L1000, {30,15,25,20,10})",
    );
    expect(boundedFormula("=KAM_LEVEL(G2:G, KAM_PAIN(H2:H, I2:I))", 50)).toBe("=KAM_LEVEL(G2:G50, KAM_PAIN(H2:H50, I2:I50))");
    expect(boundedFormula("=KAM_HHI(C2:C61)", 9)).toBe("=KAM_HHI(C2:C61)");
  });

  it("with a cost to serve column, the matrix shows the portfolio's ratings: values, as the profit formula cannot take the cost off the margin", () => {
    const rows = csvSheet("examples/clients.csv");
    rows[0]?.push("Cost to serve");
    rows.slice(1).forEach((r) => r.push(typeof r[2] === "number" ? Math.round(r[2] * 0.15) : ""));
    const { values, result, sheet } = evaluate(rows);
    const { portfolio: p, plan } = result;
    expect(p.mapping.costToServe).toBe(13);
    const shown = (row: number, name: (typeof MATRIX_HEADERS)[number]) => {
      const c = plan.column + MATRIX_HEADERS.indexOf(name);
      return plan.spill ? values[row - 1]?.[c - 1] : sheet.cell(row, c)?.value;
    };
    let moved = 0;
    for (const [row, c] of p.clientByRow) {
      expect([shown(row, "KAM profit rating"), shown(row, "KAM score"), shown(row, "KAM grade")], `row ${row} (${c.name})`).toEqual([c.profitRating, c.score, c.grade]);
      // The rating of the margin as entered, before the cost: what a live formula would show.
      if (c.profitRating !== callFunction("PROFIT_RATING", [rows[row - 1]?.[3]]).result[0]?.[0]) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    expect(plan.spill).toBe(false);
    expect(result.message).toContain("values, not live formulas: the profit formula cannot take the cost to serve off the margin");
  });

  it("with a profit column, a client of zero or negative revenue gets the margin's reason in the profit rating cell, said once", () => {
    const rows = csvSheet("examples/clients.csv");
    rows[0]?.splice(3, 1, "Gross Profit");
    rows.slice(1).forEach((r) => {
      if (typeof r[3] === "number" && typeof r[2] === "number") r[3] = Math.round(r[3] * r[2]);
    });
    (rows[5] as (string | number)[])[2] = 0;
    (rows[6] as (string | number)[])[2] = -100;
    const { values, result } = evaluate(rows);
    const { portfolio: p, plan } = result;
    expect(plan.spill).toBe(true);
    expect(plan.cells[0]?.[2]).toEqual({ formula: "=KAM_PROFIT_RATING(KAM_MARGIN(D2:D, C2:C))" });
    const profitCol = plan.column - 1 + MATRIX_HEADERS.indexOf("KAM profit rating");
    for (const row of [6, 7]) {
      expect(p.clientByRow.get(row)?.profitRating).toBe("Unknown");
      expect(values[row - 1]?.[profitCol], `row ${row}`).toBe("⚠ revenue is not positive: margin unknown");
    }
  });

  const cases: [string, (string | number)[][]][] = [
    ["examples/clients.csv (aligned/easy, overrides, bad cells)", csvSheet("examples/clients.csv")],
    ["the 60-client test vector", csvSheet("test/vectors/clients-60.csv")],
    ["800 synthetic clients with blank inputs", syntheticClients(800)],
  ];
  for (const [label, rows] of cases) {
    it(label, () => {
      const { rows: read, values, result, sheet } = evaluate(rows);
      const { portfolio: p, plan } = result;
      expect(plan.spill).toBe(true);
      const col = (name: (typeof MATRIX_HEADERS)[number]) => plan.column - 1 + MATRIX_HEADERS.indexOf(name);
      const data = read.slice(p.headerRow);
      const input = (f: Field) => (p.mapping[f] === undefined ? null : data.map((r) => r[p.mapping[f] as number]));
      // Inputs as the portfolio parses them (per column: the percent rule, the relationship scale).
      const wallets = input("wallet") && parseFractionColumn(input("wallet") as CellValue[], WALLET_RANGE);
      const margins = input("margin") && parseFractionColumn(input("margin") as CellValue[], MARGIN_RANGE);
      const relationships = input("relationship") && parseRelationshipColumn(input("relationship") as CellValue[]);
      let checked = 0;
      for (let i = 0; i < data.length; i++) {
        const row = p.headerRow + 1 + i;
        const cell = (name: (typeof MATRIX_HEADERS)[number]) => values[row - 1]?.[col(name)] ?? "";
        const c = p.clientByRow.get(row);
        if (!c) {
          // Not ranked: without a revenue the ratings, score and grade are blank (or an error for a bad revenue).
          const reason = p.needsData.find((n) => n.row === row)?.reason ?? "";
          if (reason === "no revenue") {
            expect(blank(cell("KAM revenue rating")), `row ${row}`).toBe(true);
            expect(blank(cell("KAM score")) && blank(cell("KAM grade")), `row ${row}`).toBe(true);
          } else if (reason.startsWith("revenue:")) expect(isError(cell("KAM revenue rating")), `row ${row}`).toBe(true);
          continue;
        }
        checked++;
        const at = `row ${row} (${c.name})`;
        expect(cell("KAM revenue rating"), at).toBe(c.revenueRating);
        // Blank in, blank out; unreadable in, "⚠ reason" out: the portfolio scores both as the SPEC says
        // (wallet, margin and pain Unknown; a blank strategic value Low, an unreadable one Unknown).
        const w = wallets?.[i];
        if (typeof w === "number") expect(cell("KAM wallet rating"), at).toBe(c.walletRating);
        else {
          expect(c.walletRating, at).toBe("Unknown");
          expect(w === null || w === undefined ? blank(cell("KAM wallet rating")) : isError(cell("KAM wallet rating")), at).toBe(true);
        }
        const m = margins?.[i];
        if (typeof m === "number") expect(cell("KAM profit rating"), at).toBe(c.profitRating);
        else if (margins) {
          expect(c.profitRating, at).toBe("Unknown");
          expect(m === null ? blank(cell("KAM profit rating")) : isError(cell("KAM profit rating")), at).toBe(true);
        }
        const s = input("strategic")?.[i];
        if (isBlank(s)) {
          expect(c.strategic, at).toBe("Low");
          expect(blank(cell("KAM strategic value")), at).toBe(true);
        } else if (typeof parseLevel(s) === "string") expect(cell("KAM strategic value"), at).toBe(c.strategic);
        else {
          expect(c.strategic, at).toBe("Unknown");
          expect(isError(cell("KAM strategic value")), at).toBe(true);
        }
        if (c.pain === "Unknown") expect(blank(cell("KAM pain")) || isError(cell("KAM pain")), at).toBe(true);
        else expect(cell("KAM pain"), at).toBe(c.pain);
        // Score, grade, relationship and quadrant agree exactly.
        expect(cell("KAM score"), at).toBe(c.score);
        expect(cell("KAM grade"), at).toBe(c.grade);
        expect(cell("KAM relationship"), at).toBe(c.relationship);
        expect(cell("KAM quadrant"), at).toBe(c.quadrant);
        if (relationships && typeof relationships[i] !== "number") expect(c.relationshipEstimated, at).toBe(true);
      }
      expect(checked).toBe(p.clients.length);
      // The spilled columns are blank below the data, down to the sheet's last row.
      for (let row = p.headerRow + data.length + 1; row <= sheet.maxRows; row++) {
        for (const h of MATRIX_HEADERS) expect(blank(values[row - 1]?.[col(h)]), `row ${row} ${h}`).toBe(true);
      }
    });
  }
});

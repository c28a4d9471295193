// core/values/number-column.ts: a parsed number column kept unboxed must give back exactly what
// was put in — a number (−0 too), a blank, or an unreadable cell with its reason.
import { describe, expect, it } from "vitest";
import { Invalid } from "../../../core/values";
import { newNumberColumn, numberAt, parsedList, putParsed } from "../../../core/values/number-column";

describe("number columns", () => {
  it("give back each cell as parsed: numbers (−0, the largest, the smallest), blanks and unreadable cells", () => {
    const cells = [0, -0, 1e15 - 1, -1e300, 5e-324, null, new Invalid('"abc" is not an amount'), 0.1 + 0.2, null];
    const column = newNumberColumn(cells.length);
    cells.forEach((p, i) => putParsed(column, i, p));
    expect(parsedList(column)).toEqual(cells);
    expect(Object.is(numberAt(column, 1), -0)).toBe(true);
    // A blank is null, never the unreadable reason of another row.
    expect(numberAt(column, 5)).toBeNull();
    expect((numberAt(column, 6) as Invalid).reason).toBe('"abc" is not an amount');
    expect(column.invalid.size).toBe(1);
  });
});

import fc from "fast-check";
import {
  amountColumn, columnLocale, fractionColumn, hasCommaDecimal, MARGIN_RANGE, parseAmount, parseFraction, parseRelationship, relationshipColumn, WALLET_RANGE, type CellValue,
} from "../../../core/values";
import { AMOUNT_LIMIT } from "../../../core/values/amounts";
import { numericPart } from "../../../core/values/fractions";
import { cellAt, cellColumn } from "../../../core/values/number-column";
import { rowAt } from "../../../core/values/row-list";

// Cells as hosts and files give them: workbook numbers (−0, fractions, percents written as 60,
// too large, NaN and ±∞), text of every kind (blank, spaces, money, percent, comma decimal,
// accounting negative, words, a level), booleans and dates.
const CELLS: CellValue[] = [
  0, -0, 0.35, 1, 1.5, 60, -0.2, 3, 1e15, 1e16, Number.NaN, Infinity, -Infinity,
  "", "   ", "12%", "(10%)", "1,5", "1.234,56", "$1,234.00", "abc", "3", "0.4", "High", "Cooperative",
  null, undefined, true, false, new Date(Date.UTC(2026, 0, 5)),
];
const cells = fc.array(fc.constantFrom(...CELLS), { maxLength: 30 });

// The column rules as they were written over a list of cells, before columns were gathered
// without one: the oracle the typed columns must agree with, cell for cell.
const listLocale = (values: readonly CellValue[], decimalComma: boolean) => ({ decimalComma: decimalComma || values.some(hasCommaDecimal) });
function listPercentScale(values: readonly CellValue[], locale: { decimalComma: boolean }): boolean {
  for (const v of values) {
    if (typeof v === "number") {
      if (v > 1 && Number.isFinite(v)) return true;
      continue;
    }
    const p = numericPart(v, locale);
    if (p && !p.percentSign && p.n > 1) return true;
  }
  return false;
}
function listRelationshipScale(values: readonly CellValue[], locale: { decimalComma: boolean }) {
  const ns = values.map((v) => numericPart(v, locale)).filter((p) => p !== null && !p.percentSign).map((p) => (p as { n: number }).n);
  if (ns.length === 0) return "0-100" as const;
  const max = Math.max(...ns);
  const min = Math.min(...ns);
  if (max <= 1 && min >= 0 && ns.some((n) => !Number.isInteger(n))) return "fraction" as const;
  if (max <= 5 && min >= 1) return "1-5" as const;
  return max <= 10 ? ("0-10" as const) : ("0-100" as const);
}

describe("cell columns (the cells of a number column, gathered without a list of them)", () => {
  it("give back every cell as put: numbers unboxed (−0 too), other cells in place, a blank (null, undefined, \"\") as null", () => {
    const column = cellColumn(CELLS);
    CELLS.forEach((v, i) => {
      const back = cellAt(column, i);
      if (v === "" || v === undefined) expect(back).toBeNull();
      else if (typeof v === "number" && Number.isNaN(v)) expect(Number.isNaN(back as number)).toBe(true);
      else expect(Object.is(back, v)).toBe(true);
    });
    // Not finite: kept as a cell (an unreadable amount), not as a number.
    expect(column.others && rowAt(column.others, CELLS.indexOf(Infinity))).toBe(Infinity);
  });

  it("keep other cells in place past the first block of rows (8,192), and read every one back", () => {
    const values: CellValue[] = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `$${i}` : i % 3 === 1 ? i : null));
    values[8191] = "last of block 0";
    values[8192] = "first of block 1";
    values[19_999] = "1.234,5";
    const column = cellColumn(values);
    expect(column.others?.blocks.map((b) => b.length)).toEqual([8192, 8192, 3616]);
    values.forEach((v, i) => expect(cellAt(column, i)).toBe(v));
    // Each column rule reads the text cells of every block: the comma decimal is in the last one.
    expect(columnLocale(column)).toEqual({ decimalComma: true });
    expect(columnLocale(values)).toEqual({ decimalComma: true });
  });

  it("make no list of other cells for a column of numbers and blanks (a workbook's)", () => {
    expect(cellColumn([1, -0, null, "", undefined, 2.5]).others).toBeNull();
    expect(cellColumn([1, " "]).others).not.toBeNull();
  });

  it("parse amounts, fractions and relationships exactly as the rules over a list of cells do", () => {
    fc.assert(
      fc.property(cells, fc.boolean(), (values, decimalComma) => {
        const locale = listLocale(values, decimalComma);
        const hint = { decimalComma };
        const amounts = values.map((v) => (typeof v === "number" && Math.abs(v) < AMOUNT_LIMIT ? v : parseAmount(v, locale)));
        expect(parsedList(amountColumn(values, hint))).toEqual(amounts);
        expect(parsedList(amountColumn(cellColumn(values), hint))).toEqual(amounts);
        for (const range of [WALLET_RANGE, MARGIN_RANGE]) {
          const asPercent = listPercentScale(values, locale);
          expect(parsedList(fractionColumn(cellColumn(values), range, hint))).toEqual(values.map((v) => parseFraction(v, asPercent, range, locale)));
        }
        const scale = listRelationshipScale(values, locale);
        expect(parsedList(relationshipColumn(cellColumn(values), hint))).toEqual(values.map((v) => parseRelationship(v, scale, locale)));
      }),
      { numRuns: 400 },
    );
  });
});

// core/values/ (amounts): money amounts (SPEC §2 revenue), table-driven.
import { describe, expect, it } from "vitest";
import { gradePortfolio } from "../../../core/portfolio";
import { resolveSettings } from "../../../core/settings";
import { dayFromParts, Invalid, parseAmount, parseAmountColumn, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

describe("parseAmount: money text (SPEC §2 revenue)", () => {
  it.each<[CellValue, number]>([
    [1200, 1200],
    [0, 0],
    [-40, -40],
    ["1200", 1200],
    ["$1,200.50", 1200.5],
    ["1 200", 1200],
    ["1\u00a0200", 1200], // no-break space, as spreadsheets format thousands
    ["(300)", -300],
    ["($300.00)", -300],
    ["1.2k", 1200],
    ["1.2K", 1200],
    ["0.1k", 100],
    ["1.23k", 1230], // exact, not 1229.9999999999998
    ["3.5M", 3_500_000],
    ["2bn", 2_000_000_000],
    ["-€40", -40],
    ["€-40", -40],
    ["-$40", -40],
    ["$-40", -40],
    ["1.200,50", 1200.5], // European
    ["€1.200,50", 1200.5],
    ["1.234.567,89", 1234567.89],
    ["1,234,567.89", 1234567.89],
    ["$1,234", 1234],
    ["$12,345.00", 12345],
    ["$0,123", 0.123], // not thousands: a comma decimal after 0
    ["1,2345", 1.2345], // not thousands: four digits after the comma
    ["12,5", 12.5],
    ["£900", 900],
    ["900 €", 900],
    ["USD 900", 900],
    ["900 EUR", 900],
    [" 42 ", 42],
    ["+15", 15],
    ["1e3", 1000],
    [".5", 0.5],
    ["₹1,23,456.00", 123456], // lakh grouping (India)
    ["1,00,000", 100000],
    ["12,34,56,789.50", 123456789.5],
    ["(₹2,50,000)", -250000],
    ["\u2212300", -300], // U+2212 MINUS SIGN (Numbers; sv, nb, fi number formats)
    ["\u2212$1,200.50", -1200.5],
    ["1 200,50\u2212", -1200.5],
  ])("%j → %d", (cell, want) => {
    expect(parseAmount(cell)).toBe(want);
  });

  it.each<CellValue>([null, undefined, "", "   "])("%j is blank → null", (cell) => {
    expect(parseAmount(cell)).toBeNull();
  });

  it.each<[CellValue, string]>([
    ["abc", '"abc" is not an amount'],
    ["12 apples", '"12 apples" is not an amount'],
    ["1.2.3", '"1.2.3" is not an amount'],
    ["$1,234,56", '"$1,234,56" is not an amount'], // a group of two digits
    ["1,23,45", '"1,23,45" is not an amount'], // lakh groups end in three digits
    ["1,234,56,789", '"1,234,56,789" is not an amount'], // groups of three, then two: neither way
    ["123,45,678", '"123,45,678" is not an amount'],
    ["50%", '"50%" is not an amount'],
    ["$", '"$" is not an amount'],
    ["()", '"()" is not an amount'],
    [true, "true is not an amount"],
    [NaN, "NaN is not an amount"],
    [Infinity, "Infinity is not an amount"],
    ["=SUM(A1:A3)", '"=SUM(A1:A3)" is not an amount'],
  ])("%j is invalid with a reason naming the cell", (cell, reason) => {
    expect(reasonOf(parseAmount(cell))).toBe(reason);
  });

  it("a Date is not an amount", () => {
    expect(reasonOf(parseAmount(new Date(Date.UTC(2025, 0, 2))))).toBe("2025-01-02 is not an amount");
  });

  it.each(["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#ERROR!", "#n/a"])(
    "the spreadsheet error %s is reported as such",
    (cell) => {
      expect(reasonOf(parseAmount(cell))).toBe(`the cell holds the error ${cell.toUpperCase()}`);
    },
  );
});

describe("parseAmount: no amount reaches 10¹⁵ (a sum of amounts can never overflow to Infinity)", () => {
  const tooLarge = (cell: CellValue) => `${typeof cell === "string" ? JSON.stringify(cell) : String(cell)} is too large to be an amount (more than 15 digits)`;

  it.each<[CellValue, number]>([
    [999_999_999_999_999, 999_999_999_999_999],
    [-999_999_999_999_999, -999_999_999_999_999],
    ["999999999999999", 999_999_999_999_999],
    ["$999,999,999,999,999.00", 999_999_999_999_999],
    ["999999bn", 999_999e9],
    ["(999,999,999,999,999)", -999_999_999_999_999],
  ])("%j is read (%d)", (cell, want) => {
    expect(parseAmount(cell)).toBe(want);
    expect(parseAmountColumn([cell])).toEqual([want]);
  });

  it.each<CellValue>([1e15, -1e15, 1.7976884052373804e308, "1000000000000000", "$1,000,000,000,000,000.00", "1000000bn", "1e300", "(1e15)", "1.000.000.000.000.000,00"])(
    "%j is invalid with the reason",
    (cell) => {
      expect(reasonOf(parseAmount(cell))).toBe(tooLarge(cell));
      expect(reasonOf(parseAmountColumn([cell, 1])[0])).toBe(tooLarge(cell));
    },
  );

  it("two order lines that would pass the largest number put their client under Needs data, and the shares stay numbers", () => {
    const rows: CellValue[][] = [
      ["Client", "Revenue", "Date"],
      ["Acme", 1.7976884052373804e308, "2026-01-05"],
      ["Acme", 4.7e302, "2026-02-05"],
      ["Bolt", 500, "2026-02-05"],
    ];
    const p = gradePortfolio({ rows, settings: resolveSettings({}), today: dayFromParts(2026, 6, 30) });
    expect(p.needsData.map((n) => [n.row, n.reason])).toEqual([
      [2, `revenue: ${tooLarge(1.7976884052373804e308)}`],
      [3, `revenue: ${tooLarge(4.7e302)}`],
    ]);
    expect(p.clients.map((c) => [c.name, c.revenue])).toEqual([["Bolt", 500]]);
    expect([p.summary.revenue, p.summary.topClientShare, p.summary.top20Share, p.summary.hhi]).toEqual([500, 1, 1, 10_000]);
  });
});

// core/values/ (locale): the number locale per column (SPEC §2a), for amounts, percents and relationships, table-driven.
import { describe, expect, it } from "vitest";
import { columnLocale, hasCommaDecimal, Invalid, MARGIN_RANGE, parseAmount, parseAmountColumn, parseFractionColumn, parseRelationshipColumn, WALLET_RANGE, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

describe("number locale per column (SPEC §2a)", () => {
  it.each<[CellValue, boolean]>([
    ["1.234,56", true], ["12,5", true], ["12,50", true], ["0,5", true], ["0,125", true], ["1,2345", true], ["1234,5", true], ["€ 1.234,56", true],
    ["(1.234,56)", true], ["12,5%", true], ["12,5 %", true], ["1,2k", true],
    ["1,234", false], ["1,234.56", false], ["12.5", false], ["2.500", false], ["1,234,567", false], ["abc,de", false], [12.5, false], [null, false],
    // a dot after the last comma: a thousands comma (read without the full amount parse)
    ["$1,234.00", false], ["1,234.", false], ["1,2.5", false], ["(1,234.00)", false], ["USD 1,234.00", false], ["1,234.00 €", false],
  ])("hasCommaDecimal(%j) = %s", (cell, want) => {
    expect(hasCommaDecimal(cell)).toBe(want);
  });

  it.each<[string, CellValue[], boolean, (number | string | null)[]]>([
    ["a comma decimal anywhere flips the whole column", ["2.500 €", "1.234,56", "300"], false, [2500, 1234.56, 300]],
    ["12,5 flips it too", ["2.500", "12,5"], false, [2500, 12.5]],
    ["a semicolon file flips every column", ["2.500 €", "1.000.000", "75"], true, [2500, 1_000_000, 75]],
    ["without either, 2.500 is two and a half", ["2.500", "1,234"], false, [2.5, 1234]],
    ["numbers from an .xlsx are numbers whatever the locale", [2.5, 1234.56], true, [2.5, 1234.56]],
    ["accounting negatives, currency and suffixes keep working", ["(1.200,50)", "-€ 40,5", "1,2k", "2,5M"], true, [-1200.5, -40.5, 1200, 2_500_000]],
    ["in a 1.234,56 column a dot decimal is an error, not a silent 2.5 or 25", ["2.5", "1.234,56"], false, ["error", 1234.56]],
    ["and so is a comma-grouped amount", ["1,234.56"], true, ["error"]],
    ["blank stays blank", ["", null, "3,5"], false, [null, null, 3.5]],
  ])("%s", (_what, cells, semicolonFile, want) => {
    const got = parseAmountColumn(cells, { decimalComma: semicolonFile });
    expect(got.map((v) => (v instanceof Invalid ? "error" : v))).toEqual(want);
  });

  it("the error names the cell and the column's locale", () => {
    expect(reasonOf(parseAmountColumn(["2.5", "12,5"])[0])).toBe('"2.5" is not an amount in a column that writes 1.234,56');
  });

  it("the locale is decided once per column", () => {
    expect(columnLocale(["1", "2", "3,5"])).toEqual({ decimalComma: true });
    expect(columnLocale(["1", "2.500"])).toEqual({ decimalComma: false });
    expect(columnLocale(["1"], { decimalComma: true })).toEqual({ decimalComma: true });
  });

  it("percent and relationship columns follow the same locale", () => {
    expect(parseFractionColumn(["12,5%", "3,5"], MARGIN_RANGE)).toEqual([0.125, 0.035]);
    expect(parseFractionColumn(["0,25", "0,5"], WALLET_RANGE)).toEqual([0.25, 0.5]);
    expect(parseFractionColumn(["0.25"], WALLET_RANGE, { decimalComma: true }).map(reasonOf)).toEqual([
      '"0.25" is not a wallet share (a percent or a fraction)',
    ]);
    expect(parseRelationshipColumn(["2,5", "5"])).toEqual([37.5, 100]);
  });

  it("a cell read alone (no column) keeps reading either way", () => {
    expect(parseAmount("1.200,50")).toBe(1200.5);
    expect(parseAmount("1,200.50")).toBe(1200.5);
    expect(parseAmount("2.500")).toBe(2.5);
    expect(parseAmount("2.500", { decimalComma: true })).toBe(2500);
  });
});

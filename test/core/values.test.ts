// core/values.ts: every coercion of SPEC §2, table-driven.
import { describe, expect, it } from "vitest";
import {
  columnLocale, dayFromDate, dayFromParts, dayToIso, dayToSerial, hasCommaDecimal, Invalid, isBlank, MARGIN_RANGE, parseAmount,
  parseAmountColumn, parseDate, parseFraction, parseFractionColumn, parseLevel, parseRelationship, parseRelationshipColumn,
  parseText, parseYesNo, percentScale, relationshipScale, spreadsheetError, WALLET_RANGE, type CellValue,
} from "../../core/values";

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
    ["12,5", 12.5],
    ["£900", 900],
    ["900 €", 900],
    ["USD 900", 900],
    ["900 EUR", 900],
    [" 42 ", 42],
    ["+15", 15],
    ["1e3", 1000],
    [".5", 0.5],
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

describe("spreadsheetError", () => {
  it.each<[CellValue, string | null]>([
    ["#N/A", "#N/A"],
    [" #div/0! ", "#DIV/0!"],
    ["#REF!", "#REF!"],
    ["#VALUE!", "#VALUE!"],
    ["#NAME?", "#NAME?"],
    ["#NUM!", "#NUM!"],
    ["#NULL!", "#NULL!"],
    ["#SPILL!", "#SPILL!"],
    ["#hashtag", null],
    ["N/A", null],
    ["#1 client", null],
    [42, null],
    [null, null],
  ])("%j → %j", (cell, want) => {
    expect(spreadsheetError(cell)).toBe(want);
  });
});

describe("isBlank and parseText", () => {
  it.each<[CellValue, boolean]>([
    [null, true], [undefined, true], ["", true], ["  \t ", true], [0, false], [false, false], ["x", false], [new Date(0), false],
  ])("isBlank(%j) = %s", (cell, want) => {
    expect(isBlank(cell)).toBe(want);
  });

  it.each<[CellValue, string | null]>([
    ["  Acme Ltd  ", "Acme Ltd"],
    ["", null],
    ["   ", null],
    [null, null],
    [42, "42"],
    ["=1+1", "=1+1"], // text from data stays text
    ["@home", "@home"],
  ])("parseText(%j) = %j", (cell, want) => {
    expect(parseText(cell)).toBe(want);
  });
});

describe("the percent rule (SPEC §2), per column", () => {
  const wallet = (cells: CellValue[]) => parseFractionColumn(cells, WALLET_RANGE);

  it("a string with % is a percent whatever the column", () => {
    expect(wallet(["60%", 0.3])).toEqual([0.6, 0.3]);
    expect(wallet(["60 %", "5%"])).toEqual([0.6, 0.05]);
  });

  it("when any value of the column is greater than 1, every value is a percent", () => {
    expect(wallet([60, 0.6, 30])).toEqual([0.6, 0.006, 0.3]);
    expect(wallet([0.5, 1.5])).toEqual([0.005, 0.015]);
    expect(wallet(["60", "0.6"])).toEqual([0.6, 0.006]);
  });

  it("otherwise all are fractions (1 is 100%)", () => {
    expect(wallet([0.6, 0.3, 1, 0])).toEqual([0.6, 0.3, 1, 0]);
    expect(percentScale([0.6, 1, "75%", "abc", null])).toBe(false);
    expect(percentScale([0.6, 1.01])).toBe(true);
  });

  it("a % value does not decide the column's scale", () => {
    expect(percentScale(["150%", 0.5])).toBe(false);
  });

  it.each<[CellValue, number]>([
    [60, 0.6],
    [0.6, 0.6],
    ["60%", 0.6],
    ["60", 0.6],
    [1, 1],
    ["0.75", 0.75],
    [75, 0.75],
  ])("a lone scalar %j follows the same test on itself → %d", (cell, want) => {
    expect(parseFraction(cell, percentScale([cell]), WALLET_RANGE)).toBe(want);
    expect(wallet([cell])).toEqual([want]);
  });

  it.each<CellValue>([150, "150%", -0.1, "-5%", 101])("wallet share %j is outside 0–100%: an error for that cell alone", (cell) => {
    const out = wallet([cell, "50%"]);
    expect(reasonOf(out[0])).toMatch(/outside 0–100% for a wallet share/);
    expect(out[1]).toBe(0.5);
  });

  it("in a percent column, one value above 100 is an error and the others still parse", () => {
    const out = wallet([50, 150, 20]);
    expect(out[0]).toBe(0.5);
    expect(reasonOf(out[1])).toBe("150 is outside 0–100% for a wallet share");
    expect(out[2]).toBe(0.2);
  });

  it("margins may be negative (a laggard) but not above 100%", () => {
    const margins = parseFractionColumn([35, -6, "8%", 0], MARGIN_RANGE);
    expect(margins).toEqual([0.35, -0.06, 0.08, 0]);
    expect(parseFractionColumn([-0.001, 0.25], MARGIN_RANGE)).toEqual([-0.001, 0.25]);
    expect(reasonOf(parseFractionColumn(["120%"], MARGIN_RANGE)[0])).toMatch(/outside/);
  });

  it("blank stays blank; text, booleans and error values are errors naming the cell", () => {
    const out = wallet([null, "", "lots", true, "#N/A", 0.5]);
    expect(out[0]).toBeNull();
    expect(out[1]).toBeNull();
    expect(reasonOf(out[2])).toBe('"lots" is not a wallet share (a percent or a fraction)');
    expect(reasonOf(out[3])).toBe("true is not a wallet share (a percent or a fraction)");
    expect(reasonOf(out[4])).toBe("the cell holds the error #N/A");
    expect(out[5]).toBe(0.5);
  });
});

describe("levels: High/Medium/Low, H/M/L, 3/2/1 (strategic value, pain)", () => {
  it.each<[CellValue, string]>([
    ["High", "High"], ["high", "High"], [" HIGH ", "High"], ["H", "High"], ["h", "High"], [3, "High"], ["3", "High"],
    ["Medium", "Medium"], ["medium", "Medium"], ["M", "Medium"], ["Med", "Medium"], [2, "Medium"], ["2", "Medium"],
    ["Low", "Low"], ["low", "Low"], ["L", "Low"], [1, "Low"], ["1", "Low"],
  ])("%j → %s", (cell, want) => {
    expect(parseLevel(cell)).toBe(want);
  });

  it.each<CellValue>([null, "", "  "])("%j is blank → null", (cell) => {
    expect(parseLevel(cell)).toBeNull();
  });

  it.each<[CellValue, RegExp]>([
    [4, /^4 is not a level/],
    [0, /^0 is not a level/],
    [2.5, /^2.5 is not a level/],
    ["Huge", /^"Huge" is not a level/],
    [true, /^true is not a level/],
    ["#N/A", /^the cell holds the error #N\/A$/],
  ])("%j is invalid", (cell, reason) => {
    expect(reasonOf(parseLevel(cell))).toMatch(reason);
  });
});

describe("yes / no (aligned, easy)", () => {
  it.each<[CellValue, boolean]>([
    ["yes", true], ["Yes", true], ["Y", true], [true, true], ["TRUE", true], [1, true], ["1", true], ["x", true],
    ["no", false], ["No", false], ["N", false], [false, false], ["FALSE", false], [0, false], ["0", false],
  ])("%j → %s", (cell, want) => {
    expect(parseYesNo(cell)).toBe(want);
  });

  it("blank → null; anything else is an error", () => {
    expect(parseYesNo("")).toBeNull();
    expect(parseYesNo(null)).toBeNull();
    expect(reasonOf(parseYesNo("maybe"))).toBe('"maybe" is not yes or no');
    expect(reasonOf(parseYesNo(2))).toBe("2 is not yes or no");
    expect(reasonOf(parseYesNo("#VALUE!"))).toBe("the cell holds the error #VALUE!");
  });
});

describe("relationship strength → 0–100", () => {
  it("stage words are 1–5 on the same scale as a 1–5 column", () => {
    const stages = ["Exploratory", "basic", "COOPERATIVE", "Interdependent", "integrated"];
    const words = parseRelationshipColumn(stages);
    const numbers = parseRelationshipColumn([1, 2, 3, 4, 5]);
    expect(words).toEqual(numbers);
    expect(words).toEqual([0, 25, 50, 75, 100]);
  });

  it.each<[CellValue[], number[]]>([
    [[1, 3, 5], [0, 50, 100]], // 1–5
    [[0, 7, 10], [0, 70, 100]], // 0–10
    [[20, 80, 100], [20, 80, 100]], // 0–100
    [[0.25, 0.8], [25, 80]], // fractions
    [["High", "M", "low"], [100, 50, 0]], // H/M/L
    [["80%", 0.5], [80, 50]],
  ])("column %j → %j", (cells, want) => {
    expect(parseRelationshipColumn(cells)).toEqual(want);
  });

  it("scales are decided on the column", () => {
    expect(relationshipScale([1, 2, 5])).toBe("1-5");
    expect(relationshipScale([0, 5])).toBe("0-10");
    expect(relationshipScale([6, 8])).toBe("0-10");
    expect(relationshipScale([11])).toBe("0-100");
    expect(relationshipScale(["basic"])).toBe("0-100");
  });

  it("out of scale and unreadable cells are errors for that cell", () => {
    const out = parseRelationshipColumn([50, 120, "friendly", null]);
    expect(out[0]).toBe(50);
    expect(reasonOf(out[1])).toBe("120 is outside the relationship scale");
    expect(reasonOf(out[2])).toMatch(/^"friendly" is not a relationship strength/);
    expect(out[3]).toBeNull();
    expect(reasonOf(parseRelationship(-1, "0-100"))).toMatch(/outside/);
  });
});

describe("relationship: the same numbers give the same 0–100 from a .csv (text) and an .xlsx (numbers)", () => {
  it.each<[number[], number[]]>([
    [[1, 2, 3, 4, 5], [0, 25, 50, 75, 100]], // "1","2","3" are numbers on 1–5, not the level words 1/2/3
    [[1, 2, 3], [0, 25, 50]],
    [[3, 3, 3], [50, 50, 50]],
    [[0, 5, 10], [0, 50, 100]],
    [[20, 55, 100], [20, 55, 100]],
    [[0.25, 0.8, 1], [25, 80, 100]],
  ])("%j → %j either way", (numbers, want) => {
    expect(parseRelationshipColumn(numbers)).toEqual(want);
    expect(parseRelationshipColumn(numbers.map(String))).toEqual(want);
    expect(parseRelationshipColumn(numbers.map((n) => ` ${n} `))).toEqual(want);
  });

  it("words still read as words beside numbers, spaced as typed", () => {
    expect(parseRelationshipColumn(["5", "High", "very  low", "Integrated", "1"])).toEqual([100, 100, 0, 100, 0]);
  });
});

describe("accounting negatives for percents: (10%) = −10% (SPEC §2a)", () => {
  it.each<[CellValue, number]>([
    ["(10%)", -0.1],
    ["( 10 % )", -0.1],
    ["(10)%", -0.1],
    ["(0.5%)", -0.005],
    ["-10%", -0.1],
    ["(12,5%)", -0.125],
  ])("margin %j → %d", (cell, want) => {
    expect(parseFractionColumn([cell], MARGIN_RANGE)).toEqual([want]);
  });

  it("a negative percent never decides the column's scale, and the other cells keep theirs", () => {
    expect(parseFractionColumn(["(10%)", 0.3, 0.05], MARGIN_RANGE)).toEqual([-0.1, 0.3, 0.05]);
    expect(parseFractionColumn(["(10%)", 30], MARGIN_RANGE)).toEqual([-0.1, 0.3]);
  });

  it("(10%) is outside 0–100% for a wallet share: an error for that cell", () => {
    expect(reasonOf(parseFractionColumn(["(10%)"], WALLET_RANGE)[0])).toBe('"(10%)" is outside 0–100% for a wallet share');
  });
});

describe("number locale per column (SPEC §2a)", () => {
  it.each<[CellValue, boolean]>([
    ["1.234,56", true], ["12,5", true], ["12,50", true], ["0,5", true], ["0,125", true], ["1,2345", true], ["1234,5", true], ["€ 1.234,56", true],
    ["(1.234,56)", true], ["12,5%", true], ["12,5 %", true], ["1,2k", true],
    ["1,234", false], ["1,234.56", false], ["12.5", false], ["2.500", false], ["1,234,567", false], ["abc,de", false], [12.5, false], [null, false],
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

describe("words are data, not code (SPEC §2a)", () => {
  const WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];

  it.each(WORDS)("%j is an unrecognised word for every parser", (word) => {
    for (const cell of [word, word.toUpperCase(), ` ${word} `]) {
      expect(reasonOf(parseLevel(cell))).toMatch(/is not a level/);
      expect(reasonOf(parseYesNo(cell))).toMatch(/is not yes or no/);
      expect(reasonOf(parseAmount(cell))).toMatch(/is not an amount/);
      expect(reasonOf(parseAmount(`12 ${cell}`))).toMatch(/is not an amount/);
      expect(reasonOf(parseRelationshipColumn([cell])[0])).toMatch(/is not a relationship strength/);
      expect(reasonOf(parseFractionColumn([cell], MARGIN_RANGE)[0])).toMatch(/is not a margin/);
    }
  });

  it("looking one up leaves the next lookups right", () => {
    for (const w of WORDS) parseLevel(w);
    expect(parseLevel("High")).toBe("High");
    expect(parseLevel("constructor")).toBeInstanceOf(Invalid);
    expect(parseRelationshipColumn(["__proto__", "basic"])[1]).toBe(25);
  });
});

describe("dates, as day numbers", () => {
  const jan15 = dayFromParts(2025, 1, 15);

  it("day numbers are days since 1970-01-01 and round-trip", () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(dayToIso(dayFromParts(2024, 2, 29))).toBe("2024-02-29");
    expect(dayToSerial(dayFromParts(2025, 1, 1))).toBe(45658);
  });

  it.each<[CellValue, string]>([
    [45658, "2025-01-01"], // spreadsheet serial numbers (Sheets and Excel)
    [45658.75, "2025-01-01"], // a time of day is dropped
    ["45658", "2025-01-01"],
    [25569, "1970-01-01"],
    [61, "1900-03-01"],
    ["2025-01-15", "2025-01-15"],
    ["2025-1-5", "2025-01-05"],
    ["2025-01-15T10:30:00Z", "2025-01-15"],
    ["1/15/2025", "2025-01-15"],
    ["15/1/2025", "2025-01-15"],
    ["15.01.2025", "2025-01-15"],
    ["15 Jan 2025", "2025-01-15"],
    ["15 January 2025", "2025-01-15"],
    ["Jan 15, 2025", "2025-01-15"],
    ["January 15, 2025", "2025-01-15"],
    ["15-Jan-2025", "2025-01-15"],
  ])("%j → %s", (cell, iso) => {
    const d = parseDate(cell);
    expect(typeof d).toBe("number");
    expect(dayToIso(d as number)).toBe(iso);
  });

  it("a Date is the calendar day it shows", () => {
    expect(parseDate(new Date(2025, 0, 15))).toBe(jan15);
    expect(parseDate(new Date(2025, 0, 15, 23, 59))).toBe(jan15);
    expect(dayFromDate(new Date(2025, 0, 15, 0, 1))).toBe(jan15);
  });

  it("blank → null", () => {
    expect(parseDate("")).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it.each<[CellValue, RegExp]>([
    ["2025-02-30", /is not a date/],
    ["2025-13-01", /is not a date/],
    ["soon", /^"soon" is not a date$/],
    [-5, /is not a date/],
    [0, /is not a date/],
    [true, /is not a date/],
    ["#N/A", /^the cell holds the error #N\/A$/],
  ])("%j is invalid", (cell, reason) => {
    expect(reasonOf(parseDate(cell))).toMatch(reason);
  });

  it("an invalid Date object is invalid", () => {
    expect(reasonOf(parseDate(new Date(NaN)))).toBe("an invalid date");
  });

  it("a Date outside the days a spreadsheet holds (1899-12-31 … 9999-12-31) is not a date", () => {
    expect(dayToIso(parseDate(new Date(9999, 11, 31)) as number)).toBe("9999-12-31");
    expect(dayToIso(parseDate(new Date(1899, 11, 31)) as number)).toBe("1899-12-31");
    expect(reasonOf(parseDate(new Date(Date.UTC(10000, 0, 1))))).toMatch(/is not a date$/);
    expect(reasonOf(parseDate(new Date(8.64e15)))).toMatch(/is not a date$/);
    expect(reasonOf(parseDate(new Date(Date.UTC(1800, 0, 1))))).toMatch(/is not a date$/);
  });
});

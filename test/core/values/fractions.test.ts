// core/values/ (fractions): the percent rule per column, and accounting negatives for percents (SPEC §2, §2a), table-driven.
import { describe, expect, it } from "vitest";
import { gradePortfolio } from "../../../core/portfolio";
import { resolveSettings } from "../../../core/settings";
import { dayFromParts, Invalid, MARGIN_RANGE, parseFraction, parseFractionColumn, percentScale, WALLET_RANGE, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

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

describe("accounting negatives for percents: (10%) = −10% (SPEC §2a)", () => {
  it.each<[CellValue, number]>([
    ["(10%)", -0.1],
    ["( 10 % )", -0.1],
    ["(10)%", -0.1],
    ["(0.5%)", -0.005],
    ["-10%", -0.1],
    ["(12,5%)", -0.125],
    ["\u22125 %", -0.05], // U+2212 MINUS SIGN, as Swedish and Finnish number formats write it
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

describe("no margin reaches 10¹⁵ in size (revenue × margin can never overflow to −Infinity)", () => {
  const reason = (v: unknown) => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

  it("a margin of −10¹⁵ or below is refused, as a cell and through the column; just above is read", () => {
    expect(parseFraction(-999_999_999_999_999, false, MARGIN_RANGE)).toBe(-999_999_999_999_999);
    for (const cell of [-1e15, -1e300, "-1e300", "(1e300%)"] as CellValue[]) {
      const want = `${typeof cell === "string" ? JSON.stringify(cell) : String(cell)} is too large to be a margin (more than 15 digits)`;
      expect(reason(parseFraction(cell, false, MARGIN_RANGE))).toBe(want);
      expect(reason(parseFractionColumn([cell, 0.2], MARGIN_RANGE)[0])).toBe(want);
    }
  });

  it("a sheet with such a margin grades that client as margin unknown, with the reason, and its profit stays a number", () => {
    const rows: CellValue[][] = [
      ["Client", "Revenue", "Margin"],
      ["Acme", 1_000_000, -1e300],
      ["Bolt", 500, 0.2],
    ];
    const p = gradePortfolio({ rows, settings: resolveSettings({}), today: dayFromParts(2026, 6, 30) });
    const acme = p.clients.find((c) => c.name === "Acme");
    expect(acme?.margin).toBeNull();
    expect(acme?.issues.join("; ")).toContain("margin: -1e+300 is too large to be a margin (more than 15 digits)");
    expect(Number.isFinite(p.profitCurve?.total)).toBe(true);
  });
});

// core/values/ (levels): High/Medium/Low and yes / no, table-driven.
import { describe, expect, it } from "vitest";
import { BLANK_LEVEL, Invalid, LEVELS, levelCode, parseLevel, parseYesNo, UNREADABLE_LEVEL, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

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

describe("level codes (a typed column of levels)", () => {
  it("give each level its place in LEVELS, and blank and unreadable cells codes of their own", () => {
    for (const cell of ["High", "m", 1, " low ", "", null, "ouch", 7, true] as CellValue[]) {
      const p = parseLevel(cell);
      const code = levelCode(p);
      if (typeof p === "string") expect(LEVELS[code]).toBe(p);
      else expect(code).toBe(p === null ? BLANK_LEVEL : UNREADABLE_LEVEL);
    }
    expect(new Set([BLANK_LEVEL, UNREADABLE_LEVEL, ...LEVELS.map((l) => levelCode(l))]).size).toBe(5);
  });
});

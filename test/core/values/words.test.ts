// core/values/ (words): words are data, not code (SPEC §2a): every parser, table-driven.
import { describe, expect, it } from "vitest";
import { Invalid, MARGIN_RANGE, parseAmount, parseFractionColumn, parseLevel, parseRelationshipColumn, parseYesNo } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

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

// core/values/ (relationship): relationship strength → 0–100, the same from text and numbers, table-driven.
import { describe, expect, it } from "vitest";
import { Invalid, parseRelationship, parseRelationshipColumn, relationshipScale, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

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

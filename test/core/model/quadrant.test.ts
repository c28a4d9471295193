// core/model/quadrant.ts: SPEC §5 boundaries and the estimated relationship.
import { describe, expect, it } from "vitest";
import { estimatedRelationship, quadrant } from "../../../core/model/quadrant";

describe("quadrant: relationship strength (x) × mutual benefit (y), threshold 50", () => {
  it.each([
    [50, 50, "Key client"], // exactly 50 on both: strong and high
    [100, 100, "Key client"],
    [49.9, 50, "Invest in relationship"],
    [0, 100, "Invest in relationship"],
    [50, 49.9, "Higher-value offers"],
    [100, 0, "Higher-value offers"],
    [49.9, 49.9, "Rethink"],
    [0, 0, "Rethink"],
  ])("x=%d, y=%d → %s", (x, y, want) => {
    expect(quadrant(x, y)).toBe(want);
  });

  it("the threshold is a setting", () => {
    expect(quadrant(60, 60, 60)).toBe("Key client");
    expect(quadrant(59.9, 60, 60)).toBe("Invest in relationship");
    expect(quadrant(60, 59.9, 60)).toBe("Higher-value offers");
  });
});

describe("estimated relationship = 100 × (½·share + ½·pain points)", () => {
  it.each<[number | null, string, number]>([
    [0.6, "Low", 80], // 100 × (0.3 + 0.5)
    [0.6, "Medium", 55],
    [0.6, "High", 30],
    [1, "Low", 100],
    [0, "High", 0],
    [0.5, "Medium", 50], // exactly the threshold: strong
    [null, "Low", 75], // unknown share counts ½
    [0.2, "Unknown", 35], // unknown pain counts ½
    [null, "Unknown", 50],
    [0.333, "Low", 66.7], // one decimal
  ])("share %s, pain %s → %d", (share, pain, want) => {
    expect(estimatedRelationship(share, pain as "Low")).toBe(want);
  });
});

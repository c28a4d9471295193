// core/model/allocation.ts: the 60/30/10 budget split (SPEC §6).
import { describe, expect, it } from "vitest";
import { budgetPerClient, budgetPerGrade } from "../../../core/model/allocation";

const B = { A: 60, B: 30, C: 10 };

describe("60/30/10, split evenly inside each grade", () => {
  it("every grade present", () => {
    const per = budgetPerClient({ A: 2, B: 3, C: 5 }, B);
    expect(per.A).toBeCloseTo(0.3, 12);
    expect(per.B).toBeCloseTo(0.1, 12);
    expect(per.C).toBeCloseTo(0.02, 12);
    expect(2 * per.A + 3 * per.B + 5 * per.C).toBeCloseTo(1, 12);
  });

  it.each([
    [{ A: 0, B: 2, C: 2 }, { A: 0, B: 0.75, C: 0.25 }], // no A: 30:10
    [{ A: 1, B: 0, C: 4 }, { A: 60 / 70, B: 0, C: 10 / 70 }], // no B: 60:10
    [{ A: 3, B: 1, C: 0 }, { A: 60 / 90, B: 30 / 90, C: 0 }], // no C: 60:30
    [{ A: 0, B: 0, C: 7 }, { A: 0, B: 0, C: 1 }], // only C
    [{ A: 0, B: 0, C: 0 }, { A: 0, B: 0, C: 0 }], // nobody
  ])("an empty grade's share goes to the others in proportion: %o", (counts, want) => {
    const per = budgetPerGrade(counts, B);
    expect(per.A).toBeCloseTo(want.A, 12);
    expect(per.B).toBeCloseTo(want.B, 12);
    expect(per.C).toBeCloseTo(want.C, 12);
  });

  it("the split is a setting", () => {
    const per = budgetPerGrade({ A: 1, B: 1, C: 1 }, { A: 50, B: 50, C: 0 });
    expect(per).toEqual({ A: 0.5, B: 0.5, C: 0 });
  });

  it("live grades with a zero share split evenly", () => {
    expect(budgetPerGrade({ A: 0, B: 0, C: 4 }, { A: 50, B: 50, C: 0 })).toEqual({ A: 0, B: 0, C: 1 });
  });
});

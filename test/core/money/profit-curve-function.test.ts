// KAM_PROFIT_CURVE / KAM.PROFIT_CURVE (SPEC §12): the curve as two columns, from the one function
// table, called directly and through a real formula engine (HyperFormula) under both hosts' names.
import { describe, expect, it } from "vitest";
import { callFunction, isKamError, PROFIT_CURVE_COLUMNS } from "../../../core/functions";
import { profitCurve } from "../../../core/money/profit-curve";
import { kamEngine } from "../../fakes/hyperformula-kam";

const call = (...args: unknown[]) => callFunction("PROFIT_CURVE", args).result;
const col = (...xs: unknown[]) => xs.map((x) => [x]);

describe("KAM_PROFIT_CURVE", () => {
  it("returns headers, then (0, 0) and one row per client: cumulative share of clients, of profit", () => {
    expect(call(col(10, 60, -20, 50))).toEqual([
      [...PROFIT_CURVE_COLUMNS],
      [0, 0],
      [0.25, 0.6],
      [0.5, 1.1],
      [0.75, 1.2],
      [1, 1],
    ]);
  });

  it("skips blanks (a blank column is blank), reads `(300)` and `1.2k`", () => {
    expect(call(col(null, "", null))).toEqual([[""]]);
    const out = call(col("1.2k", "", "(300)", 300));
    expect(out).toEqual([[...PROFIT_CURVE_COLUMNS], [0, 0], [0.333333333333, 1], [0.666666666667, 1.25], [1, 1]]);
  });

  it("a bad cell or a total that is not positive is one clear message", () => {
    const bad = call(col(10, "lots", 5));
    expect(bad).toHaveLength(1);
    expect(isKamError(bad[0]?.[0])).toBe(true);
    expect(String(bad[0]?.[0])).toMatch(/^⚠ profit: /);
    expect(String(call(col(10, -10))[0]?.[0])).toBe("⚠ total profit is not positive: no profit curve");
    expect(String(call(col(-5))[0]?.[0])).toBe("⚠ total profit is not positive: no profit curve");
  });

  it("a single cell is a one-client curve", () => {
    expect(call(42)).toEqual([[...PROFIT_CURVE_COLUMNS], [0, 0], [1, 1]]);
  });

  it.each(["KAM_", "KAM."] as const)("%sPROFIT_CURVE spills its two columns in a real formula engine", (prefix) => {
    const profits = [120, -30, 60, null, 250];
    // Below its data: HyperFormula sizes a table result while it reads the sheet row by row.
    const sheet: unknown[][] = [["Profit", null, null], ...profits.map((p) => [p, null, null]), [null, null, null, `=${prefix}PROFIT_CURVE(A2:A6)`]];
    const hf = kamEngine({ S: sheet }, { prefix });
    const values = hf.getSheetValues(hf.getSheetId("S") as number);
    hf.destroy();
    const spilled = values.map((r) => [r[3], r[4]]).filter((r) => r[0] !== null && r[0] !== undefined);
    const curve = profitCurve([120, -30, 60, 250], 20);
    expect(spilled).toEqual([[...PROFIT_CURVE_COLUMNS], ...curve.points.map((p) => [p.clients, p.profit])]);
  });
});

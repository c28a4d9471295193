/**
 * The money functions of the table (SPEC §12): the profit curve (whale curve) of a column of
 * client profits, as two columns.
 */
import { profitCurve } from "../money/profit-curve";
import { DEFAULT_SETTINGS } from "../settings";
import { Invalid, parseAmount } from "../values";
import { flat, KamError, type Matrix, type Out } from "./shapes";
import { range, type KamFunction } from "./signature";

export const PROFIT_CURVE_COLUMNS = ["Share of clients", "Share of profit"] as const;

/** Every profit of a range (blanks skipped); the first unreadable one is the error. */
function profits(arg: Matrix | undefined): number[] | KamError {
  const out: number[] = [];
  for (const v of flat(arg ?? [[null]])) {
    const n = parseAmount(v);
    if (n instanceof Invalid) return new KamError(`profit: ${n.reason}`);
    if (n !== null) out.push(n);
  }
  return out;
}

export const MONEY_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "PROFIT_CURVE",
    params: [range("profits")],
    returns: "table",
    run([arg]) {
      const nums = profits(arg);
      if (nums instanceof KamError) return [[nums]];
      if (nums.length === 0) return [[""]];
      const curve = profitCurve(nums, DEFAULT_SETTINGS.topSharePct);
      if (curve.points.length === 0) return [[new KamError("total profit is not positive: no profit curve")]];
      const out: Out[][] = [[...PROFIT_CURVE_COLUMNS]];
      for (const p of curve.points) out.push([p.clients, p.profit]);
      return out;
    },
  },
];

/**
 * The money functions of the table (SPEC §12): the profit curve (whale curve) of a column of
 * client profits, as two columns.
 */
import { profitCurve } from "../money/profit-curve";
import { DEFAULT_SETTINGS } from "../settings";
import { amounts } from "./arguments";
import { KamError, type Out } from "./shapes";
import { range, type KamFunction } from "./signature";

export const PROFIT_CURVE_COLUMNS = ["Share of clients", "Share of profit"] as const;

export const MONEY_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "PROFIT_CURVE",
    params: [range("profits")],
    returns: "table",
    run([arg]) {
      const nums = amounts(arg, "profit");
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

/**
 * The portfolio functions of the table (SPEC §7, §8): the whole ranked portfolio, live, and the
 * concentration checks (HHI, the top clients' share of revenue). The table itself is made by
 * portfolio-table.ts.
 */
import { hhi, topShare } from "../model/concentration";
import { DEFAULT_SETTINGS } from "../settings";
import { Invalid, isBlank, parseDate, type Day } from "../values";
import { amounts, percentArg, scalarArg } from "./arguments";
import { portfolioTable } from "./portfolio-table";
import { fail, flat, KamError, type Matrix } from "./shapes";
import { range, value, type KamFunction } from "./signature";

const d = DEFAULT_SETTINGS;

/** Concentration is of the positive revenues (SPEC §2a): a credit note never makes a share above 100%. */
const positive = (revenues: readonly number[]): number[] => revenues.filter((r) => r > 0);

/** The optional `today` argument: a date (typed, a serial, a Date) or blank. */
function todayArg(arg: Matrix | undefined): Day | null {
  const day = parseDate(scalarArg(arg));
  if (day instanceof Invalid) fail(`today: ${day.reason}`);
  return day;
}

export const PORTFOLIO_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "PORTFOLIO",
    params: [range("table_with_headers"), value("today")],
    returns: "table",
    run([table, today]) {
      const rows = table ?? [[null]];
      if (flat(rows).every(isBlank)) return [[""]];
      try {
        return portfolioTable(rows, todayArg(today));
      } catch (e) {
        return [[new KamError(e instanceof Error ? e.message : String(e))]];
      }
    },
  },
  {
    name: "HHI",
    params: [range("revenues")],
    returns: "scalar",
    run([revenues]) {
      const nums = amounts(revenues);
      if (nums instanceof KamError) return [[nums]];
      if (nums.length === 0) return [[""]];
      const h = hhi(positive(nums));
      return [[h === null ? new KamError("total revenue is not positive") : h]];
    },
  },
  {
    name: "TOP_SHARE",
    params: [range("revenues"), value("top_pct")],
    returns: "scalar",
    run([revenues, top]) {
      try {
        const pct = percentArg(top, "top_pct", d.topSharePct);
        const nums = amounts(revenues);
        if (nums instanceof KamError) return [[nums]];
        if (nums.length === 0) return [[""]];
        const s = topShare(positive(nums), pct, nums.length);
        return [[s === null ? new KamError("total revenue is not positive") : s]];
      } catch (e) {
        return [[new KamError((e as Error).message)]];
      }
    },
  },
];

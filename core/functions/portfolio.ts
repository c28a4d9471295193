/**
 * The portfolio functions of the table (SPEC §7, §8): the whole ranked portfolio, live, and the
 * concentration checks (HHI, the top clients' share of revenue).
 */
import { hhi, topShare } from "../model/concentration";
import { gradePortfolio } from "../portfolio";
import { DEFAULT_SETTINGS } from "../settings";
import { Invalid, isBlank, parseDate, type Day } from "../values";
import { amounts, percentArg, scalarArg } from "./arguments";
import { fail, flat, KamError, type Matrix, type Out } from "./shapes";
import { pct, range, value, type KamFunction } from "./signature";

const d = DEFAULT_SETTINGS;

/** Concentration is of the positive revenues (SPEC §2a): a credit note never makes a share above 100%. */
const positive = (revenues: readonly number[]): number[] => revenues.filter((r) => r > 0);

export const PORTFOLIO_COLUMNS = [
  "Rank", "Client", "Grade", "Score", "Revenue", "Revenue rating", "Wallet rating", "Profit rating",
  "Strategic", "Pain", "Quadrant", "Flags", "Actions",
] as const;

/** The optional `today` argument: a date (typed, a serial, a Date) or blank. */
function todayArg(arg: Matrix | undefined): Day | null {
  const day = parseDate(scalarArg(arg));
  if (day instanceof Invalid) fail(`today: ${day.reason}`);
  return day;
}

/**
 * The ranked table. Review-due is judged against `today`; a custom function recalculates only when
 * its arguments change, so it never reads the clock: without a `today` argument the flag is left
 * out (a stale "today" would keep it wrong until the next edit).
 */
function portfolioTable(rows: Matrix, today: Day | null): Out[][] {
  const p = gradePortfolio({ rows, settings: d, today: today ?? 0 });
  const out: Out[][] = [[...PORTFOLIO_COLUMNS]];
  for (const c of p.clients) {
    const flags = today === null ? c.flags.filter((f) => f !== "review-due") : c.flags;
    out.push([c.rank, c.name, c.grade, c.score, c.revenue, c.revenueRating, c.walletRating, c.profitRating, c.strategic, c.pain, c.quadrant, flags.join(", "), c.actions]);
  }
  for (const n of p.needsData) {
    out.push(["", n.name || `(row ${n.row})`, "Needs data", "", "", "", "", "", "", "", "", `row ${n.row}: ${n.reason}`, ""]);
  }
  return out;
}


export const PORTFOLIO_FUNCTIONS: readonly KamFunction[] = [
  {
    name: "PORTFOLIO",
    description: "The whole ranked portfolio, live, from a table whose first row holds the headers (one row per client or per order). Review-due is flagged only when today is given.",
    params: [
      range("table_with_headers", "The client table including its header row."),
      value("today", "The date review-due is judged on: a date, or a cell holding one (without it no client is flagged review-due: a custom function does not see the date change)."),
    ],
    returns: "table",
    resultType: "any",
    example: "=KAM_PORTFOLIO(A1:K500, M1)",
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
    description: "Herfindahl-Hirschman index of revenue concentration (0–10,000; above 1,800 highly concentrated, 1,000–1,800 moderately).",
    params: [range("revenues", "Every client's revenue.")],
    returns: "scalar",
    resultType: "any",
    example: "=KAM_HHI(C2:C500)",
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
    description: `Share of revenue from the top ${pct(d.topSharePct)} of clients (the 80/20 check), as a fraction.`,
    params: [range("revenues", "Every client's revenue."), value("top_pct", `Percent of clients counted as the top (default ${d.topSharePct}).`)],
    returns: "scalar",
    resultType: "any",
    example: "=KAM_TOP_SHARE(C2:C500)",
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

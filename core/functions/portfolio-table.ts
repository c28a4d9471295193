/**
 * What KAM_PORTFOLIO spills (SPEC §7, §8): the ranked table with its header row, then a "Needs data"
 * row per client that could not be graded. Its own module, so the in-host self-test predicts the
 * function's output without carrying the whole function table.
 */
import { gradePortfolio } from "../portfolio";
import { DEFAULT_SETTINGS } from "../settings";
import type { Day } from "../values";
import type { Matrix, Out } from "./shapes";

export const PORTFOLIO_COLUMNS = [
  "Rank", "Client", "Grade", "Score", "Revenue", "Revenue rating", "Wallet rating", "Profit rating",
  "Strategic", "Pain", "Quadrant", "Flags", "Actions",
] as const;

/**
 * The ranked table. Review-due is judged against `today`; a custom function recalculates only when
 * its arguments change, so it never reads the clock: without a `today` argument the flag is left
 * out (a stale "today" would keep it wrong until the next edit).
 */
export function portfolioTable(rows: Matrix, today: Day | null): Out[][] {
  const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today: today ?? 0 });
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

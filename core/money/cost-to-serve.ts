/**
 * Cost to serve (SPEC §12): a client's profit after serving is its profit less what it costs to
 * serve, and the profitability rating uses the margin that leaves. Pure numbers in, numbers out.
 */
import { cleanRatio } from "../model/ratings";

export interface Served {
  /** Profit after serving (or the profit, when no cost is known); NaN when neither a profit nor a margin is. */
  profit: number;
  /** The margin the profitability rating uses: after serving when a cost is known and revenue is positive; NaN when unknown. */
  margin: number;
  /** Whether `margin` is after the cost to serve (the explanation says so). */
  afterServing: boolean;
}

/**
 * `margin` is the client's margin (SPEC §2); `profitCells` its profit cells' sum when they are
 * its only source of margin (else the profit is revenue × margin); `cost` the cost to serve. NaN
 * is "none" throughout: the portfolio's typed columns hold it so, and `into` (one object reused for
 * every client) is filled, so that grading 100,000 clients makes no object and boxes no number
 * for each. A client without a positive revenue keeps its margin (profit ÷ revenue means nothing
 * for it, SPEC §2a), but its profit after serving still counts in the profit curve.
 */
export function profitAfterServing(revenue: number, margin: number, profitCells: number, cost: number, into: Served = newServed()): Served {
  const profit = profitCells === profitCells ? profitCells : margin * revenue;
  into.profit = profit;
  into.margin = margin;
  into.afterServing = false;
  if (cost !== cost || profit !== profit) return into;
  const after = profit - cost;
  into.profit = after;
  if (revenue > 0) {
    into.margin = cleanRatio(after / revenue);
    into.afterServing = true;
  }
  return into;
}

export const newServed = (): Served => ({ profit: Number.NaN, margin: Number.NaN, afterServing: false });

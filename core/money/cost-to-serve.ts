/**
 * Cost to serve (SPEC §12): a client's profit after serving is its profit less what it costs to
 * serve, and the profitability rating uses the margin that leaves. Pure numbers in, numbers out.
 */
import { cleanRatio } from "../model/ratings";

export interface Served {
  /** Profit after serving (or the profit, when no cost is known); null when neither a profit nor a margin is. */
  profit: number | null;
  /** The margin the profitability rating uses: after serving when a cost is known and revenue is positive. */
  margin: number | null;
  /** Whether `margin` is after the cost to serve (the explanation says so). */
  afterServing: boolean;
}

/**
 * `margin` is the client's margin (SPEC §2); `profitCells` its profit cells' sum when they are
 * its only source of margin (else the profit is revenue × margin); `cost` the cost to serve, or
 * null. A client without a positive revenue keeps its margin (profit ÷ revenue means nothing for
 * it, SPEC §2a), but its profit after serving still counts in the profit curve.
 */
export function profitAfterServing(revenue: number, margin: number | null, profitCells: number | null, cost: number | null): Served {
  const profit = profitCells ?? (margin === null ? null : margin * revenue);
  if (cost === null || profit === null) return { profit, margin, afterServing: false };
  const after = profit - cost;
  if (!(revenue > 0)) return { profit: after, margin, afterServing: false };
  return { profit: after, margin: cleanRatio(after / revenue), afterServing: true };
}

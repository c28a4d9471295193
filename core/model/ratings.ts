/**
 * The five ratings of SPEC §3.
 */
import type { Settings } from "../settings";
import type { Level } from "../values";

export type Rating = Level | "Unknown";
export type ProfitRating = Rating | "Laggard";

/** Ratings as codes, for typed columns: a level's place in LEVELS (0 High, 1 Medium, 2 Low), then Unknown, then Laggard. */
export const RATINGS: readonly Rating[] = ["High", "Medium", "Low", "Unknown"];
export const PROFIT_RATINGS: readonly ProfitRating[] = [...RATINGS, "Laggard"];
export const HIGH_RATING = 0;
export const MEDIUM_RATING = 1;
export const LOW_RATING = 2;
export const UNKNOWN_RATING = 3;
export const LAGGARD_RATING = 4;

/** ⌈n·pct/100⌉ in integers: pct may carry up to 6 decimals; no 0.1·30 = 3.0000000000000004. */
export function ceilPercentOf(n: number, pct: number): number {
  const scale = 1_000_000;
  const num = n * Math.round(pct * scale);
  const den = 100 * scale;
  return Math.floor((num + den - 1) / den);
}

/** Cut-off ranks of the rank method for n clients. */
export function revenueCutoffs(n: number, topPct: number, nextPct: number): { high: number; medium: number } {
  return { high: ceilPercentOf(n, topPct), medium: ceilPercentOf(n, topPct + nextPct) };
}

/** Indices of `values`, highest first (a stable sort: equal values keep their order). */
function descendingOrder(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number));
}

export function revenueRatingForRank(rank: number, cut: { high: number; medium: number }): Level {
  return RATINGS[revenueRatingCodeForRank(rank, cut)] as Level;
}

const revenueRatingCodeForRank = (rank: number, cut: { high: number; medium: number }): number =>
  rank <= cut.high ? HIGH_RATING : rank <= cut.medium ? MEDIUM_RATING : LOW_RATING;

/**
 * Revenue ratings for a population, in its order, as codes (a level's place in LEVELS: 0 High,
 * 1 Medium, 2 Low; at 100,000 clients 100 kB, where a list of levels is a fresh 800 kB). Rank
 * method by default; cumulative ABC when the settings say so (clients with equal revenue take the
 * class of the first of them).
 */
export function revenueRatingCodes(
  revenues: ArrayLike<number>,
  settings: Pick<Settings, "revenueMethod" | "revenueTopPct" | "revenueNextPct" | "cumulativeHighPct" | "cumulativeMediumPct">,
  order: ArrayLike<number> = descendingOrder(revenues),
  /** How many clients have a valid revenue (SPEC §3.1's n): more than `revenues` when those without a positive one are left out. */
  n: number = revenues.length,
): Uint8Array {
  if (settings.revenueMethod === "cumulative") {
    return cumulativeRatingCodes(revenues, settings.cumulativeHighPct, settings.cumulativeMediumPct, order);
  }
  return rankRatings(revenues, order, revenueCutoffs(n, settings.revenueTopPct, settings.revenueNextPct));
}

/**
 * Each client's rating by its competition rank (highest first, ties sharing the best rank: 1, 2,
 * 2, 4), worked out as the order is walked, without a list of the ranks.
 */
function rankRatings(revenues: ArrayLike<number>, order: ArrayLike<number>, cut: { high: number; medium: number }): Uint8Array {
  const out = new Uint8Array(revenues.length);
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (k === 0 || revenues[order[k - 1] as number] !== revenues[i]) rank = k + 1;
    out[i] = revenueRatingCodeForRank(rank, cut);
  }
  return out;
}

/** Cumulative ABC ratings as codes (see revenueRatingCodes). */
export function cumulativeRatingCodes(revenues: ArrayLike<number>, highPct: number, mediumPct: number, order: ArrayLike<number> = descendingOrder(revenues)): Uint8Array {
  let total = 0;
  for (let i = 0; i < revenues.length; i++) total += revenues[i] as number;
  const out = new Uint8Array(revenues.length).fill(LOW_RATING);
  if (!(total > 0)) return out;
  let running = 0;
  let previous = Number.NaN;
  let level = LOW_RATING;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const revenue = revenues[i] as number;
    running += revenue;
    // Equal revenues take the class of the first of them; else running/total ≤ pct/100, compared without dividing.
    if (k === 0 || previous !== revenue) level = running * 100 <= highPct * total ? HIGH_RATING : running * 100 <= mediumPct * total ? MEDIUM_RATING : LOW_RATING;
    out[i] = level;
    previous = revenue;
  }
  return out;
}

/** Wallet share: High above 75%, Medium 50–75%, Low below 50%. Low share = upside. */
export function walletRating(share: number | null, s: Pick<Settings, "walletMediumPct" | "walletHighPct">): Rating {
  return RATINGS[walletRatingCode(share ?? Number.NaN, s)] as Rating;
}

/** The same as a code (RATINGS); `share` NaN when unknown. */
export function walletRatingCode(share: number, s: Pick<Settings, "walletMediumPct" | "walletHighPct">): number {
  if (share !== share) return UNKNOWN_RATING;
  if (share > s.walletHighPct / 100) return HIGH_RATING;
  if (share >= s.walletMediumPct / 100) return MEDIUM_RATING;
  return LOW_RATING;
}

/** Untapped spend = revenue × (1 − share) ÷ share; blank when share is 0 or unknown. */
export function untappedSpend(revenue: number, share: number | null): number | null {
  if (share === null || share <= 0) return null;
  return (revenue * (1 - share)) / share;
}

/**
 * A computed fraction (profit ÷ revenue, Σ profit ÷ Σ revenue) without its binary noise: rounded to
 * 12 decimals, so a margin that is exactly 10% in the sheet's cents (1,234.57 ÷ 12,345.70, which is
 * 0.09999999999999999 in floating point) is 10% at the rating boundary, and profits that cancel
 * out are a margin of 0, not a laggard's −2.8e-17.
 */
export function cleanRatio(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1000) return x;
  return Math.round(x * 1e12) / 1e12 + 0;
}

/** Profitability: High ≥ 25%, Medium ≥ 10%, Low ≥ 0, Laggard < 0. */
export function profitRating(margin: number | null, s: Pick<Settings, "profitAdequatePct" | "profitHighPct">): ProfitRating {
  return PROFIT_RATINGS[profitRatingCode(margin ?? Number.NaN, s)] as ProfitRating;
}

/** The same as a code (PROFIT_RATINGS); `margin` NaN when unknown. */
export function profitRatingCode(margin: number, s: Pick<Settings, "profitAdequatePct" | "profitHighPct">): number {
  if (margin !== margin) return UNKNOWN_RATING;
  if (margin >= s.profitHighPct / 100) return HIGH_RATING;
  if (margin >= s.profitAdequatePct / 100) return MEDIUM_RATING;
  if (margin >= 0) return LOW_RATING;
  return LAGGARD_RATING;
}

/** Pain from two yes/no answers: aligned+easy Low, not aligned+hard High, otherwise Medium. */
export function painFromAlignment(aligned: boolean, easy: boolean): Level {
  if (aligned && easy) return "Low";
  if (!aligned && !easy) return "High";
  return "Medium";
}

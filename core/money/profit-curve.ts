/**
 * The profit curve (SPEC §12, Kaplan's whale curve): clients sorted by profit, highest first; the
 * cumulative profit as a share of the total against the cumulative share of clients. With
 * loss-making clients the curve rises above 100% and falls back: the top clients often earn more
 * than all the profit. Pure.
 */
import { topShareOfDescending } from "../model/concentration";
import { addExact, exactValue, newExactSum } from "../model/exact-sum";
import { ceilPercentOf, cleanRatio } from "../model/ratings";

export interface CurvePoint {
  /** Cumulative share of clients, 0–1. */
  clients: number;
  /** Cumulative profit as a share of the total profit (above 1 where later clients lose money). */
  profit: number;
}

/** The most points a chart of the curve is drawn from (a large portfolio's curve is drawn from every (n ÷ 200)-th client). */
export const CHART_POINTS = 200;

export interface ProfitCurve {
  /** (0, 0), then one point per client, highest profit first; empty when the total profit is not positive. */
  points: CurvePoint[];
  /**
   * The points a chart draws, the same numbers as in `points`: all of them when there are at most
   * CHART_POINTS + 1, else (0, 0), every (clients ÷ CHART_POINTS)-th client's, the last and the
   * peak (where the loss makers start). Made without the list of every point (100,000 clients:
   * 100,000 objects a chart of 202 points at most never reads).
   */
  drawn: CurvePoint[];
  clients: number;
  total: number;
  /** Share of the total profit earned by the top ⌈n·pct/100⌉ clients; null when the total is not positive. */
  topShare: number | null;
  /** Clients with a negative profit, and their profits' sum (0 or negative). */
  lossMakers: number;
  lossTotal: number;
}

/** The curve of `profits` (one per client, any order); `topPct` is the top share's percent of clients (20). */
export function profitCurve(profits: ArrayLike<number>, topPct: number): ProfitCurve {
  return ownProfitCurve(Float64Array.from(profits), topPct);
}

/**
 * The same from the caller's own array of profits, in any order: the curve keeps it and reorders
 * it. Only the top clients are sorted for the top share (a fifth of them at 20%); the whole array
 * is sorted when the points are first read (100,000 clients: a sort of 100,000 numbers a build
 * that writes no chart never needs).
 */
export function ownProfitCurve(profits: Float64Array, topPct: number): ProfitCurve {
  const n = profits.length;
  const losses = new Float64Array(2);
  const total = profitTotals(profits, losses);
  const [lossMakers, lossTotal] = [losses[0] as number, losses[1] as number];
  if (!(total > 0)) return { points: [], drawn: [], clients: n, total, topShare: null, lossMakers, lossTotal };
  const top = Math.min(n, ceilPercentOf(n, topPct));
  // The top clients at the end, in ascending order: read highest first from the end.
  const tail = profits.subarray(n - top);
  if (top > 0) largestLast(profits, top).sort();
  const topShare = topShareOfDescending(total, (j) => tail[top - 1 - j] as number, n, topPct, n);
  let points: CurvePoint[] | null = null;
  let drawn: CurvePoint[] | null = null;
  let sorted = false;
  /** The profits, highest last (sorted when first asked). */
  const ascending = (): Float64Array => {
    if (!sorted) profits.sort();
    sorted = true;
    return profits;
  };
  return {
    // One point per client: made when KAM_PROFIT_CURVE asks (100,000 clients, 100,000 points).
    get points(): CurvePoint[] {
      if (points === null) {
        const made: CurvePoint[] = [{ clients: 0, profit: 0 }];
        pointsAt(ascending(), total, null, made);
        points = made;
      }
      return points;
    },
    get drawn(): CurvePoint[] {
      return (drawn ??= drawnOf(ascending(), total));
    },
    clients: n,
    total,
    topShare: top > 0 && topShare !== null ? cleanRatio(topShare) : null,
    lossMakers,
    lossTotal,
  };
}

/**
 * `drawn` from the profits (highest last), without the list of every point. Up to CHART_POINTS
 * clients the grid of `drawnAt` steps by at most one client: every point is drawn.
 */
function drawnOf(ascending: Float64Array, total: number): CurvePoint[] {
  const at = drawnAt(ascending.length, peakOf(ascending, total));
  // (0, 0) is always drawn: the grid starts there.
  const out: CurvePoint[] = [{ clients: 0, profit: 0 }];
  pointsAt(ascending, total, at, out);
  return out;
}

/** Which of the points 0 … last are drawn, in order: every (last ÷ CHART_POINTS)-th, the last and the peak. */
function drawnAt(last: number, peak: number): number[] {
  const picked = new Set<number>([peak]);
  for (let j = 0; j <= CHART_POINTS; j++) picked.add(Math.round((j * last) / CHART_POINTS));
  return [...picked].sort((a, b) => a - b);
}

/**
 * Appends to `out` the points after 1, 2, … n clients (`ascending`: the profits, highest last), or
 * only those after `at[j]` clients (ascending indices; 0 is left to the caller). The sums are the
 * same whichever points are kept: a chart's point is the same number as KAM_PROFIT_CURVE's.
 */
function pointsAt(ascending: Float64Array, total: number, at: readonly number[] | null, out: CurvePoint[]): void {
  const n = ascending.length;
  let sum = 0;
  let next = 0;
  while (at !== null && next < at.length && (at[next] as number) === 0) next++;
  for (let i = 0; i < n; i++) {
    sum += ascending[n - 1 - i] as number;
    if (at === null) out.push({ clients: cleanRatio((i + 1) / n), profit: cleanRatio(sum / total) });
    else if (at[next] === i + 1) {
      out.push({ clients: cleanRatio((i + 1) / n), profit: cleanRatio(sum / total) });
      next++;
    }
  }
}

/** The point (clients counted) where the curve is highest: the first of its highest points. */
function peakOf(ascending: Float64Array, total: number): number {
  const n = ascending.length;
  let sum = 0;
  let peak = 0;
  let best = 0;
  for (let i = 0; i < n; i++) {
    sum += ascending[n - 1 - i] as number;
    const y = cleanRatio(sum / total);
    if (y > best) {
      best = y;
      peak = i + 1;
    }
  }
  return peak;
}


/**
 * Moves the `k` largest of `xs` (1 ≤ k ≤ length) to its end, in no order, and returns that end
 * (a view): Hoare's selection, each step partitioning around the median of three. Should the
 * steps not shrink the range fast enough (a pattern made against the pivots), the range is
 * sorted instead, so at worst it takes about as long as a sort (`steps`: how many steps it takes first).
 */
export function largestLast(xs: Float64Array, k: number, steps = 2 * Math.ceil(Math.log2(xs.length + 1)) + 8): Float64Array {
  const target = xs.length - k;
  let lo = 0;
  let hi = xs.length - 1;
  let budget = steps;
  while (hi > lo) {
    if (budget-- === 0) {
      xs.subarray(lo, hi + 1).sort();
      break;
    }
    const mid = (lo + hi) >>> 1;
    const a = xs[lo] as number;
    const b = xs[mid] as number;
    const c = xs[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((xs[i] as number) < pivot) i++;
      while ((xs[j] as number) > pivot) j--;
      if (i <= j) {
        const t = xs[i] as number;
        xs[i] = xs[j] as number;
        xs[j] = t;
        i++;
        j--;
      }
    }
    // Now xs[lo..j] ≤ pivot ≤ xs[i..hi], and anything between equals the pivot.
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return xs.subarray(target);
}

// Each pass over the clients is a function that returns a number as its loop ends (see portfolio/health.ts).

/**
 * The total profit; counts into `losses` the clients losing money (0) and their total (1). Both
 * sums are exact (model/exact-sum): the profits come in the sheet's order, and the same clients
 * listed in another order must give the same totals.
 */
function profitTotals(profits: Float64Array, losses: Float64Array): number {
  const total = newExactSum();
  const lost = newExactSum();
  let lossMakers = 0;
  for (let i = 0; i < profits.length; i++) {
    const p = profits[i] as number;
    addExact(total, p);
    if (p < 0) {
      lossMakers++;
      addExact(lost, p);
    }
  }
  losses[0] = lossMakers;
  losses[1] = exactValue(lost);
  return exactValue(total);
}

/** 1234.5 → "1,235", -300 → "−300": whole units with thousands separators and a true minus sign (no Intl: Apps Script's V8 may lack it). */
export function amountText(x: number): string {
  const r = Math.round(Math.abs(x));
  const digits = String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return r === 0 ? "0" : `${x < 0 ? "−" : ""}${digits}`;
}

const percent = (f: number): string => `${Math.round(f * 1000) / 10}%`;

/**
 * "the top 20% of clients earn 130% of profit; 3 clients lose money, together −1,200". `unknown`
 * clients without a profit or margin are named as left out.
 */
export function profitSentence(curve: ProfitCurve, topPct: number, unknown = 0): string {
  const losers = curve.lossMakers === 0 ? "no client loses money" : `${curve.lossMakers} client${curve.lossMakers === 1 ? " loses" : "s lose"} money, together ${amountText(curve.lossTotal)}`;
  const head =
    curve.topShare !== null
      ? `the top ${topPct}% of clients earn ${percent(curve.topShare)} of profit`
      : curve.total === 0
        ? "the clients earn no profit in total"
        : `the clients lose money in total (${amountText(curve.total)})`;
  const left = unknown === 0 ? "" : ` (${unknown} client${unknown === 1 ? "" : "s"} without a profit or margin left out)`;
  return `${head}; ${losers}${left}`;
}

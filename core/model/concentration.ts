/**
 * Portfolio health (SPEC §7): the 80/20 check, top client share, Herfindahl-Hirschman index and
 * its band, the same by industry, and warnings.
 */
import { ceilPercentOf } from "./ratings";

export type HhiBand = "unconcentrated" | "moderately concentrated" | "highly concentrated";

/** Σ (percent share)², 0–10,000; null when total revenue is not positive. */
export function hhi(revenues: ArrayLike<number>): number | null {
  const total = sum(revenues);
  if (!(total > 0)) return null;
  let h = 0;
  for (let i = 0; i < revenues.length; i++) {
    const pct = ((revenues[i] as number) / total) * 100;
    h += pct * pct;
  }
  return h;
}

export function hhiBand(h: number): HhiBand {
  return h > 1800 ? "highly concentrated" : h >= 1000 ? "moderately concentrated" : "unconcentrated";
}

/**
 * Share of total revenue from the top ⌈n·pct/100⌉ revenues. `n` is the number of clients (SPEC §7):
 * more than `revenues` when only the positive ones are summed (SPEC §2a).
 */
export function topShare(revenues: ArrayLike<number>, pct = 20, n: number = revenues.length): number | null {
  // A typed array sorts natively (ascending): read from the end for largest first.
  const sorted = Float64Array.from(revenues).sort();
  return topShareOfDescending(sum(revenues), (j) => sorted[sorted.length - 1 - j] as number, revenues.length, pct, n);
}

/**
 * `topShare` of `count` revenues whose `total` is known, read largest first through `descending`
 * (a caller that has them in revenue order already need not sort them again).
 */
export function topShareOfDescending(total: number, descending: (j: number) => number, count: number, pct: number, n: number): number | null {
  if (!(total > 0) || count === 0) return null;
  const k = Math.min(count, ceilPercentOf(n, pct));
  let top = 0;
  for (let j = 0; j < k; j++) top += descending(j);
  return top / total;
}

export function topClientShare(revenues: ArrayLike<number>): number | null {
  const total = sum(revenues);
  if (!(total > 0) || revenues.length === 0) return null;
  return maxOf(revenues) / total;
}

function maxOf(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) if ((xs[i] as number) > m) m = xs[i] as number;
  return m;
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}

export interface IndustryShare {
  industry: string;
  revenue: number;
  share: number;
  clients: number;
}

/** Revenue by industry (blank industries as "(none)"), largest first, and its HHI. */
export function industryConcentration(rows: readonly { industry: string | null; revenue: number }[]): { industries: IndustryShare[]; hhi: number | null } {
  return industryShares(rows.length, (i) => (rows[i] as { industry: string | null }).industry, (i) => (rows[i] as { revenue: number }).revenue);
}

/** `industryConcentration` of `count` clients read through `industry` and `revenue` (no object per client). */
export function industryShares(count: number, industry: (i: number) => string | null, revenue: (i: number) => number): { industries: IndustryShare[]; hhi: number | null } {
  const by = new Map<string, { revenue: number; clients: number }>();
  const total = byIndustry(count, industry, revenue, by);
  const industries = [...by.entries()]
    .map(([name, e]) => ({ industry: name, revenue: e.revenue, clients: e.clients, share: total > 0 ? e.revenue / total : 0 }))
    .sort((a, b) => b.revenue - a.revenue || (a.industry < b.industry ? -1 : 1));
  return { industries, hhi: hhi(industries.map((i) => i.revenue)) };
}

/**
 * Adds into `by` the revenue and clients of each industry; returns the total. A function that
 * returns a number as its loop ends (see portfolio/health.ts).
 */
function byIndustry(count: number, industry: (i: number) => string | null, revenue: (i: number) => number, by: Map<string, { revenue: number; clients: number }>): number {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const key = industry(i) ?? "(none)";
    const r = revenue(i);
    let e = by.get(key);
    if (e === undefined) {
      e = { revenue: 0, clients: 0 };
      by.set(key, e);
    }
    e.revenue += r;
    e.clients += 1;
    total += r;
  }
  return total;
}

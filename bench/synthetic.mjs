// Seeded synthetic client sheets for the benchmarks.
import { seeded } from "./lib.mjs";

export const HEADERS = ["Client", "Industry", "Revenue", "Gross Margin", "Share of Wallet", "Strategic Value", "Pain"];
const INDUSTRIES = ["Healthcare", "Logistics", "Retail", "Food", "Technology", "Construction", "Legal", "Education"];
const LEVELS = ["High", "Medium", "Low"];

/**
 * A per-client sheet (header row + n rows): long-tailed revenue from 1,000 to ~1.1M (ties among
 * the small ones, 10% written as currency text), margins −10% … 45%, shares 0–100%, H/M/L words.
 */
export function syntheticSheet(n, seed = 42) {
  const rnd = seeded(seed);
  const rows = [HEADERS];
  for (let i = 0; i < n; i++) {
    const revenue = Math.round(1000 * Math.exp(rnd() * 7));
    rows.push([
      `Client ${String(i + 1).padStart(6, "0")}`,
      INDUSTRIES[Math.floor(rnd() * INDUSTRIES.length)],
      rnd() < 0.1 ? `$${revenue.toLocaleString("en-US")}.00` : revenue,
      Math.round((rnd() * 0.55 - 0.1) * 1000) / 1000,
      Math.round(rnd() * 100) / 100,
      LEVELS[Math.floor(rnd() * 3)],
      LEVELS[Math.floor(rnd() * 3)],
    ]);
  }
  return rows;
}

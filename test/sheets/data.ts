/**
 * Client sheets for the Sheets tests, as Sheets holds them after an import: numbers as numbers,
 * percents as fractions, other text as text (a name starting with "=" stays text).
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../../cli/read";
import { ROOT } from "../helpers";

/** A CSV cell as Sheets stores it once typed or imported. */
export function asEntered(v: string): string | number {
  const t = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^-?\d+(\.\d+)?%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  if (/^\$\d{1,3}(,\d{3})*(\.\d+)?$/.test(t)) return Number(t.slice(1).replace(/,/g, ""));
  return v;
}

export function csvSheet(file: string): (string | number)[][] {
  return parseCsv(readFileSync(`${ROOT}${file}`, "utf8")).map((r) => r.map((v) => asEntered(String(v ?? ""))));
}

/** n clients with every input, deterministic (a small linear congruential generator). */
export function syntheticClients(n: number, seed = 7): (string | number)[][] {
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const levels = ["High", "Medium", "Low", ""];
  const stages = ["Exploratory", "Basic", "Cooperative", "Interdependent", "Integrated", ""];
  const industries = ["Retail", "Food", "Healthcare", "Logistics", "Media", "Technology"];
  const rows: (string | number)[][] = [["Client", "Industry", "Annual Revenue", "Gross Margin %", "Share of Wallet", "Strategic Value", "Pain", "Relationship Stage"]];
  for (let i = 0; i < n; i++) {
    rows.push([
      `Client ${String(i + 1).padStart(5, "0")}`,
      industries[Math.floor(rnd() * industries.length)] as string,
      Math.round(1000 + rnd() * rnd() * 500000),
      Math.round((rnd() * 0.6 - 0.1) * 100) / 100,
      Math.round(rnd() * 100) / 100,
      levels[Math.floor(rnd() * levels.length)] as string,
      levels[Math.floor(rnd() * levels.length)] as string,
      stages[Math.floor(rnd() * stages.length)] as string,
    ]);
  }
  return rows;
}

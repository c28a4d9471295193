/**
 * Client sheets as Excel holds them (numbers as numbers, percents as fractions, dates as serials:
 * of the 1904 date system with `date1904`) for the Office.js adapter's tests: the examples, the
 * shared vector, and n synthetic clients.
 */
import { readFileSync } from "node:fs";
import { parseCsv } from "../../cli/read";
import { dayFromParts, dayToSerial } from "../../core/values";
import { ROOT } from "../helpers";

/** What typing the CSV text into Excel would store. */
export function excelLike(rows: unknown[][], date1904 = false): (string | number | boolean)[][] {
  return rows.map((r) => r.map((v) => {
    if (typeof v !== "string") return v as number;
    const s = v.trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    const pct = /^(-?\d+(\.\d+)?)%$/.exec(s);
    if (pct) return Number(pct[1]) / 100;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (iso) return dayToSerial(dayFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3])), date1904);
    return v;
  }));
}

export function csvSheet(file: string, date1904 = false): (string | number | boolean)[][] {
  return excelLike(parseCsv(readFileSync(`${ROOT}${file}`, "utf8")), date1904);
}

const INDUSTRIES = ["Legal", "Health", "Media", "Retail", "Logistics", "Food", "Technology", "Finance"];
const LEVELS = ["High", "Medium", "Low", "H", "M", "L", ""];

/** n clients with every input, deterministic (a linear congruential generator). */
export function syntheticSheet(n: number, seed = 7): (string | number | boolean)[][] {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const rows: (string | number | boolean)[][] = [["Client", "Revenue", "Gross Margin", "Share of Wallet", "Strategic Value", "Pain", "Industry", "Last Review"]];
  for (let i = 0; i < n; i++) {
    const revenue = Math.round(1000 + next() ** 3 * 900000);
    rows.push([
      `Client ${String(i + 1).padStart(5, "0")} ${INDUSTRIES[i % INDUSTRIES.length]} Holdings`,
      revenue,
      Math.round((next() * 0.6 - 0.1) * 100) / 100,
      Math.round(next() * 100) / 100,
      LEVELS[Math.floor(next() * LEVELS.length)] as string,
      LEVELS[Math.floor(next() * (LEVELS.length - 1))] as string,
      INDUSTRIES[Math.floor(next() * INDUSTRIES.length)] as string,
      dayToSerial(dayFromParts(2026, 1 + Math.floor(next() * 10), 1 + Math.floor(next() * 28))),
    ]);
  }
  return rows;
}

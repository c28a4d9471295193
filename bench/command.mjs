// Running the built `kam-portfolio` command as a user does (its own node process, start-up
// included) for the command-line benchmarks, and the files they feed it. Not a benchmark itself.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { ROOT } from "./lib.mjs";

/** The built command, or another build of it to compare with (KAM_BIN=path/to/kam-portfolio.cjs). */
export const BIN = process.env.KAM_BIN ?? `${ROOT}dist/cli/kam-portfolio.cjs`;
if (!process.env.KAM_BIN && !existsSync(BIN)) execFileSync(process.execPath, [`${ROOT}scripts/build.mjs`, "cli"], { stdio: "inherit" });

/** Reports the process's peak memory (max RSS, KB) on stderr as it exits (preloaded: see the file). */
const REPORT_RSS = `${ROOT}bench/report-rss.cjs`;

/**
 * Runs a program once with its output going to a file, as `> out` would (node's spawnSync reading
 * a pipe slows a writer of many small pieces down several times). Returns wall ms and the output.
 */
export function runToFile(program, args, out) {
  const fd = openSync(out, "w");
  const t0 = performance.now();
  const r = spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", fd, "pipe"], maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${r.stderr}`);
  return { ms, stderr: r.stderr, stdout: readFileSync(out, "utf8") };
}

/** Runs the command once: wall ms (measured here), peak RSS in MB (reported by the process), its output. */
export function runCommand(args, out = "/dev/null") {
  const { ms, stderr, stdout } = runToFile(process.execPath, ["-r", REPORT_RSS, BIN, ...args], out);
  const rss = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  return { ms, rss, stdout };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** A deterministic pseudo-random sequence. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** An order list of `lines` orders by `customers` customers (a few buy most), as CSV text. */
export function orderList(lines, customers) {
  const r = rng(42);
  const out = ["Order ID,Order Date,Customer Name,Segment,Sales,Profit"];
  const segments = ["Retail", "Healthcare", "Logistics", "Technology", "Food"];
  for (let i = 0; i < lines; i++) {
    const c = Math.floor(r() ** 2 * customers);
    const sales = Math.round((200 + r() * 5000) * 100) / 100;
    const day = 1 + Math.floor(r() * 365);
    const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
    out.push(`SO-${100000 + i},${date},Customer ${c},${segments[c % 5]},${sales},${Math.round(sales * (r() * 0.5 - 0.1) * 100) / 100}`);
  }
  return `${out.join("\n")}\n`;
}

/** A sheet of `n` clients, one row each, as CSV text. */
export function clientSheet(n) {
  const r = rng(7);
  const out = ["Client,Industry,Annual Revenue,Gross Margin %,Share of Wallet,Strategic Value,Pain,Relationship Stage,Last Review"];
  const levels = ["High", "Medium", "Low", ""];
  const stages = ["Exploratory", "Basic", "Cooperative", "Interdependent", "Integrated"];
  for (let i = 0; i < n; i++) {
    out.push(
      [
        `Client ${i}`,
        ["Retail", "Healthcare", "Logistics", "Media"][i % 4],
        Math.round(1000 + r() ** 3 * 900000),
        `${Math.round(r() * 50 - 5)}%`,
        `${Math.round(5 + r() * 95)}%`,
        levels[Math.floor(r() * 4)],
        levels[Math.floor(r() * 3)],
        stages[Math.floor(r() * 5)],
        new Date(Date.UTC(2026, 0, 1 + Math.floor(r() * 300))).toISOString().slice(0, 10),
      ].join(","),
    );
  }
  return `${out.join("\n")}\n`;
}

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
 * The environment the programs run in: this one without NODE_EXTRA_CA_CERTS. Where that is set (the
 * sandbox these figures come from sets it, with other certificate variables, for its proxy), node
 * reads the file and parses it with its own root certificates at every start, before any script
 * runs: about 85 ms here, for a command that opens no connection. A user's shell seldom sets it;
 * cli.bench.mjs prints node's start and the Python ratio with it as well (`WITH_EXTRA_CERTS`).
 */
export const EXTRA_CERTS = process.env.NODE_EXTRA_CA_CERTS ?? null;
const { NODE_EXTRA_CA_CERTS: _, ...withoutExtraCerts } = process.env;
export const PLAIN_ENV = withoutExtraCerts;
/** This environment as it is, NODE_EXTRA_CA_CERTS included. */
export const WITH_EXTRA_CERTS = process.env;

/**
 * Runs a program once with its output going to a file, as `> out` would (node's spawnSync reading
 * a pipe slows a writer of many small pieces down several times). Returns wall ms and the output.
 */
export function runToFile(program, args, out, env = PLAIN_ENV) {
  const fd = openSync(out, "w");
  const t0 = performance.now();
  const r = spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", fd, "pipe"], maxBuffer: 1 << 24, env });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${r.stderr}`);
  return { ms, stderr: r.stderr, stdout: readFileSync(out, "utf8") };
}

/** Runs the command once (in `env`: see PLAIN_ENV): wall ms (measured here), peak RSS in MB (reported by the process), its output. */
export function runCommand(args, out = "/dev/null", env = PLAIN_ENV) {
  const { ms, stderr, stdout } = runToFile(process.execPath, ["-r", REPORT_RSS, BIN, ...args], out, env);
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

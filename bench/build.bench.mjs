// `kam-portfolio build` on generated inputs: a 10,000-line order list (goal ≤ 1.5 s) and a sheet
// of 100,000 clients, each as .csv and as .xlsx. Each run is the real command in its own node
// process (start-up included); wall time is measured here, peak memory (max RSS) is reported by
// the process itself on exit. Figures are printed, never asserted.
// Runs alone (`node bench/build.bench.mjs`, after `npm run build`) or from bench/run.mjs.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = `${root}bin/kam-portfolio.mjs`;
if (!existsSync(`${root}dist/cli/kam-portfolio.mjs`)) execFileSync(process.execPath, [`${root}scripts/build.mjs`, "cli"], { stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "kam-bench-"));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** A deterministic pseudo-random sequence. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function orderList(lines, customers) {
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

function clientSheet(n) {
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

const REPORT_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss="+process.resourceUsage().maxRSS+"\\n"))`;

function run(input, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", REPORT_RSS, bin, "build", input, "--out", out, "--today", "2026-11-22"], { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`build ${input} failed: ${r.stderr}`);
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms, rss, message: r.stdout.trim() };
}

function bench(label, input) {
  const out = join(dir, `${label.replace(/\W+/g, "-")}.kam.xlsx`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(run(input, out));
  const ms = runs.map((x) => x.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const rss = Math.max(...runs.map((x) => x.rss));
  console.log(
    `${label.padEnd(40)} median ${(median / 1000).toFixed(2)} s (min ${(ms[0] / 1000).toFixed(2)}, max ${(ms[ms.length - 1] / 1000).toFixed(2)}), peak RSS ${rss.toFixed(0)} MB, ` +
      `in ${(statSync(input).size / 1e6).toFixed(2)} MB → out ${(statSync(out).size / 1e6).toFixed(2)} MB`,
  );
  return { label, median, rss, out };
}

console.log(`kam-portfolio build (${RUNS} runs each, node ${process.version})`);
const orders = join(dir, "orders-10000.csv");
writeFileSync(orders, orderList(10_000, 800));
const o = bench("10,000-line order list (.csv)", orders);
// The same order list as a workbook: the output of the first build is a valid input.
bench("10,000-line order list (.xlsx rebuild)", o.out);
const clients = join(dir, "clients-100000.csv");
writeFileSync(clients, clientSheet(100_000));
const c = bench("100,000 clients (.csv)", clients);
bench("100,000 clients (.xlsx rebuild)", c.out);
console.log(`goal: the order list in ≤ 1.5 s — ${o.median <= 1500 ? "met" : "NOT met"} (${(o.median / 1000).toFixed(2)} s)`);

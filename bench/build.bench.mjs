// `kam-portfolio build` on generated inputs: a 10,000-line order list (goal ≤ 1.5 s) and a sheet
// of 100,000 clients, each as .csv and as .xlsx. Each run is the real command in its own node
// process (start-up included); wall time is measured here, peak memory (max RSS) is reported by
// the process itself on exit. Figures are printed, never asserted.
// Runs alone (`node bench/build.bench.mjs`, after `npm run build`) or from bench/run.mjs.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientSheet, orderList, runCommand } from "./command.mjs";

const dir = mkdtempSync(join(tmpdir(), "kam-bench-"));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** One build into a new file (a build over its own earlier output would carry that output's history forward, or refuse). */
function run(input, out) {
  rmSync(out, { force: true });
  const { ms, rss, stdout } = runCommand(["build", input, "--out", out, "--today", "2026-11-22"]);
  return { ms, rss, message: stdout.trim() };
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
// Built again from the workbook it wrote: its matrix columns, portfolio sheet and history (100,000 rows) read and rewritten.
const x = bench("100,000 clients (.xlsx rebuild)", c.out);
console.log(`goal: the order list in ≤ 1.5 s — ${o.median <= 1500 ? "met" : "NOT met"} (${(o.median / 1000).toFixed(2)} s)`);
for (const b of [c, x]) console.log(`goal: ${b.label} in ≤ 600 MB peak RSS — ${b.rss <= 600 ? "met" : "NOT met"} (${b.rss.toFixed(0)} MB)`);
rmSync(dir, { recursive: true, force: true });

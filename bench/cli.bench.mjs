// The command line (issue 10): start-up; `grade --json` on 10,000 clients end to end beside a plain
// Python script doing the same grading (written here, run in the same run; goal ≤ 0.35× its time);
// `grade` of a 1,000,000-line order list (goal ≤ 600 MB peak RSS). Each run is the built command in
// its own node process; wall time is measured here, peak RSS reported by the process on exit.
// Programs run without NODE_EXTRA_CA_CERTS, as in a user's shell (bench/command.mjs PLAIN_ENV);
// where the bench's shell sets it, node's start and the Python ratio with it are printed too.
// Figures are printed, never asserted. BENCH_RUNS (default 7) sets the runs of the short ones.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXTRA_CERTS, median, orderList, PLAIN_ENV, runCommand, runToFile, seconds, WITH_EXTRA_CERTS } from "./command.mjs";
import { fmt, ROOT } from "./lib.mjs";
import { syntheticSheet } from "./synthetic.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(join(tmpdir(), "kam-bench-cli-"));
const ms = (runs) => runs.map((r) => r.ms);

console.log(`kam-portfolio command line (node ${process.version}; medians of ${RUNS} runs unless said)`);

// Start-up: node alone, the version, and a grade of the 42-client example. Every program runs
// without NODE_EXTRA_CA_CERTS (bench/command.mjs PLAIN_ENV); where this shell sets it, node's own
// start with it is printed beside.
const nodeStart = (env) => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { env });
    runs.push(performance.now() - t0);
  }
  return median(runs);
};
const bare = nodeStart(PLAIN_ENV);
const withCerts = EXTRA_CERTS === null ? "" : ` (${fmt(nodeStart(WITH_EXTRA_CERTS))} ms with this shell's NODE_EXTRA_CA_CERTS, read at every start)`;
const version = Array.from({ length: RUNS }, () => runCommand(["--version"]));
const example = Array.from({ length: RUNS }, () => runCommand(["grade", `${ROOT}examples/clients.csv`, "--json"]));
console.log(
  `start-up: node -e 0 ${fmt(bare)} ms${withCerts}; kam-portfolio --version ${fmt(median(ms(version)))} ms (peak RSS ${Math.max(...version.map((r) => r.rss)).toFixed(0)} MB); ` +
    `grade examples/clients.csv --json ${fmt(median(ms(example)))} ms (peak RSS ${Math.max(...example.map((r) => r.rss)).toFixed(0)} MB)`,
);

// grade --json on 10,000 clients beside Python doing the same grading: SPEC §3–§4's ratings, score
// and grade with the default settings, ranked, as JSON (the formulas of bench/portfolio.bench.mjs).
const N = 10_000;
const sheet = syntheticSheet(N);
const cell = (v) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
const clientsCsv = join(dir, `clients-${N}.csv`);
writeFileSync(clientsCsv, `${sheet.map((r) => r.map(cell).join(",")).join("\n")}\n`);
const PYTHON = String.raw`
import csv, json, math, sys
from bisect import bisect_right

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
data = rows[1:]

def amount(s):
    return float(s.replace("$", "").replace(",", ""))

revenue = [amount(r[2]) for r in data]
n = len(revenue)
ascending = sorted(revenue)
high_rank, medium_rank = math.ceil(n * 10 / 100), math.ceil(n * 20 / 100)

def points(rating, best):
    return 1 if rating == best else 0.5 if rating == "Medium" else 0

clients = []
for r, rev in zip(data, revenue):
    name, margin, wallet, strategic, pain = r[0], float(r[3]), float(r[4]), r[5], r[6]
    rank = n - bisect_right(ascending, rev) + 1
    rev_rating = "High" if rank <= high_rank else "Medium" if rank <= medium_rank else "Low"
    wallet_rating = "High" if wallet > 0.75 else "Medium" if wallet >= 0.5 else "Low"
    profit = "High" if margin >= 0.25 else "Medium" if margin >= 0.1 else "Low" if margin >= 0 else "Laggard"
    score = round(30 * points(rev_rating, "High") + 15 * points(wallet_rating, "Low") + 25 * points(profit, "High")
                  + 20 * points(strategic, "High") + 10 * points(pain, "Low"), 1)
    floor = "B" if strategic in ("High", "Medium") else "C"
    if (pain == "High" and profit in ("Low", "Laggard")) or margin < 0:
        grade = floor
    else:
        grade = "A" if score >= 60 else "B" if score >= 35 else floor
    clients.append({"name": name, "revenue": rev, "revenueRating": rev_rating, "walletShare": wallet, "walletRating": wallet_rating,
                    "margin": margin, "profitRating": profit, "strategic": strategic, "pain": pain, "score": score, "grade": grade})
clients.sort(key=lambda c: (c["grade"], -c["score"], -c["revenue"], c["name"]))
for i, c in enumerate(clients):
    c["rank"] = i + 1
json.dump({"clients": clients}, sys.stdout, indent=2)
`;
const script = join(dir, "grade.py");
writeFileSync(script, PYTHON);
// The interpreter itself, not a launcher in front of it (a pyenv shim takes longer than the script).
const python = spawnSync("python3", ["-c", "import sys, platform; print(sys.executable); print('Python ' + platform.python_version())"], { encoding: "utf8" });
const [pythonExe, pythonVersion] = python.stdout.trim().split("\n");
if (python.status !== 0) {
  console.log("grade --json on 10,000 clients vs Python: python3 not found, not measured");
} else {
  const node = [];
  const nodeWithCerts = [];
  const py = [];
  let pyOut = "";
  const args = ["grade", clientsCsv, "--json", "--today", "2026-06-30"];
  for (let i = 0; i < RUNS; i++) {
    node.push(runCommand(args, join(dir, "node.json")));
    if (EXTRA_CERTS !== null) nodeWithCerts.push(runCommand(args, join(dir, "node.json"), WITH_EXTRA_CERTS));
    const r = runToFile(pythonExe, [script, clientsCsv], join(dir, "python.json"));
    py.push(r.ms);
    pyOut = r.stdout;
  }
  const ours = JSON.parse(node[0].stdout).clients;
  const theirs = new Map(JSON.parse(pyOut).clients.map((c) => [c.name, c.grade]));
  const agree = ours.filter((c) => theirs.get(c.name) === c.grade).length;
  const ratio = median(ms(node)) / median(py);
  console.log(
    `grade --json, ${N.toLocaleString("en-US")} clients end to end: kam-portfolio ${fmt(median(ms(node)))} ms (peak RSS ${Math.max(...node.map((r) => r.rss)).toFixed(0)} MB), ` +
      `${pythonVersion} script ${fmt(median(py))} ms; ratio ×${ratio.toFixed(2)} (goal ≤ 0.35: ${ratio <= 0.35 ? "met" : "NOT met"})`,
  );
  if (EXTRA_CERTS !== null) {
    const r = median(ms(nodeWithCerts)) / median(py);
    console.log(`  with this shell's NODE_EXTRA_CA_CERTS (${EXTRA_CERTS}): kam-portfolio ${fmt(median(ms(nodeWithCerts)))} ms; ratio ×${r.toFixed(2)} (${r <= 0.35 ? "met" : "NOT met"})`);
  }
  console.log(`  grades agree on ${agree.toLocaleString("en-US")} of ${N.toLocaleString("en-US")} clients; JSON ${(node[0].stdout.length / 1e6).toFixed(1)} MB vs ${(pyOut.length / 1e6).toFixed(1)} MB`);
  if (agree !== N) process.exitCode = 1;
}

// A 1,000,000-line order list (20,000 customers; and 200,000, where the result itself is large).
const LONG = Number(process.env.BENCH_LONG_RUNS ?? 1);
for (const customers of process.env.BENCH_QUICK ? [] : [20_000, 200_000]) {
  const orders = join(dir, `orders-1m-${customers}.csv`);
  writeFileSync(orders, orderList(1_000_000, customers));
  const runs = Array.from({ length: LONG }, () => runCommand(["grade", orders, "--json", "--today", "2026-11-22"], join(dir, "orders.json")));
  const rss = Math.max(...runs.map((r) => r.rss));
  const clients = JSON.parse(runs[0].stdout).clients.length;
  console.log(
    `grade --json, 1,000,000-line order list (${clients.toLocaleString("en-US")} clients): ${seconds(median(ms(runs)))}${LONG > 1 ? ` (median of ${LONG})` : ""}, ` +
      `peak RSS ${rss.toFixed(0)} MB (goal ≤ 600 MB: ${rss <= 600 ? "met" : "NOT met"})`,
  );
  rmSync(orders);
}
rmSync(dir, { recursive: true, force: true });

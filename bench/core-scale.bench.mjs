// The core at scale (issue 10 item 4), three ways on the same seeded clients, in the same run:
// - the in-process floor: the least work any grading must do once the cells are parsed — a
//   typed-array sort of the revenues for the Pareto rank, then one five-factor score-and-grade loop
//   over typed arrays (no names, no text, no objects per client);
// - `gradePortfolio`, the whole core grading (header detection, parsing every cell, ratings, grades,
//   rank order, quadrants, summary and health), its results kept in columns: each client's full
//   result (flags, dates, actions and explanation texts) is made where it is read, which the bench
//   times as a second figure;
// - pandas doing the SPEC §3–§4 grading over a DataFrame already in memory (timed inside Python,
//   after read_csv), when python3 with pandas is installed (`apt-get install python3-pandas`).
// Prints each at 1,000 / 10,000 / 100,000 clients, in a steady state (warmed up: see below), the
// core's ratio to the floor and to pandas, and the growth per 10×. Goals: 100,000 clients ≤ 5× the floor, growth per 10× ≤ ×11, ahead of
// pandas; grades must agree with pandas on every client (the bench fails otherwise).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, loadTs, timeIt } from "./lib.mjs";
import { syntheticSheet } from "./synthetic.mjs";

const SIZES = [1_000, 10_000, 100_000];
/**
 * Each size is measured in a process of its own (this file run again with KAM_CORE_SCALE_SIZE), as
 * bench/run.mjs runs each bench file: what V8 compiled and how it sized its heap for the smaller
 * sizes otherwise colours the next one. In one process for all three, 100,000 clients took 138–173
 * ms after the smaller sizes, where on their own they took 98–114 ms (2026-12-02).
 */
const ONE_SIZE = process.env.KAM_CORE_SCALE_SIZE ? Number(process.env.KAM_CORE_SCALE_SIZE) : null;
if (ONE_SIZE === null) {
  console.log("core at scale: floor (typed-array sort + score loop) / gradePortfolio / pandas, medians; each size in its own process");
  const figures = {};
  for (const n of SIZES) {
    const r = spawnSync(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname], {
      env: { ...process.env, KAM_CORE_SCALE_SIZE: String(n) },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = r.stdout.trimEnd().split("\n");
    const figure = lines.pop() ?? "";
    for (const line of lines) console.log(line);
    if (r.status !== 0 || !figure.startsWith("{")) {
      console.error(`core-scale: ${n.toLocaleString("en-US")} clients failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
    figures[n] = JSON.parse(figure).core;
  }
  const g1 = figures[10_000] / figures[1_000];
  const g2 = figures[100_000] / figures[10_000];
  console.log(`  growth per 10×: 1k→10k ×${g1.toFixed(1)}, 10k→100k ×${g2.toFixed(1)} (goal ≤ ×11)`);
  process.exit(0);
}

const { gradePortfolio, DEFAULT_SETTINGS, dayFromParts } = await loadTs("bench/portfolio-entry.ts", `portfolio-core-${ONE_SIZE}`);
const today = dayFromParts(2026, 6, 30);

/** Level words as codes: High 0, Medium 1, Low 2. */
const LEVEL = { High: 0, Medium: 1, Low: 2 };

/** The parsed inputs as typed arrays (done once, outside the timing: the floor starts from parsed cells). */
function parsedColumns(rows) {
  const n = rows.length - 1;
  const revenue = new Float64Array(n);
  const margin = new Float64Array(n);
  const wallet = new Float64Array(n);
  const strategic = new Uint8Array(n);
  const pain = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [, , rev, m, w, s, p] = rows[i + 1];
    revenue[i] = typeof rev === "number" ? rev : Number(String(rev).replace(/[$,]/g, ""));
    margin[i] = m;
    wallet[i] = w;
    strategic[i] = LEVEL[s];
    pain[i] = LEVEL[p];
  }
  return { n, revenue, margin, wallet, strategic, pain };
}

const HALF = [1, 0.5, 0];
/** The floor: sort + one score loop; returns grade codes (0 A, 1 B, 2 C) in input order. */
function floorGrades(c) {
  const { n, revenue, margin, wallet, strategic, pain } = c;
  const sorted = Float64Array.from(revenue).sort();
  const high = Math.ceil((n * 10) / 100);
  const medium = Math.ceil((n * 20) / 100);
  const grades = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // rank = 1 + clients with a higher revenue (ties share the best rank): binary search in the sorted copy.
    let lo = 0;
    let hi = n;
    const r = revenue[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    const rank = n - lo + 1;
    const rev = rank <= high ? 0 : rank <= medium ? 1 : 2;
    const w = wallet[i] > 0.75 ? 0 : wallet[i] >= 0.5 ? 1 : 2;
    const m = margin[i];
    const profit = m >= 0.25 ? 0 : m >= 0.1 ? 1 : m >= 0 ? 2 : 3;
    const score = 30 * HALF[rev] + 15 * (1 - HALF[w]) + 25 * (profit === 3 ? 0 : HALF[profit]) + 20 * HALF[strategic[i]] + 10 * (1 - HALF[pain[i]]);
    const floor = strategic[i] <= 1;
    let g = score >= 60 ? 0 : score >= 35 ? 1 : 2;
    if ((pain[i] === 0 && profit >= 2) || m < 0) g = 2;
    if (floor && g === 2) g = 1;
    grades[i] = g;
  }
  return grades;
}

const PANDAS = String.raw`
import json, math, sys, time
import numpy as np, pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path)
def grade(df):
    rev = pd.to_numeric(df["Revenue"].astype(str).str.replace(r"[$,]", "", regex=True))
    n = int(rev.notna().sum())
    rank = rev.rank(method="min", ascending=False)
    high, medium = -(-n * 10 // 100), -(-n * 20 // 100)
    rev_pts = np.where(rank <= high, 1.0, np.where(rank <= medium, 0.5, 0.0))
    w = df["Share of Wallet"]
    wallet_pts = np.where(w > 0.75, 0.0, np.where(w >= 0.5, 0.5, 1.0))
    m = df["Gross Margin"]
    profit_low = m < 0.1
    profit_pts = np.where(m >= 0.25, 1.0, np.where(m >= 0.1, 0.5, 0.0))
    level = {"High": 1.0, "Medium": 0.5, "Low": 0.0}
    s = df["Strategic Value"]
    strat_pts = s.map(level).to_numpy()
    pain_pts = 1.0 - df["Pain"].map(level).to_numpy()
    score = np.round(30 * rev_pts + 15 * wallet_pts + 25 * profit_pts + 20 * strat_pts + 10 * pain_pts, 1)
    base = np.where(score >= 60, "A", np.where(score >= 35, "B", "C"))
    forced_c = ((df["Pain"] == "High") & profit_low) | (m < 0)
    grade = np.where(forced_c, "C", base)
    floor = s.isin(["High", "Medium"]) & (grade == "C")
    return pd.Series(np.where(floor, "B", grade), index=df.index)
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    g = grade(df)
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(json.dumps({"ms": times[len(times) // 2], "grades": dict(zip(df["Client"], g))}))
`;

/** A python3 with pandas: the one on PATH, else Debian's (python3-pandas installs into /usr/bin/python3's packages). */
const PYTHON = ["python3", "/usr/bin/python3"].find((py) => spawnSync(py, ["-c", "import pandas"]).status === 0) ?? null;

function pandasRun(rows, runs) {
  if (PYTHON === null) return { error: "no python3 with pandas (apt-get install python3-pandas)" };
  const dir = mkdtempSync(join(tmpdir(), "kam-pandas-"));
  try {
    const csv = join(dir, "clients.csv");
    const quote = (v) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
    writeFileSync(csv, rows.map((r) => r.map(quote).join(",")).join("\n"));
    writeFileSync(join(dir, "grade.py"), PANDAS);
    const r = spawnSync(PYTHON, [join(dir, "grade.py"), csv, String(runs)], { encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) return { error: (r.stderr || r.error?.message || "python3 failed").trim().split("\n").pop() };
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CODE = ["A", "B", "C"];
{
  const n = ONE_SIZE;
  const rows = syntheticSheet(n);
  const runs = n >= 100_000 ? 7 : 11;
  const cols = parsedColumns(rows);
  // Both figures are of a steady state: enough warm-up runs that V8 has compiled the code and sized
  // its heap for the work. At 100,000 clients the core takes about eight gradings to settle: after
  // two it took 170–230 ms a grading with 2,400–5,400 fresh pages faulted in, after eight to
  // sixteen 86–99 ms with 985 (2026-12-02); 10,000 clients settle after about twenty. The floor
  // gets the same warm-up. What a single grading in a fresh process costs is the command line's
  // figure (cli.bench.mjs); the first three gradings here are printed beside the steady ones.
  const warmup = n >= 100_000 ? 12 : 30;
  const floor = timeIt(() => floorGrades(cols), { runs, warmup });
  // The health (warnings, shares by grade and quadrant) is worked out when first read: read here, so
  // the figure is the whole grading, as before it was made lazy.
  const grade = () => gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today }).health.warnings.length;
  const first = timeIt(grade, { runs: 3, warmup: 0 });
  const core = timeIt(grade, { runs, warmup });
  // Every client's full result (texts, flags, dates) read as well: what a writer of all the rows pays.
  const read = timeIt(() => {
    const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today });
    return p.health.warnings.length + p.clients.length;
  }, { runs, warmup });
  const coreGrades = new Map(gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today }).clients.map((c) => [c.name, c.grade]));
  const fg = floorGrades(cols);
  let floorAgree = 0;
  for (let i = 0; i < n; i++) if (CODE[fg[i]] === coreGrades.get(rows[i + 1][0])) floorAgree++;
  const py = pandasRun(rows, runs);
  let pandasLine;
  if (py.error) pandasLine = `pandas: not run (${py.error})`;
  else {
    let agree = 0;
    for (const [name, g] of Object.entries(py.grades)) if (coreGrades.get(name) === g) agree++;
    pandasLine = `pandas ${fmt(py.ms).padStart(6)} ms (core ÷ pandas ×${(core.median / py.ms).toFixed(2)}; grades agree ${agree.toLocaleString("en-US")}/${n.toLocaleString("en-US")})`;
    if (agree !== n) process.exitCode = 1;
  }
  if (floorAgree !== n) process.exitCode = 1;
  console.log(
    `  ${n.toLocaleString("en-US").padStart(7)} clients: floor ${fmt(floor.median).padStart(6)} ms, gradePortfolio ${fmt(core.median).padStart(6)} ms ` +
      `(×${(core.median / floor.median).toFixed(1)} the floor; floor grades agree ${floorAgree.toLocaleString("en-US")}/${n.toLocaleString("en-US")}); ${pandasLine}`,
  );
  console.log(`  ${"".padStart(7)}          its first three gradings at this size (before the steady ones above): ${first.times.map(fmt).join(", ")} ms`);
  console.log(`  ${"".padStart(7)}          and every client's result read (what a writer of every row adds): ${fmt(read.median)} ms (×${(read.median / floor.median).toFixed(1)} the floor)`);
  // The last line, read by the parent process.
  console.log(JSON.stringify({ core: core.median }));
}

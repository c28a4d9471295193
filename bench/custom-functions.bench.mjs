// Per-cell custom functions against one spilling call (issue 10, item 1), in both hosts' BUILT
// bundles loaded as the hosts load them: dist/sheets-addon/Code.js run as one classic script
// (Apps Script's global scope, its top-level KAM_* functions called), dist/excel-addin/functions.js
// run with a CustomFunctions global whose `associate` collects the functions (Excel's runtime).
//
// The sheet: a 10,000-row revenue column C. Per cell: `=KAM_REVENUE_RATING(C2, C$2:C$10001)`
// filled down, 10,000 calls. Spilling: `=KAM_REVENUE_RATING(C2:C10001, C2:C10001)`, one call.
// Each measured run starts in a fresh context (cold caches, as after opening the file).
// Per-cell calls are measured twice: with the same population array each call, and with a fresh
// copy each call (made inside the context before each call and not timed), which is how both
// hosts deliver a range to every call.
//
// KAM_BENCH_DIST=/other/dist measures another build (e.g. an older commit's) with this harness.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { fmt, median, ROOT, seeded } from "./lib.mjs";

const ROWS = Number(process.env.KAM_BENCH_ROWS ?? 10_000);
/** Per-cell calls made (KAM_BENCH_CALLS=200 for an old build that is slow): the figures are scaled to ROWS calls. */
const CALLS = Math.min(ROWS, Number(process.env.KAM_BENCH_CALLS ?? ROWS));
const dist = process.env.KAM_BENCH_DIST ?? `${ROOT}dist`;
if (!process.env.KAM_BENCH_DIST) {
  const b = spawnSync(process.execPath, ["scripts/build.mjs", "sheets", "excel"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(1);
}
const codeJs = readFileSync(`${dist}/sheets-addon/Code.js`, "utf8");
const functionsJs = readFileSync(`${dist}/excel-addin/functions.js`, "utf8");

/** Revenues as a client sheet holds them: mostly numbers, some typed as text ("$1,234", "1.2k"). */
const rnd = seeded(10);
const revenues = Array.from({ length: ROWS }, (_, i) => {
  const x = Math.round(Math.exp(rnd() * 12) * 10) / 10;
  if (i % 20 === 7) return `$${x.toLocaleString("en-US")}`;
  if (i % 50 === 3) return `${(x / 1000).toFixed(1)}k`;
  return x;
});

/** The hosts: a fresh context with the bundle loaded, and how each passes a cell and a range. */
const HOSTS = [
  {
    name: "Sheets (Code.js)",
    load() {
      const context = vm.createContext({ console });
      vm.runInContext("delete globalThis.Intl;", context);
      vm.runInContext(codeJs, context, { filename: "Code.js" });
      const fn = context.KAM_REVENUE_RATING;
      // Sheets passes a single cell as its value, a range as rows of cells.
      return { context, perCell: (v, range) => fn(v, range), spill: (range) => fn(range, range) };
    },
  },
  {
    name: "Excel (functions.js)",
    load() {
      const byId = new Map();
      class CfError {
        constructor(code, message) {
          this.code = code;
          this.message = message;
        }
      }
      const CustomFunctions = { associate: (id, fn) => byId.set(id, fn), Error: CfError, ErrorCode: { invalidValue: "#VALUE!" } };
      const context = vm.createContext({ CustomFunctions, console });
      vm.runInContext(functionsJs, context, { filename: "functions.js" });
      const fn = byId.get("REVENUE_RATING");
      // Excel passes every any[][] parameter as rows of cells (a single cell too), null when omitted.
      return { context, perCell: (v, range) => fn([[v]], range, null, null, null), spill: (range) => fn(range, range, null, null, null) };
    },
  },
];

/** A column built inside the context (the host's realm), as the host hands it to a call. */
function columnIn(context) {
  const make = vm.runInContext("(xs) => { const out = new Array(xs.length); for (let i = 0; i < xs.length; i++) out[i] = [xs[i]]; return out; }", context);
  return () => make(revenues);
}

function perCell(host, fresh) {
  const { context, perCell: call } = host.load();
  const column = columnIn(context);
  const shared = column();
  let ms = 0;
  let last;
  for (let i = ROWS - CALLS; i < ROWS; i++) {
    const range = fresh ? column() : shared;
    const t0 = process.hrtime.bigint();
    last = call(revenues[i], range);
    ms += Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return { ms: (ms * ROWS) / CALLS, last };
}

function spill(host) {
  const { context, spill: call } = host.load();
  const range = columnIn(context)();
  const t0 = process.hrtime.bigint();
  const out = call(range);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, out };
}

const RUNS = Number(process.env.KAM_BENCH_RUNS ?? 3);
console.log(`${ROWS.toLocaleString("en-US")} per-cell calls${CALLS < ROWS ? ` (${CALLS} made, scaled)` : ""} sharing one ${ROWS.toLocaleString("en-US")}-row population vs one spilling call (medians of ${RUNS} cold runs)${process.env.KAM_BENCH_DIST ? `, bundles from ${dist}` : ""}`);
for (const host of HOSTS) {
  const spilled = spill(host); // warm-up (JIT of the harness), and the reference result
  const reference = Array.isArray(spilled.out) ? spilled.out : [];
  const spills = [];
  const same = [];
  const fresh = [];
  for (let r = 0; r < RUNS; r++) {
    globalThis.gc?.();
    spills.push(spill(host).ms);
    globalThis.gc?.();
    same.push(perCell(host, false).ms);
    globalThis.gc?.();
    const f = perCell(host, true);
    fresh.push(f.ms);
    // the last cell's per-cell result is the spilling call's last row
    const want = reference[ROWS - 1]?.[0];
    const got = Array.isArray(f.last) ? f.last[0]?.[0] : f.last;
    if (String(got) !== String(want)) throw new Error(`${host.name}: per-cell result ${String(got)} differs from the spilling call's ${String(want)}`);
  }
  const s = median(spills);
  const a = median(same);
  const b = median(fresh);
  console.log(`  ${host.name.padEnd(22)} one spilling call ${fmt(s).padStart(6)} ms | ${ROWS.toLocaleString("en-US")} per-cell calls: same array ${fmt(a).padStart(6)} ms (×${(a / s).toFixed(1)}), fresh copy each call ${fmt(b).padStart(6)} ms (×${(b / s).toFixed(1)}; ${((b * 1000) / ROWS).toFixed(1)} µs a call)`);
}

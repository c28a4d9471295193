// The panel's what-if (SPEC §13) at 100,000 clients, in headless Chromium on the built Sheets
// sidebar: what crosses google.script.run (the panel state with what grading needs), how long the
// what-if takes from the last keystroke to the list, and whether typing waits meanwhile — the
// longest gap of a 10 ms timer on the page's thread while the what-if is graded, in a worker
// (the panel's way) and in the page (its fallback when a host allows no worker).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { fmt, loadTs, ROOT, timeIt } from "./lib.mjs";
import { syntheticSheet } from "./synthetic.mjs";

const N = 100_000;
if (spawnSync(process.execPath, [`${ROOT}scripts/build.mjs`, "sheets"], { stdio: "inherit" }).status !== 0) process.exit(1);
const { panelStateOf, gradeData, gradingFingerprint, whatIf, checkSettings, dayFromParts } = await loadTs("bench/panel-entry.ts", "panel-core");

// A sheet as the port reads it, with the nine matrix columns of an earlier build to its right.
const rows = syntheticSheet(N).map((r, i) => [...r, ...Array.from({ length: 9 }, (_, j) => (i === 0 ? `KAM ${j}` : j % 2 ? "High" : 42.5))]);
const read = { sheetName: "Clients", rows, isOwnSheet: false, matrix: { column: 8, count: 9 }, history: [], settings: null };
let t0 = performance.now();
const state = panelStateOf(read, dayFromParts(2026, 6, 30));
const stateMs = performance.now() - t0;
t0 = performance.now();
const json = JSON.stringify(state);
const stringifyMs = performance.now() - t0;
const mb = (s) => `${(Buffer.byteLength(s) / 1e6).toFixed(1)} MB`;
console.log(`panel state for ${N.toLocaleString("en-US")} rows (+ 9 matrix columns): ${mb(json)} as JSON (the cells as read: ${mb(JSON.stringify(rows))});`);
console.log(`  made in ${fmt(stateMs)} ms, JSON.stringify ${fmt(stringifyMs)} ms (node)`);

// The what-if's parts in node, same data: each grading, then the comparison (with the fingerprint).
const baseline = gradeData(state.grading, checkSettings({}).settings);
const edited = checkSettings({ weights: { revenue: 45, profitability: 25, strategic: 5, wallet: 15, pain: 10 } }).settings;
const g = timeIt(() => gradeData(state.grading, edited), { runs: 5, warmup: 1 });
const editedPortfolio = gradeData(state.grading, edited);
const w = timeIt(() => whatIf(baseline, editedPortfolio), { runs: 5, warmup: 1 });
const f = timeIt(() => gradingFingerprint(editedPortfolio), { runs: 5, warmup: 1 });
console.log(`node: grading ${fmt(g.median)} ms, whatIf ${fmt(w.median)} ms (of which the fingerprint ${fmt(f.median)} ms)`);

const SCRIPT_RUN = `
  window.google = { script: { get run() {
    var ok = null;
    var r = { withSuccessHandler: function (f) { ok = f; return r; }, withFailureHandler: function () { return r; } };
    r.panelGetState = function () { window.__state().then(function (t) { var t0 = performance.now(); var s = JSON.parse(t); window.__parseMs = performance.now() - t0; ok(s); }); };
    return r;
  } } };
  window.__gaps = [];
  window.__probe = function () {
    var last = performance.now(), max = 0;
    var id = setInterval(function () { var now = performance.now(); max = Math.max(max, now - last); last = now; }, 10);
    return function () { clearInterval(id); return max; };
  };
`;

const profile = mkdtempSync(join(tmpdir(), "kam-bench-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 300, height: 900 },
});
await context.route(/^(?!file:|blob:)/, (route) => route.abort());

async function measure(where) {
  const page = await context.newPage();
  await page.exposeFunction("__state", () => json);
  await page.addInitScript(SCRIPT_RUN + (where === "page" ? "delete window.Worker;" : ""));
  const opened = performance.now();
  await page.goto(`file://${ROOT}dist/sheets-addon/Sidebar.html`);
  await page.getByText("Sheet “Clients”").waitFor({ timeout: 120_000 });
  const shownMs = performance.now() - opened;
  const parseMs = await page.evaluate("window.__parseMs");
  await page.locator("details.settings-details > summary").click();
  // The page's thread with nothing to do, for comparison (this machine's timers and other load).
  await page.evaluate("window.__stop = window.__probe()");
  await page.waitForTimeout(2000);
  const idle = await page.evaluate("window.__stop()");
  const figures = [];
  // Three edits, each a valid change: the what-if after each, and the page's thread meanwhile.
  for (const [revenue, strategic] of [["45", "5"], ["40", "10"], ["35", "15"]]) {
    await page.locator('[data-setting="weights.revenue"]').fill(revenue);
    await page.evaluate("window.__stop = window.__probe()");
    const typed = performance.now();
    await page.locator('[data-setting="weights.strategic"]').fill(strategic);
    await page.waitForFunction(`document.querySelector("#what-if")?.getAttribute("aria-busy") === "false" && !!document.querySelector("#what-if .what-if-summary")`, null, { timeout: 120_000 });
    const wall = performance.now() - typed;
    const gap = await page.evaluate("window.__stop()");
    const ms = Number(await page.locator("#what-if").getAttribute("data-ms"));
    const summary = await page.locator("#what-if .what-if-summary").textContent();
    const listed = await page.locator("#what-if .what-if-changes li").count();
    figures.push({ wall, gap, ms, summary, listed });
  }
  await page.close();
  return { shownMs, parseMs, idle, figures };
}

for (const where of ["worker", "page"]) {
  const r = await measure(where);
  console.log(`what-if graded in the ${where}: panel shown ${fmt(r.shownMs)} ms after opening (JSON.parse in the page ${fmt(r.parseMs)} ms); idle page's longest timer gap ${fmt(r.idle)} ms`);
  for (const f of r.figures) {
    console.log(`  last keystroke → list ${fmt(f.wall)} ms (grading + comparison ${fmt(f.ms)} ms, after the ${250} ms pause); longest stall of the page's thread ${fmt(f.gap)} ms; "${f.summary}" (${f.listed} listed)`);
  }
}
await context.close();
rmSync(profile, { recursive: true, force: true });

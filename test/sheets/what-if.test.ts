// The what-if (SPEC §13) in the Sheets sidebar, end to end: dist/sheets-addon/Sidebar.html in
// headless Chromium, its google.script.run answered by the built Code.js running on the fake
// SpreadsheetApp (every argument and result checked to be what google.script.run can carry). The
// what-if the panel shows after a settings change is what the following build writes; when the
// sheet changed in between, the panel says so.
import { copyFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTFOLIO_SHEET } from "../../core/plan";
import { gradePortfolio } from "../../core/portfolio";
import { checkSettings } from "../../core/settings";
import { whatIf } from "../../core/use-cases/what-if";
import { dayFromDate } from "../../core/values";
import { fakeGoogle, type FakeGoogle } from "../fakes/spreadsheet-app";
import { launchChromium, type Chromium } from "../chromium";
import { ROOT } from "../helpers";
import { builtClients, builtCounts, countsText, editSettings, expectBuiltAsShown, gradeChangingEdit, readWhatIf } from "../panel-what-if";
import { ADDON, call, loadAddon, type AddonGlobals } from "./apps-script";
import { csvSheet } from "./data";

const SCREENSHOT = `${ROOT}dist/screenshots/sheets-what-if.png`;

/**
 * What google.script.run can carry (https://developers.google.com/apps-script/guides/html/reference/run):
 * primitives, and objects and arrays of them; "Requests fail if you attempt to pass a Date, Function,
 * DOM element besides a form, or other prohibited type". Throws on anything else.
 */
function assertPlain(v: unknown, path = "result"): void {
  if (v === null || ["string", "number", "boolean", "undefined"].includes(typeof v)) return;
  const kind = Object.prototype.toString.call(v);
  if (kind === "[object Array]") (v as unknown[]).forEach((x, i) => assertPlain(x, `${path}[${i}]`));
  else if (kind === "[object Object]") for (const [k, x] of Object.entries(v as object)) assertPlain(x, `${path}.${k}`);
  else throw new Error(`google.script.run cannot carry ${kind} at ${path}`);
}

/** google.script.run in the page, each call answered by Code.js in node through `__gas`. */
const SCRIPT_RUN = `
  window.__calls = [];
  function runner(ok, ko) {
    return new Proxy({}, { get: function (_, name) {
      if (name === "withSuccessHandler") return function (f) { return runner(f, ko); };
      if (name === "withFailureHandler") return function (f) { return runner(ok, f); };
      return function () {
        window.__calls.push(name);
        window.__gas(name, JSON.stringify(Array.prototype.slice.call(arguments))).then(function (text) {
          var r = JSON.parse(text);
          if ("error" in r) { if (ko) ko(new Error(r.error)); } else if (ok) ok(r.value);
        });
      };
    } });
  }
  window.google = { script: { get run() { return runner(null, null); } } };
`;

let browser: Chromium;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium({ width: 300, height: 1100 }, 2);
  context = browser.context;
  await context.route(/^(?!file:|blob:)/, (route) => route.abort());
});

afterAll(async () => {
  await browser?.close();
});

interface Sidebar {
  page: Page;
  g: FakeGoogle;
  addon: AddonGlobals;
  errors: string[];
}

/** The sidebar on a spreadsheet holding `rows`, its server functions run by Code.js on the fake. */
async function openSidebar(rows: unknown[][], init = ""): Promise<Sidebar> {
  const g = fakeGoogle(rows);
  const addon = loadAddon(g);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.exposeFunction("__gas", (name: string, args: string) => {
    try {
      const value = call(addon, name, ...(JSON.parse(args) as unknown[]));
      assertPlain(value);
      return JSON.stringify({ value: value ?? null });
    } catch (e) {
      return JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
    }
  });
  await page.addInitScript(SCRIPT_RUN + init);
  await page.goto(`file://${ADDON}Sidebar.html`);
  await page.getByText("Sheet “Clients”").waitFor();
  return { page, g, addon, errors };
}

const serverCalls = (page: Page) => page.evaluate("window.__calls") as Promise<string[]>;

async function buildPortfolio(page: Page): Promise<string> {
  const before = (await serverCalls(page)).filter((c) => c === "panelBuildPortfolio").length;
  await page.locator("#build-portfolio").click();
  await expect.poll(async () => (await serverCalls(page)).filter((c) => c === "panelBuildPortfolio").length).toBe(before + 1);
  await page.waitForFunction('document.querySelector(".kam-panel")?.getAttribute("aria-busy") === "false"');
  return (await page.locator(".actions .status").textContent()) ?? "";
}

const portfolioGrid = (g: FakeGoogle) => g.ss.sheet(PORTFOLIO_SHEET)?.grid() ?? [];

describe("the what-if in the Sheets sidebar", () => {
  it("shows, before anything is written, what the following build writes", async () => {
    const { page, g, errors } = await openSidebar(csvSheet("examples/clients.csv"));
    // The first build, with the defaults: the last build's settings from now on.
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    const first = builtClients(portfolioGrid(g));
    expect(first).toHaveLength(42);
    expect(await page.locator("#what-if").isHidden()).toBe(true);

    // Change weights and a cut-off: the what-if appears, graded in a worker; nothing is written.
    const snapshot = g.ss.sheets.map((s) => s.snapshot()).join();
    await editSettings(page, { "weights.revenue": "40", "weights.strategic": "10", gradeAMin: "55", gradeBMin: "40", "budget.A": "50", "budget.B": "35", "budget.C": "15" });
    const shown = await readWhatIf(page);
    expect(shown.where).toBe("worker");
    // The budget each A client would get: 60% shared by the A clients built, now 50% by those the what-if counts.
    const share = (pct: number, n: number) => `${Number((pct / n).toFixed(1))}%`;
    expect(await page.locator('#what-if tr[data-grade="A"] td').last().textContent()).toBe(`${share(60, builtCounts(first).now.A)} → ${share(50, shown.counts.A.after)}`);
    expect(g.ss.sheets.map((s) => s.snapshot()).join()).toBe(snapshot);
    expect(shown.changes.length).toBeGreaterThan(0);
    expect(shown.summary).toMatch(new RegExp(`^${shown.changes.length} clients? would change grade`));
    // The README's picture: the settings folded, the what-if above the build buttons.
    await page.locator("details.settings-details > summary").click();
    await page.evaluate("window.scrollTo(0, 0)");
    const end = await page.locator(".actions .buttons").boundingBox();
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 300, height: (end?.y ?? 0) + (end?.height ?? 0) + 4 } });

    // Build: the grades written, against their previous grades, are the what-if, client for client.
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    expectBuiltAsShown(shown, builtClients(portfolioGrid(g)));
    // The built settings are the baseline now: nothing would change.
    await expect.poll(() => page.locator("#what-if").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    // Tests never write into docs/: KAM_UPDATE_SCREENSHOTS=1 refreshes the README's picture.
    if (process.env.KAM_UPDATE_SCREENSHOTS === "1") copyFileSync(SCREENSHOT, `${ROOT}docs/sheets-what-if.png`);
    await page.close();
  });

  it("says so when the sheet changed between the what-if and the build, and reads it again", async () => {
    const rows = csvSheet("examples/clients.csv");
    const { page, g } = await openSidebar(rows);
    await editSettings(page, { gradeAMin: "50" });
    const shown = await readWhatIf(page);
    // Someone edits the sheet so that a grade changes.
    const edit = gradeChangingEdit(rows, { gradeAMin: 50 });
    g.ss.sheet("Clients")?.put(edit.row, edit.col, edit.value);
    const reads = (await serverCalls(page)).filter((c) => c === "panelGetState").length;
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built.");
    // What was written is the sheet as it is now, and the panel says it differs from the what-if.
    const { now } = builtCounts(builtClients(portfolioGrid(g)));
    const shownCounts = countsText({ A: shown.counts.A.after, B: shown.counts.B.after, C: shown.counts.C.after });
    expect(countsText(now)).not.toBe(shownCounts);
    await expect.poll(() => page.locator(".notice.info").textContent()).toBe(
      `The sheet changed after the panel read it, so the build graded it as it is now: ${countsText(now)} (the what-if showed ${shownCounts}). The panel has read the sheet again.`,
    );
    expect((await serverCalls(page)).filter((c) => c === "panelGetState").length).toBe(reads + 1);
    // Read again, with the settings just built as the baseline: nothing would change; going back
    // to the A cut-off of 60 would only take clients out of A.
    expect(await page.locator("#what-if").isHidden()).toBe(true);
    await editSettings(page, { gradeAMin: "60" });
    const back = await readWhatIf(page);
    expect(back.changes.length).toBeGreaterThan(0);
    expect(back.changes.every((c) => c.from === "A" && c.to === "B")).toBe(true);
    expect(back.counts.A.after).toBe(now.A - back.changes.length);
    await page.close();
  });

  it("after quick edits shows the what-if of the last one, and keeps edits (not saving them) when a column is chosen", async () => {
    const rows = csvSheet("examples/clients.csv");
    const { page, g } = await openSidebar(rows);
    // Typed without pauses, through a value the form refuses (5 is below the B cut-off).
    for (const v of ["59", "58", "57", "56", "5", "52"]) await editSettings(page, { gradeAMin: v });
    const shown = await readWhatIf(page);
    const today = dayFromDate(new Date());
    const expected = whatIf(gradePortfolio({ rows, settings: checkSettings({}).settings, today }), gradePortfolio({ rows, settings: checkSettings({ gradeAMin: 52 }).settings, today }));
    expect(shown.changes).toEqual(expected.changes.map((c) => ({ name: c.name, from: c.from ?? "", to: c.to ?? "" })));
    expect(shown.counts.A.after).toBe(expected.byGrade.A.after);
    // A mistake in the form keeps the last what-if, dimmed, and says to fix it.
    await editSettings(page, { gradeAMin: "" });
    expect(await page.locator("#what-if .what-if-status").textContent()).toBe("Fix the settings above to see what a build would give.");
    expect(await page.locator("#what-if .what-if-body.stale .what-if-changes li").count()).toBe(shown.changes.length);
    await editSettings(page, { gradeAMin: "52" });
    expect(await page.locator("#what-if .what-if-body.stale").count()).toBe(0);
    // A column chosen is saved at once, on top of the saved settings: the edit stays an edit.
    await page.locator('select[data-field="industry"]').selectOption("");
    await expect.poll(() => g.properties.store.get("kam-portfolio:settings") ?? "").toContain('"mapping":{}');
    const saved = JSON.parse(g.properties.store.get("kam-portfolio:settings") ?? "{}") as { gradeAMin: number };
    expect(saved.gradeAMin).toBe(60);
    await expect.poll(() => page.locator('[data-setting="gradeAMin"]').inputValue()).toBe("52");
    expect((await readWhatIf(page)).counts.A.after).toBe(expected.byGrade.A.after);
    await page.close();
  });

  it("grades in the page when a worker fails as it starts", async () => {
    // A worker whose script throws at once: its error event is the page's cue to grade itself.
    const failing = "var RealWorker = window.Worker; window.Worker = function () { return new RealWorker(URL.createObjectURL(new Blob(['throw new Error(\"no worker here\")']))); };";
    const { page } = await openSidebar(csvSheet("examples/clients.csv"), failing);
    await editSettings(page, { gradeAMin: "50" });
    const shown = await readWhatIf(page);
    expect(shown.where).toBe("page");
    expect(shown.changes.length).toBeGreaterThan(0);
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    await page.close();
  });

  it("grades in the page when the host allows no worker", async () => {
    const { page, g } = await openSidebar(csvSheet("examples/clients.csv"), "delete window.Worker;");
    await editSettings(page, { "weights.revenue": "45", "weights.strategic": "5" });
    const shown = await readWhatIf(page);
    expect(shown.where).toBe("page");
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    // No previous build: every client is new to the history, graded as the what-if counted.
    const { now } = builtCounts(builtClients(portfolioGrid(g)));
    expect(now).toEqual({ A: shown.counts.A.after, B: shown.counts.B.after, C: shown.counts.C.after });
    await page.close();
  });
});

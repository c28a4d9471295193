// The sidebar (dist/sheets-addon/Sidebar.html: the shared panel over the google.script.run bridge)
// in headless Chromium, with a fake google.script.run answering from core: the mapping is shown,
// settings are validated as you type, a build shows progress and the counts, and a client named
// `<img src=x onerror=alert(1)>` is shown as text.
import { copyFileSync, mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary, type BuildSummary, type PanelState } from "../../core/bridge";
import { panelState, panelStateOf } from "../../core/use-cases/panel-state";
import { gradePortfolio } from "../../core/portfolio";
import { checkSettings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";
import { launchChromium, type Chromium } from "../chromium";
import { ROOT } from "../helpers";
import { ADDON } from "./apps-script";
import { csvSheet } from "./data";

const EVIL = "<img src=x onerror=alert(1)>";
const SERVER_FUNCTIONS = ["panelGetState", "panelSaveSettings", "panelBuildMatrix", "panelBuildPortfolio", "panelAddInputColumns"];
const SCREENSHOT = `${ROOT}dist/screenshots/sheets-panel.png`;

interface Script {
  /** name → a JSON answer, or { error } for a failure. */
  answers: Record<string, unknown>;
  /** Milliseconds each call takes. */
  delay: number;
}

/** google.script.run as HtmlService provides it, answering from `window.__script`. */
function fakeScriptRun(script: Script): string {
  return `
    window.__calls = [];
    window.__alerted = false;
    window.alert = function () { window.__alerted = true; };
    window.__script = ${JSON.stringify(script)};
    function runner(ok, ko) {
      var r = {
        withSuccessHandler: function (f) { return runner(f, ko); },
        withFailureHandler: function (f) { return runner(ok, f); },
      };
      ${JSON.stringify(SERVER_FUNCTIONS)}.forEach(function (name) {
        r[name] = function () {
          var args = JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments)));
          window.__calls.push({ name: name, args: args });
          var answer = window.__script.answers[name];
          setTimeout(function () {
            if (answer && answer.error) { if (ko) ko(new Error(answer.error)); return; }
            if (ok) ok(answer === undefined ? null : JSON.parse(JSON.stringify(answer)));
          }, window.__script.delay);
        };
      });
      return r;
    }
    window.google = { script: { get run() { return runner(null, null); } } };
  `;
}

function examplesWithEvilClient(): CellValue[][] {
  const rows = csvSheet("examples/clients.csv") as CellValue[][];
  rows.push([EVIL, "Retail", 987654, 0.3, 0.2, "High", "Low", "", "", "Integrated", "", "", ""]);
  return rows;
}

function answersFor(rows: CellValue[][]): { state: PanelState; summary: BuildSummary } {
  const settings = checkSettings({}).settings;
  const state = panelState("Clients", rows, settings);
  const summary = buildSummary(gradePortfolio({ rows, settings, today: dayFromParts(2026, 11, 22) }));
  return { state, summary };
}

let browser: Chromium;
let context: BrowserContext;
const dialogs: string[] = [];

async function openPanel(script: Script): Promise<Page> {
  const page = await context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(fakeScriptRun(script));
  await page.goto(`file://${ADDON}Sidebar.html`);
  return page;
}

const calls = (page: Page) => page.evaluate("window.__calls") as Promise<{ name: string; args: unknown[] }[]>;

beforeAll(async () => {
  browser = await launchChromium({ width: 300, height: 900 }, 2);
  context = browser.context;
  // No network: anything but the panel's own file is an error.
  await context.route(/^(?!file:)/, (route) => route.abort());
});

afterAll(async () => {
  await browser?.close();
});

describe("the KAM Portfolio panel in Chromium", () => {
  it("shows the mapping, validates settings as you type, builds with progress, and shows user text as text", async () => {
    const rows = examplesWithEvilClient();
    const { state, summary } = answersFor(rows);
    const page = await openPanel({ answers: { panelGetState: state, panelBuildPortfolio: summary, panelBuildMatrix: { ...summary, message: `Matrix: ${summary.message}` }, panelSaveSettings: null }, delay: 400 });

    // The detected mapping, one dropdown per input.
    await expect.poll(() => page.locator('select[data-field="client"] option:checked').textContent()).toBe("A · Client");
    expect(await page.locator('select[data-field="revenue"] option:checked').textContent()).toBe("C · Annual Revenue");
    expect(await page.locator('select[data-field="margin"] option:checked').textContent()).toBe("D · Gross Margin %");
    expect(await page.locator('select[data-field="wallet"] option:checked').textContent()).toBe("E · Share of Wallet");
    expect(await page.locator(".sheet-line span").textContent()).toBe("Sheet “Clients” · 44 rows, one per client");
    expect(await page.locator("#add-inputs").count()).toBe(0);

    // Settings, validated as you type with core's checkSettings.
    await page.locator("details.settings-details > summary").click();
    const revenueWeight = page.locator('input[data-setting="weights.revenue"]');
    expect(await revenueWeight.inputValue()).toBe("30");
    await revenueWeight.fill("50");
    expect(await page.locator('[data-error-for="weights"]').textContent()).toBe("must sum to 100 (they sum to 120)");
    expect(await page.locator(".weight-total").textContent()).toBe("Total 120");
    expect(await page.locator("#build-portfolio").isDisabled()).toBe(true);
    expect(await page.locator("#build-matrix").isDisabled()).toBe(true);
    await revenueWeight.fill("");
    expect(await page.locator('[data-error-for="weights.revenue"]').textContent()).toBe("enter a number");
    await revenueWeight.fill("30");
    expect(await page.locator('[data-error-for="weights"]').textContent()).toBe("");
    await page.locator('input[data-setting="gradeBMin"]').fill("70");
    expect(await page.locator('[data-error-for="gradeBMin"]').textContent()).toBe("(70) must be at most gradeAMin (60)");
    await page.locator('input[data-setting="gradeBMin"]').fill("35");
    await page.locator('input[data-setting="gradeAMin"]').fill("65");
    expect(await page.locator('[data-error-for="gradeBMin"]').textContent()).toBe("");
    expect(await page.locator("#build-portfolio").isEnabled()).toBe(true);
    // The cumulative method shows its own thresholds.
    expect(await page.locator('input[data-setting="cumulativeHighPct"]').isVisible()).toBe(false);
    await page.locator('select[data-setting="revenueMethod"]').selectOption("cumulative");
    expect(await page.locator('input[data-setting="cumulativeHighPct"]').isVisible()).toBe(true);
    await page.locator('select[data-setting="revenueMethod"]').selectOption("rank");
    // SPEC §11's settings for order lists with dates, at their defaults, checked like the others.
    for (const [path, value] of [["revenuePeriodMonths", "12"], ["trendPct", "10"], ["atRiskDropPct", "25"], ["atRiskDays", "180"]]) {
      expect(await page.locator(`input[data-setting="${path}"]`).inputValue(), path).toBe(value);
    }
    await page.locator('input[data-setting="atRiskDays"]').fill("-5");
    expect(await page.locator('[data-error-for="atRiskDays"]').textContent()).not.toBe("");
    expect(await page.locator("#build-portfolio").isDisabled()).toBe(true);
    await page.locator('input[data-setting="atRiskDays"]').fill("90");
    expect(await page.locator('[data-error-for="atRiskDays"]').textContent()).toBe("");
    await page.locator("details.settings-details > summary").click();

    // Build: progress while the server works, then the counts.
    await page.locator("#build-portfolio").click();
    expect(await page.locator(".progress").isVisible()).toBe(true);
    expect(await page.locator(".status").textContent()).toContain("Building the KAM Portfolio sheet…");
    expect(await page.locator("#build-portfolio").isDisabled()).toBe(true);
    await expect.poll(() => page.locator(".result .message").textContent()).toBe(summary.message);
    expect(summary.message).toMatch(/^43 clients: \d+ A, \d+ B, \d+ C; 1 row needs data$/);
    expect(await page.locator(".progress").isVisible()).toBe(false);
    expect(await page.locator(".chip").allTextContents()).toEqual([`A ${summary.byGrade.A}`, `B ${summary.byGrade.B}`, `C ${summary.byGrade.C}`]);
    expect(await page.locator(".needs li").allTextContents()).toEqual(["Row 43 (Westgate Studios): no revenue"]);
    const built = (await calls(page)).find((c) => c.name === "panelBuildPortfolio");
    expect((built?.args[0] as { gradeAMin: number }).gradeAMin).toBe(65);
    expect((built?.args[0] as { atRiskDays: number }).atRiskDays).toBe(90);

    // The quadrant preview: one dot per client; picking a client explains its grade.
    expect(await page.locator("svg.quadrant circle").count()).toBe(summary.clients.length);
    expect(await page.locator("svg.quadrant text").allTextContents()).toEqual(expect.arrayContaining(["Key client", "Invest in relationship", "Higher-value offers", "Rethink"]));
    const evilIndex = summary.clients.findIndex((c) => c.name === EVIL);
    expect(evilIndex).toBeGreaterThanOrEqual(0);
    await page.locator("#client-picker").selectOption(String(evilIndex));
    expect(await page.locator(".explain .client-name").textContent()).toBe(EVIL);
    expect(await page.locator(".explain .why").textContent()).toBe(summary.clients[evilIndex]?.why);
    expect(await page.locator("#client-picker option:checked").textContent()).toContain(EVIL);
    await page.locator(`svg.quadrant circle[data-index="0"]`).click();
    expect(await page.locator(".explain .client-name").textContent()).toBe(summary.clients[0]?.name);
    // Shown as text: no element made from it, no script run, no dialog.
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate("window.__alerted")).toBe(false);
    expect(dialogs).toEqual([]);

    // The screenshot for the README: the explanation of a client whose grade a rule changed.
    const ruled = summary.clients.findIndex((c) => c.why.includes("strategic floor"));
    await page.locator("#client-picker").selectOption(String(Math.max(0, ruled)));
    mkdirSync(`${ROOT}dist/screenshots`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    if (process.env.KAM_UPDATE_SCREENSHOTS === "1") copyFileSync(SCREENSHOT, `${ROOT}docs/sheets-panel.png`);
    await page.close();
  });

  it("changing a column saves the mapping and reloads the sheet's state", async () => {
    const { state } = answersFor(examplesWithEvilClient());
    const page = await openPanel({ answers: { panelGetState: state, panelSaveSettings: null }, delay: 20 });
    await expect.poll(() => page.locator('select[data-field="industry"] option:checked').textContent()).toBe("B · Industry");
    await page.locator('select[data-field="industry"]').selectOption("Override Reason");
    await expect.poll(async () => (await calls(page)).filter((c) => c.name === "panelGetState").length).toBe(2);
    const saved = (await calls(page)).find((c) => c.name === "panelSaveSettings");
    expect((saved?.args[0] as { mapping: Record<string, string> }).mapping).toEqual({ industry: "Override Reason" });
    // Refresh reads the sheet again (after the user switched sheets).
    await page.locator("#refresh").click();
    await expect.poll(async () => (await calls(page)).filter((c) => c.name === "panelGetState").length).toBe(3);
    await page.close();
  });

  it("offers a column with no header by its letter (QuickBooks' detail report), and saves the letter", async () => {
    const rows: CellValue[][] = [["Sales by Customer Detail"], [], [null, "Date", "Amount", null], ["Acme", null, null], [null, "2025-01-02", 40], ["Total for Acme", null, 40]];
    const state = panelState("Clients", rows, checkSettings({}).settings);
    const page = await openPanel({ answers: { panelGetState: state, panelSaveSettings: null }, delay: 20 });
    await expect.poll(() => page.locator('select[data-field="client"] option:checked').textContent()).toBe("— choose a column —");
    // The blank header after the last header is no column of the table.
    expect(await page.locator('select[data-field="client"] option').allTextContents()).toEqual(["— choose a column —", "A · (no header)", "B · Date", "C · Amount"]);
    await page.locator('select[data-field="client"]').selectOption("A");
    await expect.poll(async () => (await calls(page)).filter((c) => c.name === "panelGetState").length).toBe(2);
    const saved = (await calls(page)).find((c) => c.name === "panelSaveSettings");
    expect((saved?.args[0] as { mapping: Record<string, string> }).mapping).toEqual({ client: "A" });
    await page.close();
  });

  it("does not offer a column with no header by a letter that a header elsewhere is: \"A\" would name that column", async () => {
    const rows: CellValue[][] = [[null, "Date", "A", "Amount"], ["Acme", "2025-01-02", "x", 40]];
    const state = panelState("Clients", rows, checkSettings({}).settings);
    const page = await openPanel({ answers: { panelGetState: state }, delay: 20 });
    await expect.poll(() => page.locator('select[data-field="client"] option').count()).toBeGreaterThan(1);
    expect(await page.locator('select[data-field="client"] option').allTextContents()).toEqual(["— choose a column —", "B · Date", "C · A", "D · Amount"]);
    await page.close();
  });

  it("offers to add the missing input columns, and shows a server error as text", async () => {
    const rows: CellValue[][] = [["Client", "Revenue"], ["Acme", 1000], ["Beta", 500]];
    const { state } = answersFor(rows);
    expect(state.missingInputs).toEqual(["strategic", "pain", "relationship"]);
    const page = await openPanel({
      answers: {
        panelGetState: state,
        panelAddInputColumns: { added: ["Strategic value (column C)", "Pain (column D)", "Relationship (column E)"] },
        panelBuildMatrix: { error: `Settings: ${EVIL}` },
      },
      delay: 20,
    });
    const add = page.locator("#add-inputs");
    await expect.poll(() => add.textContent()).toBe("Add Strategic value, Pain, Relationship columns");
    await add.click();
    await expect.poll(() => page.locator(".notice.ok").textContent()).toBe(
      "Added Strategic value (column C), Pain (column D), Relationship (column E) with High/Medium/Low dropdowns. Fill them in, then build.",
    );
    expect((await calls(page)).find((c) => c.name === "panelAddInputColumns")?.args).toEqual([["strategic", "pain", "relationship"]]);
    await page.locator("#build-matrix").click();
    await expect.poll(() => page.locator(".result .notice.error").textContent()).toBe(`Settings: ${EVIL}`);
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("says why there is no what-if for a sheet too big to send to the panel", async () => {
    const rows = examplesWithEvilClient();
    const state = panelStateOf({ sheetName: "Clients", rows, isOwnSheet: false, matrix: null, history: [], settings: null }, dayFromParts(2026, 11, 22), 100);
    expect(state.grading).toBeUndefined();
    const page = await openPanel({ answers: { panelGetState: state }, delay: 10 });
    await expect.poll(() => page.locator('select[data-field="client"] option:checked').textContent()).toBe("A · Client");
    expect(await page.locator("#what-if").isHidden()).toBe(true);
    await page.locator("details.settings-details > summary").click();
    await page.locator('input[data-setting="gradeAMin"]').fill("50");
    await expect.poll(() => page.locator("#what-if .what-if-status").textContent()).toBe(state.whatIfOff);
    expect(state.whatIfOff).toBe(`The what-if is off for this sheet: it has ${rows.length * (rows[0]?.length ?? 0)} cells to grade, more than the panel takes (100). Build to see the grades.`);
    await page.close();
  });

  it("says what is wrong with a sheet it cannot grade, and keeps the build buttons off", async () => {
    const rows: CellValue[][] = [["Product", "Colour"], ["Chair", "Red"]];
    const state = panelState("Products", rows, checkSettings({}).settings);
    expect(state.problem).not.toBeNull();
    const page = await openPanel({ answers: { panelGetState: { ...state, problem: "No client or revenue column found in this sheet (headers seen: Product, Colour)." } }, delay: 10 });
    await expect.poll(() => page.locator(".notice.error").first().textContent()).toMatch(/^No client or revenue column found/);
    expect(await page.locator("#build-portfolio").isDisabled()).toBe(true);
    expect(await page.locator(".map-row.required-missing").count()).toBe(2);
    await page.close();
  });
});

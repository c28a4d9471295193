// The what-if (SPEC §13) in the Excel task pane, end to end: the built pane in headless Chromium on
// the fake Excel (test/excel/pane.ts). The what-if shown after a settings change is what the
// following build writes; when the sheet changed in between, the pane says so.
import { copyFileSync, mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers";
import { builtClients, builtCounts, countsText, editSettings, expectBuiltAsShown, gradeChangingEdit, readWhatIf } from "../panel-what-if";
import { harness, paneServer, type PaneServer } from "./pane";
import { csvSheet } from "./sheets";

const SCREENSHOT = `${ROOT}dist/screenshots/excel-what-if.png`;

let pane: PaneServer;

beforeAll(async () => {
  pane = await paneServer({ width: 360, height: 1100 });
});

afterAll(async () => {
  await pane?.close();
});

const portfolioGrid = async (page: Page): Promise<unknown[][]> =>
  (await harness(page, (h) => {
    const s = h.state.sheet("KAM Portfolio");
    const used = s?.used();
    return s && used ? s.rowsFrom(1, used.col + used.cols) : [];
  })) as unknown[][];

async function buildPortfolio(page: Page): Promise<string> {
  await page.locator("#build-portfolio").click();
  await page.locator(".result .message").waitFor();
  await page.waitForFunction('document.querySelector(".kam-panel")?.getAttribute("aria-busy") === "false"');
  return (await page.locator(".actions .status").textContent()) ?? "";
}

describe("the what-if in the Excel task pane", () => {
  it("shows, before anything is written, what the following build writes", async () => {
    const { page, errors } = await pane.open([{ name: "Clients", rows: csvSheet("examples/clients.csv") }]);
    await page.getByText("Sheet “Clients”").waitFor();
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    const first = builtClients(await portfolioGrid(page));
    expect(first).toHaveLength(42);

    // Change weights, cut-offs and the budget: the what-if appears, graded in a worker; nothing is written.
    const syncs = ((await harness(page, (h) => h.syncsPerRun)) as number[]).length;
    await editSettings(page, { "weights.revenue": "40", "weights.strategic": "10", gradeAMin: "55", gradeBMin: "40", "budget.A": "50", "budget.B": "35", "budget.C": "15" });
    const shown = await readWhatIf(page);
    expect(shown.where).toBe("worker");
    expect((await harness(page, (h) => h.syncsPerRun)) as number[]).toHaveLength(syncs);
    expect(shown.changes.length).toBeGreaterThan(0);
    await page.locator("details.settings-details > summary").click();
    await page.evaluate("window.scrollTo(0, 0)");
    const end = await page.locator(".actions .buttons").boundingBox();
    mkdirSync(`${ROOT}dist/screenshots`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 360, height: (end?.y ?? 0) + (end?.height ?? 0) + 4 } });

    // Build: the grades written, against their previous grades, are the what-if, client for client.
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built, as the what-if showed.");
    expectBuiltAsShown(shown, builtClients(await portfolioGrid(page)));
    await expect.poll(() => page.locator("#what-if").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    if (process.env.KAM_UPDATE_SCREENSHOTS === "1") copyFileSync(SCREENSHOT, `${ROOT}docs/excel-what-if.png`);
    await page.close();
  });

  it("says so when the sheet changed between the what-if and the build, and reads it again", async () => {
    const rows = csvSheet("examples/clients.csv");
    const { page } = await pane.open([{ name: "Clients", rows }]);
    await page.getByText("Sheet “Clients”").waitFor();
    await editSettings(page, { gradeAMin: "50" });
    const shown = await readWhatIf(page);
    // Someone edits the sheet so that a grade changes.
    const edit = gradeChangingEdit(rows, { gradeAMin: 50 });
    await page.evaluate(`window.__kam.state.sheet("Clients").edit(${edit.row - 1}, ${edit.col - 1}).value = ${JSON.stringify(edit.value)}`);
    expect(await buildPortfolio(page)).toBe("KAM Portfolio sheet built.");
    const { now } = builtCounts(builtClients(await portfolioGrid(page)));
    const shownCounts = countsText({ A: shown.counts.A.after, B: shown.counts.B.after, C: shown.counts.C.after });
    expect(countsText(now)).not.toBe(shownCounts);
    await expect.poll(() => page.locator(".notice.info").textContent()).toBe(
      `The sheet changed after the panel read it, so the build graded it as it is now: ${countsText(now)} (the what-if showed ${shownCounts}). The panel has read the sheet again.`,
    );
    expect(await page.locator("#what-if").isHidden()).toBe(true);
    await page.close();
  });
});

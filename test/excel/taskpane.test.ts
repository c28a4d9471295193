// The built task pane (dist/excel-addin) served on localhost and driven in headless Chromium with
// office.js replaced by a stub whose Excel is the fake of test/fakes/excel.ts: the build flow,
// progress while Excel works, a client name carrying HTML shown as text, a sheet switch, no
// network beyond office.js, and the screenshot (KAM_UPDATE_SCREENSHOTS=1 copies it to docs/).
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS } from "../../excel-addin/taskpane-page";
import { ROOT } from "../helpers";
import { harness, paneServer, type PaneServer } from "./pane";
import { csvSheet } from "./sheets";

const XSS = "<img src=x onerror=alert(1)>";

let pane: PaneServer;
let origin: string;

beforeAll(async () => {
  pane = await paneServer();
  origin = pane.origin;
});

afterAll(async () => {
  await pane?.close();
});

const openPane = (sheets: { name: string; rows: unknown[][] }[], host: string | null = "Excel") => pane.open(sheets, host);

function clientsWithXss(): unknown[][] {
  const rows = csvSheet("examples/clients.csv");
  const header = rows[0] as string[];
  const client = header.indexOf("Client");
  const revenue = header.indexOf("Annual Revenue");
  const top = [...(rows[1] as unknown[])];
  top[client] = XSS;
  top[revenue] = 9_999_999;
  const needs = Array.from({ length: header.length }, () => "") as unknown[];
  needs[client] = `${XSS} 2`;
  needs[revenue] = "n/a";
  return [header, top, ...rows.slice(2), needs];
}

describe("Excel task pane in headless Chromium", () => {
  it("builds the portfolio with progress, shows a client name carrying HTML as text, and registers every function", async () => {
    const { page, requests, dialogs, errors } = await openPane([{ name: "Clients", rows: clientsWithXss() }]);
    await page.getByText("Sheet “Clients”").waitFor();
    // functions.js ran in the same page and associated every id of functions.json.
    const ids = (JSON.parse(readFileSync(`${ROOT}dist/excel-addin/functions.json`, "utf8")) as { functions: { id: string }[] }).functions.map((f) => f.id);
    expect(((await harness(page, (h) => h.associated)) as string[]).sort()).toEqual([...ids].sort());

    // A build while Excel is busy: progress shows and the buttons wait.
    await harness(page, (h) => h.hold());
    await page.click("#build-portfolio");
    await expect.poll(() => page.locator(".progress").isVisible()).toBe(true);
    expect(await page.locator("#build-portfolio").isDisabled()).toBe(true);
    expect(await page.locator(".status").textContent()).toMatch(/Building the KAM Portfolio sheet/);
    await harness(page, (h) => h.release());
    await page.locator(".result .message").waitFor();
    expect(await page.locator(".progress").isVisible()).toBe(false);
    expect(await page.locator(".result .message").textContent()).toMatch(/^\d+ clients: \d+ A, \d+ B, \d+ C; \d+ rows? needs? data$/);
    expect(await harness(page, (h) => h.sheetNames())).toEqual(["Clients", "KAM Portfolio", "KAM History"]);
    // The build itself stayed within 4 round trips to Excel.
    const syncs = (await harness(page, (h) => h.syncsPerRun)) as number[];
    expect(Math.max(...syncs)).toBeLessThanOrEqual(4);

    // The HTML in the client's name is text: no element, no script, shown literally.
    expect(await page.locator(".client-name").first().textContent()).toBe(XSS);
    expect(await page.locator(".result .needs li").allTextContents()).toContainEqual(expect.stringContaining(`(${XSS} 2)`));
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    // Tests never write into docs/: KAM_UPDATE_SCREENSHOTS=1 refreshes the README's picture.
    mkdirSync(`${ROOT}dist/screenshots`, { recursive: true });
    await page.screenshot({ path: `${ROOT}dist/screenshots/excel-taskpane.png`, fullPage: true });
    if (process.env.KAM_UPDATE_SCREENSHOTS === "1") copyFileSync(`${ROOT}dist/screenshots/excel-taskpane.png`, `${ROOT}docs/excel-taskpane.png`);
    // Nothing left the machine but the (stubbed) office.js request.
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([OFFICE_JS]);
    await page.close();
  });

  it("follows the user to another sheet tab, and back from the portfolio to the clients", async () => {
    const { page } = await openPane([{ name: "Clients", rows: csvSheet("examples/clients.csv") }, { name: "Orders", rows: csvSheet("examples/orders.csv") }]);
    await page.getByText("Sheet “Clients”").waitFor();
    await harness(page, (h) => h.activate("Orders"));
    await page.getByText(/Sheet “Orders” · \d+ order rows/).waitFor();
    await page.click("#build-matrix");
    await page.locator(".result .message").waitFor();
    expect(await page.locator(".result .message").textContent()).toMatch(/from \d+ order rows/);
    await page.close();
  });

  it("the Self-test button runs the checks on a temporary sheet and lists one line per check", async () => {
    const { page, errors } = await openPane([{ name: "Clients", rows: csvSheet("examples/clients.csv") }]);
    await page.getByText("Sheet “Clients”").waitFor();
    await page.click("#self-test");
    // The stub's Excel computes no custom function: the pane waits for them, then reports.
    await page.locator(".self-test li").first().waitFor({ timeout: 40_000 });
    const lines = await page.locator(".self-test li").allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines[0]).toMatch(/^✔ Requirement sets — ExcelApi 1\.9, SharedRuntime 1\.1, CustomFunctionsRuntime 1\.3 supported/);
    expect(lines.some((l) => l.startsWith("✔ Text that looks like a formula stays text"))).toBe(true);
    expect(lines.some((l) => l.startsWith("ℹ Webview — Chromium "))).toBe(true);
    expect(await page.locator(".self-test .report").inputValue()).toMatch(/^KAM Portfolio self-test — Excel\n/);
    expect(await harness(page, (h) => h.sheetNames())).toEqual(["Clients"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("outside Excel says where it runs", async () => {
    const { page } = await openPane([{ name: "Clients", rows: [] }], null);
    await page.getByText("KAM Portfolio runs inside Excel").waitFor();
    await page.close();
  });
});

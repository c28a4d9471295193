// The built task pane (dist/excel-addin) served on localhost and driven in headless Chromium with
// office.js replaced by a stub whose Excel is the fake of test/fakes/excel.ts: the build flow,
// progress while Excel works, a client name carrying HTML shown as text, a sheet switch, no
// network beyond office.js, and the screenshot (KAM_UPDATE_SCREENSHOTS=1 copies it to docs/).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS } from "../../excel-addin/taskpane-page";
import { requireProgram, ROOT } from "../helpers";
import { csvSheet } from "./sheets";

const XSS = "<img src=x onerror=alert(1)>";

interface Harness {
  associated: string[];
  syncsPerRun: number[];
  hold(): void;
  release(): void;
  activate(name: string): void;
  sheetNames(): string[];
  value(sheet: string, row: number, col: number): unknown;
}

let browser: BrowserContext;
let server: Server;
let origin: string;
let stub: string;

beforeAll(async () => {
  const { serveStatic } = (await import(`${ROOT}scripts/lib/static-server.mjs`)) as { serveStatic: (root: string, o: object) => Promise<Server> };
  server = await serveStatic(`${ROOT}dist/excel-addin`, { port: 0, host: "127.0.0.1" });
  const address = server.address();
  origin = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  const bundled = await build({ entryPoints: [`${ROOT}test/excel/office-stub.ts`], bundle: true, format: "iife", platform: "browser", target: "es2020", write: false, logLevel: "warning" });
  stub = bundled.outputFiles[0]?.text ?? "";
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "kam-chromium-")), {
    executablePath: requireProgram("/usr/bin/chromium", "Chromium"),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 360, height: 900 },
    deviceScaleFactor: 1,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A page on the pane with the workbook seeded; every request is recorded. */
async function openPane(sheets: { name: string; rows: unknown[][] }[], host: string | null = "Excel"): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: stub }));
  await page.route((url) => !url.href.startsWith(origin) && url.href !== OFFICE_JS, (route) => route.abort());
  await page.addInitScript((seed) => {
    (window as unknown as Record<string, unknown>).__KAM_SEED__ = seed;
  }, { sheets, host });
  await page.goto(`${origin}/taskpane.html`);
  return { page, requests, dialogs, errors };
}

/** Runs `f` on the stub's harness inside the page. */
const harness = (page: Page, f: (h: Harness) => unknown): Promise<unknown> => page.evaluate(`(${f.toString()})(window.__kam)`);

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

  it("outside Excel says where it runs", async () => {
    const { page } = await openPane([{ name: "Clients", rows: [] }], null);
    await page.getByText("KAM Portfolio runs inside Excel").waitFor();
    await page.close();
  });
});

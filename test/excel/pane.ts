/**
 * The built task pane (dist/excel-addin) served on localhost in headless Chromium, with office.js
 * replaced by test/excel/office-stub.ts (its Excel is the fake of test/fakes/excel.ts). Shared by
 * the task pane's tests: one server and browser per test file, a page per test.
 */
import type { Server } from "node:http";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { OFFICE_JS } from "../../excel-addin/taskpane-page";
import { launchChromium } from "../chromium";
import { ROOT } from "../helpers";

/** What office-stub.ts offers the test as `window.__kam`. */
export interface Harness {
  associated: string[];
  syncsPerRun: number[];
  hold(): void;
  release(): void;
  activate(name: string): void;
  sheetNames(): string[];
  value(sheet: string, row: number, col: number): unknown;
  state: {
    sheet(name: string): {
      used(): { row: number; col: number; rows: number; cols: number } | null;
      rowsFrom(row: number, cols: number): unknown[][];
      edit(r: number, c: number): { value: unknown };
    } | undefined;
  };
}

export interface Pane {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

export interface PaneServer {
  origin: string;
  open(sheets: { name: string; rows: unknown[][] }[], host?: string | null, init?: string, userAgent?: string): Promise<Pane>;
  close(): Promise<void>;
}

export async function paneServer(viewport = { width: 360, height: 900 }): Promise<PaneServer> {
  const { serveStatic } = (await import(`${ROOT}scripts/lib/static-server.mjs`)) as { serveStatic: (root: string, o: object) => Promise<Server> };
  const server = await serveStatic(`${ROOT}dist/excel-addin`, { port: 0, host: "127.0.0.1" });
  const address = server.address();
  const origin = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  const bundled = await build({ entryPoints: [`${ROOT}test/excel/office-stub.ts`], bundle: true, format: "iife", platform: "browser", target: "es2020", write: false, logLevel: "warning" });
  const stub = bundled.outputFiles[0]?.text ?? "";
  const chromium = await launchChromium(viewport);
  const browser = chromium.context;

  /** A page on the pane with the workbook seeded; every request is recorded. `userAgent` stands for another webview (navigator.userAgent and the request header). */
  async function open(sheets: { name: string; rows: unknown[][] }[], host: string | null = "Excel", init = "", userAgent?: string): Promise<Pane> {
    const page = await browser.newPage();
    if (userAgent) await (await browser.newCDPSession(page)).send("Emulation.setUserAgentOverride", { userAgent });
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
    if (init) await page.addInitScript(init);
    await page.goto(`${origin}/taskpane.html`);
    return { page, requests, dialogs, errors };
  }

  return {
    origin,
    open,
    async close() {
      await chromium.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Runs `f` on the stub's harness inside the page. */
export const harness = (page: Page, f: (h: Harness) => unknown): Promise<unknown> => page.evaluate(`(${f.toString()})(window.__kam)`);

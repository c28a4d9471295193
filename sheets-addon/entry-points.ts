/**
 * The add-on's top-level functions. scripts/build/sheets.mjs gives every function exported here a
 * top-level stub in Code.js, with this JSDoc, so Apps Script can call it by name (triggers, menu
 * items, google.script.run). The custom functions' stubs are generated from core/functions.ts.
 */
import { buildSummary, type BuildSummary, type PanelState } from "../core/bridge";
import { addInputColumnsSync, type AddedColumns } from "../core/use-cases/add-input-columns";
import { buildMatrixSync, type MatrixResult } from "../core/use-cases/build-matrix";
import { buildPortfolioSync, type PortfolioResult } from "../core/use-cases/build-portfolio";
import type { BuildOptions } from "../core/use-cases/grade";
import { readPanelStateSync } from "../core/use-cases/panel-state";
import { saveSettingsSync } from "../core/use-cases/save-settings";
import { selfTestText, type CheckLine } from "../core/self-test";
import { parseDate, type Day } from "../core/values";
import type { Services } from "./gas";
import { asText, widthOf } from "./grid";
import { needsTextFormat, userMessage } from "./messages";
import { SheetsPort } from "./port";
import { SAMPLE_FILE, sampleRows } from "./sample";
import { runSelfTest as selfTest } from "./self-test";
import type { SheetsServer } from "./server-api";

const TITLE = "KAM Portfolio";

/** The Apps Script globals, looked up when called (never at load: onOpen may run in AuthMode.NONE). */
function services(): Services {
  return { SpreadsheetApp, PropertiesService, HtmlService, Charts, LockService, Utilities };
}

/** How long a build waits for another one in the same spreadsheet to finish. */
const LOCK_WAIT_MS = 20_000;
const BUSY_MESSAGE = "Another KAM Portfolio build is running in this spreadsheet; try again when it has finished.";

/**
 * Runs a change of the document under the document lock ("prevents any user of the current
 * document from concurrently running a section of code"): two builds at once (menu and panel, two
 * editors) would both swap in a portfolio and leave a "(building …)" sheet. Pending writes are
 * flushed before the lock is released, as LockService's reference advises. getDocumentLock is null
 * only outside a document (a standalone script), where nothing can collide.
 */
function locked<T>(gas: Services, f: () => T): T {
  const lock = gas.LockService.getDocumentLock();
  if (lock && !lock.tryLock(LOCK_WAIT_MS)) throw new Error(BUSY_MESSAGE);
  try {
    return f();
  } finally {
    if (lock) {
      gas.SpreadsheetApp.flush();
      lock.releaseLock();
    }
  }
}

function fail(e: unknown): never {
  throw new Error(userMessage(e));
}

/** Today in the spreadsheet's time zone. */
function todayIn(port: SheetsPort, now = new Date()): Day {
  return parseDate(port.isoDay(now)) as Day;
}

/** Today in the spreadsheet's time zone; the settings as the panel sent them (menu items send none). */
function options(port: SheetsPort, settings?: unknown): BuildOptions {
  const now = new Date();
  return { today: todayIn(port, now), builtAt: now.toISOString(), ...(settings !== undefined ? { settings } : {}) };
}

function build(kind: "matrix" | "portfolio", port: SheetsPort, o: BuildOptions): MatrixResult | PortfolioResult {
  return kind === "matrix" ? buildMatrixSync(port, o) : buildPortfolioSync(port, o);
}

// ---------------------------------------------------------------------------------------------
// Triggers and menu

/**
 * Adds the KAM Portfolio menu under Extensions. Runs in AuthMode.NONE too: it only builds the menu.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e The open event.
 */
export function onOpen(e?: unknown): void {
  void e;
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Open panel", "showPanel")
    .addItem("Build matrix", "menuBuildMatrix")
    .addItem("Build portfolio", "menuBuildPortfolio")
    .addSeparator()
    .addItem("Add sample sheet", "addSampleSheet")
    .addItem("Run self-test", "runSelfTest")
    .addItem("Help", "showHelp")
    .addToUi();
}

/**
 * Builds the menu right after the add-on is installed.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e The install event.
 */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Opens the KAM Portfolio panel in the sidebar. */
export function showPanel(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

function menuBuild(kind: "matrix" | "portfolio"): void {
  const gas = services();
  try {
    const port = new SheetsPort(gas);
    const result = locked(gas, () => build(kind, port, options(port)));
    port.ss.toast(result.message, TITLE);
  } catch (e) {
    gas.SpreadsheetApp.getUi().alert(`${TITLE}: ${userMessage(e)}`);
  }
}

/** Menu: writes the matrix columns (live formulas) right of the client table, with the saved settings. */
export function menuBuildMatrix(): void {
  menuBuild("matrix");
}

/** Menu: builds the KAM Portfolio sheet (ranked table, summary, quadrant chart) with the saved settings. */
export function menuBuildPortfolio(): void {
  menuBuild("portfolio");
}

/** Menu: adds a sheet with the sample clients (examples/clients.csv) to try the add-on on. */
export function addSampleSheet(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let name = "Sample clients";
  for (let i = 2; ss.getSheetByName(name); i++) name = `Sample clients (${i})`;
  const sampleClients = sampleRows(HtmlService.createHtmlOutputFromFile(SAMPLE_FILE).getContent());
  const sheet = ss.insertSheet(name, ss.getSheets().length);
  const rows = sampleClients.length;
  const cols = widthOf(sampleClients);
  // Typed as a person would: numbers and dates become numbers and dates, text Sheets would read as
  // a formula keeps its apostrophe (grid.ts).
  const grid = sampleClients.map((r) => Array.from({ length: cols }, (_, j) => {
    const v = r[j] ?? "";
    return needsTextFormat(v) ? asText(v) : v;
  }));
  sheet.getRange(1, 1, rows, cols).setValues(grid);
  sheet.getRange(1, 1, 1, cols).setFontWeight("bold");
  sheet.setFrozenRows(1);
  sheet.activate();
}

/**
 * Menu: checks, on a temporary sheet it deletes afterwards, what this spreadsheet does with the
 * things the add-on relies on (text kept as text, dates, custom functions, the lock, the chart…),
 * and shows one pass / fail line each.
 */
export function runSelfTest(): CheckLine[] {
  const gas = services();
  const lines = selfTest(gas);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const html = `<pre style="font:12px/1.5 monospace;white-space:pre-wrap">${esc(selfTestText("Google Sheets", lines))}</pre>`;
  gas.SpreadsheetApp.getUi().showModalDialog(gas.HtmlService.createHtmlOutput(html).setWidth(720).setHeight(520), `${TITLE} — Self-test`);
  return lines;
}

/** Menu: shows what the add-on does and the custom functions (Help.html, generated by the build). */
export function showHelp(): void {
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutputFromFile("Help").setWidth(640).setHeight(520), `${TITLE} — Help`);
}

// ---------------------------------------------------------------------------------------------
// google.script.run (the panel); see server-api.ts

/** Panel: the active sheet's headers, detected column mapping, saved settings and what grading needs (the what-if). */
export function panelGetState(): PanelState {
  try {
    const port = new SheetsPort(services(), { withHistory: false });
    return readPanelStateSync(port, todayIn(port));
  } catch (e) {
    return fail(e);
  }
}

/**
 * Panel: saves settings (weights, thresholds, column mapping) in the document properties.
 * @param {Object} settings The settings, validated again before anything is written.
 */
export function panelSaveSettings(settings: unknown): void {
  try {
    const gas = services();
    locked(gas, () => saveSettingsSync(new SheetsPort(gas), settings));
  } catch (e) {
    fail(e);
  }
}

function panelBuild(kind: "matrix" | "portfolio", settings: unknown): BuildSummary {
  try {
    const gas = services();
    const port = new SheetsPort(gas);
    const result = locked(gas, () => build(kind, port, options(port, settings)));
    return buildSummary(result.portfolio, result.message);
  } catch (e) {
    return fail(e);
  }
}

/**
 * Panel: builds the matrix columns with the panel's settings, then saves them in the document.
 * @param {Object} settings The settings chosen in the panel.
 */
export function panelBuildMatrix(settings: unknown): BuildSummary {
  return panelBuild("matrix", settings);
}

/**
 * Panel: builds the KAM Portfolio sheet with the panel's settings, then saves them in the document.
 * @param {Object} settings The settings chosen in the panel.
 */
export function panelBuildPortfolio(settings: unknown): BuildSummary {
  return panelBuild("portfolio", settings);
}

/**
 * Panel: adds the missing Strategic value / Pain / Relationship columns, with High/Medium/Low
 * dropdowns, at the first empty columns right of the data.
 * @param {string[]} fields Which inputs to add: strategic, pain, relationship.
 */
export function panelAddInputColumns(fields: unknown): AddedColumns {
  try {
    const gas = services();
    return locked(gas, () => addInputColumnsSync(new SheetsPort(gas), fields));
  } catch (e) {
    return fail(e);
  }
}

/** Compile-time check that the panel's server functions are all here with the agreed types. */
export const SERVER: SheetsServer = {
  panelGetState,
  panelSaveSettings,
  panelBuildMatrix,
  panelBuildPortfolio,
  panelAddInputColumns: (fields) => panelAddInputColumns(fields),
};

/**
 * The add-on's top-level functions. scripts/build/sheets.mjs gives every function exported here a
 * top-level stub in Code.js, with this JSDoc, so Apps Script can call it by name (triggers, menu
 * items, google.script.run). The custom functions' stubs are generated from core/functions.ts.
 */
import sampleClients from "sample:clients";
import { buildSummary, panelState, panelStateOf, type BuildSummary, type PanelState } from "../core/bridge";
import { buildMatrixSync, buildPortfolioSync, OwnSheetError, type BuildOptions } from "../core/build";
import { FUNCTIONS } from "../core/functions";
import { ownColumns } from "../core/matrix";
import { checkSettings, SettingsError, type Settings } from "../core/settings";
import { findHeaderRow } from "../core/columns";
import { INPUT_COLUMNS, planInputColumns, type InputField } from "../core/inputs";
import { parseDate, type Day } from "../core/values";
import type { Services } from "./gas";
import { a1 } from "./grid";
import { needsTextFormat, userMessage } from "./messages";
import { isoDateIn, SheetsPort } from "./port";
import type { SheetsServer } from "./server-api";

const TITLE = "KAM Portfolio";

/** The Apps Script globals, looked up when called (never at load: onOpen may run in AuthMode.NONE). */
function services(): Services {
  return { SpreadsheetApp, PropertiesService, HtmlService, Charts };
}

function fail(e: unknown): never {
  throw new Error(userMessage(e));
}

function options(port: SheetsPort, settings?: Settings): BuildOptions {
  const now = new Date();
  const today = parseDate(isoDateIn(now, port.timeZone())) as Day;
  return { today, builtAt: now.toISOString(), ...(settings ? { settings } : {}) };
}

function validSettings(input: unknown): Settings {
  const { settings, errors } = checkSettings(input);
  if (errors.length) throw new SettingsError(errors);
  return settings;
}

function summaryOf(result: { portfolio: Parameters<typeof buildSummary>[0]; message: string }): BuildSummary {
  return { ...buildSummary(result.portfolio), message: result.message };
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
    const result = kind === "matrix" ? buildMatrixSync(port, options(port)) : buildPortfolioSync(port, options(port));
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
  const sheet = ss.insertSheet(name, ss.getSheets().length);
  const rows = sampleClients.length;
  const cols = Math.max(...sampleClients.map((r) => r.length));
  const grid = sampleClients.map((r) => Array.from({ length: cols }, (_, j) => r[j] ?? ""));
  const text: string[] = [];
  grid.forEach((r, i) => r.forEach((v, j) => {
    if (needsTextFormat(v)) text.push(a1(i + 1, j + 1));
  }));
  if (text.length) sheet.getRangeList(text).setNumberFormat("@");
  sheet.getRange(1, 1, rows, cols).setValues(grid);
  sheet.getRange(1, 1, 1, cols).setFontWeight("bold");
  sheet.setFrozenRows(1);
  sheet.activate();
}

/** Menu: shows what the add-on does and the custom functions. */
export function showHelp(): void {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const items = FUNCTIONS.map((f) => {
    const params = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    return `<li><code>KAM_${esc(f.name)}(${esc(params)})</code> — ${esc(f.description)}</li>`;
  }).join("");
  const html = `<div style="font:13px/1.45 Arial,sans-serif;color:#202124">
<p><b>KAM Portfolio</b> grades every client of the active sheet with the key-account matrix.</p>
<ol><li>Open the panel (Extensions ▸ KAM Portfolio ▸ Open panel) and check the columns.</li>
<li><b>Build matrix</b> adds rating columns with live formulas right of your data.</li>
<li><b>Build portfolio</b> writes the ranked <i>KAM Portfolio</i> sheet with a quadrant chart.</li></ol>
<p>Custom functions (type them in any cell):</p><ul>${items}</ul></div>`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(640).setHeight(520), `${TITLE} — Help`);
}

// ---------------------------------------------------------------------------------------------
// google.script.run (the panel); see server-api.ts

/** Panel: the active sheet's headers, detected column mapping and saved settings. */
export function panelGetState(): PanelState {
  try {
    return panelStateOf(new SheetsPort(services()).read());
  } catch (e) {
    return fail(e);
  }
}

/**
 * Panel: saves settings (weights, thresholds, column mapping) in the document properties.
 * @param {Object} settings The settings, validated again here.
 */
export function panelSaveSettings(settings: unknown): void {
  try {
    const port = new SheetsPort(services());
    port.saveSettings(validSettings(settings));
    port.flushProperties();
  } catch (e) {
    fail(e);
  }
}

function panelBuild(kind: "matrix" | "portfolio", input: unknown): BuildSummary {
  try {
    const settings = validSettings(input);
    const port = new SheetsPort(services());
    port.saveSettings(settings);
    const o = options(port, settings);
    return summaryOf(kind === "matrix" ? buildMatrixSync(port, o) : buildPortfolioSync(port, o));
  } catch (e) {
    return fail(e);
  }
}

/**
 * Panel: saves the settings and builds the matrix columns.
 * @param {Object} settings The settings chosen in the panel.
 */
export function panelBuildMatrix(settings: unknown): BuildSummary {
  return panelBuild("matrix", settings);
}

/**
 * Panel: saves the settings and builds the KAM Portfolio sheet.
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
export function panelAddInputColumns(fields: unknown): { added: string[] } {
  try {
    const wanted = Array.isArray(fields) ? fields.filter((f): f is InputField => typeof f === "string" && f in INPUT_COLUMNS) : [];
    const port = new SheetsPort(services());
    const state = port.read();
    if (state.isOwnSheet) throw new OwnSheetError(state.sheetName);
    const checked = checkSettings(state.settings ?? {});
    const view = panelState(state.sheetName, state.rows, checked.settings, ownColumns(state.matrix));
    const missing = wanted.filter((f) => view.missingInputs.includes(f));
    if (missing.length === 0) return { added: [] };
    const headerRow = findHeaderRow(state.rows, checked.settings.mapping) + 1;
    const plan = planInputColumns(state.rows, headerRow, missing, state.matrix);
    const headers = plan.fields.map((f) => INPUT_COLUMNS[f].header);
    const columns = port.addInputColumns(plan);
    return { added: headers.map((h, i) => `${h} (column ${columns[i]})`) };
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

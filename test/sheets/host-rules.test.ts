// Google Sheets host rules the add-on depends on, one test per rule, each naming the page it comes
// from (test/sheets/host.ts has the addresses). The fake (test/fakes/sheets/) enforces every rule;
// where a page is silent the fake assumes the worst or refuses, and the rule is listed in
// docs/testing.md with what the in-sheet self-test checks instead.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { MATRIX_MARKER, PORTFOLIO_MARKER, HISTORY_MARKER, HISTORY_BUILDS_KEPT, HISTORY_BUILDS_READ } from "../../core/plan";
import { parseHistoryIndex } from "../../core/history-window";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { dayFromParts } from "../../core/values";
import type { BuildSummary, PanelState } from "../../core/bridge";
import { asyncPort, SheetsPort } from "../../sheets-addon/port";
import { SAMPLE_FILE, sampleRows } from "../../sheets-addon/sample";
import type { FakeChart } from "../fakes/sheets/builders";
import type { FakeRange } from "../fakes/sheets/range";
import { ARBITRARY_RANGE_METADATA, CELL_LIMIT, fakeGoogle, LOADING, marshal, PROPERTY_VALUE_LIMIT, ServiceError, UndocumentedError, type FakeSheet } from "../fakes/spreadsheet-app";
import { isPlainJson } from "../fakes/sheets/marshal";
import { es2020Floor } from "../es-floor";
import { ROOT } from "../helpers";
import { ADDON, call, codeJs, loadAddon } from "./apps-script";
import { csvSheet, syntheticClients } from "./data";
import { PAGE, reviewCase, sheetDate, sheetsHost } from "./host";

const PROJECT = "PROJECT" as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
const opts = (builtAt: string) => ({ today: dayFromParts(2026, 11, 22), builtAt });

describe("Sheets: developer metadata", () => {
  it(`sits on one whole row or column only, so the matrix marker is on one column — ${PAGE.developerMetadata}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const s = g.ss.active;
    expect(() => s.getRange("P:X").addDeveloperMetadata("k", "v", PROJECT)).toThrow(ARBITRARY_RANGE_METADATA);
    expect(() => s.getRange("P1:P10").addDeveloperMetadata("k", "v", PROJECT)).toThrow(ARBITRARY_RANGE_METADATA);
    s.getRange("P:P").addDeveloperMetadata("k", "v", PROJECT);
    s.getRange("3:3").addDeveloperMetadata("k", "v", PROJECT);
    expect(g.ss.metadata.map((m) => m.location.type)).toEqual(["COLUMN", "ROW"]);
    // The adapter: Build matrix, twice; one marker, on one column, spanning the nine columns.
    const addon = loadAddon(g);
    call(addon, "menuBuildMatrix");
    call(addon, "menuBuildMatrix");
    expect(g.ui.alerts).toEqual([]);
    const markers = g.ss.metadata.filter((m) => m.key === MATRIX_MARKER);
    expect(markers).toHaveLength(1);
    expect(markers[0]?.getLocation().getColumn()?.getNumColumns()).toBe(1);
    expect(JSON.parse(markers[0]?.value ?? "")).toEqual({ columns: 9 });
    expect(s.formulas()).toHaveLength(9);
  });

  it(`follows its column when columns are inserted before it, and is deleted with it — ${PAGE.developerMetadata}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    call(addon, "menuBuildMatrix");
    const s = g.ss.active;
    s.insertColumnsBefore(1, 2);
    expect(g.ss.metadata.find((m) => m.key === MATRIX_MARKER)?.location).toMatchObject({ type: "COLUMN", col: 16 });
    call(addon, "menuBuildMatrix");
    expect(s.formulas().map((f) => f.col).sort((a, b) => a - b)).toEqual(Array.from({ length: 9 }, (_, i) => 16 + i));
    s.deleteColumns(16, 1);
    expect(g.ss.metadata.filter((m) => m.key === MATRIX_MARKER)).toEqual([]);
  });
});

describe("Sheets: a sheet's developer metadata", () => {
  it(`is deleted with its sheet: a rebuild marks its new sheet before the old one goes, and a failure then deletes the new sheet and its marker together — ${PAGE.developerMetadata}`, async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const extra = g.ss.addSheet("Scratch", [["x"]]);
    extra.addDeveloperMetadata("k", "v", PROJECT);
    g.ss.deleteSheet(extra);
    expect(g.ss.metadata.filter((m) => m.key === "k")).toEqual([]);
    // The adapter: the old portfolio cannot be deleted (protected against this editor, say).
    const port = () => asyncPort(new SheetsPort(g));
    await buildPortfolio(port(), opts("2026-11-22T10:00:00Z"));
    const old = g.ss.owned(PORTFOLIO_MARKER);
    g.log.failWhen = (c) => c.name === "Spreadsheet.deleteSheet";
    await expect(buildPortfolio(port(), opts("2026-11-23T10:00:00Z"))).rejects.toBeInstanceOf(ServiceError);
    expect(g.ss.metadata.filter((m) => m.key === PORTFOLIO_MARKER)).toHaveLength(1);
    expect(g.ss.owned(PORTFOLIO_MARKER)).toBe(old);
  });
});

describe("Sheets: custom functions", () => {
  it(`each call is a separate execution: nothing is shared between cells — ${PAGE.customFunctions}`, () => {
    const { g, addon, host } = sheetsHost(csvSheet("test/vectors/clients-60.csv"));
    const sorts = addon.KAM_ADDON.populationSorts();
    g.ss.active.putFormula(2, 9, "=KAM_REVENUE_RATING(B2, B$2:B$61)");
    g.ss.active.putFormula(3, 9, "=KAM_REVENUE_RATING(B3, B$2:B$61)");
    expect(String(g.ss.active.valueAt(2, 9))).toMatch(/^(High|Medium|Low)$/);
    expect(String(g.ss.active.valueAt(3, 9))).toMatch(/^(High|Medium|Low)$/);
    expect(host.executions).toBe(2);
    // Neither ran in the add-on's own context: no cache can carry over between cells.
    expect(addon.KAM_ADDON.populationSorts()).toBe(sorts);
    expect(readFileSync(`${ROOT}docs/sheets.md`, "utf8")).not.toMatch(/in one run of the script sort it once/);
  });

  it(`a cell gives its value, a range a 2-D array, a blank cell "" — ${PAGE.customFunctions} ${PAGE.range}`, () => {
    const { host } = sheetsHost([["Value"], ["High"], [""], ["L"]]);
    expect(host.evaluate("=KAM_LEVEL(A3)")).toEqual([[""]]);
    expect(host.evaluate("=KAM_LEVEL(A2)")).toEqual([["High"]]);
    expect(host.evaluate("=KAM_LEVEL(A2:A4)")).toEqual([["High"], [""], ["Low"]]);
    // An omitted optional argument is not passed at all.
    expect(host.evaluate("=KAM_REVENUE_RATING(A2:A4)")).toEqual([["⚠ revenue: \"High\" is not an amount"], [""], ["⚠ revenue: \"L\" is not an amount"]]);
  });

  for (const zone of ["Europe/Paris", "Pacific/Auckland", "America/Los_Angeles"]) {
    it(`dates arrive as Date objects in the script's zone and are read in the sheet's (${zone}) — ${PAGE.customFunctions} ${PAGE.manifest}`, () => {
      const c = reviewCase([2024, 3, 5]);
      expect(c.wrong).not.toEqual(c.expected); // a day's error shows
      const rows = c.rows.map((r, i) => (i === 1 ? ["Acme", 1000, sheetDate(2024, 3, 5, zone)] : r));
      const { g, host } = sheetsHost(rows, zone);
      g.ss.active.put(1, 5, sheetDate(...c.today, zone));
      expect(host.evaluate("=KAM_PORTFOLIO(A1:C2, E1)").map((r) => r.map(String))).toEqual(c.expected);
    });
  }

  it(`an open-ended range reaches the sheet's last row; the result stops at the last filled row — ${PAGE.a1Notation}`, () => {
    const rows = [["Client", "Industry", "Revenue"], ...syntheticClients(800).slice(1).map((r) => [r[0], r[1], r[2]])];
    const { g, host } = sheetsHost(rows);
    g.ss.active.maxRows = 50_000;
    const out = host.evaluate("=KAM_REVENUE_RATING(C2:C, C2:C)");
    expect(out.length).toBeLessThanOrEqual(801);
    expect(out).toHaveLength(800);
    expect(out.every((r) => /^(High|Medium|Low)$/.test(String(r[0])))).toBe(true);
  });

  it(`a result that would overwrite a cell is an error; the matrix does not reach a note typed below the table — ${PAGE.customFunctions}`, () => {
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    const s = g.ss.active;
    s.putFormula(2, 20, "=KAM_LEVEL(F2:F4)");
    s.put(3, 20, "my note");
    expect(s.valueAt(2, 20)).toBe("#REF!");
    s.put(3, 20, "");
    expect(s.valueAt(2, 20)).toBe("High");
    s.putFormula(2, 20, "");
    delete s.cell(2, 20)?.formula;
    call(addon, "menuBuildMatrix");
    const first = Math.min(...s.formulas().map((f) => f.col));
    s.put(200, first, "a note below the table");
    expect(s.valueAt(2, first)).toMatch(/^(High|Medium|Low)$/);
  });

  it(`recalculates only when an argument changes; NOW()/TODAY() as an argument stays "Loading..." — ${PAGE.customFunctions}`, () => {
    const { g, host } = sheetsHost([["Value"], ["High"], ["Low"]]);
    host.evaluate("=KAM_LEVEL(A2:A3)");
    host.evaluate("=KAM_LEVEL(A2:A3)");
    expect([host.executions, host.cached]).toEqual([1, 1]);
    g.ss.active.put(3, 1, "M");
    expect(host.evaluate("=KAM_LEVEL(A2:A3)")).toEqual([["High"], ["Medium"]]);
    expect(host.executions).toBe(2);
    expect(host.evaluate("=KAM_PORTFOLIO(A1:A3, TODAY())")).toEqual([[LOADING]]);
    expect(host.executions).toBe(2);
  });

  it(`may only read: a write answers "You do not have permission" — ${PAGE.customFunctions}`, () => {
    const { g } = sheetsHost([["x"]]);
    g.log.customFunction = true;
    expect(() => g.ss.active.getRange("A1").setValues([["y"]])).toThrow(/You do not have permission to call Range\.setValues/);
    expect(g.ss.getSpreadsheetTimeZone()).toBe("Europe/Paris");
  });
});

describe("Sheets: values written with setValues", () => {
  it(`a string is parsed as if typed ("=…" a formula); data text is written with an apostrophe and stays text — ${PAGE.range} ${PAGE.valueInputOption}`, async () => {
    const g = fakeGoogle([["Client", "Revenue"]]);
    const s = g.ss.active;
    s.getRange("C1:F1").setValues([["=1+1", "+cmd", "0012", "2024-03-05"]]);
    expect(s.formulas().map((f) => f.formula)).toEqual(["=1+1", "=+cmd"]);
    expect([s.cell(1, 5)?.value, s.cell(1, 6)?.value instanceof Date]).toEqual([12, true]);
    // The plain-text format does not document what happens to "=…" written through setValues: refused.
    s.getRange("G1").setNumberFormat("@");
    expect(() => s.getRange("G1").setValues([["=1+1"]])).toThrow(UndocumentedError);
    const names = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "-minus", "0012", "2024-03-05", "'quoted", "TRUE"];
    const rows = [["Client", "Revenue"], ...names.map((n, i) => [n, 100 - i])];
    const d = fakeGoogle(rows);
    await buildPortfolio(asyncPort(new SheetsPort(d)), opts("2026-11-22T10:00:00Z"));
    const p = d.ss.owned(PORTFOLIO_MARKER) as FakeSheet;
    expect(p.formulas()).toEqual([]);
    const texts = [...p.cells.values()].map((c) => c.value);
    for (const n of names) expect(texts).toContain(n);
  });

  it(`a leading apostrophe is not part of the stored value — ${PAGE.extendedValue}`, () => {
    const g = fakeGoogle();
    const r = g.ss.active.getRange("A1:C1");
    r.setValues([["'=1+1", "'0012", "''quoted"]]);
    expect(r.getValues()).toEqual([["=1+1", "0012", "'quoted"]]);
    expect(r.getFormulas()).toEqual([["", "", ""]]);
  });

  it(`formulas are never written into a plain-text column: the matrix resets the formats it writes — ${PAGE.range}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const s = g.ss.active;
    s.getRange("N1:V60").setNumberFormat("@"); // the user formatted the empty columns as plain text
    const addon = loadAddon(g);
    call(addon, "menuBuildMatrix");
    expect(g.ui.alerts).toEqual([]);
    expect(s.formulas()).toHaveLength(9);
    expect(s.cell(2, 14)?.format).toBeUndefined();
  });
});

describe("Sheets: services", () => {
  it(`builds hold the document lock; a second build at once is refused and writes nothing — ${PAGE.lockService} ${PAGE.lock}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    g.lock.heldElsewhere = true;
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toEqual(["KAM Portfolio: Another KAM Portfolio build is running in this spreadsheet; try again when it has finished."]);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients"]);
    expect(() => call(addon, "panelBuildMatrix", {})).toThrow(/Another KAM Portfolio build is running/);
    g.lock.heldElsewhere = false;
    call(addon, "menuBuildPortfolio");
    expect(g.lock.held).toBe(false);
    const names = g.log.calls.map((c) => c.name);
    expect(names.lastIndexOf("SpreadsheetApp.flush")).toBe(names.lastIndexOf("Lock.releaseLock") - 1);
    // Outside a document getDocumentLock() is null: the build runs without it.
    const standalone = fakeGoogle(csvSheet("examples/clients.csv"), "Clients", { standalone: true });
    call(loadAddon(standalone), "menuBuildPortfolio");
    expect(standalone.ui.alerts).toEqual([]);
  });

  it(`dates are formatted with Utilities.formatDate; Code.js needs nothing the V8 runtime lacks — ${PAGE.utilities} ${PAGE.v8}`, () => {
    const code = codeJs();
    for (const api of [/\bIntl\./, /\bsetTimeout\(/, /\bsetInterval\(/, /\bTextEncoder\b/, /\bTextDecoder\b/, /\bnew URL\(/, /\bURLSearchParams\b/, /\batob\(/, /\bbtoa\(/, /\bstructuredClone\(/, /\bcrypto\./]) expect(code).not.toMatch(api);
    const g = fakeGoogle([["Client", "Revenue", "Last review"], ["Acme", 100, sheetDate(2026, 7, 7, "Pacific/Auckland")]]);
    g.ss.timeZone = "Pacific/Auckland";
    const addon = loadAddon(g);
    expect((addon as Record<string, unknown>).Intl).toBeUndefined();
    const summary = call(addon, "panelBuildPortfolio", {}) as BuildSummary;
    expect(summary.clients).toHaveLength(1);
    expect(g.log.named("Utilities.formatDate")).toBeGreaterThan(0);
  });

  it(`createHtmlOutputFromFile takes an HTML file of the project by its name without .html, and throws when there is none — ${PAGE.htmlService}`, () => {
    // Every file the add-on opens so (the sidebar, the Help dialog) is an .html file of the pushed project.
    const source = readFileSync(`${ROOT}sheets-addon/entry-points.ts`, "utf8");
    const names = [...source.matchAll(/createHtmlOutputFromFile\("([^"]+)"\)/g)].map((m) => m[1] as string);
    expect(names.sort()).toEqual(["Help", "Sidebar"]);
    // …and the sample clients' file, named by sample.ts.
    expect(source).toContain("createHtmlOutputFromFile(SAMPLE_FILE)");
    names.push(SAMPLE_FILE);
    for (const name of names) expect(readFileSync(`${ADDON}${name}.html`, "utf8").length).toBeGreaterThan(0);
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    call(addon, "showHelp");
    expect(g.ui.dialogs[0]?.html.getContent()).toContain("KAM_GRADE(");
    g.files.delete("Help");
    expect(() => call(addon, "showHelp")).toThrow(/No HTML file named Help/);
    g.files.set("Help.html", "<p>x</p>");
    expect(() => call(addon, "showHelp")).toThrow(/No HTML file named Help/);
  });

  it(`getContent() gives an HTML file's text as written (Google's include idiom reads CSS and JavaScript files so): "Add sample sheet" reads Sample.html — ${PAGE.htmlInclude}`, () => {
    const g = fakeGoogle();
    const addon = loadAddon(g);
    const file = readFileSync(`${ADDON}${SAMPLE_FILE}.html`, "utf8");
    expect(g.HtmlService.createHtmlOutputFromFile(SAMPLE_FILE).getContent()).toBe(file);
    call(addon, "addSampleSheet");
    expect(g.ss.sheet("Sample clients")?.extent()).toEqual({ rows: sampleRows(file).length, cols: sampleRows(file)[0]?.length });
    expect(g.log.named("HtmlService.createHtmlOutputFromFile")).toBe(2);
    // Without the file, the menu item fails as Apps Script does, before it adds a sheet.
    g.files.delete(SAMPLE_FILE);
    expect(() => call(addon, "addSampleSheet")).toThrow(/No HTML file named Sample/);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients", "Sample clients"]);
  });

  it(`Code.js is ES2020 at most: \`?.\` and \`??\` as written, nothing the page does not vouch for — ${PAGE.v8}`, () => {
    // The V8 runtime takes "modern ECMAScript syntax"; Google's own samples use ?. and ?? in .gs
    // files (scripts/build/sheets.mjs names them). Class fields are reported missing
    // (github.com/google/clasp/issues/935), so nothing past ES2020 is emitted.
    // The checker (test/es-floor.ts) is shared with Excel's bundles (test/excel/host-rules-webviews.test.ts).
    const floor = es2020Floor("Code.js", codeJs());
    expect(floor.newer).toEqual([]);
    expect(floor.optionalChain).toBeGreaterThan(0);
    expect(floor.nullish).toBeGreaterThan(0);
  });

  it(`document properties may be missing and have quotas — ${PAGE.properties} ${PAGE.quotas}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"), "Clients", { noDocumentProperties: true });
    expect(() => call(loadAddon(g), "panelGetState")).toThrow(/document properties are not available/);
    const h = fakeGoogle();
    expect(() => h.properties.setProperties({ big: "x".repeat(PROPERTY_VALUE_LIMIT + 1) })).toThrow(ServiceError);
    const settings = call(loadAddon(fakeGoogle(csvSheet("examples/clients.csv"))), "panelGetState") as PanelState;
    expect(Buffer.byteLength(JSON.stringify(settings.settings))).toBeLessThan(PROPERTY_VALUE_LIMIT / 4);
  });

  it(`the manifest asks for two scopes; Code.js uses only services they (or no authorisation) cover — ${PAGE.scopes} ${PAGE.customFunctions}`, () => {
    const manifest = JSON.parse(readFileSync(`${ADDON}appsscript.json`, "utf8")) as { oauthScopes: string[] };
    expect([...manifest.oauthScopes].sort()).toEqual(["https://www.googleapis.com/auth/script.container.ui", "https://www.googleapis.com/auth/spreadsheets.currentonly"]);
    // Every Apps Script global service, from the official typings; Code.js (comments and strings left
    // out) may name only these: the two scopes cover Spreadsheet, Html and Charts; Lock, Properties
    // and Utilities are on the custom-functions guide's list of services needing no authorisation.
    const typings = readFileSync(`${ROOT}node_modules/@types/google-apps-script/index.d.ts`, "utf8");
    const files = [...typings.matchAll(/path="([^"]+)"/g)].map((m) => readFileSync(`${ROOT}node_modules/@types/google-apps-script/${m[1]}`, "utf8")).join("\n");
    const globals = [...new Set([...files.matchAll(/^declare var (\w+):/gm)].map((m) => m[1] as string))];
    expect(globals.length).toBeGreaterThan(20);
    // The names Code.js reads as variables, from the parsed script (comments, strings, templates and
    // property names such as `gas.Charts` left out): what Apps Script would resolve as a global.
    const source = ts.createSourceFile("Code.js", codeJs(), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const names = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const p = node.parent;
        const isPropertyName = (ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node;
        if (!isPropertyName) names.add(node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    const used = globals.filter((name) => names.has(name)).sort();
    expect(used).toEqual(["Charts", "HtmlService", "LockService", "PropertiesService", "SpreadsheetApp", "Utilities"]);
  });

  it(`google.script.run carries plain data only: the panel's answers pass — ${PAGE.scriptRun}`, () => {
    const g = fakeGoogle([["Client", "Revenue", "Last review"], ["Acme", 100, sheetDate(2026, 7, 7, "Europe/Paris")], ["Beta", 50, ""]]);
    const addon = loadAddon(g);
    expect(() => marshal({ when: new Date() })).toThrow(/Date/);
    for (const answer of [call(addon, "panelGetState"), call(addon, "panelBuildPortfolio", {}), call(addon, "panelAddInputColumns", ["pain"])]) {
      expect(marshal(answer)).toEqual(JSON.parse(JSON.stringify(answer)));
    }
  });

  it(`a scatter chart, one header row, options as plain JSON (setOption validates nothing) — ${PAGE.chartBuilder}`, () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    call(loadAddon(g), "menuBuildPortfolio");
    const chart = (g.ss.owned(PORTFOLIO_MARKER) as FakeSheet).charts[0];
    expect(chart?.type).toBe("SCATTER");
    expect(chart?.numHeaders).toBe(1);
    expect(Object.values(chart?.options ?? {}).every(isPlainJson)).toBe(true);
  });

  it(`the profit curve: a LINE chart over its two columns on the tab, one header row, anchored (1-indexed) beside the quadrant — ${PAGE.chartType} ${PAGE.chartBuilder} ${PAGE.containerInfo}`, () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    call(loadAddon(g), "menuBuildPortfolio");
    const sheet = g.ss.owned(PORTFOLIO_MARKER) as FakeSheet;
    expect(sheet.charts.map((c) => c.type)).toEqual(["SCATTER", "LINE"]);
    const [quadrant, curve] = sheet.charts as [FakeChart, FakeChart];
    expect(curve.numHeaders).toBe(1);
    // Its range: the header row then the points, two columns of numbers on the tab itself.
    const range = curve.ranges[0] as FakeRange;
    expect(range.getNumColumns()).toBe(2);
    const values = range.getValues();
    expect(values[0]).toEqual(["Share of clients", "Share of profit"]);
    expect(values.slice(1).every((r) => r.every((v) => typeof v === "number"))).toBe(true);
    expect(values[1]).toEqual([0, 0]);
    expect(values[values.length - 1]).toEqual([1, 1]);
    // Beside the quadrant: the same anchor row, a column to its right.
    expect(curve.position[0]).toBe(quadrant.position[0]);
    expect(curve.position[1]).toBeGreaterThan(quadrant.position[1]);
    expect(Object.values(curve.options).every(isPlainJson)).toBe(true);
    // The fake refuses what the host would not take: a type that is no ChartType, a 0-based anchor.
    expect(() => sheet.newChart().setChartType("PROFIT" as never)).toThrow(/ChartType/);
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow(/1-indexed/);
  });

  it(`a spreadsheet holds at most 10 million cells: the history keeps 5 columns and 24 builds; a build reads 4 — ${PAGE.driveLimits} ${PAGE.sheet}`, async () => {
    const g = fakeGoogle(syntheticClients(800));
    const builds = HISTORY_BUILDS_KEPT + 3;
    for (let i = 0; i < builds; i++) await buildPortfolio(asyncPort(new SheetsPort(g)), opts(`2026-11-${String(1 + (i % 28)).padStart(2, "0")}T${String(10 + Math.floor(i / 28)).padStart(2, "0")}:00:00Z`));
    const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    expect(history.maxCols).toBe(5);
    const index = parseHistoryIndex(g.ss.metadata.find((m) => m.key === HISTORY_MARKER)?.value);
    expect(index).toHaveLength(HISTORY_BUILDS_KEPT);
    expect(history.extent().rows).toBe(1 + HISTORY_BUILDS_KEPT * 800);
    expect(g.ss.cellCount()).toBeLessThan(CELL_LIMIT / 20);
    g.log.reset();
    const state = await asyncPort(new SheetsPort(g)).read();
    expect(new Set(state.history.map((s) => s.date)).size).toBe(HISTORY_BUILDS_READ);
    expect(g.log.cellsRead).toBe(801 * 8 + HISTORY_BUILDS_READ * 800 * 5);
  });

  it(`onOpen runs in AuthMode.NONE and only builds the menu — ${PAGE.authLifecycle}`, () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    g.log.authModeNone = true;
    call(addon, "onOpen", { authMode: "NONE" });
    expect(g.ui.menus).toHaveLength(1);
  });
});

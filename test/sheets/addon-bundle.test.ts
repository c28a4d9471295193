// The built add-on (dist/sheets-addon) as Apps Script sees it: Code.js loaded into a node vm
// context with the in-memory SpreadsheetApp fake as its only services.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import vm from "node:vm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { callFunction, FUNCTIONS } from "../../core/functions";
import { documented } from "../../core/functions/help";
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER, PORTFOLIO_SHEET } from "../../core/plan";
import type { BuildSummary, PanelState } from "../../core/bridge";
import { ROOT } from "../helpers";
import { fakeGoogle, type FakeGoogle } from "../fakes/spreadsheet-app";
import { enter, formulaLike, type FakeCell } from "../fakes/sheets/cells";
import { ADDON, call, codeJs, loadAddon, loadAddonFast, topLevelFunctions, type AddonGlobals } from "./apps-script";
import { csvSheet, syntheticClients } from "./data";

const ENTRY_POINTS = [
  "onOpen", "onInstall", "showPanel", "menuBuildMatrix", "menuBuildPortfolio", "addSampleSheet", "runSelfTest", "showHelp",
  "panelGetState", "panelSaveSettings", "panelBuildMatrix", "panelBuildPortfolio", "panelAddInputColumns",
];
const MENU = [
  ["Open panel", "showPanel"], ["Build matrix", "menuBuildMatrix"], ["Build portfolio", "menuBuildPortfolio"], ["---", ""],
  ["Add sample sheet", "addSampleSheet"], ["Run self-test", "runSelfTest"], ["Help", "showHelp"],
];

let code = "";
beforeAll(() => {
  code = codeJs();
});

describe("dist/sheets-addon is a pushable Apps Script project", () => {
  it("holds exactly Code.js, Help.html, Sample.html, Sidebar.html and appsscript.json, and .clasp.json points at it", () => {
    expect(readdirSync(ADDON).sort()).toEqual(["Code.js", "Help.html", "Sample.html", "Sidebar.html", "appsscript.json"]);
    const clasp = JSON.parse(readFileSync(`${ROOT}.clasp.json`, "utf8"));
    expect(clasp.rootDir).toBe("dist/sheets-addon");
    expect(typeof clasp.scriptId).toBe("string");
  });

  it("is what clasp would push (clasp status, offline)", () => {
    const out = execFileSync(process.execPath, [`${ROOT}node_modules/@google/clasp/build/src/index.js`, "status", "--json"], { cwd: ROOT, encoding: "utf8" });
    const status = JSON.parse(out.slice(out.indexOf("{")));
    expect([...status.filesToPush].sort()).toEqual(["dist/sheets-addon/Code.js", "dist/sheets-addon/Help.html", "dist/sheets-addon/Sample.html", "dist/sheets-addon/Sidebar.html", "dist/sheets-addon/appsscript.json"]);
  });

  it("runs on V8 with exactly the two scopes", () => {
    const manifest = JSON.parse(readFileSync(`${ADDON}appsscript.json`, "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect([...manifest.oauthScopes].sort()).toEqual([
      "https://www.googleapis.com/auth/script.container.ui",
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
    ]);
    expect(manifest.urlFetchWhitelist).toBeUndefined();
    expect(manifest.dependencies?.enabledAdvancedServices ?? []).toEqual([]);
  });

  it("is one classic script: no export/import, no network", () => {
    expect(() => new vm.Script(code, { filename: "Code.js" })).not.toThrow();
    expect(code.split("\n").filter((l) => /^\s*(export|import)\b/.test(l))).toEqual([]);
    expect(code).not.toMatch(/\bimport\s*\(/);
    for (const api of [/\bUrlFetchApp\b/, /\bfetch\s*\(/, /\bXMLHttpRequest\b/, /\bWebSocket\b/]) expect(code).not.toMatch(api);
    const html = readFileSync(`${ADDON}Sidebar.html`, "utf8");
    for (const api of [/\bfetch\s*\(/, /\bXMLHttpRequest\b/, /\bWebSocket\b/, /<script[^>]+src=/i, /<link[^>]+href=/i]) expect(html).not.toMatch(api);
  });

  it("declares every custom function at top level with its @customfunction JSDoc and real parameter names", () => {
    for (const f of documented()) {
      const params = f.params.map((p) => p.name);
      const at = code.indexOf(`\nfunction KAM_${f.name}(${params.join(", ")}) {`);
      expect(at, `KAM_${f.name}`).toBeGreaterThan(0);
      const doc = code.slice(code.lastIndexOf("/**", at), at);
      expect(doc).toContain("@customfunction");
      expect(doc).toContain(f.description);
      const documented = [...doc.matchAll(/@param \{[^}]*\} (\w+) /g)].map((m) => m[1]);
      expect(documented).toEqual(params);
      for (const p of f.params) expect(doc).toContain(p.description);
    }
  });

  it("docs/sheets.md lists every custom function with its parameters", () => {
    const doc = readFileSync(`${ROOT}docs/sheets.md`, "utf8");
    for (const f of FUNCTIONS) {
      const signature = `KAM_${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
      expect(doc, signature).toContain(`| \`${signature}\` |`);
    }
  });

  it("declares the entry points at top level with their JSDoc, and nothing else", () => {
    expect(topLevelFunctions(code).sort()).toEqual([...ENTRY_POINTS, ...FUNCTIONS.map((f) => `KAM_${f.name}`)].sort());
    for (const name of ENTRY_POINTS) {
      const at = code.indexOf(`\nfunction ${name}(`);
      const before = code.slice(0, at).trimEnd();
      expect(before.endsWith("*/"), `${name} has JSDoc right above it`).toBe(true);
    }
    const g = fakeGoogle();
    const addon = loadAddon(g, code);
    for (const name of [...ENTRY_POINTS, ...FUNCTIONS.map((f) => `KAM_${f.name}`)]) expect(typeof addon[name], name).toBe("function");
  });
});

describe("menu", () => {
  it("onOpen builds the add-on menu in AuthMode.NONE, touching nothing else", () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    g.log.authModeNone = true;
    call(addon, "onOpen", { authMode: "NONE" });
    expect(g.ui.menus).toHaveLength(1);
    expect(g.ui.menus[0]?.items).toEqual(MENU);
    expect(g.log.calls.map((c) => c.name).every((n) => /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.)/.test(n))).toBe(true);
    // Every item names a top-level function.
    for (const [, fn] of MENU) if (fn) expect(typeof addon[fn]).toBe("function");
    call(addon, "onInstall", { authMode: "NONE" });
    expect(g.ui.menus).toHaveLength(2);
  });

  it("Build matrix and Build portfolio from the menu work on the examples and say what they did", () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    const before = g.ss.active.snapshot();
    call(addon, "menuBuildMatrix");
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toEqual([]);
    expect(g.ss.toasts).toEqual([
      "KAM Portfolio: Matrix: 42 clients: 8 A, 20 B, 14 C; 1 row needs data",
      "KAM Portfolio: 42 clients: 8 A, 20 B, 14 C; 1 row needs data",
    ]);
    const data = g.ss.sheet("Clients");
    const own = g.ss.owned(PORTFOLIO_MARKER);
    expect(own?.name).toBe(PORTFOLIO_SHEET);
    expect(g.ss.owned(HISTORY_MARKER)?.hidden).toBe(true);
    expect(g.ss.metadata.filter((m) => m.key === MATRIX_MARKER)).toHaveLength(1);
    // The user's 13 columns are as they were; the matrix is 9 formulas in row 2.
    const userPart = JSON.parse(data?.snapshot() ?? "[]").filter(([k]: [string]) => Number(k.split(",")[1]) <= 13);
    expect(JSON.stringify(userPart)).toBe(JSON.stringify(JSON.parse(before)));
    expect(data?.formulas().map((f) => `${f.row}:${f.col}`).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `2:${14 + i}`).sort());
    // The portfolio is active, so a second menu build rebuilds from the sheet last built from.
    expect(g.ss.active).toBe(own);
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toEqual([]);
    expect(g.ss.sheets.filter((s) => g.ss.metadata.some((m) => m.key === PORTFOLIO_MARKER && m.location.type === "SHEET" && m.location.sheet === s))).toHaveLength(1);
  });

  it("a build that cannot run says why in an alert, and changes nothing", () => {
    const g = fakeGoogle([["Product", "Colour"], ["Chair", "Red"]]);
    const addon = loadAddon(g);
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toHaveLength(1);
    expect(g.ui.alerts[0]).toMatch(/^KAM Portfolio: No client or revenue column found in this sheet \(headers seen: Product, Colour\)/);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });

  it("opens the panel in the sidebar and the help with every custom function", () => {
    const g = fakeGoogle();
    const addon = loadAddon(g);
    call(addon, "showPanel");
    expect(g.ui.sidebars[0]?.title).toBe("KAM Portfolio");
    expect(g.ui.sidebars[0]?.getContent()).toContain('<div id="app"></div>');
    call(addon, "showHelp");
    expect(g.ui.dialogs[0]?.title).toBe("KAM Portfolio — Help");
    const help = g.ui.dialogs[0]?.html.getContent() ?? "";
    for (const f of FUNCTIONS) expect(help).toContain(`KAM_${f.name}(`);
    // Help.html, generated from the function table's help: every signature and description, no script.
    for (const f of documented()) {
      const signature = `KAM_${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
      expect(help).toContain(`<li><code>${signature}</code> — ${f.description.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</li>`);
    }
    expect(help).not.toMatch(/<script/i);
  });

  it("carries the function help only where it is shown: the stubs' JSDoc and Help.html, not the bundled code", () => {
    const bundled = code.slice(0, code.indexOf("// ---- Top-level functions"));
    expect(bundled.length).toBeGreaterThan(50_000);
    for (const f of documented()) {
      expect(bundled).not.toContain(f.description);
      for (const p of f.params) if (p.description.length > 20) expect(bundled, `${f.name}(${p.name})`).not.toContain(p.description);
    }
  });

  it("adds the sample sheet with a client named like a formula kept as text, ready to build", () => {
    const g = fakeGoogle();
    const addon = loadAddon(g);
    call(addon, "addSampleSheet");
    const sample = g.ss.sheet("Sample clients");
    expect(sample).toBeDefined();
    expect(g.ss.active).toBe(sample);
    const csv = readFileSync(`${ROOT}examples/clients.csv`, "utf8").trim().split("\n");
    expect(sample?.extent().rows).toBe(csv.length);
    expect(sample?.formulas()).toEqual([]);
    // Typed with its apostrophe: stored as the text itself, with no formula and no plain-text format.
    const hyperlink = [...(sample?.cells.values() ?? [])].find((c) => String(c.value).startsWith("=HYPERLINK"));
    expect(hyperlink?.value).toMatch(/^=HYPERLINK\(/);
    expect(hyperlink?.format).toBeUndefined();
    // Numbers and percents typed as in the CSV become numbers, as an import would.
    expect(sample?.cell(2, 3)?.value).toBe(29100);
    // Every cell is the CSV's cell as typed (Sample.html carries the rows in a shorter form of its own).
    const cells = Papa.parse<string[]>(readFileSync(`${ROOT}examples/clients.csv`, "utf8").trim(), { skipEmptyLines: true }).data;
    cells.forEach((row, r) => row.forEach((v, c) => {
      const typed: FakeCell = { value: undefined };
      enter(typed, formulaLike(v) ? `'${v}` : v, g.ss.timeZone);
      expect(sample?.cell(r + 1, c + 1)?.value, `row ${r + 1}, column ${c + 1}`).toEqual(typed.value);
    }));
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toEqual([]);
    expect(g.ss.toasts[0]).toMatch(/^KAM Portfolio: 42 clients/);
    call(addon, "addSampleSheet");
    expect(g.ss.sheet("Sample clients (2)")).toBeDefined();
  });
});

describe("custom functions", () => {
  let addon: AddonGlobals;
  beforeAll(() => {
    addon = loadAddon(fakeGoogle());
  });

  it("a cell in gives a value out, a range in the same shape out", () => {
    expect(call(addon, "KAM_GRADE", "High", "Low", "High", "High", "Low")).toBe("A");
    expect(call(addon, "KAM_WALLET_RATING", 0.8)).toBe("High");
    const shares = [[0.1], [0.6], [""], [0.9]];
    expect(call(addon, "KAM_WALLET_RATING", shares)).toEqual([["Low"], ["Medium"], [""], ["High"]]);
    const ratings = [["High", "Low", "High", "High", "Low"], ["", "", "", "", ""], ["Low", "High", "Low", "Low", "High"]];
    const col = (j: number) => ratings.map((r) => [r[j]]);
    expect(call(addon, "KAM_SCORE", col(0), col(1), col(2), col(3), col(4))).toEqual([[100], [""], [0]]);
    // Rows blank in every range at the end (an open-ended C2:C reaches the sheet's last row) are dropped.
    const tail = [...ratings, ["", "", "", "", ""], ["", "", "", "", ""]];
    expect(call(addon, "KAM_SCORE", ...[0, 1, 2, 3, 4].map((j) => tail.map((r) => [r[j]])))).toEqual([[100], [""], [0]]);
    // The same answers as the core table (one implementation, two hosts).
    for (const f of ["GRADE", "WHY", "SCORE"]) {
      const args = [col(0), col(1), col(2), col(3), col(4)];
      const expected = callFunction(f, args).result.map((r) => r.map((v) => (typeof v === "object" ? String(v) : v)));
      expect(call(addon, `KAM_${f}`, ...args)).toEqual(expected);
    }
  });

  it("a bad cell gives readable text in that cell alone; a bad option in every cell", () => {
    const out = call(addon, "KAM_PROFIT_RATING", [[0.3], ["lots"], [-0.05]]) as unknown[][];
    expect(out[0]).toEqual(["High"]);
    expect(String(out[1]?.[0])).toMatch(/^⚠ "lots" is not a margin/);
    expect(out[2]).toEqual(["Laggard"]);
    expect(call(addon, "KAM_WALLET_RATING", "abc")).toMatch(/^⚠ /);
    const bad = call(addon, "KAM_REVENUE_RATING", [[1], [2]], [[1], [2]], 80, 30) as unknown[][];
    expect(bad.flat().every((v) => String(v).startsWith("⚠ top_pct + next_pct must be at most 100"))).toBe(true);
  });

  it("KAM_PORTFOLIO spills the live ranked table", () => {
    const rows = csvSheet("test/vectors/clients-60.csv");
    const out = call(addon, "KAM_PORTFOLIO", rows) as unknown[][];
    expect(out[0]?.slice(0, 4)).toEqual(["Rank", "Client", "Grade", "Score"]);
    expect(out.length).toBe(61);
    expect(out.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("KAM_PORTFOLIO flags review-due only against a today argument (a custom function never sees the clock move)", () => {
    const table = [["Client", "Revenue", "Last review"], ["Acme", 1000, "2020-01-01"], ["Beta", 10, ""]];
    const flags = (out: unknown) => (out as unknown[][]).slice(1).map((r) => String(r[11]));
    expect(flags(call(addon, "KAM_PORTFOLIO", table)).some((f) => f.includes("review-due"))).toBe(false);
    expect(flags(call(addon, "KAM_PORTFOLIO", table, "2026-11-22")).every((f) => f.includes("review-due"))).toBe(true);
    expect(flags(call(addon, "KAM_PORTFOLIO", table, "2020-01-02"))[0]).not.toContain("review-due");
    expect(String((call(addon, "KAM_PORTFOLIO", table, "soon") as unknown[][])[0]?.[0])).toMatch(/^⚠ today: /);
  });

  it("10,000 per-cell KAM_REVENUE_RATING calls in one runtime sort the population once (Excel's shared runtime; in Sheets each cell is its own execution: host-rules.test.ts)", () => {
    const addon = loadAddonFast(fakeGoogle());
    const population = syntheticClients(10_000).slice(1).map((r) => [r[2] as number]);
    const sorted = population.map((r) => r[0] as number).sort((a, b) => b - a);
    const sortsBefore = addon.KAM_ADDON.populationSorts();
    const counts: Record<string, number> = {};
    for (let i = 0; i < population.length; i++) {
      // Sheets hands every call its own copy of the range.
      const copy = population.map((r) => [r[0]]);
      const rating = call(addon, "KAM_REVENUE_RATING", population[i]?.[0], copy) as string;
      counts[rating] = (counts[rating] ?? 0) + 1;
    }
    expect(addon.KAM_ADDON.populationSorts() - sortsBefore).toBe(1);
    // Rank-based: the top 10% High, the next 10% Medium (ties share the best rank).
    const high = population.filter((r) => sorted.indexOf(r[0] as number) + 1 <= 1000).length;
    expect(counts.High).toBe(high);
    expect((counts.High ?? 0) + (counts.Medium ?? 0) + (counts.Low ?? 0)).toBe(10_000);
  });
});

/** Runs `build` on a fresh add-on over `rows`; returns the fake after resetting its log. */
function measure(rows: unknown[][], steps: ((addon: AddonGlobals, g: FakeGoogle) => void)[]): { calls: number; service: number; trips: number; reads: number; writes: number }[] {
  const g = fakeGoogle(rows);
  const addon = loadAddon(g);
  return steps.map((step) => {
    g.log.reset();
    step(addon, g);
    expect(g.ui.alerts).toEqual([]);
    return { calls: g.log.calls.length, service: g.log.serviceCalls(), trips: g.log.roundTrips(), reads: g.log.count("read"), writes: g.log.count("write") };
  });
}

describe("service calls do not grow with rows", () => {
  const settings = { weights: { revenue: 30, profitability: 25, strategic: 20, wallet: 15, pain: 10 } };
  const steps: [string, (addon: AddonGlobals) => void][] = [
    ["Build matrix (menu, first time)", (a) => call(a, "menuBuildMatrix")],
    ["Build portfolio (menu, first time)", (a) => call(a, "menuBuildPortfolio")],
    ["Build portfolio (panel, portfolio tab active, settings changed)", (a) => call(a, "panelBuildPortfolio", { ...settings, gradeAMin: 65 })],
    ["Build matrix (panel, rebuild)", (a) => call(a, "panelBuildMatrix", { ...settings, gradeAMin: 65 })],
    ["Panel state", (a) => call(a, "panelGetState")],
  ];
  it("60 and 10,000 clients: the same calls, at most 18 round trips per build (3 of them the document lock)", () => {
    const small = measure(syntheticClients(60), steps.map((s) => s[1]));
    const large = measure(syntheticClients(10_000), steps.map((s) => s[1]));
    const examples = measure(csvSheet("examples/clients.csv"), steps.map((s) => s[1]));
    const lines = steps.map(([label], i) => `${label}: 60 rows ${JSON.stringify(small[i])}; 10,000 rows ${JSON.stringify(large[i])}; examples ${JSON.stringify(examples[i])}`);
    console.log(`Service calls per build:\n${lines.join("\n")}`);
    steps.forEach(([label], i) => {
      expect(large[i], label).toEqual(small[i]);
      expect(small[i]?.trips, label).toBeLessThanOrEqual(18);
      expect(examples[i]?.trips, label).toBeLessThanOrEqual(18);
    });
    // One read of the client table per build.
    const g = fakeGoogle(syntheticClients(10_000));
    const addon = loadAddon(g);
    call(addon, "menuBuildPortfolio");
    expect(g.log.named("Range.getValues")).toBe(1);
  });
});

describe("the panel's server functions (google.script.run)", () => {
  it("shows the sheet's mapping, builds with the panel's settings and saves them in the document", () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    const state = call(addon, "panelGetState") as PanelState;
    expect(state.sheetName).toBe("Clients");
    expect(state.headers[state.mapping.client as number]).toBe("Client");
    expect(state.headers[state.mapping.revenue as number]).toBe("Annual Revenue");
    expect(state.missingInputs).toEqual([]);
    expect(state.problem).toBeNull();
    const summary = call(addon, "panelBuildPortfolio", { ...state.settings, gradeAMin: 70 }) as BuildSummary;
    expect(summary.message).toMatch(/^42 clients: \d+ A/);
    expect(summary.clients.every((c) => c.grade !== "A" || c.score >= 70 || c.flags.includes("override"))).toBe(true);
    expect(JSON.parse(g.properties.store.get("kam-portfolio:settings") ?? "{}").gradeAMin).toBe(70);
    // The settings come back with the state.
    expect((call(addon, "panelGetState") as PanelState).settings.gradeAMin).toBe(70);
  });

  it("saves the settings on every panel build, after the build; a menu build keeps the saved ones", () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    call(addon, "menuBuildMatrix");
    expect(g.ui.alerts).toEqual([]);
    expect(g.properties.store.size).toBe(0);
    const summary = call(addon, "panelBuildMatrix", { gradeAMin: 72 }) as BuildSummary;
    expect(summary.message).toMatch(/^Matrix: 42 clients/);
    expect(JSON.parse(g.properties.store.get("kam-portfolio:settings") ?? "{}").gradeAMin).toBe(72);
    // The settings are written once the build's writes are done: the last service call before the
    // document lock is released (pending writes flushed first).
    expect(g.log.calls.slice(-3).map((c) => c.name)).toEqual(["Properties.setProperties", "SpreadsheetApp.flush", "Lock.releaseLock"]);
    call(addon, "menuBuildPortfolio");
    expect(g.ui.alerts).toEqual([]);
    expect(JSON.parse(g.properties.store.get("kam-portfolio:settings") ?? "{}").gradeAMin).toBe(72);
  });

  it("refuses bad settings with the setting's name, writing nothing", () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const addon = loadAddon(g);
    const before = g.ss.active.snapshot();
    expect(() => call(addon, "panelBuildMatrix", { weights: { revenue: 50, profitability: 25, strategic: 20, wallet: 15, pain: 10 } })).toThrow(/Settings: weights: must sum to 100 \(they sum to 120\)/);
    expect(g.ss.active.snapshot()).toBe(before);
    expect(g.properties.store.size).toBe(0);
  });

  it("adds the missing Strategic value / Pain / Relationship columns with H/M/L dropdowns at the first empty columns", () => {
    const rows = [["Client", "Revenue", "", "Notes"], ["Acme", 1000, "", "call back"], ["Beta", 500, "", ""]];
    const g = fakeGoogle(rows);
    const addon = loadAddon(g);
    const state = call(addon, "panelGetState") as PanelState;
    expect(state.missingInputs).toEqual(["strategic", "pain", "relationship"]);
    const before = g.ss.active.snapshot();
    const { added } = call(addon, "panelAddInputColumns", ["strategic", "pain", "relationship"]) as { added: string[] };
    expect(added).toEqual(["Strategic value (column C)", "Pain (column E)", "Relationship (column F)"]);
    const sheet = g.ss.active;
    expect([sheet.cell(1, 3)?.value, sheet.cell(1, 5)?.value, sheet.cell(1, 6)?.value]).toEqual(["Strategic value", "Pain", "Relationship"]);
    expect(sheet.cell(2, 3)?.validation?.values).toEqual(["High", "Medium", "Low"]);
    expect(sheet.cell(2, 3)?.validation?.dropdown).toBe(true);
    expect(sheet.cell(900, 5)?.validation?.values).toEqual(["High", "Medium", "Low"]);
    // Nothing of the user's moved or changed.
    const kept = JSON.parse(sheet.snapshot()).filter(([k]: [string]) => !["1,3", "1,5", "1,6"].includes(k));
    expect(JSON.stringify(kept)).toBe(JSON.stringify(JSON.parse(before)));
    const after = call(addon, "panelGetState") as PanelState;
    expect(after.missingInputs).toEqual([]);
    expect(after.headers[after.mapping.strategic as number]).toBe("Strategic value");
    expect(after.headers[after.mapping.relationship as number]).toBe("Relationship");
    // Asking again adds nothing.
    expect((call(addon, "panelAddInputColumns", ["strategic"]) as { added: string[] }).added).toEqual([]);
  });

  it("says when the active sheet cannot be graded", () => {
    const g = fakeGoogle([["Product", "Colour"]]);
    const addon = loadAddon(g);
    const state = call(addon, "panelGetState") as PanelState;
    expect(state.problem).toMatch(/^No client or revenue column found/);
  });
});

it("the build leaves no file behind but the three pushed ones", () => {
  expect(existsSync(`${ADDON}Code.js.map`)).toBe(false);
});

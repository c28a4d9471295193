// Excel host rules the add-in depends on, one test per rule, each naming the page it comes from.
// The fake Excel (test/fakes/excel/) and its custom-function host enforce every rule; where a page
// is silent the fake assumes the worst, and the rule is listed in docs/testing.md with what the
// pane's self-test checks instead. The workbook's date system: host-rules-date-system.test.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { MARKER_NAMES } from "../../core/markers";
import { rangeA1 } from "../../core/a1";
import { resolveSettings } from "../../core/settings";
import { dayFromParts, dayToSerial } from "../../core/values";
import { REQUIREMENT_SETS } from "../../excel-addin/manifest";
import { ExcelPort } from "../../excel-addin/port";
import { PAYLOAD_LIMIT } from "../../excel-addin/payload";
import { CUSTOM_PROPERTY_LIMIT, FakeContext, FakeExcelError, type FakeSheetState } from "../fakes/excel";
import { ExcelCellError } from "../fakes/excel/custom-functions";
import { isSetSupported, versionAtLeast } from "../fakes/excel/requirements";
import { startWorker } from "../fakes/excel/worker";
import { ROOT } from "../helpers";
import { apiUses, type ApiUse } from "./api-sets";
import { col, DIST, host, metadata, opts, PAGE, port, workbook } from "./host-rules-setup";
import { csvSheet, syntheticSheet } from "./sheets";

describe("Excel: custom functions", () => {
  it(`functions.json lets error cells reach the functions (allowErrorForDataTypeAny, top level) and asks for no 1.4 feature — ${PAGE.json}`, () => {
    const m = metadata();
    expect(Object.keys(m)).toEqual(["allowErrorForDataTypeAny", "functions"]);
    expect(m.allowErrorForDataTypeAny).toBe(true);
    expect(m.functions.every((f) => !f.options?.volatile)).toBe(true);
  });

  it(`an error cell in a range spoils its own result only; without the flag, the whole call — ${PAGE.errors}`, () => {
    const input = col("High", new ExcelCellError("#N/A"), "Low");
    for (const errorShape of ["code", "datatype"] as const) {
      const out = host().invoke("LEVEL", [input], { errorShape }).map((r) => r[0]);
      expect(out).toEqual(["High", "#VALUE!", "Low"]);
    }
    const { allowErrorForDataTypeAny, ...without } = metadata();
    void allowErrorForDataTypeAny;
    expect(host(undefined, without).invoke("LEVEL", [input])).toEqual([["#N/A"]]);
  });

  it(`a result cell holds what result.type says: HHI of an empty range is blank, not #VALUE! — ${PAGE.json}`, () => {
    const h = host();
    expect(h.invoke("HHI", [col(null, null)])).toEqual([[""]]);
    expect(h.invoke("TOP_SHARE", [col(null)])).toEqual([[""]]);
    expect(h.invoke("HHI", [col(100, 100)])).toEqual([[5000]]);
    for (const f of metadata().functions) expect(["any", "string", undefined]).toContain(f.result.type);
  });

  it(`CustomFunctions.Error is CustomFunctionsRuntime 1.2, its ErrorCode 1.3: the manifest asks for 1.3 — ${PAGE.cfSets} ${PAGE.errors}`, () => {
    expect(versionAtLeast(REQUIREMENT_SETS.CustomFunctionsRuntime, "1.3")).toBe(true);
    expect(host().invoke("REVENUE_RATING", [col(100, "abc")]).map((r) => r[0])).toEqual(["High", "#VALUE!"]);
    // Below, the runtime lacks what the functions use: a bad cell would spoil everything, or show no error.
    expect(host({ ...REQUIREMENT_SETS, CustomFunctionsRuntime: "1.1" }).invoke("REVENUE_RATING", [col(100, "abc")])).toEqual([["#VALUE!"]]);
    expect(host({ ...REQUIREMENT_SETS, CustomFunctionsRuntime: "1.2" }).invoke("REVENUE_RATING", [col(100, "abc")]).map((r) => r[0])).toEqual(["High", "(no error code)"]);
  });

  it(`an omitted optional argument is null; a blank cell stays blank on the web — ${PAGE.parameters}`, () => {
    const h = host();
    expect(h.invoke("WALLET_RATING", [col(0.8, null, 0.1)]).map((r) => r[0])).toEqual(["High", "", "Low"]);
    // all_revenue and top_pct omitted (null: their defaults), next_pct given.
    expect(h.invoke("REVENUE_RATING", [col(100, 50), undefined, undefined, { value: 50 }]).map((r) => r[0])).toEqual(["High", "Medium"]);
    expect(h.invoke("REVENUE_RATING", [col(100, 50)]).map((r) => r[0])).toEqual(["High", "Low"]);
    // The desktop passes 0 for a blank cell (office-js#4702, undocumented): a value, never an error.
    expect(h.invoke("WALLET_RATING", [col(0.8, null)], { platform: "desktop" }).map((r) => r[0])).toEqual(["High", "Low"]);
  });

  it(`a non-volatile function recalculates only when its inputs change: KAM.PORTFOLIO's review-due follows its today argument — ${PAGE.volatile}`, () => {
    const h = host();
    const table = { range: [["Client", "Revenue", "Last review"], ["Acme", 1000, dayToSerial(dayFromParts(2026, 1, 1))]] };
    const flags = (t: number) => String(h.invoke("PORTFOLIO", [table, { value: t }])[1]?.[11]);
    expect(flags(dayToSerial(dayFromParts(2026, 1, 2)))).not.toContain("review-due");
    expect(h.executions).toBe(1);
    flags(dayToSerial(dayFromParts(2026, 1, 2)));
    expect(h.executions).toBe(1);
    expect(flags(dayToSerial(dayFromParts(2027, 6, 1)))).toContain("review-due");
    expect(String(h.invoke("PORTFOLIO", [table])[1]?.[11])).not.toContain("review-due");
  });
});

describe("Excel: requirement sets", () => {
  let uses: ApiUse[];
  beforeAll(() => {
    const files = readdirSync(`${ROOT}excel-addin`).filter((f) => f.endsWith(".ts")).map((f) => `excel-addin/${f}`);
    uses = apiUses(files);
  });

  it(`every Office.js API the add-in calls is within the manifest's sets, or guarded by isSetSupported — ${PAGE.requirements} ${PAGE.excelSets}`, () => {
    expect(uses.length).toBeGreaterThan(100);
    const declared = REQUIREMENT_SETS as Record<string, string>;
    const outside = uses.filter((u) => {
      const floor = declared[u.set];
      if (floor !== undefined && versionAtLeast(floor, u.version)) return false;
      return !(u.guard && u.guard.set === u.set && versionAtLeast(u.guard.version, u.version));
    });
    expect(outside.map((u) => `${u.file}:${u.line} ${u.api} (${u.set} ${u.version})`)).toEqual([]);
    expect(uses.some((u) => u.api === "Worksheet.pageLayout" && u.version === "1.9")).toBe(true);
  });

  it(`on a host without the set an API is ApiNotFound at sync; isSetSupported compares versions as strings of numbers — ${PAGE.apiErrors} ${PAGE.runtimeCheck}`, async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const old = port(st, { supported: { ...REQUIREMENT_SETS, ExcelApi: "1.8" } });
    await expect(buildPortfolio(old.port, opts())).rejects.toThrow(/ApiNotFound/);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
    await buildPortfolio(port(st).port, opts());
    expect(st.sheets).toHaveLength(3);
    expect(isSetSupported({ ExcelApi: "1.10" }, "ExcelApi", "1.9")).toBe(true);
    expect(isSetSupported({ ExcelApi: "1.9" }, "ExcelApi", "1.10")).toBe(false);
    expect(() => isSetSupported({ ExcelApi: "1.9" }, "ExcelApi", 1.9)).toThrow(/string/);
  });
});

describe("Excel: payloads and values", () => {
  it(`a request over 5 MB is refused; builds pack their writes under it — ${PAGE.limits}`, async () => {
    const st = workbook(syntheticSheet(10_000));
    const big = new FakeContext(st);
    await expect(buildPortfolio(new ExcelPort(big.asRequestContext(), { sheetName: "Clients", payloadBudget: 64 * 1024 * 1024 }), opts())).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    const { ctx, port: p } = port(st);
    await buildPortfolio(p, opts());
    expect(ctx.syncs.every((s) => s.requestBytes < PAYLOAD_LIMIT)).toBe(true);
  });

  // The fake's limit is lowered to keep the sheets small: 200 cells (null, then chunks halved down
  // to it) and 150,000 cells (an error, then the add-in's 100,000-cell chunks).
  for (const [bigReads, limit, clients] of [["null", 200, 60], ["throw", 150_000, 20_000]] as const) {
    it(`a read past the cell limit gives ${bigReads === "null" ? "null" : "an error"}: the sheet is read in chunks, never as empty — ${PAGE.performance} ${PAGE.limits}`, async () => {
      const rows = syntheticSheet(clients);
      const st = workbook(rows);
      const { ctx, port: p } = port(st, { cellReadLimit: limit, bigReads });
      const state = await p.read();
      expect(state.rows).toHaveLength(rows.length);
      expect(state.rows[clients]?.[0]).toBe(rows[clients]?.[0]);
      expect(ctx.syncs.length).toBeGreaterThan(2);
      const r = await buildMatrix(port(st, { cellReadLimit: limit, bigReads }).port, opts());
      expect(r.portfolio.clients).toHaveLength(clients);
    });
  }

  it(`values, formulas and number formats take 2-D arrays; null leaves a cell unchanged — ${PAGE.blankNull} ${PAGE.range}`, async () => {
    const st = workbook([["a", "b"]]);
    const ctx = new FakeContext(st);
    const r = ctx.workbook.worksheets.getItem("Clients").getRangeByIndexes(0, 0, 1, 2);
    r.values = [[null, "c"]];
    await ctx.sync();
    expect([st.sheet("Clients")?.valueAt(1, 1), st.sheet("Clients")?.valueAt(1, 2)]).toEqual(["a", "c"]);
    (r as unknown as { numberFormat: unknown }).numberFormat = "@";
    await expect(ctx.sync()).rejects.toThrow(/2-D array/);
    const built = workbook(csvSheet("examples/clients.csv"));
    await buildMatrix(port(built).port, opts());
    await buildPortfolio(port(built).port, opts());
  });

  it(`Range.delete("Up") removes the range's cells and moves the cells below it up, with their formats; other columns stay: the history drops its oldest builds, and a sorted history its sorted rows once the rows in build order are written below them — ${PAGE.rangeDelete} ${PAGE.deleteShift}`, async () => {
    const st = workbook([["Date", "Client", "Grade"], ["d1", "Acme", "A"], ["d1", "Bolt", "B"], ["d2", "Acme", "C"], ["d2", "Bolt", "A"]]);
    const s = st.sheet("Clients") as FakeSheetState;
    s.edit(3, 1).numberFormat = "@";
    s.edit(1, 4).value = "beside";
    const ctx = new FakeContext(st);
    ctx.workbook.worksheets.getItem("Clients").getRangeByIndexes(1, 0, 2, 3).delete("Up");
    await ctx.sync();
    expect(s.rowsFrom(1, 5)).toEqual([["Date", "Client", "Grade", "", ""], ["d2", "Acme", "C", "", "beside"], ["d2", "Bolt", "A", "", ""]]);
    expect(s.cell(1, 1)?.numberFormat).toBe("@");
    // The adapter's use of it: the history of a sorted sheet, put back in build order (test/excel/port.test.ts).
    const built = workbook(csvSheet("test/vectors/clients-60.csv"));
    for (const d of ["2026-11-18", "2026-11-19"]) await buildPortfolio(port(built).port, opts(`${d}T10:00:00Z`));
    const h = built.names.get(MARKER_NAMES.history)?.sheet as FakeSheetState;
    const rows = h.rowsFrom(2, 5);
    [...rows].sort((a, b) => String(a[1]).localeCompare(String(b[1]))).forEach((r, i) => r.forEach((v, c) => (h.edit(1 + i, c).value = v)));
    await buildPortfolio(port(built).port, opts("2026-11-20T10:00:00Z"));
    const back = h.rowsFrom(2, 5).slice(0, rows.length);
    const text = (xs: typeof rows) => xs.map((r) => r.join("|")).sort();
    expect(text(back)).toEqual(text(rows));
    expect(back.map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    expect(h.rowsFrom(2, 5)).toHaveLength(3 * 60);
  });

  it(`"=", "+", "-" written through values become formulas and ISO dates dates; data text gets the text format first — ${PAGE.range} ${PAGE.numberFormat}`, async () => {
    const st = workbook([["x"]]);
    const ctx = new FakeContext(st);
    const ws = ctx.workbook.worksheets.getItem("Clients");
    ws.getRangeByIndexes(1, 0, 1, 3).values = [["=1+1", "-x", "2024-03-05"]];
    const text = ws.getRangeByIndexes(2, 0, 1, 1);
    text.numberFormat = [["@"]];
    text.values = [["=1+1"]];
    await ctx.sync();
    const s = st.sheet("Clients") as FakeSheetState;
    expect(s.formulas().map((f) => f.formula)).toEqual(["=1+1", "=-x"]);
    expect(s.valueAt(2, 3)).toBe(dayToSerial(dayFromParts(2024, 3, 5)));
    expect(s.valueAt(3, 1)).toBe("=1+1");
    const names = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-minus", "@risk"];
    const data = workbook([["Client", "Revenue"], ...names.map((n, i) => [n, 100 - i])]);
    await buildPortfolio(port(data).port, opts());
    const ours = data.names.get(MARKER_NAMES.portfolio)?.sheet as FakeSheetState;
    expect(ours.formulas()).toEqual([]);
    expect((data.names.get(MARKER_NAMES.history)?.sheet as FakeSheetState).cell(1, 0)?.value).toBe("2026-11-22T10:00:00Z");
  });

  it(`a custom property keeps 255 characters outside Excel on the web: the settings are saved in pieces — ${PAGE.customProperty}`, async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const p = port(st).port;
    await p.read();
    await p.saveSettings(resolveSettings({ mapping: { client: "C".repeat(200), revenue: "R".repeat(200) } }));
    expect((await port(st).port.read()).settings).toMatchObject({ mapping: { client: "C".repeat(200) } });
    const values = [...st.customProperties.values()].map(String);
    expect(values.length).toBeGreaterThan(1);
    expect(values.every((v) => v.length <= CUSTOM_PROPERTY_LIMIT)).toBe(true);
  });

  it(`the profit curve: a "Line" chart, its values and x values from ranges of the tab, positioned at a cell beside the quadrant — ${PAGE.chartType} ${PAGE.chartAdd} ${PAGE.chartSeries} ${PAGE.chart}`, async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const { port: p } = port(st);
    const { plan } = await buildPortfolio(p, opts());
    const sheet = st.sheets.find((s) => s.name === plan.name) as FakeSheetState;
    expect(sheet.charts.map((c) => c.type)).toEqual(["XYScatter", "Line"]);
    const curve = sheet.charts[1];
    const spec = plan.profitChart;
    expect(spec).toBeTruthy();
    expect(curve?.series).toHaveLength(1);
    expect(curve?.series[0]?.name).toBe("Share of profit");
    const rect = (r: { row: number; col: number; rows: number }) => ({ row: r.row - 1, col: r.col - 1, rows: r.rows, cols: 1 });
    expect(curve?.series[0]?.y?.rect).toEqual(rect(spec!.y));
    expect(curve?.series[0]?.x?.rect).toEqual(rect(spec!.x));
    expect(curve?.props.position).toMatch(/^[A-Z]+1$/);
    expect(curve?.props.position).not.toBe(sheet.charts[0]?.props.position);
    // The fake refuses a type that is no Excel.ChartType and a start cell that is no address.
    const ctx = new FakeContext(st);
    const ws = ctx.asRequestContext().workbook.worksheets.getItem(plan.name);
    expect(() => ws.charts.add("LineChart" as never, ws.getRange("A1:A2"), "Columns")).toThrow(/ChartType/);
    const chart = ws.charts.add("Line", ws.getRange("A1:A2"), "Columns");
    expect(() => chart.setPosition("R1C1")).toThrow(/cell address/);
  });

  it(`the page: the plan's print ranges as the print area, the table's header row repeated — ${PAGE.pageLayout}`, async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const { port: p } = port(st);
    const { plan } = await buildPortfolio(p, opts());
    const sheet = st.sheets.find((s) => s.name === plan.name) as FakeSheetState;
    expect(plan.page.print?.length).toBe(3); // the key columns, the quadrant chart, the profit curve
    expect(sheet.page.printArea).toBe(plan.page.print?.map((r) => rangeA1(r)).join(","));
    expect(String(sheet.page.printArea)).toMatch(/^A1:[A-Z]+\d+,[A-Z]+1:[A-Z]+14,[A-Z]+1:[A-Z]+14$/);
    expect(sheet.page.printTitleRows).toBe(`$${plan.table.range.row}:$${plan.table.range.row}`);
  });

  it(`the shared runtime: one long-lived page, Page and FunctionFile on it — ${PAGE.sharedRuntime}`, () => {
    const xml = readFileSync(`${DIST}manifest.xml`, "utf8");
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(xml).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(xml).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
    expect(xml.indexOf("<Runtimes>")).toBeGreaterThan(xml.indexOf('<Host xsi:type="Workbook">'));
    expect(xml).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
  });

  it(`the shared runtime's page runs functions.js, then taskpane.js: classic scripts without async, defer or type=module run in document order — ${PAGE.script} ${PAGE.sharedRuntime}`, () => {
    // taskpane.js takes the core from the KAM_CORE functions.js publishes (scripts/lib/shared-core.mjs),
    // so it must run after functions.js has run; alone it stops (test/excel/shared-core.test.ts).
    const html = readFileSync(`${DIST}taskpane.html`, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
    // (The inline guard between them has no src: test/excel/host-rules-webviews.test.ts.)
    const src = scripts.flatMap((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1] ?? []);
    expect(src.slice(1)).toEqual(["functions.js", "taskpane.js"]);
    for (const attrs of scripts) expect(attrs).not.toMatch(/\b(async|defer)\b|type="module"/);
    expect(existsSync(`${DIST}functions.js`) && existsSync(`${DIST}taskpane.js`)).toBe(true);
  });

  it(`the what-if worker is a classic worker started from taskpane.js's URL, so its importScripts("functions.js") loads the file beside it — ${PAGE.worker} ${PAGE.importScripts}`, () => {
    // Started with no options (a classic worker: importScripts throws in a module worker) and by URL
    // (a relative importScripts URL resolves against the worker's entry script, not the page).
    const file = `${ROOT}panel/what-if-worker.ts`;
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const workers: ts.NewExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && n.expression.getText(source) === "Worker") workers.push(n);
      ts.forEachChild(n, visit);
    };
    visit(source);
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(w.arguments?.length, w.getText(source)).toBe(1);

    const base = "https://kam.example/addin/";
    const serve = (url: string) => (url.startsWith(base) && existsSync(`${DIST}${url.slice(base.length)}`) ? `${DIST}${url.slice(base.length)}` : undefined);
    const worker = startWorker(`${base}taskpane.js`, serve);
    expect(worker.imported).toEqual([`${base}functions.js`]);
    expect(typeof worker.scope.onmessage).toBe("function");
    // The fake keeps the page's rules: a module worker has no importScripts, and from a blob URL
    // (as the Sheets sidebar starts its inline script) "functions.js" resolves to nothing.
    expect(() => startWorker(`${base}taskpane.js`, serve, "module")).toThrow(TypeError);
    expect(() => startWorker("blob:https://kam.example/0b7f", (url) => (url.startsWith("blob:") ? `${DIST}taskpane.js` : undefined))).toThrow(/Invalid URL/);
  });
});

it("the fake's errors are the host's", () => {
  expect(new FakeExcelError("ApiNotFound", "x").name).toBe("RichApi.Error");
});

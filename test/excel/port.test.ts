// The Office.js WorkbookPort against the fake Excel (test/fakes/excel.ts, typed against
// @types/office-js): the port contract of core/port.ts, the number of context.sync calls per build
// (constant in rows: the examples and 10,000 clients), the 5 MB request limit, formula injection,
// rebuilds and a failure half-way through.
import { describe, expect, it } from "vitest";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { OwnSheetError } from "../../core/use-cases/grade";
import { TABLE_HEADER_ROW } from "../../core/layout";
import { isPlanDate, isPlanFormula, PORTFOLIO_SHEET, type PlanValue, type SheetPlan } from "../../core/plan";
import { EXCEL_DIALECT, MATRIX_HEADERS } from "../../core/matrix";
import { resolveSettings } from "../../core/settings";
import { dayFromParts, dayToSerial } from "../../core/values";
import { parseAreaRef } from "../../core/a1";
import { ExcelPort, PORTFOLIO_TABLE } from "../../excel-addin/port";
import { MARKER_NAMES, SETTINGS_PROPERTY } from "../../core/markers";
import { PAYLOAD_LIMIT } from "../../excel-addin/payload";
import { FakeContext, FakeExcelError, FakeSheetState, FakeWorkbookState, type FakeExcelOptions } from "../fakes/excel";
import { csvSheet, syntheticSheet } from "./sheets";

const today = dayFromParts(2026, 11, 22);
const opts = (builtAt = "2026-11-22T10:00:00Z") => ({ today, builtAt, dialect: EXCEL_DIALECT });

function workbook(rows: unknown[][], name = "Clients"): FakeWorkbookState {
  const st = new FakeWorkbookState();
  st.addSheet(name, rows);
  return st;
}

/** A port on the "Clients" sheet (as the task pane remembers it), or on the active sheet. */
function port(st: FakeWorkbookState, o: FakeExcelOptions = {}, suffix = "t1", sheetName: string | null = "Clients") {
  const ctx = new FakeContext(st, o);
  return { ctx, port: new ExcelPort(ctx.asRequestContext(), { suffix, ...(sheetName ? { sheetName } : {}) }) };
}

async function portfolio(st: FakeWorkbookState, builtAt?: string, o: FakeExcelOptions = {}) {
  const { ctx, port: p } = port(st, o, `b${st.sheets.length}`);
  const result = await buildPortfolio(p, opts(builtAt));
  return { ctx, result };
}

/** Our portfolio sheet, found the way the add-in finds it: by the KAM_Portfolio name. */
function ours(st: FakeWorkbookState): FakeSheetState {
  const n = st.names.get(MARKER_NAMES.portfolio);
  if (!n || n.sheet.deleted) throw new Error("no owned portfolio sheet");
  return n.sheet;
}

function history(st: FakeWorkbookState): FakeSheetState {
  const n = st.names.get(MARKER_NAMES.history);
  if (!n) throw new Error("no history");
  return n.sheet;
}

function cellsOf(s: FakeSheetState): string {
  return JSON.stringify([...s.cells.entries()].sort());
}

/** Every plan value landed in its cell as Excel stores it. */
function expectPlanWritten(sheet: FakeSheetState, plan: SheetPlan): void {
  const asExcel = (v: PlanValue) => (isPlanDate(v) ? dayToSerial(dayFromParts(...(v.date.split("-").map(Number) as [number, number, number]))) : isPlanFormula(v) ? "" : v ?? "");
  for (const b of plan.blocks) {
    b.values.forEach((row, i) => row.forEach((v, j) => {
      expect(sheet.valueAt(b.row + i, b.col + j), `${b.role} R${b.row + i}C${b.col + j}`).toEqual(asExcel(v));
    }));
  }
}

describe("ExcelPort: portfolio", () => {
  it("writes the plan, the table, fills, chart and history in 2 syncs, then rebuilds in 3", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const first = await portfolio(st);
    expect(first.ctx.syncs).toHaveLength(2);
    const sheet = ours(st);
    expect(sheet.name).toBe(PORTFOLIO_SHEET);
    expect(st.active).toBe(sheet);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients", PORTFOLIO_SHEET, "KAM History"]);
    const plan = first.result.plan;
    expectPlanWritten(sheet, plan);
    // The ranked list is an Excel table over the plan's range, named KAMPortfolio.
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.tables[0]?.name).toBe(PORTFOLIO_TABLE);
    expect(sheet.tables[0]?.rect).toEqual({ row: plan.table.range.row - 1, col: plan.table.range.col - 1, rows: plan.table.range.rows, cols: plan.table.range.cols });
    // Conditional fills: one per plan fill, as "cell value equals" rules.
    expect(sheet.conditionalFormats.map((c) => [c.rule?.formula1, c.fill ?? null, c.fontColor])).toEqual(plan.conditionalFills.map((f) => [`="${f.equals}"`, f.fill ?? null, f.fontColor]));
    // The xyscatter chart: the plan's series over the plan's ranges, axes 0–100.
    const chart = sheet.charts[0];
    // … and the profit curve beside it (SPEC §12).
    expect(sheet.charts.map((c) => c.type)).toEqual(["XYScatter", "Line"]);
    expect(chart?.type).toBe("XYScatter");
    expect(chart?.series.map((s) => s.name)).toEqual(plan.chart?.series.map((s) => s.name));
    chart?.series.forEach((s, i) => {
      const want = plan.chart?.series[i];
      expect(s.x?.rect).toEqual({ row: (want?.x.row ?? 0) - 1, col: (want?.x.col ?? 0) - 1, rows: want?.x.rows, cols: 1 });
      expect(s.y?.sheet).toBe(sheet);
    });
    expect(chart?.props["axis.Value.maximum"]).toBe(100);
    expect(chart?.props["axis.Category.minimum"]).toBe(0);
    expect(sheet.freeze).toEqual({ row: 0, col: 0, rows: TABLE_HEADER_ROW, cols: 2 });
    expect(sheet.page).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$${TABLE_HEADER_ROW}:$${TABLE_HEADER_ROW}` });
    // History: hidden, one snapshot row per client, dates and names as text.
    const h = history(st);
    expect(h.visibility).toBe("Hidden");
    expect(h.rowsFrom(1, 5)).toHaveLength(1 + first.result.portfolio.clients.length);
    expect(h.cell(1, 0)?.numberFormat).toBe("@");
    expect(h.cell(1, 1)?.numberFormat).toBe("@");
    // Every write sync suspended calculation.
    expect(first.ctx.syncs.slice(1).every((s) => s.calculationSuspended)).toBe(true);

    const second = await portfolio(st, "2026-11-23T10:00:00Z");
    expect(second.ctx.syncs).toHaveLength(3);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients", PORTFOLIO_SHEET, "KAM History"]);
    expect(ours(st)).not.toBe(sheet);
    expect(history(st).rowsFrom(1, 5)).toHaveLength(1 + 2 * first.result.portfolio.clients.length);
    expect(second.result.portfolio.clients.every((c) => c.movement === "=")).toBe(true);
    expect(parseAreaRef(`=${"'KAM History'"}!$A$${2 + first.result.portfolio.clients.length}`)?.row).toBe(2 + first.result.portfolio.clients.length);
  });

  it("shows what moved since the previous build, read back from the history's last snapshot", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const first = await portfolio(st);
    const row = first.result.portfolio.clients.find((c) => c.name === "Cedar Systems")?.row as number;
    (st.sheet("Clients") as FakeSheetState).edit(row - 1, 2).value = -0.05; // margin collapses: A → C
    const second = await portfolio(st, "2026-11-23T10:00:00Z");
    const cedar = second.result.portfolio.clients.find((c) => c.name === "Cedar Systems");
    expect(cedar?.previousGrade).toBe("A");
    expect(cedar?.movement).toBe("▼");
    expect(second.result.portfolio.health.downgrades).toBeGreaterThanOrEqual(1);
  });

  it("leaves a user's own sheet called KAM Portfolio alone, and follows ours when it is renamed, keeping the owner's name", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const mine = st.addSheet(PORTFOLIO_SHEET, [["my own notes"]]);
    await portfolio(st);
    expect(cellsOf(mine)).toBe(JSON.stringify([["0,0", { value: "my own notes" }]]));
    expect(ours(st).name).toBe(`${PORTFOLIO_SHEET} (2)`);
    const renamed = ours(st);
    renamed.name = "Q4 accounts";
    await portfolio(st, "2026-11-23T10:00:00Z");
    // A new sheet took the old one's place and the name the owner gave it (as in Sheets and the command line).
    expect(renamed.deleted).toBe(true);
    expect(ours(st)).not.toBe(renamed);
    expect(ours(st).name).toBe("Q4 accounts");
    expect(st.sheets.filter((s) => !s.deleted).map((s) => s.name).sort()).toEqual(["Clients", "KAM History", PORTFOLIO_SHEET, "Q4 accounts"].sort());
    expect(st.sheet(PORTFOLIO_SHEET)).toBe(mine);
    expect(cellsOf(mine)).toBe(JSON.stringify([["0,0", { value: "my own notes" }]]));
  });

  it("a failure half-way through leaves the previous portfolio, the history and the data as they were", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    await portfolio(st);
    const before = { portfolio: cellsOf(ours(st)), history: cellsOf(history(st)), data: cellsOf(st.sheet("Clients") as FakeSheetState), names: [...st.names.keys()].sort(), sheets: st.sheets.map((s) => s.name) };
    let writes = 0;
    const failWhen = (what: string) => what.startsWith("set ") && what.includes("KAM building") && what.endsWith(".values") && ++writes === 3;
    await expect(portfolio(st, "2026-11-23T10:00:00Z", { failWhen })).rejects.toBeInstanceOf(FakeExcelError);
    expect(writes).toBe(3);
    expect(cellsOf(ours(st))).toBe(before.portfolio);
    expect(cellsOf(history(st))).toBe(before.history);
    expect(cellsOf(st.sheet("Clients") as FakeSheetState)).toBe(before.data);
    expect([...st.names.keys()].sort()).toEqual(before.names);
    expect(st.sheets.map((s) => s.name)).toEqual(before.sheets);
    // And the next build works.
    await portfolio(st, "2026-11-24T10:00:00Z");
    expect(st.sheets.map((s) => s.name)).toEqual(before.sheets);
  });

  it("writes text from the data as text, never as a formula (= + - @ tab)", async () => {
    const evil = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "-minus", "\tTabbed", "=HYPERLINK(\"http://x\")"];
    const rows: unknown[][] = [["Client", "Revenue", "Industry"], ...evil.map((n, i) => [n, 1000 - i * 10, i % 2 ? "=1+1" : "-Retail"]), ["=needs", "abc", ""]];
    const st = workbook(rows);
    const { result } = await portfolio(st);
    const sheet = ours(st);
    expect(sheet.formulas()).toEqual([]);
    expect(history(st).formulas()).toEqual([]);
    const texts = [...sheet.cells.values()].map((c) => c.value);
    // (Names are trimmed, so the tab is gone; the rest is kept verbatim.)
    for (const n of [...evil.filter((e) => !e.startsWith("\t")), "Tabbed", "=needs", "=1+1", "-Retail"]) expect(texts).toContain(n);
    expect(result.portfolio.needsData.map((n) => n.name)).toEqual(["=needs"]);
    // The client column is text-formatted as a whole; other columns only where needed.
    const clientCol = (result.plan.blocks.find((b) => b.role === "table")?.values[0] as string[]).indexOf("Client");
    expect(sheet.cell(TABLE_HEADER_ROW, clientCol)?.numberFormat).toBe("@");
  });
});

describe("ExcelPort: matrix", () => {
  it("writes spilling =KAM.* formulas over bounded ranges into the first empty columns, marked by a name", async () => {
    const rows = csvSheet("examples/clients.csv");
    const st = workbook(rows);
    const data = st.sheet("Clients") as FakeSheetState;
    const width = (rows[0] as unknown[]).length;
    data.edit(4, width + 1).value = "call back in May"; // a user note two columns right of the data
    const before = cellsOf(data);
    const { ctx, port: p } = port(st);
    const { plan } = await buildMatrix(p, opts());
    expect(ctx.syncs).toHaveLength(2);
    expect(plan.column).toBe(width + 3);
    const formulas = data.formulas().sort((a, b) => a.col - b.col);
    expect(formulas.every((f) => f.row === 2 && /^=KAM\.[A-Z_]+\(/.test(f.formula))).toBe(true);
    expect(formulas.map((f) => f.col)).toEqual(plan.cells[0]?.map((v, j) => (v ? plan.column + j : null)).filter((c) => c !== null));
    expect(formulas[0]?.formula).toBe(`=KAM.REVENUE_RATING(C2:C${rows.length}, C2:C${rows.length})`);
    expect(MATRIX_HEADERS.map((_, j) => data.valueAt(1, plan.column + j))).toEqual([...MATRIX_HEADERS]);
    const name = data.names.get(MARKER_NAMES.matrix);
    expect(name?.rect).toEqual({ row: 0, col: plan.column - 1, rows: 1, cols: MATRIX_HEADERS.length });
    // The user's cells are as they were.
    const own = new Set(MATRIX_HEADERS.map((_, j) => plan.column - 1 + j));
    const userCells = (s: FakeSheetState) => JSON.stringify([...s.cells.entries()].filter(([k]) => !own.has(Number(k.split(",")[1]))).sort());
    expect(userCells(data)).toBe(JSON.stringify(JSON.parse(before)));
  });

  it("a rebuild reuses its columns (found by the name) and writes values when the setting says so", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const data = st.sheet("Clients") as FakeSheetState;
    const first = await buildMatrix(port(st).port, opts());
    const after = first.plan.column + MATRIX_HEADERS.length;
    data.edit(2, after - 1).value = "my column"; // right of the matrix
    const p = port(st);
    await p.port.saveSettings(resolveSettings({ matrixOutput: "values" }));
    expect(st.customProperties.get(SETTINGS_PROPERTY)).toBe(`{"matrixOutput":"values"}`);
    const second = await buildMatrix(p.port, opts());
    expect(second.plan.column).toBe(first.plan.column);
    expect(second.plan.previous).toEqual({ column: first.plan.column, count: MATRIX_HEADERS.length });
    expect(data.formulas()).toEqual([]);
    expect(data.valueAt(3, after)).toBe("my column");
    const gradeCol = first.plan.column + 6;
    for (const [row, client] of second.portfolio.clientByRow) expect(data.valueAt(row, gradeCol)).toBe(client.grade);
    expect(second.portfolio.headers.filter((h) => h.startsWith("KAM"))).toEqual([]);
  });

  it("a rebuild refuses, changing nothing, when the owner inserted a column of their own among the KAM columns", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    const data = st.sheet("Clients") as FakeSheetState;
    const first = await buildMatrix(port(st).port, opts());
    // The owner inserts a column after the matrix's fifth column (0-based `at`) and fills it. As Excel
    // does to any reference a column is inserted inside, the sheet's KAM_Matrix name widens to ten columns.
    const at = first.plan.column - 1 + 5;
    const shifted = [...data.cells.entries()].map(([k, v]) => {
      const [r, c] = k.split(",").map(Number) as [number, number];
      return [`${r},${c >= at ? c + 1 : c}`, v] as const;
    });
    data.cells = new Map(shifted);
    const name = data.names.get(MARKER_NAMES.matrix);
    if (!name) throw new Error("no matrix name");
    name.rect = { ...name.rect, cols: name.rect.cols + 1 };
    data.edit(0, at).value = "Account notes";
    data.edit(2, at).value = "renewal in May";
    const before = cellsOf(data);
    await expect(buildMatrix(port(st).port, opts())).rejects.toThrow(/^column S, among the KAM columns \(N:W\), holds “Account notes”/);
    expect(cellsOf(data)).toBe(before);
  });

  it.each(["formulas", "values"] as const)("a rebuild (%s) leaves a note the owner typed below the table in a KAM column", async (matrixOutput) => {
    const rows = csvSheet("examples/clients.csv");
    const st = workbook(rows);
    const data = st.sheet("Clients") as FakeSheetState;
    const first = await buildMatrix(port(st).port, opts());
    const gradeCol = first.plan.column - 1 + 6;
    data.edit(rows.length + 4, gradeCol).value = "grades checked with Sam";
    const p = port(st);
    await p.port.saveSettings(resolveSettings({ matrixOutput }));
    const second = await buildMatrix(p.port, opts());
    expect(second.plan.lastDataRow).toBe(rows.length);
    expect(data.cell(rows.length + 4, gradeCol)?.value).toBe("grades checked with Sam");
    if (matrixOutput === "formulas") expect(data.cell(1, first.plan.column - 1)?.formula).toBe(`=KAM.REVENUE_RATING(C2:C${rows.length}, C2:C${rows.length})`);
  });

  it("refuses to grade its own sheets and reads the settings saved in the workbook", async () => {
    const st = workbook(csvSheet("examples/clients.csv"));
    await portfolio(st);
    // The portfolio sheet is now active: building from it is refused by name.
    await expect(buildPortfolio(port(st, {}, "t2", null).port, opts())).rejects.toBeInstanceOf(OwnSheetError);
    st.active = st.sheet("Clients") as FakeSheetState;
    await port(st).port.saveSettings(resolveSettings({ gradeAMin: 90 }));
    const r = await portfolio(st, "2026-11-23T10:00:00Z");
    expect(r.result.portfolio.settings.gradeAMin).toBe(90);
    expect(r.result.portfolio.clients.filter((c) => c.grade === "A" && !c.flags.includes("override")).every((c) => c.score >= 90)).toBe(true);
  });
});

describe("ExcelPort: round trips and payload, constant in rows", () => {
  const figures: string[] = [];

  it.each([60, 1000, 10000])("%i clients: matrix and portfolio builds and rebuilds stay within 4 syncs and under 5 MB a request", async (n) => {
    const st = workbook(syntheticSheet(n));
    const counts: Record<string, number> = {};
    let largest = 0;
    let largestResponse = 0;
    const record = (label: string, ctx: FakeContext) => {
      counts[label] = ctx.syncs.length;
      expect(ctx.syncs.every((s) => !s.failed)).toBe(true);
      for (const s of ctx.syncs) {
        largest = Math.max(largest, s.requestBytes);
        largestResponse = Math.max(largestResponse, s.responseBytes);
      }
    };
    let r = port(st);
    await buildMatrix(r.port, opts());
    record("matrix", r.ctx);
    r = port(st);
    await buildMatrix(r.port, opts());
    record("matrix again", r.ctx);
    let b = await portfolio(st);
    record("portfolio", b.ctx);
    b = await portfolio(st, "2026-11-23T10:00:00Z");
    record("portfolio again", b.ctx);
    expect(b.result.portfolio.clients).toHaveLength(n);
    expect(history(st).rowsFrom(1, 5)).toHaveLength(1 + 2 * n);
    for (const [label, c] of Object.entries(counts)) expect(c, label).toBeLessThanOrEqual(4);
    expect(largest).toBeLessThan(PAYLOAD_LIMIT);
    expect(largestResponse).toBeLessThan(PAYLOAD_LIMIT);
    figures.push(`${n} clients: syncs ${JSON.stringify(counts)}, largest request ${(largest / 1e6).toFixed(2)} MB, largest response ${(largestResponse / 1e6).toFixed(2)} MB`);
    if (n === 10000) console.log(`Excel round trips\n  ${figures.join("\n  ")}`);
  });

  it("a sheet whose values pass the 5 MB response limit is read in row chunks", async () => {
    const rows = syntheticSheet(3000).map((r, i) => [...r, i === 0 ? "Notes" : "n".repeat(2000)]);
    const st = workbook(rows);
    const { ctx, port: p } = port(st);
    const state = await p.read();
    expect(state.rows).toHaveLength(3001);
    expect(state.rows[3000]?.[1]).toBe(rows[3000]?.[1]);
    expect(ctx.syncs[0]?.failed).toBe(true);
    expect(ctx.syncs.at(-1)?.failed).toBe(false);
    for (const s of ctx.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("the fake refuses a request over 5 MB, so the chunking is what keeps 10,000 clients under it", async () => {
    const st = workbook(syntheticSheet(10000));
    const ctx = new FakeContext(st);
    const p = new ExcelPort(ctx.asRequestContext(), { suffix: "big", payloadBudget: 64 * 1024 * 1024 });
    await expect(buildPortfolio(p, opts())).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });

  it("a small budget splits the same build into more syncs, each under the budget", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const ctx = new FakeContext(st);
    const budget = 16 * 1024;
    const { plan } = await buildPortfolio(new ExcelPort(ctx.asRequestContext(), { suffix: "small", payloadBudget: budget }), opts());
    expect(ctx.syncs.length).toBeGreaterThan(3);
    // The fake adds its own per-op overhead; allow for it on top of the adapter's estimate.
    for (const s of ctx.syncs.slice(1)) expect(s.requestBytes).toBeLessThan(budget * 1.5);
    expectPlanWritten(ours(st), plan);
  });
});

describe("ExcelPort: the history window", () => {
  const histSheet = (st: FakeWorkbookState) => history(st);
  /** What the `kam-portfolio` command does to the history: rows appended, the two names moved, the index left alone. */
  function commandBuild(st: FakeWorkbookState, date: string, clients: string[]): void {
    const h = histSheet(st);
    const last = (st.names.get(MARKER_NAMES.history)?.rect.rows ?? 1);
    clients.forEach((c, i) => {
      h.edit(last + i, 0).value = date;
      h.edit(last + i, 1).value = c;
      h.edit(last + i, 2).value = "B";
      h.edit(last + i, 3).value = 50;
      h.edit(last + i, 4).value = "Rethink";
    });
    st.names.set(MARKER_NAMES.history, { name: MARKER_NAMES.history, sheet: h, rect: { row: 0, col: 0, rows: last + clients.length, cols: 5 } });
    st.names.set(MARKER_NAMES.historyLast, { name: MARKER_NAMES.historyLast, sheet: h, rect: { row: last, col: 0, rows: clients.length, cols: 5 } });
  }

  it("reads the last builds in the read's second sync, and recognises one build the command added", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    await portfolio(st, "2026-11-20T10:00:00Z");
    await portfolio(st, "2026-11-21T10:00:00Z");
    const names = (await port(st).port.read()).history.map((s) => s.client);
    commandBuild(st, "2026-11-22T09:00:00Z", names.slice(0, 60));
    const { ctx, port: p } = port(st);
    const state = await p.read();
    expect(ctx.syncs).toHaveLength(2);
    expect([...new Set(state.history.map((s) => s.date))]).toEqual(["2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z", "2026-11-22T09:00:00Z"]);
    // The next build indexes the command's build too.
    await portfolio(st, "2026-11-23T10:00:00Z");
    const index = [...st.customProperties.entries()].filter(([k]) => k.startsWith("KAMPortfolio.history")).map(([, v]) => String(v)).join("");
    expect(JSON.parse(index).builds.map((b: [string, number]) => b[0])).toEqual(["2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z", "2026-11-22T09:00:00Z", "2026-11-23T10:00:00Z"]);
  });

  it("a history the owner sorted by client is read whole once, compared by build, and put back in build order with the next build", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const dates = ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"].map((d) => `${d}T10:00:00Z`);
    for (const d of dates) await portfolio(st, d);
    const h = histSheet(st);
    const before = h.rowsFrom(2, 5);
    const pairs = (rows: readonly (readonly unknown[])[]) => rows.map((r) => `${String(r[0])}|${String(r[1])}|${String(r[2])}`).sort();
    // The owner unhides the sheet and sorts its rows by client: the same rows, the same count.
    const sorted = [...before].sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
    sorted.forEach((row, i) => row.forEach((v, c) => (h.edit(1 + i, c).value = v)));
    const { ctx, port: p } = port(st);
    const state = await p.read();
    // The last four builds, each whole: 60 rows of each date, each (date, client, grade) as written.
    const recent = before.filter((r) => dates.slice(1).includes(String(r[0])));
    expect(pairs(state.history.map((s) => [s.date, s.client, s.grade]))).toEqual(pairs(recent));
    // One more round trip than a sheet left alone: the rows read whole.
    expect(ctx.syncs).toHaveLength(3);
    await portfolio(st, "2026-11-23T10:00:00Z");
    const after = histSheet(st).rowsFrom(2, 5);
    expect(after).toHaveLength(6 * 60);
    // Every row kept, each build's rows together again, in build order, the new build last.
    expect(pairs(after.slice(0, 300))).toEqual(pairs(before));
    const runs = after.map((r) => String(r[0])).filter((d, i, all) => i === 0 || d !== all[i - 1]);
    expect(runs).toEqual([...dates, "2026-11-23T10:00:00Z"]);
    const index = [...st.customProperties.entries()].filter(([k]) => k.startsWith("KAMPortfolio.history")).map(([, v]) => String(v)).join("");
    expect(JSON.parse(index).builds).toEqual([...dates, "2026-11-23T10:00:00Z"].map((d) => [d, 60]));
    // And the build after reads as a sheet left alone does.
    const again = port(st);
    await again.port.read();
    expect(again.ctx.syncs).toHaveLength(2);
  });

  it("a build that fails while putting a sorted history back in build order leaves every row the owner had; the next one finishes the job", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    const dates = ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"].map((d) => `${d}T10:00:00Z`);
    for (const d of dates) await portfolio(st, d);
    const h = histSheet(st);
    const sorted = [...h.rowsFrom(2, 5)].sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
    sorted.forEach((row, i) => row.forEach((v, c) => (h.edit(1 + i, c).value = v)));
    const ops: string[] = [];
    // The step deleting the sorted rows (after the rows in build order are written below them) fails.
    const failWhen = (what: string) => {
      ops.push(what);
      return what.includes("KAM History") && what.endsWith("delete");
    };
    await expect(portfolio(st, "2026-11-23T10:00:00Z", { failWhen })).rejects.toBeInstanceOf(FakeExcelError);
    expect(ops.some((o) => o.includes("KAM History") && o.endsWith("delete")), ops.filter((o) => o.includes("History")).join("\n")).toBe(true);
    expect(h.rowsFrom(2, 5).slice(0, 300)).toEqual(sorted);
    await portfolio(st, "2026-11-23T10:00:00Z");
    const after = histSheet(st).rowsFrom(2, 5);
    expect(after).toHaveLength(6 * 60);
    const runs = after.map((r) => String(r[0])).filter((d, i, all) => i === 0 || d !== all[i - 1]);
    expect(runs).toEqual([...dates, "2026-11-23T10:00:00Z"]);
  });

  it("a history without an index (an older add-in, two command builds) is read whole once, then indexed", async () => {
    const st = workbook(csvSheet("test/vectors/clients-60.csv"));
    for (const d of ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]) await portfolio(st, `${d}T10:00:00Z`);
    for (const k of [...st.customProperties.keys()]) if (k.startsWith("KAMPortfolio.history")) st.customProperties.delete(k);
    const { port: p } = port(st);
    const state = await p.read();
    expect([...new Set(state.history.map((s) => s.date))]).toEqual(["2026-11-19T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z", "2026-11-22T10:00:00Z"]);
    await portfolio(st, "2026-11-23T10:00:00Z");
    expect([...st.customProperties.keys()].some((k) => k === "KAMPortfolio.history")).toBe(true);
    const { ctx } = await portfolio(st, "2026-11-24T10:00:00Z");
    expect(ctx.syncs.length).toBeLessThanOrEqual(4);
  });
});

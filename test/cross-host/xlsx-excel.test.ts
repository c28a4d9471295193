// One workbook, two hosts: a file built by `kam-portfolio build` and then opened in Excel with the
// add-in is rebuilt in place (the same tab, the same history, movement against the command's
// build, the settings the command saved), and the other way round. Both hosts keep the markers of
// core/markers.ts; what Excel shows the add-in of the file is loaded into the fake Excel
// (test/fakes/excel.ts) by test/cross-host/workbooks.ts, and what Excel saves is modelled there too.
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { openXlsx as openCliXlsx, readWorksheets } from "../../cli/read";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { HISTORY_SHEET, PORTFOLIO_SHEET } from "../../core/plan";
import { MARKER_NAMES, SETTINGS_PROPERTY } from "../../core/markers";
import { EXCEL_DIALECT, MATRIX_HEADERS } from "../../core/matrix";
import { resolveSettings } from "../../core/settings";
import { dayFromParts, dayToIso, parseDate } from "../../core/values";
import { OfficeBridge } from "../../excel-addin/bridge";
import { ExcelPort } from "../../excel-addin/port";
import { FakeContext, FakeWorkbookState, type FakeSheetState } from "../fakes/excel";
import { csvSheet } from "../excel/sheets";
import { definedNames, grid, openXlsx, sheetCells, tableRows } from "../fixtures/xlsx";
import { excelStateFromXlsx, xlsxFromExcelState } from "./workbooks";

const dir = mkdtempSync(join(tmpdir(), "kam-cross-"));
const CLIENTS = 42;

async function cliBuild(input: string, out: string, today: string, ...more: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(["build", input, "--out", out, "--today", today, ...more], { out: () => undefined, err: (s) => err.push(s) });
  expect(err.join("\n")).toBe("");
  expect(code).toBe(0);
}

function excelPort(st: FakeWorkbookState, sheetName: string, suffix: string) {
  const ctx = new FakeContext(st);
  return { ctx, port: new ExcelPort(ctx.asRequestContext(), { sheetName, suffix }) };
}

/** The sheet a workbook-scoped marker name points at. */
function marked(st: FakeWorkbookState, name: string): FakeSheetState {
  const n = st.names.get(name);
  if (!n || n.sheet.deleted) throw new Error(`no ${name}`);
  return n.sheet;
}

/** A client's row (0-based) and the data sheet's column (0-based) with this header. */
function cellOf(sheet: FakeSheetState, client: string, header: string): [number, number] {
  const used = sheet.used();
  if (!used) throw new Error("empty sheet");
  let row = -1;
  let col = -1;
  for (let c = 0; c < used.cols; c++) if (sheet.valueAt(1, c + 1) === header) col = c;
  for (let r = 0; r < used.rows; r++) if (sheet.valueAt(r + 1, 1) === client) row = r;
  if (row < 0 || col < 0) throw new Error(`no ${client} / ${header}`);
  return [row, col];
}

describe("built by the command, rebuilt by the Excel add-in", () => {
  it("replaces the command's portfolio sheet, appends to its history with movement, reuses its matrix columns and uses its settings", async () => {
    const config = join(dir, "kam.json");
    writeFileSync(config, JSON.stringify({ gradeAMin: 70 }));
    const file = join(dir, "clients.kam.xlsx");
    await cliBuild("examples/clients.csv", file, "2026-11-22", "--config", config);

    const st = await excelStateFromXlsx(readFileSync(file), file);
    // What Excel shows of it: the command's sheets, names and settings property.
    expect(st.sheets.map((s) => [s.name, s.visibility])).toEqual([["clients", "Visible"], [PORTFOLIO_SHEET, "Visible"], [HISTORY_SHEET, "Hidden"]]);
    const cliPortfolio = marked(st, MARKER_NAMES.portfolio);
    const history = marked(st, MARKER_NAMES.history);
    expect(cliPortfolio.name).toBe(PORTFOLIO_SHEET);
    expect(st.customProperties.get(SETTINGS_PROPERTY)).toBe(`{"gradeAMin":70}`);
    const data = st.sheet("clients") as FakeSheetState;
    expect(data.names.get(MARKER_NAMES.matrix)?.rect).toEqual({ row: 0, col: 13, rows: 1, cols: MATRIX_HEADERS.length });

    // The task pane shows the settings the command saved.
    const bridge = new OfficeBridge({ run: (batch) => batch(new FakeContext(st).asRequestContext()), now: () => new Date("2027-02-22T09:00:00Z") });
    const pane = await bridge.getState();
    expect(pane.sheetName).toBe("clients");
    expect(pane.settings.gradeAMin).toBe(70);
    expect(pane.problem).toBeNull();

    // Next quarter Cedar Ridge Clinic's margin collapses, typed in Excel.
    const [row, col] = cellOf(data, "Cedar Ridge Clinic", "Gross Margin %");
    expect(data.cell(row, col)?.value).toBe("24%");
    data.edit(row, col).value = -0.05;

    const opts = { today: dayFromParts(2027, 2, 22), builtAt: "2027-02-22T09:00:00Z", dialect: EXCEL_DIALECT };
    const m = excelPort(st, "clients", "x1");
    const matrix = await buildMatrix(m.port, opts);
    expect(matrix.plan.previous).toEqual({ column: 14, count: MATRIX_HEADERS.length });
    expect(matrix.plan.column).toBe(14);
    expect(data.valueAt(1, 14 + MATRIX_HEADERS.length)).toBe("");

    const p = excelPort(st, "clients", "x2");
    const { portfolio } = await buildPortfolio(p.port, opts);
    // Read (markers, settings property and values in one sync), last snapshot, writes.
    expect(p.ctx.syncs.length).toBeLessThanOrEqual(3);
    // The command's sheet replaced, not a "KAM Portfolio (2)" beside it.
    expect(st.sheets.map((s) => s.name)).toEqual(["clients", PORTFOLIO_SHEET, HISTORY_SHEET]);
    expect(cliPortfolio.deleted).toBe(true);
    expect(marked(st, MARKER_NAMES.portfolio).name).toBe(PORTFOLIO_SHEET);
    // The command's history, appended to: its 42 rows, then the add-in's.
    expect(marked(st, MARKER_NAMES.history)).toBe(history);
    expect(history.rowsFrom(1, 5)).toHaveLength(1 + 2 * CLIENTS);
    expect(String(history.valueAt(2, 1))).toMatch(/^2026-11-22T/);
    expect(history.valueAt(2 + CLIENTS, 1)).toBe("2027-02-22T09:00:00Z");
    expect(st.names.get(MARKER_NAMES.historyLast)?.rect).toEqual({ row: 1 + CLIENTS, col: 0, rows: CLIENTS, cols: 5 });
    // Movement against the command's build, with the command's settings.
    expect(portfolio.settings.gradeAMin).toBe(70);
    const cedar = portfolio.clients.find((c) => c.name === "Cedar Ridge Clinic");
    expect([cedar?.previousGrade, cedar?.movement]).toEqual(["A", "▼"]);
    expect(portfolio.clients.filter((c) => c.name !== "Cedar Ridge Clinic").every((c) => c.movement === "=")).toBe(true);
    expect(portfolio.health.newClients).toBe(0);
    expect(portfolio.clients.filter((c) => c.grade === "A" && !c.flags.includes("override")).every((c) => c.score >= 70)).toBe(true);
  });
});

describe("built by the Excel add-in, rebuilt by the command", () => {
  it("replaces the add-in's portfolio sheet, appends to its history with movement, reuses its matrix columns and uses its settings", async () => {
    const st = new FakeWorkbookState();
    st.addSheet("Clients", csvSheet("examples/clients.csv"));
    await excelPort(st, "Clients", "s").port.saveSettings(resolveSettings({ gradeAMin: 70 }));
    const opts = { today: dayFromParts(2026, 11, 22), builtAt: "2026-11-22T10:00:00Z", dialect: EXCEL_DIALECT };
    const matrix = await buildMatrix(excelPort(st, "Clients", "a1").port, opts);
    await buildPortfolio(excelPort(st, "Clients", "a2").port, opts);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients", PORTFOLIO_SHEET, HISTORY_SHEET]);
    // Cedar Ridge Clinic's margin collapses before the file goes to the command.
    const data = st.sheet("Clients") as FakeSheetState;
    const [row, col] = cellOf(data, "Cedar Ridge Clinic", "Gross Margin %");
    data.edit(row, col).value = -0.05;

    const file = join(dir, "from-excel.xlsx");
    writeFileSync(file, await xlsxFromExcelState(st));
    const saved = await openXlsx(readFileSync(file));
    expect(definedNames(saved.workbookXml).filter((n) => n.name.startsWith("KAM_")).map((n) => [n.name, n.local]).sort()).toEqual([
      ["KAM_History", null],
      ["KAM_HistoryLast", null],
      ["KAM_Matrix", "0"],
      ["KAM_Portfolio", null],
    ]);

    const out = join(dir, "from-excel.kam.xlsx");
    await cliBuild(file, out, "2027-02-22");
    const x = await openXlsx(readFileSync(out));
    expect(x.sheets.map((s) => [s.name, s.state])).toEqual([["Clients", "visible"], [PORTFOLIO_SHEET, "visible"], [HISTORY_SHEET, "hidden"]]);
    // The matrix rewritten in the add-in's columns (as values: a file has no add-in to compute).
    const cells = grid(await sheetCells(x, "Clients"));
    expect(MATRIX_HEADERS.map((_, j) => cells.get(1)?.get(matrix.plan.column + j))).toEqual([...MATRIX_HEADERS]);
    expect(cells.get(1)?.get(matrix.plan.column + MATRIX_HEADERS.length)).toBeUndefined();
    expect(definedNames(x.workbookXml).find((n) => n.name === MARKER_NAMES.matrix)?.formula).toMatch(/^Clients!\$[A-Z]+\$1:\$[A-Z]+\$1$/);
    // The add-in's history with the command's snapshot below it.
    const history = grid(await sheetCells(x, HISTORY_SHEET));
    expect(history.size).toBe(1 + 2 * CLIENTS);
    expect(history.get(2)?.get(1)).toBe("2026-11-22T10:00:00Z");
    expect(String(history.get(2 + CLIENTS)?.get(1))).toMatch(/^2027-02-22T/);
    // Movement against the add-in's build, with the add-in's settings.
    const table = tableRows(await sheetCells(x, PORTFOLIO_SHEET));
    expect(table).toHaveLength(CLIENTS);
    const cedar = table.find((t) => t.Client === "Cedar Ridge Clinic");
    expect([cedar?.["Previous grade"], cedar?.Movement]).toEqual(["A", "▼"]);
    expect(table.filter((t) => t.Client !== "Cedar Ridge Clinic").every((t) => t.Movement === "=")).toBe(true);
    expect(grid(await sheetCells(x, PORTFOLIO_SHEET)).get(3)?.get(1)).toMatch(/grade A ≥ 70/);
  });
});

describe("a workbook in the 1904 date system (Excel for Mac's old default), between the two hosts", () => {
  /** The "Last order" of each client on a portfolio sheet, as the days they show. */
  function lastOrders(rows: readonly (readonly unknown[])[], day: (v: unknown) => string): Record<string, string> {
    const header = rows.findIndex((r) => r.includes("Client") && r.includes("Last order"));
    expect(header).toBeGreaterThanOrEqual(0);
    const [client, last] = [rows[header]?.indexOf("Client") ?? -1, rows[header]?.indexOf("Last order") ?? -1];
    return Object.fromEntries(rows.slice(header + 1).filter((r) => typeof r[client] === "string" && r[last] !== null && r[last] !== "").map((r) => [r[client], day(r[last])]));
  }

  it("the command's build opened in Excel: the add-in reads and writes its dates in 1904 serials, and the command reads them back as the same days", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const orders = wb.addWorksheet("Orders");
    orders.addRow(["Customer", "Order Date", "Sales"]);
    for (const [c, d, v] of [["Acme", Date.UTC(2026, 2, 15), 500], ["Acme", Date.UTC(2026, 9, 1), 700], ["Bolt", Date.UTC(2025, 11, 31), 300], ["Bolt", Date.UTC(2026, 0, 2), 50], ["Cobalt", Date.UTC(2026, 5, 30), 90]] as const) {
      orders.addRow([c, new Date(d), v]);
    }
    orders.getColumn(2).numFmt = "yyyy-mm-dd";
    const file = join(dir, "mac-1904.xlsx");
    await wb.xlsx.writeFile(file);
    const built = join(dir, "mac-1904.kam.xlsx");
    await cliBuild(file, built, "2026-11-22");
    const want = { Acme: "2026-10-01", Bolt: "2026-01-02", Cobalt: "2026-06-30" };

    // Excel shows the add-in the file's 1904 serials; the add-in sees the system and rebuilds with the same days.
    const st = await excelStateFromXlsx(readFileSync(built), built);
    expect(st.date1904).toBe(true);
    const p = excelPort(st, "Orders", "m");
    const { portfolio } = await buildPortfolio(p.port, { today: dayFromParts(2026, 11, 22), builtAt: "2026-11-22T12:00:00Z", dialect: EXCEL_DIALECT });
    expect(Object.fromEntries(portfolio.clients.map((c) => [c.name, c.lastDate]))).toEqual(want);
    const sheet = marked(st, MARKER_NAMES.portfolio);
    const used = sheet.used() as NonNullable<ReturnType<FakeSheetState["used"]>>;
    const rows = Array.from({ length: used.rows }, (_, r) => Array.from({ length: used.cols }, (_, c) => sheet.cell(r, c)?.value ?? null));
    expect(lastOrders(rows, (v) => dayToIso(parseDate(v as number, true) as number))).toEqual(want);

    // Saved by Excel (still 1904) and built again by the command: the same days.
    const saved = join(dir, "mac-1904.excel.xlsx");
    writeFileSync(saved, await xlsxFromExcelState(st));
    const again = join(dir, "mac-1904.excel.kam.xlsx");
    await cliBuild(saved, again, "2026-11-23");
    const x = await openCliXlsx(again);
    const back = (await readWorksheets(x, [PORTFOLIO_SHEET])).get(PORTFOLIO_SHEET) ?? [];
    x.pkg.close();
    expect(lastOrders(back, (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : `not a date: ${String(v)}`))).toEqual(want);
  });
});

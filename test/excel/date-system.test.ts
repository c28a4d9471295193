// The task pane in a workbook of Excel's 1904 date system (a flag on the fake workbook: its cells
// hold 1904 serials, DATE(1904, 1, 1) is 0): the pane's view, what-if and builds give the grades and
// dates of the same sheet in the 1900 system, in as many round trips; the dates a build writes read
// back as the right days. How the custom functions read a 1904 serial (they cannot ask the
// workbook, docs/excel.md) is a host rule (host-rules.test.ts); the self-test reports it on a real Excel.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/read";
import { FORMATS, PORTFOLIO_SHEET } from "../../core/plan";
import { gradePortfolio } from "../../core/portfolio";
import { toJson } from "../../core/report";
import { resolveSettings } from "../../core/settings";
import { gradeData } from "../../core/use-cases/what-if";
import { dayFromDate, dayToIso, DAYS_1900_TO_1904, parseDate } from "../../core/values";
import { isDate1904 } from "../../excel-addin/date-system";
import { ExcelPort } from "../../excel-addin/port";
import { FakeContext, FakeWorkbookState, type FakeSheetState } from "../fakes/excel";
import { ROOT } from "../helpers";
import { fakeBridge } from "./fake-bridge";
import { csvSheet } from "./sheets";

const NOW = new Date("2026-11-22T10:00:00Z");
const settings = resolveSettings({});

function setup(file: string, date1904: boolean) {
  const st = new FakeWorkbookState();
  st.date1904 = date1904;
  st.addSheet("Clients", csvSheet(file, date1904));
  return { st, ...fakeBridge(st, NOW) };
}

const portfolioSheet = (st: FakeWorkbookState) => st.sheet(PORTFOLIO_SHEET) as FakeSheetState;

/** The 1904 workbook's sheet holds every cell of the 1900 one's, each date 1,462 lower. */
function expectSameSheet(at1900: FakeSheetState, at1904: FakeSheetState): void {
  let dates = 0;
  for (const [key, cell] of at1900.cells) {
    const other = at1904.cells.get(key);
    if (cell.numberFormat === FORMATS.date && typeof cell.value === "number") {
      dates++;
      expect(other, key).toEqual({ ...cell, value: cell.value - DAYS_1900_TO_1904 });
    } else expect(other, key).toEqual(cell);
  }
  expect(dates).toBeGreaterThan(10);
  expect(at1904.cells.size).toBe(at1900.cells.size);
}

describe("a workbook in the 1904 date system, through the task pane", () => {
  for (const file of ["examples/clients.csv", "examples/orders.csv"]) {
    it(`${file}: the view, the what-if, the matrix and the portfolio as the same sheet in 1900, in as many syncs`, async () => {
      const [a, b] = [setup(file, false), setup(file, true)];
      const [viewA, viewB] = [await a.bridge.getState(), await b.bridge.getState()];
      expect(viewA.grading?.date1904).toBeUndefined();
      expect(viewB.grading?.date1904).toBe(true);
      expect(viewB.grading?.rows).not.toEqual(viewA.grading?.rows); // the cells differ: 1904 serials
      const whatIf = (v: typeof viewA) => toJson(gradeData(v.grading ?? { rows: [], ownColumns: [], today: 0 }, settings));
      expect(whatIf(viewB)).toEqual(whatIf(viewA));
      expect(await b.bridge.buildMatrix(settings)).toEqual(await a.bridge.buildMatrix(settings));
      expect(await b.bridge.buildPortfolio(settings)).toEqual(await a.bridge.buildPortfolio(settings));

      expectSameSheet(portfolioSheet(a.st), portfolioSheet(b.st));
      // A rebuild reads the history (ISO text in either system): the same movement.
      expect(await b.bridge.buildPortfolio(settings)).toEqual(await a.bridge.buildPortfolio(settings));
      expectSameSheet(portfolioSheet(a.st), portfolioSheet(b.st));
      // The probe rides in the read's first sync: the same round trips, request by request.
      expect(b.runs.map((r) => r.syncs.length)).toEqual(a.runs.map((r) => r.syncs.length));
      expect(a.runs[0]?.syncs).toHaveLength(1);
    });
  }

  it("the dates a build writes into a 1904 workbook (First order, Last order) read back as the days the orders give", async () => {
    const b = setup("examples/orders.csv", true);
    await b.bridge.getState();
    await b.bridge.buildPortfolio(settings);
    // The days, from the CSV's ISO text (no serial involved).
    const expected = gradePortfolio({ rows: parseCsv(readFileSync(`${ROOT}examples/orders.csv`, "utf8")), settings, today: dayFromDate(NOW) });
    const sheet = portfolioSheet(b.st);
    const header = [...sheet.cells.entries()].find(([, c]) => c.value === "Last order");
    const [headerRow, lastCol] = (header?.[0] ?? "").split(",").map(Number) as [number, number];
    const names = Array.from({ length: lastCol + 1 }, (_, c) => sheet.cell(headerRow, c)?.value ?? "");
    const [clientCol, firstCol] = [names.indexOf("Client"), names.indexOf("First order")];
    expect(Math.min(clientCol, firstCol)).toBeGreaterThanOrEqual(0);
    let read = 0;
    for (let r = headerRow + 1; sheet.cell(r, clientCol); r++) {
      const c = expected.clients.find((x) => x.name === sheet.cell(r, clientCol)?.value);
      if (!c) continue;
      const day = (col: number) => dayToIso(parseDate(sheet.cell(r, col)?.value ?? null, true) as number);
      expect([day(firstCol), day(lastCol)]).toEqual([c.firstDate, c.lastDate]);
      read++;
    }
    expect(read).toBe(expected.clients.length);
    // The adapter reading the workbook back says its date system.
    const state = await new ExcelPort(new FakeContext(b.st).asRequestContext(), { sheetName: "Clients" }).read();
    expect(state.date1904).toBe(true);
    const st1900 = setup("examples/orders.csv", false).st;
    expect(await new ExcelPort(new FakeContext(st1900).asRequestContext(), { sheetName: "Clients" }).read()).not.toHaveProperty("date1904");
  });

  it("an answer to DATE(1904, 1, 1) that names neither system stops the read with what Excel gave, rather than guess", () => {
    expect(isDate1904({ value: 0, error: "" })).toBe(true);
    expect(isDate1904({ value: 1462, error: "" })).toBe(false);
    expect(() => isDate1904({ value: 1461, error: "" })).toThrow(/Excel gave 1461 for DATE\(1904, 1, 1\), neither 0 \(the 1904 date system\) nor 1462/);
    expect(() => isDate1904({ value: 0, error: "#NUM!" })).toThrow(/Excel gave #NUM! for DATE/);
  });
});

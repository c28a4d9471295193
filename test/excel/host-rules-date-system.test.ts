// Excel host rules on the workbook's date system (1900 or 1904) that the add-in depends on, one
// test per rule, each naming the page it comes from (the other rules: host-rules.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { MARKER_NAMES } from "../../core/markers";
import { dayFromDate, dayFromParts, dayToSerial, DAYS_1900_TO_1904 } from "../../core/values";
import { REQUIREMENT_SETS } from "../../excel-addin/manifest";
import { FakeContext, type FakeExcelOptions, type FakeSheetState, type FakeWorkbookState } from "../fakes/excel";
import { installEvaluator } from "../fakes/excel/evaluate";
import { ROOT } from "../helpers";
import { host, opts, PAGE, port, workbook } from "./host-rules-setup";
import { csvSheet } from "./sheets";

describe("Excel: the workbook's date system", () => {
  const date = (st: FakeWorkbookState, y: number, m: number, d: number, o: FakeExcelOptions = {}) => {
    const ctx = new FakeContext(st, o);
    const r = ctx.asRequestContext().workbook.functions.date(y, m, d);
    return { ctx, r };
  };
  const in1904 = () => {
    const st = workbook([["x"]]);
    st.date1904 = true;
    return st;
  };

  it(`a workbook counts its date serials from 1900 (1900-01-01 is 1) or from 1904 (1904-01-01 is 0), 1,462 days apart — ${PAGE.dateSystems}`, async () => {
    // ISO text written through Range.values is stored as a serial of the workbook's system, so are TODAY() and DATE().
    const now = new Date(2026, 10, 22, 12);
    for (const [st, offset] of [[workbook([["x"]]), 0], [in1904(), DAYS_1900_TO_1904]] as const) {
      installEvaluator(st, host(), () => now);
      const ctx = new FakeContext(st);
      const ws = ctx.workbook.worksheets.getItem("Clients");
      ws.getRange("A2:D2").formulas = [["2024-03-05", "=TODAY()", "=DATE(1904,1,1)", "=DATE(1903,12,31)"]];
      const back = ws.getRange("A2:D2");
      back.load("values");
      await ctx.sync();
      expect(back.values[0]).toEqual([
        dayToSerial(dayFromParts(2024, 3, 5)) - offset,
        dayToSerial(dayFromDate(now)) - offset,
        DAYS_1900_TO_1904 - offset,
        offset === 0 ? DAYS_1900_TO_1904 - 1 : "#NUM!", // 1904's system starts at 1904-01-01
      ]);
    }
    // A day the 1904 system does not hold stays the text written.
    const st = in1904();
    const ctx = new FakeContext(st);
    ctx.workbook.worksheets.getItem("Clients").getRange("A3").values = [["1903-12-31"]];
    await ctx.sync();
    expect(st.sheet("Clients")?.valueAt(3, 1)).toBe("1903-12-31");
  });

  it(`functions.date(1904, 1, 1) (ExcelApi 1.2; year "from 1900 or 1904 (depending on the workbook's date system)") is 0 in a 1904 workbook and 1462 in a 1900 one: how the add-in tells them apart — ${PAGE.functionsDate} ${PAGE.dateSystems}`, async () => {
    for (const [st, want] of [[workbook([["x"]]), DAYS_1900_TO_1904], [in1904(), 0]] as const) {
      const { ctx, r } = date(st, 1904, 1, 1);
      r.load("value,error");
      await ctx.sync();
      expect(r.value).toBe(want);
      expect(r.error).toBeFalsy();
    }
    // A year the workbook's system does not hold is an error, with no value.
    const { ctx, r } = date(in1904(), 1903, 12, 31);
    r.load("value,error");
    await ctx.sync();
    expect(r.error).toBe("#NUM!");
    expect(r.value).toBeUndefined();
    // Below ExcelApi 1.2 the call fails at sync.
    const old = date(workbook([["x"]]), 1904, 1, 1, { supported: { ...REQUIREMENT_SETS, ExcelApi: "1.1" } });
    old.r.load("value");
    await expect(old.ctx.sync()).rejects.toThrow(/ApiNotFound/);
  });

  it(`Office.js has no released property for the setting: Workbook.use1904DateSystem is "ExcelApi BETA (PREVIEW ONLY)", absent from the released typings (hence the DATE probe) — ${PAGE.use1904Preview}`, () => {
    expect(readFileSync(`${ROOT}node_modules/@types/office-js/index.d.ts`, "utf8")).not.toMatch(/use1904DateSystem/);
  });

  it(`a FunctionResult's value is read after load and sync, and only what was loaded — ${PAGE.worksheetFunctions} ${PAGE.functionResult}`, async () => {
    const { ctx, r } = date(workbook([["x"]]), 1904, 1, 1);
    expect(() => r.value).toThrow(/PropertyNotLoaded/);
    r.load("value");
    expect(() => r.value).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(r.value).toBe(DAYS_1900_TO_1904);
    expect(() => r.error).toThrow(/PropertyNotLoaded/);
  });

  it(`the port asks in the read's first sync (no round trip of its own) and writes a 1904 workbook's dates as 1904 serials — ${PAGE.functionsDate} ${PAGE.dateSystems}`, async () => {
    const st = in1904();
    st.sheets = [];
    st.addSheet("Clients", csvSheet("examples/orders.csv", true));
    const { ctx, port: p } = port(st);
    expect((await p.read()).date1904).toBe(true);
    expect(ctx.syncs).toHaveLength(1);
    const built = await buildPortfolio(port(st).port, opts());
    const sheet = st.names.get(MARKER_NAMES.portfolio)?.sheet as FakeSheetState;
    const last = built.portfolio.clients[0]?.lastDate as string;
    const [y, m, d] = last.split("-").map(Number) as [number, number, number];
    expect([...sheet.cells.values()].some((c) => c.value === dayToSerial(dayFromParts(y, m, d), true))).toBe(true);
    expect([...sheet.cells.values()].some((c) => c.value === dayToSerial(dayFromParts(y, m, d)))).toBe(false);
  });

  it(`a custom function gets a date cell as the serial the cell holds, and cannot ask the workbook's system but asynchronously (Excel.run from a shared runtime): the functions read serials as 1900 ones, as docs/excel.md says — ${PAGE.callExcelApis} ${PAGE.dateSystems}`, () => {
    // The fake host hands a function the cell's stored value; functions.js is loaded with no Excel at all.
    const h = host();
    const table = (serial: number) => ({ range: [["Client", "Revenue", "Last review"], ["Acme", 1000, serial]] });
    const reviewed = dayFromParts(2026, 1, 1);
    const flags = (serial: number) => String(h.invoke("PORTFOLIO", [table(serial), { value: "2026-01-02" }])[1]?.[11]);
    expect(flags(dayToSerial(reviewed))).not.toContain("review-due");
    // The same day in a 1904 workbook is read as 2021-12-31: due.
    expect(flags(dayToSerial(reviewed, true))).toContain("review-due");
    // With today a serial of the same workbook too (=TODAY() there), the shift cancels out.
    expect(String(h.invoke("PORTFOLIO", [table(dayToSerial(reviewed, true)), { value: dayToSerial(reviewed + 1, true) }])[1]?.[11])).not.toContain("review-due");
  });
});

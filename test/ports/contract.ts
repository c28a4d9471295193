/**
 * The WorkbookPort contract (core/port.ts), one suite run unchanged against every port: the
 * in-memory port, Sheets on the fake SpreadsheetApp, Excel on the fake Excel and the file port on
 * real .xlsx files. It drives the ports with the real use cases (core/use-cases/) and looks at
 * the workbook through the host's harness: user cells untouched, our sheets and columns found by
 * marker (a user's own "KAM Portfolio" sheet left alone), a failure half-way leaves the old
 * portfolio, rebuilds in place, history appended and read back, settings round trip, text that
 * looks like a formula stays text, and — on hosts with a panel — the input columns.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/read";
import { INPUT_COLUMNS } from "../../core/inputs";
import { TABLE_HEADER_ROW } from "../../core/layout";
import { columnLetters } from "../../core/a1";
import { MATRIX_HEADERS } from "../../core/matrix";
import { HISTORY_BUILDS_KEPT, HISTORY_BUILDS_READ, PORTFOLIO_SHEET } from "../../core/plan";
import type { WorkbookPort } from "../../core/port";
import { checkSettings, DEFAULT_SETTINGS, resolveSettings } from "../../core/settings";
import { addInputColumns } from "../../core/use-cases/add-input-columns";
import { buildMatrixAndPortfolio } from "../../core/use-cases/build-both";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { OwnSheetError, type BuildOptions } from "../../core/use-cases/grade";
import { panelStateOf } from "../../core/use-cases/panel-state";
import { saveSettings } from "../../core/use-cases/save-settings";
import { dayFromParts, type CellValue } from "../../core/values";
import { ROOT } from "../helpers";
import type { Cells, Harness, InputColumnsHarness } from "./harness";

const today = dayFromParts(2026, 11, 22);

/** A CSV of the repository as text cells (each harness types them as its host stores them). */
export function csv(file: string): CellValue[][] {
  return parseCsv(readFileSync(`${ROOT}${file}`, "utf8"));
}

/** The cells outside some columns, for before/after comparisons. */
function outside(cells: Cells, own: (col: number) => boolean): [string, unknown][] {
  return [...cells.entries()].filter(([k]) => !own(Number(k.split(",")[1]))).sort(([a], [b]) => a.localeCompare(b));
}

/** The last row holding a cell. */
const lastRow = (cells: Cells) => Math.max(0, ...[...cells.keys()].map((k) => Number(k.split(",")[0])));

/** A port that counts its reads and writes. */
function counting(port: WorkbookPort) {
  const counts = { reads: 0, writes: 0 };
  const counted: WorkbookPort = {
    read: () => (counts.reads++, port.read()),
    writeMatrix: (plan) => (counts.writes++, port.writeMatrix(plan)),
    writePortfolio: (plan, snapshot) => (counts.writes++, port.writePortfolio(plan, snapshot)),
    saveSettings: (settings) => (counts.writes++, port.saveSettings(settings)),
  };
  return { counts, port: counted };
}

export function portContract<W>(h: Harness<W>): void {
  const opts = (builtAt = "2026-11-22T10:00:00Z", more: Partial<BuildOptions> = {}): BuildOptions => ({ today, builtAt, dialect: h.dialect, ...more });
  const read = (wb: W, sheet?: string) => h.withPort(wb, (p) => p.read(), sheet ? { sheet } : {});
  /** The 1-based column of a header in our portfolio's table. */
  const tableColumn = (cells: Cells, header: string) => {
    for (let c = 1; c <= 40; c++) if (cells.get(`${TABLE_HEADER_ROW},${c}`)?.value === header) return c;
    return -1;
  };
  const ours = async (wb: W) => {
    const m = await h.marked(wb);
    expect(m.portfolio).toHaveLength(1);
    return m.portfolio[0] as string;
  };

  describe(`WorkbookPort contract: ${h.name}`, () => {
    it("read: the data sheet's cells, no matrix, no history, no settings in a new workbook", async () => {
      const rows = csv("examples/clients.csv");
      const wb = await h.create(rows);
      const state = await read(wb);
      expect(state.sheetName).toBe("Clients");
      expect(state.isOwnSheet).toBe(false);
      expect(state.rows).toHaveLength(rows.length);
      expect(state.rows[0]).toEqual(rows[0]);
      expect(state.rows.map((r) => r[0])).toEqual(rows.map((r) => r[0]));
      expect(state.matrix).toBeNull();
      expect(state.history).toEqual([]);
      expect(checkSettings(state.settings ?? {})).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
    });

    it("writeMatrix: the first empty columns, never a user cell, found again by its marker", async () => {
      const rows = csv("examples/clients.csv");
      const wb = await h.create(rows);
      // A user note two columns right of the data, on row 5: the matrix must skip past it.
      const width = (rows[0] as CellValue[]).length;
      await h.edit(wb, "Clients", 5, width + 2, "call back in May");
      const before = await h.cells(wb, "Clients");
      const { plan } = await h.withPort(wb, (p) => buildMatrix(p, opts()));
      expect(plan.column).toBe(width + 3);
      const own = (c: number) => c >= plan.column && c < plan.column + plan.headers.length;
      const after = await h.cells(wb, "Clients");
      expect(outside(after, own)).toEqual(outside(before, own));
      expect(MATRIX_HEADERS.map((_, j) => after.get(`1,${plan.column + j}`)?.value)).toEqual([...MATRIX_HEADERS]);
      // One formula per column on the first data row, spelled for this host.
      const range = h.dialect.openEnded ? "C2:C" : `C2:C${rows.length}`;
      expect(after.get(`2,${plan.column}`)?.formula).toBe(`=${h.dialect.prefix}REVENUE_RATING(${range}, ${range})`);
      expect((await h.marked(wb)).matrix).toEqual({ column: plan.column, count: MATRIX_HEADERS.length });
      expect((await read(wb)).matrix).toEqual({ column: plan.column, count: MATRIX_HEADERS.length });
    });

    it("a rebuild updates the matrix columns it made before, found by marker", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      const first = await h.withPort(wb, (p) => buildMatrix(p, opts()));
      // The user types a note right of the matrix, then rebuilds with values saved as the setting.
      const after = first.plan.column + first.plan.headers.length;
      await h.edit(wb, "Clients", 3, after, "my column");
      await h.withPort(wb, (p) => saveSettings(p, { matrixOutput: "values" }));
      const second = await h.withPort(wb, (p) => buildMatrix(p, opts()));
      expect(second.plan.column).toBe(first.plan.column);
      expect(second.plan.previous).toEqual({ column: first.plan.column, count: MATRIX_HEADERS.length });
      const cells = await h.cells(wb, "Clients");
      expect(cells.get(`3,${after}`)?.value).toBe("my column");
      // Values now, not formulas; and the grade column agrees with the portfolio.
      expect([...cells.entries()].some(([k, c]) => Number(k.split(",")[1]) >= first.plan.column && c.formula !== null)).toBe(false);
      const gradeCol = first.plan.column + MATRIX_HEADERS.indexOf("KAM grade");
      expect(second.portfolio.clientByRow.size).toBeGreaterThan(0);
      for (const [row, client] of second.portfolio.clientByRow) expect(cells.get(`${row},${gradeCol}`)?.value).toBe(client.grade);
      // Our own columns are not read back as inputs.
      expect(second.portfolio.headers.filter((x) => x.startsWith("KAM"))).toEqual([]);
      expect((await h.marked(wb)).matrix).toEqual({ column: first.plan.column, count: MATRIX_HEADERS.length });
    });

    it("writePortfolio: leaves a user's own sheet named KAM Portfolio alone and finds ours by marker", async () => {
      const wb = await h.create(csv("examples/clients.csv"), [{ name: PORTFOLIO_SHEET, rows: [["my own notes"]] }]);
      const mine = async () => [...(await h.cells(wb, PORTFOLIO_SHEET)).entries()].map(([k, c]) => [k, c.value]);
      await h.withPort(wb, (p) => buildPortfolio(p, opts()));
      expect(await mine()).toEqual([["1,1", "my own notes"]]);
      expect(await ours(wb)).toBe(`${PORTFOLIO_SHEET} (2)`);
      expect((await h.cells(wb, `${PORTFOLIO_SHEET} (2)`)).get("1,1")?.value).toBe("KAM Portfolio");
      // A rebuild replaces ours, not theirs, and keeps one owned sheet.
      await h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z")));
      expect((await h.marked(wb)).portfolio).toEqual([`${PORTFOLIO_SHEET} (2)`]);
      expect(await mine()).toEqual([["1,1", "my own notes"]]);
      expect((await h.sheetNames(wb)).filter((n) => n.startsWith(PORTFOLIO_SHEET)).sort()).toEqual([PORTFOLIO_SHEET, `${PORTFOLIO_SHEET} (2)`]);
    });

    it("a failure half-way through leaves the previous portfolio, the history and the data as they were", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      await h.withPort(wb, (p) => buildPortfolio(p, opts()));
      const snapshot = async () => {
        const m = await h.marked(wb);
        return {
          marked: m,
          sheets: await h.sheetNames(wb),
          portfolio: [...(await h.cells(wb, m.portfolio[0] as string))],
          history: [...(await h.cells(wb, m.history?.name as string))],
          data: [...(await h.cells(wb, "Clients"))],
        };
      };
      const before = await snapshot();
      await expect(h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z")), { failPortfolio: true })).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
      // And the next build works, in place.
      const next = await h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-24T10:00:00Z")));
      expect(await h.sheetNames(wb)).toEqual(before.sheets);
      expect((await read(wb)).history.filter((s) => s.date === "2026-11-24T10:00:00Z")).toHaveLength(next.portfolio.clients.length);
    });

    it("appends one snapshot per build to the hidden history, reads it back and shows movement", async () => {
      const wb = await h.create(csv("test/vectors/clients-60.csv"));
      const first = await h.withPort(wb, (p) => buildPortfolio(p, opts()));
      expect(first.portfolio.clients.every((c) => c.movement === "new")).toBe(true);
      // Next quarter: Cedar Systems' margin collapses (A → C via the laggard rule).
      const row = first.portfolio.clients.find((c) => c.name === "Cedar Systems")?.row as number;
      await h.edit(wb, "Clients", row, 3, "-5%");
      const second = await h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z")));
      const cedar = second.portfolio.clients.find((c) => c.name === "Cedar Systems");
      expect(cedar?.previousGrade).toBe("A");
      expect(cedar?.movement).toBe("▼");
      expect(second.portfolio.health.downgrades).toBeGreaterThanOrEqual(1);
      const marked = await h.marked(wb);
      expect(marked.history?.hidden).toBe(true);
      expect(lastRow(await h.cells(wb, marked.history?.name as string))).toBe(1 + 60 + 60);
      // Read back: the last snapshot is the second build's.
      const history = (await read(wb)).history;
      const last = history.filter((s) => s.date === "2026-11-23T10:00:00Z");
      expect(last).toEqual(second.snapshot);
      expect(history.every((s) => s.date === "2026-11-23T10:00:00Z" || s.date === "2026-11-22T10:00:00Z")).toBe(true);
      // The portfolio's Movement column shows it.
      const cells = await h.cells(wb, await ours(wb));
      const name = tableColumn(cells, "Client");
      const move = tableColumn(cells, "Movement");
      const cedarRow = Array.from({ length: 60 }, (_, i) => TABLE_HEADER_ROW + 1 + i).find((r) => cells.get(`${r},${name}`)?.value === "Cedar Systems") as number;
      expect(cells.get(`${cedarRow},${move}`)?.value).toBe("▼");
    });

    {
      it(`history: a build reads the last ${HISTORY_BUILDS_READ} builds; past ${HISTORY_BUILDS_KEPT} builds the oldest are dropped`, async () => {
        const wb = await h.create(csv("test/vectors/clients-60.csv"));
        const date = (i: number) => `2026-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z`;
        const builds = HISTORY_BUILDS_KEPT + 2;
        for (let i = 0; i < builds; i++) await h.withPort(wb, (p) => buildPortfolio(p, opts(date(i))));
        const history = (await read(wb)).history;
        expect([...new Set(history.map((s) => s.date))]).toEqual(Array.from({ length: HISTORY_BUILDS_READ }, (_, k) => date(builds - HISTORY_BUILDS_READ + k)));
        expect(history).toHaveLength(HISTORY_BUILDS_READ * 60);
        const cells = await h.cells(wb, (await h.marked(wb)).history?.name as string);
        expect(lastRow(cells)).toBe(1 + HISTORY_BUILDS_KEPT * 60);
        expect(cells.get("2,1")?.value).toBe(date(builds - HISTORY_BUILDS_KEPT));
        expect(cells.get(`${1 + HISTORY_BUILDS_KEPT * 60},1`)?.value).toBe(date(builds - 1));
      });
    }

    it("buildMatrixAndPortfolio: one read and one grading give what the two builds in a row give", async () => {
      const one = await h.create(csv("examples/clients.csv"));
      const two = await h.create(csv("examples/clients.csv"));
      const c1 = await h.withPort(one, async (p) => {
        const c = counting(p);
        return { result: await buildMatrixAndPortfolio(c.port, opts()), counts: c.counts };
      });
      expect(c1.counts).toEqual({ reads: 1, writes: 2 });
      const c2 = await h.withPort(two, async (p) => {
        const c = counting(p);
        await buildMatrix(c.port, opts());
        return c.counts;
      });
      const c3 = await h.withPort(two, async (p) => {
        const c = counting(p);
        await buildPortfolio(c.port, opts());
        return c.counts;
      });
      expect([c2, c3]).toEqual([{ reads: 1, writes: 1 }, { reads: 1, writes: 1 }]);
      expect(c1.result.portfolio.message).toBe("42 clients: 8 A, 20 B, 14 C; 1 row needs data");
      const names = await h.sheetNames(one);
      expect(await h.sheetNames(two)).toEqual(names);
      for (const name of names) expect([...(await h.cells(one, name))], name).toEqual([...(await h.cells(two, name))]);
    });

    it("writes text from the data as text, never as a formula (= + - @)", async () => {
      const names = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "-minus", "=HYPERLINK(\"http://x\",\"y\")"];
      const rows: CellValue[][] = [["Client", "Revenue", "Industry"], ...names.map((n, i) => [n, String(100 - i * 10), i % 2 ? "=1+1" : "Retail"])];
      const wb = await h.create(rows);
      await h.withPort(wb, (p) => buildPortfolio(p, opts()));
      const marked = await h.marked(wb);
      for (const sheet of [marked.portfolio[0] as string, marked.history?.name as string, "Clients"]) {
        const cells = [...(await h.cells(wb, sheet)).values()];
        expect(cells.filter((c) => c.formula !== null), sheet).toEqual([]);
        const texts = cells.map((c) => c.value);
        for (const n of names) expect(texts, sheet).toContain(n);
      }
      expect([...(await h.cells(wb, marked.portfolio[0] as string)).values()].map((c) => c.value)).toContain("=1+1");
    });

    it("refuses to grade its own sheet", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      await h.withPort(wb, (p) => buildPortfolio(p, opts()));
      const own = await ours(wb);
      const state = await read(wb, own);
      if (h.followsSource) {
        // The port reads the sheet the portfolio was built from.
        expect(state.sheetName).toBe("Clients");
        const again = await h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z")), { sheet: own });
        expect(again.portfolio.clients).toHaveLength(42);
      } else {
        expect(state.isOwnSheet).toBe(true);
        await expect(h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z")), { sheet: own })).rejects.toBeInstanceOf(OwnSheetError);
      }
    });

    it("saveSettings: saved in the document, read back (long ones too), replaced by the next save", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      const long = resolveSettings({
        weights: { revenue: 40, profitability: 20, strategic: 20, wallet: 10, pain: 10 },
        reviewDays: { A: 14, B: 60, C: 180 },
        gradeAMin: 65,
        revenueMethod: "cumulative",
        mapping: { client: `Client ${"x".repeat(200)}`, revenue: `Annual revenue ${"é".repeat(120)} 😀` },
        matrixOutput: "values",
      });
      await h.withPort(wb, (p) => saveSettings(p, long));
      expect(checkSettings((await read(wb)).settings)).toEqual({ settings: long, errors: [] });
      const short = resolveSettings({ gradeAMin: 70 });
      await h.withPort(wb, (p) => saveSettings(p, short));
      expect(checkSettings((await read(wb)).settings)).toEqual({ settings: short, errors: [] });
    });

    it("reads the settings saved in the document for a build that is given none, in one read and one write", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      await h.withPort(wb, (p) => saveSettings(p, { gradeAMin: 90 }));
      const { r, counts } = await h.withPort(wb, async (p) => {
        const c = counting(p);
        return { r: await buildPortfolio(c.port, opts()), counts: c.counts };
      });
      expect(r.portfolio.settings.gradeAMin).toBe(90);
      expect(r.portfolio.clients.filter((c) => c.grade === "A" && !c.flags.includes("override")).every((c) => c.score >= 90)).toBe(true);
      expect(counts).toEqual({ reads: 1, writes: 1 });
    });

    it("a build saves the settings it was given, after its writes; bad ones write nothing", async () => {
      const wb = await h.create(csv("examples/clients.csv"));
      const m = await h.withPort(wb, (p) => buildMatrix(p, opts(undefined, { settings: { gradeAMin: 70 } })));
      expect(m.portfolio.settings.gradeAMin).toBe(70);
      expect(checkSettings((await read(wb)).settings).settings.gradeAMin).toBe(70);
      await h.withPort(wb, (p) => buildPortfolio(p, opts(undefined, { settings: { gradeAMin: 75, gradeBMin: 40 } })));
      expect(checkSettings((await read(wb)).settings).settings).toMatchObject({ gradeAMin: 75, gradeBMin: 40 });
      const sheets = await h.sheetNames(wb);
      const data = await h.cells(wb, "Clients");
      await expect(h.withPort(wb, (p) => buildPortfolio(p, opts("2026-11-23T10:00:00Z", { settings: { gradeBMin: 80 } })))).rejects.toThrow(/gradeBMin/);
      expect(await h.sheetNames(wb)).toEqual(sheets);
      expect(await h.cells(wb, "Clients")).toEqual(data);
      expect(checkSettings((await read(wb)).settings).settings).toMatchObject({ gradeAMin: 75, gradeBMin: 40 });
    });
  });
}

/** The panel's "add input columns" on a host with a panel (the file command has none). */
export function inputColumnsContract<W>(h: InputColumnsHarness<W>): void {
  describe(`WorkbookPort contract, input columns: ${h.name}`, () => {
    it("writeInputColumns: headers with High/Medium/Low dropdowns at the first empty columns, nothing else", async () => {
      const rows: CellValue[][] = [["Client", "Revenue", "", "Notes"], ["Acme", "1000", "", "call back"], ["Beta", "500", "", ""]];
      const wb = await h.create(rows);
      const before = await h.cells(wb, "Clients");
      const { added } = await h.withPort(wb, (p) => addInputColumns(p, ["strategic", "pain", "relationship", "toString"]));
      expect(added).toEqual(["Strategic value (column C)", "Pain (column E)", "Relationship (column F)"]);
      const after = await h.cells(wb, "Clients");
      expect([3, 5, 6].map((c) => after.get(`1,${c}`)?.value)).toEqual([INPUT_COLUMNS.strategic.header, INPUT_COLUMNS.pain.header, INPUT_COLUMNS.relationship.header]);
      const own = (c: number) => [3, 5, 6].includes(c);
      expect(outside(after, own)).toEqual(outside(before, own));
      expect([...after.keys()].filter((k) => own(Number(k.split(",")[1])))).toEqual(["1,3", "1,5", "1,6"].filter((k) => after.has(k)));
      for (const c of [3, 5, 6]) expect(await h.dropdown(wb, "Clients", 2, c), columnLetters(c)).toEqual(["High", "Medium", "Low"]);
      expect(await h.dropdown(wb, "Clients", 2, 4)).toBeNull();
      const view = panelStateOf(await h.withPort(wb, (p) => p.read()));
      expect(view.missingInputs).toEqual([]);
      expect([view.mapping.strategic, view.mapping.pain, view.mapping.relationship]).toEqual([2, 4, 5]);
      // Asking again adds nothing.
      expect(await h.withPort(wb, (p) => addInputColumns(p, ["strategic"]))).toEqual({ added: [] });
    });

    it("goes under the header row, right of the matrix, and refuses our own sheet", async () => {
      const rows: CellValue[][] = [["Client list 2026"], [], ["Client", "Revenue", "Pain"], ["Acme", "1000", "High"], ["Beta", "500", "Low"]];
      const wb = await h.create(rows);
      const m = await h.withPort(wb, (p) => buildMatrix(p, { today, builtAt: "2026-11-22T10:00:00Z", dialect: h.dialect }));
      expect(m.plan.headerRow).toBe(3);
      const end = m.plan.column + MATRIX_HEADERS.length;
      const { added } = await h.withPort(wb, (p) => addInputColumns(p, ["relationship", "pain"]));
      expect(added).toEqual([`Relationship (column ${columnLetters(end)})`]);
      const cells = await h.cells(wb, "Clients");
      expect(cells.get(`3,${end}`)?.value).toBe("Relationship");
      expect(cells.get(`1,${end}`)).toBeUndefined();
      expect(await h.dropdown(wb, "Clients", 4, end)).toEqual(["High", "Medium", "Low"]);
      await h.withPort(wb, (p) => buildPortfolio(p, { today, builtAt: "2026-11-22T10:00:00Z", dialect: h.dialect }));
      const own = (await h.marked(wb)).portfolio[0] as string;
      const ownBefore = await h.cells(wb, own);
      const fromOwn = h.withPort(wb, (p) => addInputColumns(p, ["strategic"]), { sheet: own });
      if (h.followsSource) {
        // Opened on our sheet, the port works on the sheet the portfolio was built from.
        expect((await fromOwn).added).toEqual([`Strategic value (column ${columnLetters(end + 1)})`]);
        expect((await h.cells(wb, "Clients")).get(`3,${end + 1}`)?.value).toBe("Strategic value");
      } else {
        await expect(fromOwn).rejects.toBeInstanceOf(OwnSheetError);
        expect(await h.cells(wb, own)).toEqual(ownBefore);
      }
    });
  });
}

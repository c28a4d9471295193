// The SpreadsheetApp adapter keeps the WorkbookPort contract (core/port.ts), proven with core's own
// use cases on the in-memory SpreadsheetApp fake: user cells never overwritten, our sheets and
// columns found by marker, text written as text, a failure half-way leaves the old portfolio.
import { describe, expect, it } from "vitest";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { OwnSheetError } from "../../core/use-cases/grade";
import { TABLE_HEADER_ROW } from "../../core/layout";
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER, PORTFOLIO_SHEET, GRADE_COLOURS } from "../../core/plan";
import { MATRIX_HEADERS } from "../../core/matrix";
import { dayFromParts } from "../../core/values";
import { asyncPort, SheetsPort } from "../../sheets-addon/port";
import { fakeGoogle, ServiceError, type FakeGoogle, type FakeSheet } from "../fakes/spreadsheet-app";
import { csvSheet } from "./data";

const today = dayFromParts(2026, 11, 22);
const opts = (builtAt = "2026-11-22T10:00:00Z") => ({ today, builtAt });
const port = (g: FakeGoogle) => asyncPort(new SheetsPort(g));

/** The cells of a sheet outside the given columns, for before/after comparisons. */
function userCells(sheet: FakeSheet, ownFrom: number, ownTo: number): string {
  return JSON.stringify(JSON.parse(sheet.snapshot()).filter(([k]: [string]) => {
    const c = Number(k.split(",")[1]);
    return c < ownFrom || c > ownTo;
  }));
}
const portfolioOf = (g: FakeGoogle) => g.ss.owned(PORTFOLIO_MARKER) as FakeSheet;
const headerIndex = (sheet: FakeSheet, header: string) => {
  for (let c = 1; c <= 40; c++) if (sheet.cell(TABLE_HEADER_ROW, c)?.value === header) return c;
  return -1;
};

describe("SheetsPort keeps the WorkbookPort contract", () => {
  it("writes the matrix as one spilling formula per column in the first empty columns, marked, never over a user cell", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const sheet = g.ss.active;
    sheet.put(5, 15, "call back in May"); // a note two columns right of the data (column O)
    const before = sheet.snapshot();
    const { plan } = await buildMatrix(port(g), opts());
    expect(plan.column).toBe(16);
    expect(userCells(sheet, 16, 24)).toBe(JSON.stringify(JSON.parse(before)));
    expect(MATRIX_HEADERS.map((_, j) => sheet.cell(1, 16 + j)?.value)).toEqual([...MATRIX_HEADERS]);
    const formulas = sheet.formulas();
    expect(formulas).toHaveLength(9);
    expect(formulas.every((f) => f.row === 2)).toBe(true);
    expect(sheet.cell(2, 16)?.formula).toBe("=KAM_REVENUE_RATING(C2:C, C2:C)");
    expect(sheet.cell(2, 20)?.formula).toBe("=KAM_LEVEL(G2:G, KAM_PAIN(H2:H, I2:I))");
    // Number formats reach the spilled rows; the header is styled.
    expect(sheet.cell(500, 21)?.format).toBe("0.0");
    expect(sheet.cell(1, 16)?.background).toBe("#DDEBF7");
    const marker = g.ss.metadata.filter((m) => m.key === MATRIX_MARKER);
    expect(marker).toHaveLength(1);
    // Metadata goes on one whole column (the first), its value says how many columns the matrix spans.
    expect(marker[0]?.location).toMatchObject({ type: "COLUMN", col: 16 });
    expect(JSON.parse(marker[0]?.value ?? "")).toEqual({ columns: 9 });
  });

  it("a rebuild finds its columns by marker, even after the user inserted a column before them", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const sheet = g.ss.active;
    await buildMatrix(port(g), opts());
    sheet.insertColumnsAfter(2, 1); // the user inserts a column after B: the matrix moves to O:W
    sheet.put(1, 3, "Account manager");
    sheet.put(3, 24, "my column"); // right of the matrix
    g.log.reset();
    g.properties.store.set("kam-portfolio:settings", JSON.stringify({ matrixOutput: "values" }));
    const before = userCells(sheet, 15, 23);
    const second = await buildMatrix(port(g), opts());
    expect(second.plan.column).toBe(15);
    expect(second.plan.previous).toEqual({ column: 15, count: 9 });
    expect(userCells(sheet, 15, 23)).toBe(before);
    expect(sheet.cell(3, 24)?.value).toBe("my column");
    expect(sheet.formulas()).toEqual([]);
    for (const [row, client] of second.portfolio.clientByRow) expect(sheet.cell(row, 15 + 6)?.value).toBe(client.grade);
    expect(g.ss.metadata.filter((m) => m.key === MATRIX_MARKER)).toHaveLength(1);
  });

  it("a rebuild refuses, changing nothing, when a column of the owner's is among the KAM columns (one inserted inside them, or reached when one of them was deleted)", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const sheet = g.ss.active;
    const first = await buildMatrix(port(g), opts());
    const c = first.plan.column; // N: the matrix is N:V
    sheet.insertColumnsAfter(c + 4, 1); // a column inserted after the pain column: the marker stays on N, which spans 9
    sheet.put(1, c + 5, "Account notes");
    sheet.put(3, c + 5, "renewal in May");
    const before = sheet.snapshot();
    await expect(buildMatrix(port(g), opts())).rejects.toThrow(/^column S, among the KAM columns \(N:V\), holds “Account notes”; move it out of N:V/);
    expect(sheet.snapshot()).toBe(before);
    // Moved out again (here: deleted), the rebuild goes ahead.
    sheet.deleteColumns(c + 5, 1);
    await buildMatrix(port(g), opts());
    expect(MATRIX_HEADERS.map((_, j) => sheet.cell(1, c + j)?.value)).toEqual([...MATRIX_HEADERS]);

    // One of ours deleted: the span now reaches the owner's column right of the matrix.
    sheet.put(1, c + 9, "Owner");
    sheet.put(2, c + 9, "Ann");
    sheet.deleteColumns(c + 1, 1);
    const before2 = sheet.snapshot();
    await expect(buildMatrix(port(g), opts())).rejects.toThrow(/^column V, among the KAM columns \(N:V\), holds “Owner”/);
    expect(sheet.snapshot()).toBe(before2);
    // Nothing of the owner's there: the rebuild writes the nine columns again.
    sheet.deleteColumns(c + 8, 1);
    await buildMatrix(port(g), opts());
    expect(MATRIX_HEADERS.map((_, j) => sheet.cell(1, c + j)?.value)).toEqual([...MATRIX_HEADERS]);
  });

  for (const matrixOutput of ["formulas", "values"] as const) {
    it(`a rebuild (${matrixOutput}) over a blank column inserted among the KAM columns leaves no stale copy of the one it pushed out`, async () => {
      const g = fakeGoogle(csvSheet("examples/clients.csv"));
      const sheet = g.ss.active;
      g.properties.store.set("kam-portfolio:settings", JSON.stringify({ matrixOutput }));
      const first = await buildMatrix(port(g), opts());
      const c = first.plan.column; // N: the matrix is N:V
      sheet.insertColumnsAfter(c + 4, 1); // a blank column after the pain column: "KAM quadrant" moves to W
      sheet.put(2, c + 10, "my column"); // the owner's, right of it
      const second = await buildMatrix(port(g), opts());
      expect(second.plan.previous).toEqual({ column: c, count: 10 });
      expect(Array.from({ length: 11 }, (_, j) => sheet.cell(1, c + j)?.value ?? null)).toEqual([...MATRIX_HEADERS, null, null]);
      // The pushed-out column is empty again, every row of it; the owner's beside it is kept.
      for (let r = 1; r <= sheet.getLastRow() + 5; r++) expect(sheet.cell(r, c + 9)?.value ?? "", `row ${r}`).toBe("");
      expect(sheet.cell(2, c + 10)?.value).toBe("my column");
      expect(g.ss.metadata.filter((m) => m.key === MATRIX_MARKER)).toHaveLength(1);
      // The rebuild after that finds the nine columns alone again.
      const got = await buildMatrix(port(g), opts());
      expect(got.plan.previous).toEqual({ column: c, count: 9 });
    });
  }

  for (const matrixOutput of ["formulas", "values"] as const) {
    it(`a rebuild (${matrixOutput}) leaves a note the owner typed below the table in a KAM column`, async () => {
      const g = fakeGoogle(csvSheet("examples/clients.csv"));
      const sheet = g.ss.active;
      const first = await buildMatrix(port(g), opts());
      const last = first.plan.lastDataRow;
      sheet.put(last + 5, first.plan.column + 6, "grades checked with Sam");
      g.properties.store.set("kam-portfolio:settings", JSON.stringify({ matrixOutput }));
      const second = await buildMatrix(port(g), opts());
      expect(second.plan.lastDataRow).toBe(last);
      expect(sheet.cell(last + 5, first.plan.column + 6)?.value).toBe("grades checked with Sam");
      for (const [row, client] of second.portfolio.clientByRow) if (matrixOutput === "values") expect(sheet.cell(row, first.plan.column + 6)?.value).toBe(client.grade);
    });
  }

  /** The example with a values matrix built: the sheet, its last data row and the matrix's first column. */
  async function valuesMatrix() {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    g.properties.store.set("kam-portfolio:settings", JSON.stringify({ matrixOutput: "values" }));
    const first = await buildMatrix(port(g), opts());
    return { g, sheet: g.ss.active, last: first.plan.lastDataRow, c: first.plan.column };
  }

  it("a values rebuild after the owner emptied the last client's cells clears that row's old ratings, and keeps a note below", async () => {
    const { g, sheet, last, c } = await valuesMatrix();
    expect(sheet.cell(last, c + 6)?.value).toMatch(/^[ABC]$/);
    for (let col = 1; col < c; col++) sheet.put(last, col, "");
    sheet.put(last + 3, c + 6, "grades checked with Sam");
    const second = await buildMatrix(port(g), opts());
    expect(second.plan.lastDataRow).toBe(last);
    for (let j = 0; j < MATRIX_HEADERS.length; j++) expect(sheet.cell(last, c + j)?.value ?? "", `column ${c + j}`).toBe("");
    expect(sheet.cell(last + 3, c + 6)?.value).toBe("grades checked with Sam");
  });

  it("the same after a blank column was inserted before the grade column: the emptied row is found by its grade where the grade now stands", async () => {
    const { g, sheet, last, c } = await valuesMatrix();
    sheet.insertColumnsAfter(c + 4, 1); // the grade moves from c + 6 to c + 7
    expect(sheet.cell(last, c + 7)?.value).toMatch(/^[ABC]$/);
    for (let col = 1; col < c; col++) sheet.put(last, col, "");
    const second = await buildMatrix(port(g), opts());
    expect(second.plan.lastDataRow).toBe(last);
    for (let j = 0; j <= MATRIX_HEADERS.length; j++) expect(sheet.cell(last, c + j)?.value ?? "", `column ${c + j}`).toBe("");
  });

  it("leaves a user's own sheet named KAM Portfolio alone and finds ours by marker", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    const mine = g.ss.addSheet(PORTFOLIO_SHEET, [["my own notes"]]);
    await buildPortfolio(port(g), opts());
    expect(mine.snapshot()).toBe(JSON.stringify([["1,1", "my own notes", null, null]]));
    expect(portfolioOf(g).name).toBe(`${PORTFOLIO_SHEET} (2)`);
    expect(portfolioOf(g).cell(1, 1)?.value).toBe("KAM Portfolio");
    g.ss.active = g.ss.sheet("Clients") as FakeSheet;
    await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"));
    const owned = g.ss.metadata.filter((m) => m.key === PORTFOLIO_MARKER);
    expect(owned).toHaveLength(1);
    expect(portfolioOf(g).name).toBe(`${PORTFOLIO_SHEET} (2)`);
    expect(g.ss.sheet(PORTFOLIO_SHEET)).toBe(mine);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients", `${PORTFOLIO_SHEET} (2)`, "KAM History", PORTFOLIO_SHEET]);
  });

  // Spreadsheet.deleteSheet: the old sheet cannot go (protected against this editor, say); Sheet.addDeveloperMetadata: the new one cannot be marked.
  for (const failing of ["Range.setTextStyles", "Sheet.insertChart", "Sheet.setColumnWidths", "Range.setValues", "Sheet.addDeveloperMetadata", "Spreadsheet.deleteSheet"]) {
    it(`a failure injected mid-build (${failing}) leaves the old portfolio, the history and the user's cells as they were`, async () => {
      const g = fakeGoogle(csvSheet("examples/clients.csv"));
      await buildPortfolio(port(g), opts());
      const old = portfolioOf(g);
      const before = old.snapshot();
      const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
      const historyBefore = history.snapshot();
      const names = g.ss.sheets.map((s) => s.name);
      const user = (g.ss.sheet("Clients") as FakeSheet).snapshot();
      g.ss.active = g.ss.sheet("Clients") as FakeSheet;
      g.log.failWhen = (c) => c.name === failing;
      await expect(buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"))).rejects.toBeInstanceOf(ServiceError);
      expect(portfolioOf(g)).toBe(old);
      expect(old.snapshot()).toBe(before);
      expect(history.snapshot()).toBe(historyBefore);
      expect(g.ss.sheets.map((s) => s.name)).toEqual(names);
      expect((g.ss.sheet("Clients") as FakeSheet).snapshot()).toBe(user);
    });
  }

  it("a failure in the first build leaves no half-made sheet behind", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    g.log.failWhen = (c) => c.name === "Range.setBackgrounds";
    await expect(buildPortfolio(port(g), opts())).rejects.toBeInstanceOf(ServiceError);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients"]);
    expect(g.ss.metadata).toEqual([]);
  });

  it("appends one snapshot per build to the hidden history and shows movement", async () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    const data = g.ss.active;
    const first = await buildPortfolio(port(g), opts());
    expect(first.portfolio.clients.every((c) => c.movement === "new")).toBe(true);
    const row = first.portfolio.clients.find((c) => c.name === "Cedar Systems")?.row as number;
    data.put(row, 3, -0.05); // Cedar Systems' margin collapses: A → C
    const second = await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"));
    expect(second.portfolio.clients.find((c) => c.name === "Cedar Systems")?.movement).toBe("▼");
    const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    expect(history.hidden).toBe(true);
    expect(history.extent().rows).toBe(1 + 60 + 60);
    // Written with an apostrophe, the date-time stays text (not parsed into a date).
    expect(history.cell(2, 1)?.value).toBe("2026-11-22T10:00:00Z");
    expect(history.maxCols).toBe(5);
    const p = portfolioOf(g);
    const name = headerIndex(p, "Client");
    const move = headerIndex(p, "Movement");
    const cedar = Array.from({ length: 60 }, (_, i) => TABLE_HEADER_ROW + 1 + i).find((r) => p.cell(r, name)?.value === "Cedar Systems") as number;
    expect(p.cell(cedar, move)?.value).toBe("▼");
  });

  it("an owner who deleted or sorted the history's rows: the sheet is read whole and indexed again, so movement and the rows dropped stay right", async () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    const data = g.ss.active;
    for (const d of ["2026-11-20", "2026-11-21"]) await buildPortfolio(port(g), opts(`${d}T10:00:00Z`));
    const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    const marker = g.ss.metadata.find((m) => m.key === HISTORY_MARKER);
    // The owner unhides the sheet and deletes five rows of the first build: the index still says 60 + 60.
    history.deleteRows(2, 5);
    const cedar = (await buildPortfolio(port(g), opts())).portfolio.clients.find((c) => c.name === "Cedar Systems");
    // Read where the index said, the last build's first five rows would have been the next build's rows shifted up.
    expect(cedar?.movement).toBe("=");
    expect(JSON.parse(marker?.value ?? "").builds).toEqual([["2026-11-20T10:00:00Z", 55], ["2026-11-21T10:00:00Z", 60], ["2026-11-22T10:00:00Z", 60]]);
    expect(history.extent().rows).toBe(1 + 55 + 60 + 60);
    // Sorted by client (every build's rows mixed): put back in build order, no row lost, then indexed.
    const rowsOf = () => Array.from({ length: history.extent().rows - 1 }, (_, i) => Array.from({ length: 5 }, (_, j) => history.cell(2 + i, 1 + j)?.value ?? null));
    const before = rowsOf();
    const sorted = [...before].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    sorted.forEach((r, i) => r.forEach((v, j) => history.put(2 + i, 1 + j, v)));
    const row = (await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"))).portfolio.clients.find((c) => c.name === "Cedar Systems")?.row as number;
    // Every row kept, each build's rows together again and the builds in date order (within a build, the owner's order).
    const back = rowsOf().slice(0, before.length);
    expect(back.map((r) => r[0])).toEqual(before.map((r) => r[0]));
    const byText = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(byText(back)).toEqual(byText(before));
    expect(JSON.parse(marker?.value ?? "").builds.map((b: [string, number]) => b[1])).toEqual([55, 60, 60, 60]);
    data.put(row, 3, -0.05); // Cedar Systems' margin collapses: A → C, against the last build read back
    const after = await buildPortfolio(port(g), opts("2026-11-24T10:00:00Z"));
    expect(after.portfolio.clients.find((c) => c.name === "Cedar Systems")?.movement).toBe("▼");
    expect(history.extent().rows).toBe(1 + 55 + 4 * 60);
    // The sheet's empty rows deleted, then the last build's last rows: the index now reaches past the sheet's end.
    history.deleteRows(history.extent().rows + 1, history.maxRows - history.extent().rows);
    history.deleteRows(history.maxRows - 9, 10);
    const cut = await buildPortfolio(port(g), opts("2026-11-25T10:00:00Z"));
    expect(cut.portfolio.clients.find((c) => c.name === "Cedar Systems")?.movement).toBe("=");
    expect(JSON.parse(marker?.value ?? "").builds.map((b: [string, number]) => b[1])).toEqual([55, 60, 60, 60, 50, 60]);
  });

  it("writes text from the data as text: names like formulas, numbers or dates stay exactly as typed", async () => {
    const names = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "-minus", "0012", "1/2", "=HYPERLINK(\"http://x\",\"y\")"];
    const rows = [["Client", "Revenue", "Industry"], ...names.map((n, i) => [n, 100 - i, i % 2 ? "=1+1" : "Retail"])];
    const g = fakeGoogle(rows);
    await buildPortfolio(port(g), opts());
    const p = portfolioOf(g);
    expect(p.formulas()).toEqual([]);
    const col = headerIndex(p, "Client");
    const shown = Array.from({ length: names.length }, (_, i) => p.cell(TABLE_HEADER_ROW + 1 + i, col));
    expect(shown.map((c) => c?.value).sort()).toEqual([...names].sort());
    // The apostrophe, not the plain-text format, keeps them text (cells.ts refuses the two together).
    expect(shown.every((c) => c?.format === undefined)).toBe(true);
    const industry = headerIndex(p, "Industry");
    expect(p.cell(TABLE_HEADER_ROW + 2, industry)?.value).toBe("=1+1");
    const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    expect(history.formulas()).toEqual([]);
    expect(names.every((n) => [...history.cells.values()].some((c) => c.value === n))).toBe(true);
  });

  it("an order list gets matrix values (text as text), not formulas", async () => {
    const g = fakeGoogle(csvSheet("examples/orders.csv"));
    const sheet = g.ss.active;
    const { plan, portfolio } = await buildMatrix(port(g), opts());
    expect(portfolio.mode).toBe("orders");
    expect(plan.spill).toBe(false);
    expect(sheet.formulas()).toEqual([]);
    const gradeCol = plan.column + MATRIX_HEADERS.indexOf("KAM grade");
    for (const [row, client] of portfolio.clientByRow) expect(sheet.cell(row, gradeCol)?.value).toBe(client.grade);
  });

  it("refuses to grade its own sheet; with the portfolio active it builds from the sheet it was built from", async () => {
    const g = fakeGoogle(csvSheet("examples/clients.csv"));
    await buildPortfolio(port(g), opts());
    g.ss.active = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    g.ss.metadata = g.ss.metadata.map((m) => m); // (no change: the portfolio marker names the source)
    const r = await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"));
    expect(r.portfolio.clients).toHaveLength(42);
    // Without a known source (the data sheet was renamed), the own sheet is refused.
    (g.ss.sheet("Clients") as FakeSheet).name = "Renamed";
    g.ss.active = portfolioOf(g);
    await expect(buildPortfolio(port(g), opts("2026-11-24T10:00:00Z"))).rejects.toBeInstanceOf(OwnSheetError);
  });

  it("reads dates in the spreadsheet's time zone and settings saved in the document", async () => {
    const paris = new Date("2026-07-06T22:00:00Z"); // midnight, 7 July, in Paris
    const g = fakeGoogle([["Client", "Revenue", "Last Review"], ["Acme", 1000, paris], ["Beta", 10, ""]]);
    g.ss.timeZone = "Europe/Paris";
    g.properties.store.set("kam-portfolio:settings", JSON.stringify({ reviewDays: { A: 30, B: 90, C: 10 } }));
    const r = await buildPortfolio(port(g), opts());
    const acme = r.portfolio.clients.find((c) => c.name === "Acme");
    expect(acme?.lastReview).toBe("2026-07-07");
    const expectedDays = acme?.grade === "A" ? 30 : acme?.grade === "B" ? 90 : 10;
    expect(acme?.nextReview).toBe(new Date(Date.UTC(2026, 6, 7 + expectedDays)).toISOString().slice(0, 10));
  });

  it("renders the plan: formats, frozen panes, filter, grade fills and a scatter chart per grade", async () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    const r = await buildPortfolio(port(g), opts());
    const p = portfolioOf(g);
    expect(p.frozenRows).toBe(TABLE_HEADER_ROW);
    expect(p.frozenCols).toBe(2);
    expect(p.filter?.row).toBe(TABLE_HEADER_ROW);
    expect(p.filter?.rows).toBe(61);
    expect(p.cell(TABLE_HEADER_ROW + 1, headerIndex(p, "Revenue"))?.format).toBe("#,##0");
    expect(p.cell(TABLE_HEADER_ROW + 1, headerIndex(p, "Score"))?.format).toBe("0.0");
    expect(p.cell(TABLE_HEADER_ROW, 1)?.background).toBe("#1F4E78");
    expect(p.rules.filter((x) => x.text === "A")[0]?.background).toBe(GRADE_COLOURS.A.fill);
    expect(p.tabColor).toBe("#1F4E78");
    // HHI is a count, not a percent; the top shares are percents.
    const hhiRow = [...p.cells.entries()].find(([, c]) => c.value === "HHI")?.[0] as string;
    const [hr, hc] = hhiRow.split(",").map(Number) as [number, number];
    // Labels overflow into two empty cells; the value is the block's fourth column.
    expect(p.cell(hr, hc + 3)?.format).toBe("0");
    expect(p.cell(hr - 2, hc + 3)?.format).toBe("0.0%");
    // The chart: one x column, one y column per series; every client is a point of its grade.
    // … and the profit curve beside it (SPEC §12).
    expect(p.charts.map((c) => c.type)).toEqual(["SCATTER", "LINE"]);
    const chart = p.charts[0];
    expect(chart?.type).toBe("SCATTER");
    expect(chart?.hiddenStrategy).toBe("SHOW_BOTH");
    expect(chart?.numHeaders).toBe(1);
    const range = chart?.ranges[0];
    const header = Array.from({ length: range?.cols ?? 0 }, (_, j) => p.cell(range?.row ?? 1, (range?.col ?? 1) + j)?.value);
    expect(header.slice(0, 4)).toEqual(["x", "A clients", "B clients", "C clients"]);
    const points = Array.from({ length: (range?.rows ?? 1) - 1 }, (_, i) => Array.from({ length: range?.cols ?? 0 }, (_, j) => p.cell((range?.row ?? 1) + 1 + i, (range?.col ?? 1) + j)?.value));
    for (const g2 of ["A", "B", "C"] as const) {
      const k = header.indexOf(`${g2} clients`);
      expect(points.filter((row) => typeof row[k] === "number").length).toBe(r.portfolio.summary.byGrade[g2]);
    }
    expect([...p.hiddenColumns].sort((a, b) => a - b)).toEqual(Array.from({ length: range?.cols ?? 0 }, (_, j) => (range?.col ?? 0) + j));
    const series = chart?.options.series as Record<string, { color: string }>;
    expect(series["0"]?.color).toBe(GRADE_COLOURS.A.point);
    expect(chart?.options.hAxis).toMatchObject({ title: "Relationship strength", viewWindow: { min: 0, max: 100 } });
  });

  it("a history written by an older version (marker \"1\", text columns formatted @) is read whole once, then indexed", async () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    for (const d of ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]) await buildPortfolio(port(g), opts(`${d}T10:00:00Z`));
    const history = g.ss.owned(HISTORY_MARKER) as FakeSheet;
    const marker = g.ss.metadata.find((m) => m.key === HISTORY_MARKER);
    if (marker) marker.value = "1";
    for (const c of history.cells.values()) c.format = "@";
    const state = await port(g).read();
    expect([...new Set(state.history.map((s) => s.date))]).toEqual(["2026-11-19T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z", "2026-11-22T10:00:00Z"]);
    await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"));
    expect(JSON.parse(marker?.value ?? "").builds).toHaveLength(6);
    expect(history.cell(1 + 5 * 60 + 1, 1)?.value).toBe("2026-11-23T10:00:00Z");
  });

  it("the panel's view reads the data sheet only, never the history", async () => {
    const g = fakeGoogle(csvSheet("test/vectors/clients-60.csv"));
    await buildPortfolio(port(g), opts());
    await buildPortfolio(port(g), opts("2026-11-23T10:00:00Z"));
    g.ss.active = g.ss.sheet("Clients") as FakeSheet;
    g.log.reset();
    const state = new SheetsPort(g, { withHistory: false }).read();
    expect(state.history).toEqual([]);
    expect(g.log.cellsRead).toBe(61 * 7);
  });
});

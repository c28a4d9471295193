// The WorkbookPort contract, proven on the in-memory port with the real use cases:
// user cells never overwritten, the owned sheet found by marker, a failure half-way leaves the
// previous portfolio intact, a rebuild updates the matrix columns it made before.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildMatrixAndPortfolio } from "../../core/use-cases/build-both";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { OwnSheetError } from "../../core/use-cases/grade";
import { EXCEL_DIALECT } from "../../core/matrix";
import { TABLE_HEADER_ROW } from "../../core/layout";
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER, PORTFOLIO_SHEET } from "../../core/plan";
import { resolveSettings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";
import { parseCsv } from "../../cli/read";
import { ROOT } from "../helpers";
import { InjectedFailure, MemoryPort, MemorySheet, MemoryWorkbook } from "../fakes/memory-port";

const today = dayFromParts(2026, 11, 22);
const opts = (builtAt = "2026-11-22T10:00:00Z") => ({ today, builtAt });

function workbookFrom(file: string, extra: (wb: MemoryWorkbook) => void = () => {}) {
  const wb = new MemoryWorkbook();
  wb.sheets.push(MemorySheet.fromRows("Clients", parseCsv(readFileSync(`${ROOT}${file}`, "utf8"))));
  extra(wb);
  return wb;
}

function userCells(sheet: MemorySheet, ownCols: Set<number>): string {
  return JSON.stringify([...sheet.cells.entries()].filter(([k]) => !ownCols.has(Number(k.split(",")[1]))).sort());
}

describe("WorkbookPort contract (in-memory port)", () => {
  it("writes the matrix into the first empty columns and never touches a user cell", async () => {
    const wb = workbookFrom("examples/clients.csv");
    const sheet = wb.sheet("Clients") as MemorySheet;
    // A user note two columns right of the data, on row 5: the matrix must skip past it.
    const width = sheet.extent().cols;
    sheet.set(5, width + 2, { value: "call back in May" });
    const before = sheet.snapshot();
    const port = new MemoryPort(wb, "Clients");
    const { plan } = await buildMatrix(port, opts());
    expect(plan.column).toBe(width + 3);
    const own = new Set(plan.headers.map((_, j) => plan.column + j));
    expect(userCells(sheet, own)).toBe(JSON.stringify(JSON.parse(before)));
    expect(sheet.get(1, plan.column)?.value).toBe("KAM revenue rating");
    expect(sheet.get(2, plan.column)?.formula).toMatch(/^=KAM_REVENUE_RATING\(C2:C, C2:C\)$/);
    expect([...sheet.columnMarkers.values()].every((m) => m === MATRIX_MARKER)).toBe(true);
  });

  it("a rebuild updates the matrix columns it made before, found by marker", async () => {
    const wb = workbookFrom("examples/clients.csv");
    const sheet = wb.sheet("Clients") as MemorySheet;
    const port = new MemoryPort(wb, "Clients");
    const first = await buildMatrix(port, opts());
    // The user types a note right of the matrix, then rebuilds with Excel-style values.
    const after = first.plan.column + first.plan.headers.length;
    sheet.set(3, after, { value: "my column" });
    wb.settings = { matrixOutput: "values" };
    const second = await buildMatrix(port, { ...opts(), dialect: EXCEL_DIALECT });
    expect(second.plan.column).toBe(first.plan.column);
    expect(second.plan.previous).toEqual({ column: first.plan.column, count: 9 });
    expect(sheet.get(3, after)?.value).toBe("my column");
    // Values now, not formulas; and the grade column agrees with the portfolio.
    const gradeCol = first.plan.column + 6;
    const anyFormula = [...sheet.cells.entries()].some(([k, c]) => Number(k.split(",")[1]) >= first.plan.column && c.formula);
    expect(anyFormula).toBe(false);
    for (const [row, client] of second.portfolio.clientByRow) expect(sheet.get(row, gradeCol)?.value).toBe(client.grade);
    // Our own columns are not read back as inputs.
    expect(second.portfolio.headers.filter((h) => h.startsWith("KAM"))).toEqual([]);
  });

  it("leaves a user's own sheet named KAM Portfolio alone and finds ours by marker", async () => {
    const wb = workbookFrom("examples/clients.csv", (w) => {
      const mine = new MemorySheet(PORTFOLIO_SHEET);
      mine.set(1, 1, { value: "my own notes" });
      w.sheets.push(mine);
    });
    const port = new MemoryPort(wb, "Clients");
    await buildPortfolio(port, opts());
    const mine = wb.sheet(PORTFOLIO_SHEET) as MemorySheet;
    expect(mine.markers.size).toBe(0);
    expect(mine.get(1, 1)?.value).toBe("my own notes");
    expect(mine.cells.size).toBe(1);
    const ours = wb.owned(PORTFOLIO_MARKER) as MemorySheet;
    expect(ours.name).toBe(`${PORTFOLIO_SHEET} (2)`);
    expect(ours.get(1, 1)?.value).toBe("KAM Portfolio");
    // A rebuild replaces ours, not theirs, and keeps one owned sheet.
    await buildPortfolio(port, opts("2026-11-23T10:00:00Z"));
    expect(wb.sheets.filter((s) => s.markers.has(PORTFOLIO_MARKER))).toHaveLength(1);
    expect((wb.sheet(PORTFOLIO_SHEET) as MemorySheet).get(1, 1)?.value).toBe("my own notes");
  });

  it("a failure half-way through leaves the previous portfolio intact", async () => {
    const wb = workbookFrom("examples/clients.csv");
    await buildPortfolio(new MemoryPort(wb, "Clients"), opts());
    const before = (wb.owned(PORTFOLIO_MARKER) as MemorySheet).snapshot();
    const sheetNames = wb.sheets.map((s) => s.name);
    const userBefore = (wb.sheet("Clients") as MemorySheet).snapshot();
    const failing = new MemoryPort(wb, "Clients", { failAfterWrites: 200 });
    await expect(buildPortfolio(failing, opts("2026-11-23T10:00:00Z"))).rejects.toBeInstanceOf(InjectedFailure);
    expect((wb.owned(PORTFOLIO_MARKER) as MemorySheet).snapshot()).toBe(before);
    expect(wb.sheets.map((s) => s.name)).toEqual(sheetNames);
    expect((wb.sheet("Clients") as MemorySheet).snapshot()).toBe(userBefore);
  });

  it("appends one snapshot per build and shows movement against the previous build", async () => {
    const wb = workbookFrom("test/vectors/clients-60.csv");
    const port = new MemoryPort(wb, "Clients");
    const first = await buildPortfolio(port, opts());
    expect(first.portfolio.clients.every((c) => c.movement === "new")).toBe(true);
    // Next quarter: Cedar Systems' margin collapses (A → C via the laggard rule).
    const sheet = wb.sheet("Clients") as MemorySheet;
    const row = first.portfolio.clients.find((c) => c.name === "Cedar Systems")?.row as number;
    sheet.set(row, 3, { value: "-5%" });
    const second = await buildPortfolio(port, opts("2026-11-23T10:00:00Z"));
    const cedar = second.portfolio.clients.find((c) => c.name === "Cedar Systems");
    expect(cedar?.previousGrade).toBe("A");
    expect(cedar?.movement).toBe("▼");
    expect(second.portfolio.health.downgrades).toBeGreaterThanOrEqual(1);
    const history = wb.owned(HISTORY_MARKER) as MemorySheet;
    expect(history.hidden).toBe(true);
    expect(history.extent().rows).toBe(1 + 60 + 60);
    const ours = wb.owned(PORTFOLIO_MARKER) as MemorySheet;
    const header = Array.from({ length: 30 }, (_, j) => ours.get(TABLE_HEADER_ROW, j + 1)?.value);
    const move = header.indexOf("Movement") + 1;
    const nameCol = header.indexOf("Client") + 1;
    const cedarRow = Array.from({ length: 60 }, (_, i) => TABLE_HEADER_ROW + 1 + i).find((r) => ours.get(r, nameCol)?.value === "Cedar Systems") as number;
    expect(ours.get(cedarRow, move)?.value).toBe("▼");
  });

  it("buildMatrixAndPortfolio: one read and one grading give what the two builds in a row give", async () => {
    const one = workbookFrom("examples/clients.csv");
    const two = workbookFrom("examples/clients.csv");
    const port = new MemoryPort(one, "Clients");
    const both = await buildMatrixAndPortfolio(port, opts());
    expect(port.reads).toBe(1);
    expect(port.writes).toBe(2);
    const twice = new MemoryPort(two, "Clients");
    await buildMatrix(twice, opts());
    await buildPortfolio(twice, opts());
    expect(twice.reads).toBe(2);
    expect(both.portfolio.message).toBe("42 clients: 8 A, 20 B, 14 C; 1 row needs data");
    for (const name of ["Clients", ...one.sheets.map((x) => x.name)]) {
      expect((one.sheet(name) as MemorySheet).snapshot(), name).toBe((two.sheet(name) as MemorySheet).snapshot());
    }
  });

  it("writes text from the data as text, never as a formula", async () => {
    const wb = new MemoryWorkbook();
    const rows: CellValue[][] = [["Client", "Revenue"], ["=cmd|' /C calc'!A0", 100], ["+SUM(1,2)", 90], ["@risk", 80], ["-minus", 70]];
    wb.sheets.push(MemorySheet.fromRows("Clients", rows));
    await buildPortfolio(new MemoryPort(wb, "Clients"), opts());
    const ours = wb.owned(PORTFOLIO_MARKER) as MemorySheet;
    const texts = [...ours.cells.values()].filter((c) => typeof c.value === "string" && /^[=+@-]/.test(c.value));
    expect(texts.map((c) => c.value)).toEqual(expect.arrayContaining(["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "-minus"]));
    expect([...ours.cells.values()].some((c) => c.formula !== undefined)).toBe(false);
  });

  it("refuses to grade its own sheet, and reads settings saved in the document", async () => {
    const wb = workbookFrom("examples/clients.csv");
    await buildPortfolio(new MemoryPort(wb, "Clients"), opts());
    const ownName = (wb.owned(PORTFOLIO_MARKER) as MemorySheet).name;
    await expect(buildPortfolio(new MemoryPort(wb, ownName), opts())).rejects.toBeInstanceOf(OwnSheetError);
    const port = new MemoryPort(wb, "Clients");
    await port.saveSettings(resolveSettings({ gradeAMin: 90 }));
    const r = await buildPortfolio(port, opts());
    expect(r.portfolio.clients.filter((c) => c.grade === "A" && !c.flags.includes("override")).every((c) => c.score >= 90)).toBe(true);
    expect(port.reads).toBe(1);
    expect(port.writes).toBe(1);
  });
});

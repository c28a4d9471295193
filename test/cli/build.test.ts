// `kam-portfolio build` from a .csv and an order list: what lands in the written workbook, read back
// from its XML (not through ExcelJS, which the command uses), and text that is never a formula.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/read";
import { csvCell } from "../../cli/xlsx/csv-workbook";
import { MATRIX_HEADERS } from "../../core/matrix";
import { cellsOf, definedNames, grid, openXlsx, sheetCells, tableRows, type Cell, type Xlsx } from "../fixtures/xlsx";
import { ROOT, runCli } from "../helpers";
import { build, gradeJson, run, tempDir, TODAY } from "./build-helpers";

const dir = tempDir("kam-build-");

describe("build from a .csv", () => {
  let x: Xlsx;
  let json: Awaited<ReturnType<typeof gradeJson>>;
  const out = join(dir, "clients.kam.xlsx");
  beforeAll(async () => {
    // Through the installed command once, as a user runs it.
    const r = await runCli(["build", "examples/clients.csv", "--out", out, "--today", TODAY]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*clients\.kam\.xlsx: 42 clients: \d+ A, \d+ B, \d+ C; 1 row needs data\n$/);
    x = await openXlsx(readFileSync(out));
    json = await gradeJson("examples/clients.csv");
  });

  it("holds the data sheet, the portfolio and the hidden history, in that order", () => {
    expect(x.sheets.map((s) => [s.name, s.state])).toEqual([["clients", "visible"], ["KAM Portfolio", "visible"], ["KAM History", "hidden"]]);
  });

  it("keeps every CSV field exactly, text as text and only plain numbers as numbers", async () => {
    const rows = parseCsv(readFileSync(`${ROOT}examples/clients.csv`, "utf8"));
    const g = grid(await sheetCells(x, "clients"));
    rows.forEach((r, i) => r.forEach((v, j) => {
      expect(g.get(i + 1)?.get(j + 1) ?? null, `row ${i + 1} col ${j + 1}`).toEqual(csvCell(v));
    }));
    expect(g.get(3)?.get(3)).toBe("$182,450.00");
    expect(g.get(2)?.get(3)).toBe(29100);
  });

  it("writes the matrix to the right of the data as values that agree with the portfolio", async () => {
    const g = grid(await sheetCells(x, "clients"));
    const first = 14;
    expect(MATRIX_HEADERS.map((_, j) => g.get(1)?.get(first + j))).toEqual([...MATRIX_HEADERS]);
    for (const c of json.clients) {
      expect(g.get(c.row)?.get(first + 6), `${c.name} grade`).toBe(c.grade);
      expect(g.get(c.row)?.get(first + 5), `${c.name} score`).toBe(c.score);
      expect(g.get(c.row)?.get(first + 8), `${c.name} quadrant`).toBe(c.quadrant);
    }
    expect(g.get(43)?.get(first)).toBe("Needs data: no revenue");
    const cells = await sheetCells(x, "clients");
    expect(cells.some((c) => c.formula !== null)).toBe(false);
  });

  it("ranks the clients in the KAM Portfolio tab as grade --json does, with a Needs data section", async () => {
    const cells = await sheetCells(x, "KAM Portfolio");
    const table = tableRows(cells);
    expect(table.map((r) => [r.Rank, r.Client, r.Grade, r.Score, r.Quadrant, r["Sheet row"]])).toEqual(json.clients.map((c) => [c.rank, c.name, c.grade, c.score, c.quadrant, c.row]));
    const g = grid(cells);
    const section = [...g.entries()].find(([, r]) => r.get(1) === "Needs data: 1 row not ranked")?.[0] as number;
    expect(section).toBeGreaterThan(15 + table.length);
    expect([g.get(section + 2)?.get(1), g.get(section + 2)?.get(2), g.get(section + 2)?.get(3)]).toEqual([43, "Westgate Studios", "no revenue"]);
    expect(g.get(2)?.get(1)).toMatch(/^Built 2026-11-22 from sheet “clients”: 42 clients from 43 rows; 1 row needs data/);
    expect(g.get(3)?.get(1)).toMatch(/^Settings: weights revenue 30/);
  });

  it("marks the owned sheets, the history's last snapshot and the matrix with the names the Excel add-in reads", () => {
    const names = definedNames(x.workbookXml);
    const byName = (n: string) => names.find((d) => d.name === n);
    expect(byName("KAM_Portfolio")).toMatchObject({ hidden: true, local: null, formula: "'KAM Portfolio'!$A$1" });
    // The header and the 42 snapshot rows; the last snapshot is those 42 rows.
    expect(byName("KAM_History")).toMatchObject({ hidden: true, local: null, formula: "'KAM History'!$A$1:$E$43" });
    expect(byName("KAM_HistoryLast")).toMatchObject({ hidden: true, local: null, formula: "'KAM History'!$A$2:$E$43" });
    expect(byName("KAM_Matrix")).toMatchObject({ hidden: true, local: "0", formula: "clients!$N$1:$V$1" });
    expect(names.filter((n) => n.name.startsWith("_KAM."))).toEqual([]);
    expect(byName("_xlnm._FilterDatabase")).toMatchObject({ hidden: true, local: "1" });
    expect(names.find((n) => n.name === "_xlnm.Print_Titles" && n.local === "1")).toMatchObject({ formula: "'KAM Portfolio'!$15:$15" });
  });

  it("adds a native scatter chart: a series per grade, the boundaries at 50, the four quadrant names, axes 0–100", async () => {
    const sheet = x.sheets.find((s) => s.name === "KAM Portfolio")?.path as string;
    const sheetXml = await x.text(sheet);
    const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
    expect(drawingId).toBeDefined();
    const rels = await x.text(sheet.replace("worksheets/", "worksheets/_rels/") + ".rels");
    expect(rels).toMatch(new RegExp(`Id="${drawingId}" Type="[^"]+/drawing" Target="../drawings/drawing\\d+.xml"`));
    const types = await x.text("[Content_Types].xml");
    const chartPath = x.paths.find((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)) as string;
    expect(types).toContain(`PartName="/${chartPath}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
    const chart = await x.text(chartPath);
    expect(chart).toContain("<c:scatterChart>");
    const series = [...chart.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => m[0]);
    const name = (s: string) => /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(s)?.[1];
    expect(series.map(name)).toEqual(["A clients", "B clients", "C clients", "Relationship boundary", "Benefit boundary", "Key client", "Invest in relationship", "Higher-value offers", "Rethink"]);
    // The grade series cover the table's rows, in rank order.
    const a = series[0] as string;
    expect(a).toMatch(/<c:xVal><c:numRef><c:f>'KAM Portfolio'!\$P\$16:\$P\$23<\/c:f>/);
    expect([...a.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v>/g)].length).toBe(2 * json.clients.filter((c) => c.grade === "A").length);
    // Boundaries at the threshold, labels shown by series name.
    const xs = (s: string) => [...(/<c:xVal>([\s\S]*?)<\/c:xVal>/.exec(s)?.[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
    expect(xs(series[3] as string)).toEqual([50, 50]);
    expect(series[5]).toContain('<c:showSerName val="1"/>');
    expect(chart.match(/<c:max val="100"\/><c:min val="0"\/>/g)).toHaveLength(2);
    expect(chart).toContain("Relationship strength");
    expect(chart).toContain("Mutual benefit (score)");
  });

  it("saves the settings in a custom document property", async () => {
    expect(await x.text("docProps/custom.xml")).toContain('name="KAMPortfolio.settings"><vt:lpwstr>{}</vt:lpwstr>');
  });

  it("prints legibly: the tab's key columns one page wide then its chart, the CSV's sheet at 70% with its header on every page", async () => {
    const tab = await x.text(x.sheets[1]!.path);
    expect(tab).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(tab).toMatch(/<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    const names = definedNames(x.workbookXml);
    expect(names.find((n) => n.name === "_xlnm.Print_Area" && n.local === "1")?.formula).toMatch(/^'KAM Portfolio'!\$A\$1:\$O\$\d+,'KAM Portfolio'!\$P\$1:\$[T-Z]\$14(,'KAM Portfolio'!\$[A-Z]+\$1:\$[A-Z]+\$14)?$/);
    expect(names.find((n) => n.name === "_xlnm.Print_Titles" && n.local === "1")?.formula).toBe("'KAM Portfolio'!$15:$15");
    // the CSV's 13 columns and the matrix do not fit one page at a legible scale
    const data = await x.text(x.sheets[0]!.path);
    expect(data).not.toContain("fitToPage");
    expect(data).toMatch(/<pageSetup orientation="landscape" scale="70"\/>/);
    expect(names.find((n) => n.name === "_xlnm.Print_Titles" && n.local === "0")?.formula).toBe("clients!$1:$1");
  });
});

describe("a long table", () => {
  it("holds every client with the cell styles of the first row, column by column", async () => {
    const x = await build("test/vectors/clients-60.csv", join(dir, "sixty.kam.xlsx"));
    const json = await gradeJson("test/vectors/clients-60.csv");
    const cells = await sheetCells(x, "KAM Portfolio");
    const table = tableRows(cells);
    expect(table.map((r) => [r.Rank, r.Client, r.Grade, r.Score, r["Sheet row"]])).toEqual(json.clients.map((c) => [c.rank, c.name, c.grade, c.score, c.row]));
    const style = new Map(cells.map((c) => [c.ref, c.style]));
    const header = cells.filter((c) => c.row === 15);
    for (const h of header) {
      const first = style.get(`${h.ref.replace(/\d+$/, "")}16`);
      for (let r = 17; r < 16 + json.clients.length; r++) {
        const s = style.get(`${h.ref.replace(/\d+$/, "")}${r}`);
        if (s !== undefined) expect(s, `${h.value} row ${r}`).toBe(first);
      }
    }
    // The Score column's style shows one decimal.
    const styles = await x.text("xl/styles.xml");
    const scoreCol = header.find((h) => h.value === "Score")?.ref.replace(/\d+$/, "") as string;
    const xf = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const fmt = xf[style.get(`${scoreCol}40`) as number] as number;
    expect(styles).toContain(`<numFmt numFmtId="${fmt}" formatCode="0.0"/>`);
    expect(grid(cells).get(15 + json.clients.length + 1)?.get(1)).toBeUndefined();
  });
});

describe("build from an order list", () => {
  it("aggregates per client and says how many rows became how many clients", async () => {
    const out = join(dir, "orders.kam.xlsx");
    const csv = parseCsv(readFileSync("examples/orders.csv", "utf8"));
    const orders = csv.length - 2; // less the header and the one order without an amount
    const clients = new Set(csv.slice(1).map((r) => r[2])).size - 1; // less the client of that order
    const r = await run("build", "examples/orders.csv", "--out", out, "--today", TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`: ${clients} clients \\(from ${orders} order rows\\): `));
    const x = await openXlsx(readFileSync(out));
    const g = grid(await sheetCells(x, "KAM Portfolio"));
    expect(g.get(2)?.get(1)).toMatch(new RegExp(`${orders} order rows merged into ${clients} clients; 1 row needs data`));
    const table = tableRows(await sheetCells(x, "KAM Portfolio"));
    expect(table).toHaveLength(clients);
    expect(table.reduce((n, row) => n + Number(row.Orders), 0)).toBe(orders);
    // Every order row shows its client's grade in the matrix.
    const data = grid(await sheetCells(x, "orders"));
    const grades = new Map(table.map((t) => [t.Client, t.Grade]));
    const gradeCol = [...(data.get(1) as Map<number, unknown>).entries()].find(([, v]) => v === "KAM grade")?.[0] as number;
    for (let row = 2; row <= csv.length; row++) {
      const name = data.get(row)?.get(3) as string;
      if (name === "Westgate Studios") expect(data.get(row)?.get(gradeCol - 6)).toBe("Needs data: no revenue");
      else expect(data.get(row)?.get(gradeCol), `row ${row}`).toBe(grades.get(name));
    }
  });
});

describe("formula safety", () => {
  it("stores data text that starts with = + - @ tab or CR as strings, never formulas, exactly", async () => {
    const csv = join(dir, "danger.csv");
    const dangerous = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@risk", "\tTabbed", "\rCarriage", "=HYPERLINK(\"http://x\")"];
    writeFileSync(csv, ["Client,Revenue,Industry", ...dangerous.map((d, i) => `"${d.replace(/"/g, '""')}",${1000 - i * 10},"${d.replace(/"/g, '""')}"`)].join("\n"));
    const out = join(dir, "danger.kam.xlsx");
    const x = await build(csv, out);
    const all: Cell[] = [];
    for (const s of x.sheets) all.push(...cellsOf(await x.text(s.path), x.strings));
    const risky = all.filter((c) => typeof c.value === "string" && /^[=+\-@\t\r]/.test(c.value));
    expect(risky.length).toBeGreaterThanOrEqual(dangerous.length * 2);
    for (const c of risky) {
      expect(["s", "inlineStr"], c.ref).toContain(c.type);
      expect(c.formula, c.ref).toBeNull();
    }
    expect(all.filter((c) => c.formula !== null)).toEqual([]);
    // The data sheet keeps each field to the character (CR included).
    const data = grid(await sheetCells(x, "danger"));
    expect(dangerous.map((_, i) => data.get(i + 2)?.get(1))).toEqual(dangerous);
    const table = tableRows(await sheetCells(x, "KAM Portfolio"));
    expect(table.map((r) => r.Client)).toEqual(expect.arrayContaining(["=cmd|' /C calc'!A0", "+SUM(1,2)", "@risk", "Tabbed", "Carriage"]));
  });
});

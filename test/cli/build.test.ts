// `kam-portfolio build`: what lands in the written workbook, read back from its XML (not through
// ExcelJS, which the command uses), and everything of the user's workbook that must not change.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { parseCsv } from "../../cli/read";
import { csvCell } from "../../cli/xlsx/csv-workbook";
import { MATRIX_HEADERS } from "../../core/matrix";
import { CUSTOM_PROPS, encryptedWorkbook, prefixedWorkbook, richWorkbook, simpleWorkbook, USER_CHART, USER_NAMES } from "../fixtures/workbooks";
import { cellsOf, definedNames, grid, openXlsx, sheetCells, tableRows, type Cell, type Xlsx } from "../fixtures/xlsx";
import { ROOT, runCli } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-build-"));
const TODAY = "2026-11-22";

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function build(input: string, out: string, ...more: string[]): Promise<Xlsx> {
  const r = await run("build", input, "--out", out, "--today", TODAY, ...more);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return openXlsx(readFileSync(out));
}

async function gradeJson(file: string, ...more: string[]) {
  const r = await run("grade", file, "--json", "--today", TODAY, ...more);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { clients: { rank: number; row: number; name: string; grade: string; score: number; quadrant: string }[]; needsData: { row: number; name: string; reason: string }[] };
}

/** A workbook whose stored (uncompressed) part `path` has one byte changed after its CRC-32 was written. */
async function damaged(path: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleWorkbook([["Client", "Revenue"], ["Acme", 500], ["Beta", 100]]));
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  const text = await (zip.file(path) as JSZip.JSZipObject).async("string");
  const at = bytes.indexOf(text.slice(-40));
  expect(at).toBeGreaterThan(0);
  bytes[at + 5] = bytes[at + 5] === 0x20 ? 0x21 : 0x20;
  return bytes;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

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
    expect(byName("_xlnm.Print_Titles")).toMatchObject({ local: "1", formula: "'KAM Portfolio'!$15:$15" });
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
    const r = await run("build", "examples/orders.csv", "--out", out, "--today", TODAY);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: 24 clients \(from 600 order rows\): /);
    const x = await openXlsx(readFileSync(out));
    const g = grid(await sheetCells(x, "KAM Portfolio"));
    expect(g.get(2)?.get(1)).toMatch(/600 order rows merged into 24 clients/);
    const table = tableRows(await sheetCells(x, "KAM Portfolio"));
    expect(table).toHaveLength(24);
    expect(table.reduce((n, row) => n + Number(row.Orders), 0)).toBe(600);
    // Every order row shows its client's grade in the matrix.
    const data = grid(await sheetCells(x, "orders"));
    const grades = new Map(table.map((t) => [t.Client, t.Grade]));
    const gradeCol = [...(data.get(1) as Map<number, unknown>).entries()].find(([, v]) => v === "KAM grade")?.[0] as number;
    for (let row = 2; row <= 601; row++) expect(data.get(row)?.get(gradeCol), `row ${row}`).toBe(grades.get(data.get(row)?.get(3) as string));
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

describe("round trip of an owner's workbook", () => {
  let input: Buffer;
  let before: Xlsx;
  let after: Xlsx;
  const file = join(dir, "rich.xlsx");
  beforeAll(async () => {
    input = await richWorkbook();
    writeFileSync(file, input);
    before = await openXlsx(input);
    after = await build(file, join(dir, "rich.kam.xlsx"));
  });

  it("never writes the input", () => {
    expect(sha(readFileSync(file))).toBe(sha(input));
  });

  it("copies every part it does not need to touch byte for byte: other sheets, images, charts, notes, theme", async () => {
    const touched = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "docProps/custom.xml", "xl/worksheets/sheet1.xml"]);
    const kept = before.paths.filter((p) => !touched.has(p));
    expect(kept).toEqual(expect.arrayContaining(["xl/worksheets/sheet2.xml", "xl/charts/chart1.xml", "xl/drawings/drawing9.xml", "xl/comments2.xml", "xl/theme/theme1.xml"]));
    expect(kept.some((p) => p.startsWith("xl/media/"))).toBe(true);
    for (const p of kept) expect(sha(await after.bytes(p)), p).toBe(sha(await before.bytes(p)));
    expect(await after.text("xl/charts/chart1.xml")).toBe(USER_CHART);
  });

  it("keeps the sheets, every defined name verbatim, the custom properties and the content types", async () => {
    for (const s of before.sheets) expect(after.workbookXml).toContain((before.workbookXml.match(new RegExp(`<sheet [^>]*name="${s.name}"[^>]*/>`)) as RegExpMatchArray)[0]);
    for (const n of definedNames(before.workbookXml)) expect(after.workbookXml, n.name).toContain(n.xml);
    for (const n of USER_NAMES) expect(after.workbookXml).toContain(n);
    expect(await after.text("docProps/custom.xml")).toContain(/<property [^>]*name="Department">[\s\S]*?<\/property>/.exec(CUSTOM_PROPS)?.[0] as string);
    const typesBefore = await before.text("[Content_Types].xml");
    const typesAfter = await after.text("[Content_Types].xml");
    for (const t of typesBefore.match(/<(Override|Default) [^>]*\/>/g) ?? []) expect(typesAfter).toContain(t);
    const relsBefore = await before.text("xl/_rels/workbook.xml.rels");
    const relsAfter = await after.text("xl/_rels/workbook.xml.rels");
    for (const r of relsBefore.match(/<Relationship [^>]*\/>/g) ?? []) expect(relsAfter).toContain(r.replace(/\/>$/, ""));
  });

  it("only appends to the styles and shared-strings parts", async () => {
    const a = await before.text("xl/styles.xml");
    const b = await after.text("xl/styles.xml");
    for (const section of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      const children = (xml: string) => (new RegExp(`<${section}[^>]*>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? "");
      expect(children(b).startsWith(children(a)), section).toBe(true);
    }
    const sst = (xml: string) => /<sst[^>]*>([\s\S]*)<\/sst>/.exec(xml)?.[1] ?? "";
    const was = sst(await before.text("xl/sharedStrings.xml"));
    expect(was.length).toBeGreaterThan(0);
    expect(sst(await after.text("xl/sharedStrings.xml")).startsWith(was)).toBe(true);
    expect(after.strings.slice(0, before.strings.length)).toEqual(before.strings);
  });

  it("leaves every user cell of the data sheet as it was and writes only the matrix columns", async () => {
    const was = await sheetCells(before, "Clients");
    const now = new Map((await sheetCells(after, "Clients")).map((c) => [c.ref, c]));
    for (const c of was) {
      if (c.ref === "P3") continue;
      expect(now.get(c.ref)?.xml, c.ref).toBe(c.xml);
    }
    // The styled empty cell in the matrix's way keeps its style under our value.
    const p3 = was.find((c) => c.ref === "P3") as Cell;
    expect(p3.value).toBeNull();
    expect(now.get("P3")?.style).toBe(p3.style);
    expect(now.get("P3")?.value).toBeTypeOf("string");
    const added = [...now.values()].filter((c) => !was.some((w) => w.ref === c.ref));
    expect(added.every((c) => c.col >= 14 && c.col <= 22)).toBe(true);
    // Outside its cells, the data sheet part is unchanged (views, drawing, …).
    const strip = (xml: string) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, "").replace(/<dimension [^>]*\/>/, "").replace(/<cols>[\s\S]*?<\/cols>/, "");
    expect(strip(await after.text("xl/worksheets/sheet1.xml"))).toBe(strip(await before.text("xl/worksheets/sheet1.xml")));
    const colsBefore = (await before.text("xl/worksheets/sheet1.xml")).match(/<col [^>]*\/>/g) ?? [];
    for (const c of colsBefore) expect(await after.text("xl/worksheets/sheet1.xml")).toContain(c);
  });

  it("grades the workbook as the same data in CSV", async () => {
    const fromCsv = await gradeJson("examples/clients.csv");
    const fromXlsx = await gradeJson(file);
    expect(fromXlsx.clients.map((c) => [c.name, c.grade, c.score])).toEqual(fromCsv.clients.map((c) => [c.name, c.grade, c.score]));
  });
});

describe("rebuild", () => {
  it("updates the matrix in place, replaces its own tab, appends history and shows movement", async () => {
    const first = join(dir, "re1.kam.xlsx");
    await build("examples/clients.csv", first);
    // Next quarter Cedar Ridge Clinic's margin collapses (the sheet is edited by hand).
    const zip = await openXlsx(readFileSync(first));
    const sheet = await zip.text("xl/worksheets/sheet1.xml");
    const cedar = cellsOf(sheet, zip.strings).find((c) => c.value === "Cedar Ridge Clinic") as Cell;
    const margin = cellsOf(sheet, zip.strings).find((c) => c.row === cedar.row && c.col === 4) as Cell;
    expect(margin.value).toBe("24%");
    zip.zip.file("xl/worksheets/sheet1.xml", sheet.replace(margin.xml, `<c r="${margin.ref}" t="inlineStr"><is><t>-5%</t></is></c>`));
    const edited = join(dir, "re1-edited.kam.xlsx");
    writeFileSync(edited, await zip.zip.generateAsync({ type: "nodebuffer" }));

    const r = await run("build", edited, "--out", join(dir, "re2.kam.xlsx"), "--today", "2027-02-22");
    expect(r.code).toBe(0);
    const x = await openXlsx(readFileSync(join(dir, "re2.kam.xlsx")));
    expect(x.sheets.map((s) => s.name)).toEqual(["clients", "KAM Portfolio", "KAM History"]);
    const names = definedNames(x.workbookXml);
    expect(names.filter((n) => n.name === "KAM_Matrix")).toEqual([expect.objectContaining({ formula: "clients!$N$1:$V$1" })]);
    expect(names.find((n) => n.name === "KAM_History")?.formula).toBe("'KAM History'!$A$1:$E$85");
    expect(names.find((n) => n.name === "KAM_HistoryLast")?.formula).toBe("'KAM History'!$A$44:$E$85");
    const data = grid(await sheetCells(x, "clients"));
    expect(data.get(1)?.get(23)).toBeUndefined();
    const table = tableRows(await sheetCells(x, "KAM Portfolio"));
    const row = table.find((t) => t.Client === "Cedar Ridge Clinic") as Record<string, unknown>;
    expect([row["Previous grade"], row.Movement]).toEqual(["A", "▼"]);
    expect(data.get(cedar.row)?.get(14 + 6)).toBe(row.Grade);
    expect(table.filter((t) => t.Client !== "Cedar Ridge Clinic").every((t) => t.Movement === "=")).toBe(true);
    const history = grid(await sheetCells(x, "KAM History"));
    expect(history.size).toBe(1 + 42 + 42);
    expect(String(history.get(2)?.get(1))).toMatch(/^2026-11-22T/);
    expect(String(history.get(44)?.get(1))).toMatch(/^2027-02-22T/);
    const downgrades = [...grid(await sheetCells(x, "KAM Portfolio")).values()].find((r) => r.get(10) === "Upgrades / downgrades");
    expect(downgrades?.get(13)).toBe("▲ 0 / ▼ 1");
    // One chart, not two.
    expect(x.paths.filter((p) => /^xl\/charts\//.test(p))).toHaveLength(1);
  });

  it("leaves a user's own sheet called KAM Portfolio alone and finds its own by marker", async () => {
    const file = join(dir, "mine.xlsx");
    writeFileSync(file, await richWorkbook({ userKamSheet: true }));
    const before = await openXlsx(readFileSync(file));
    const mine = before.sheets.find((s) => s.name === "KAM Portfolio")?.path as string;
    const x1 = await build(file, join(dir, "mine.kam.xlsx"));
    expect(x1.sheets.map((s) => s.name)).toEqual(["Clients", "Notes", "KAM Portfolio", "KAM Portfolio (2)", "KAM History"]);
    expect(await x1.text(mine)).toBe(await before.text(mine));
    const x2 = await build(join(dir, "mine.kam.xlsx"), join(dir, "mine2.kam.xlsx"));
    expect(x2.sheets.map((s) => s.name)).toEqual(["Clients", "Notes", "KAM Portfolio", "KAM Portfolio (2)", "KAM History"]);
    expect(await x2.text(mine)).toBe(await before.text(mine));
    expect(definedNames(x2.workbookXml).find((n) => n.name === "KAM_Portfolio")?.formula).toBe("'KAM Portfolio (2)'!$A$1");
  });

  it("keeps the settings it was given and uses them on the next build", async () => {
    const config = join(dir, "kam.json");
    writeFileSync(config, JSON.stringify({ weights: { revenue: 40, profitability: 20, strategic: 20, wallet: 10, pain: 10 }, gradeAMin: 70 }));
    const first = join(dir, "set1.kam.xlsx");
    const x1 = await build("examples/clients.csv", first, "--config", config);
    expect(await x1.text("docProps/custom.xml")).toContain("&quot;gradeAMin&quot;:70");
    const x2 = await build(first, join(dir, "set2.kam.xlsx"));
    const line = grid(await sheetCells(x2, "KAM Portfolio")).get(3)?.get(1);
    expect(line).toMatch(/^Settings: weights revenue 40 · profitability 20 /);
    expect(line).toMatch(/grade A ≥ 70/);
    expect(tableRows(await sheetCells(x2, "KAM Portfolio")).filter((r) => r.Grade === "A" && Number(r.Score) < 70 && !String(r.Flags).includes("override"))).toEqual([]);
  });
});

describe("bad input: one line, exit code 1, no output file", () => {
  const cases: [string, () => Promise<Buffer | string>, string[], RegExp][] = [
    ["a PNG named .xlsx", async () => Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), [], /not a spreadsheet/],
    ["text named .xlsx", async () => "Client,Revenue\nA,1\n", [], /not a spreadsheet/],
    ["a zip that is no workbook", async () => Buffer.from("504b0304", "hex"), [], /not a readable \.xlsx workbook/],
    ["a damaged data sheet (CRC-32)", () => damaged("xl/worksheets/sheet1.xml"), [], /not a readable \.xlsx workbook \(part xl\/worksheets\/sheet1\.xml is damaged \(CRC-32 mismatch\)\)/],
    ["a damaged part the build copies (CRC-32)", () => damaged("xl/theme/theme1.xml"), [], /not a readable \.xlsx workbook \(part xl\/theme\/theme1\.xml is damaged \(CRC-32 mismatch\)\); nothing was written/],
    ["an encrypted workbook", async () => encryptedWorkbook(), [], /password-protected \(encrypted\)/],
    ["an empty sheet", () => simpleWorkbook([]), [], /sheet "Clients": the sheet is empty/],
    ["a header-only sheet", () => simpleWorkbook([["Client", "Revenue"]]), [], /sheet "Clients": the sheet has headers but no data rows/],
    ["an unknown sheet name", () => simpleWorkbook([["Client", "Revenue"], ["A", 1]]), ["--sheet", "Nope"], /no sheet named "Nope" \(sheets: Clients\)/],
    ["a protected workbook structure", () => richWorkbook({ lockStructure: true }), [], /structure is protected/],
    ["a protected data sheet", () => richWorkbook({ protectDataSheet: true }), [], /sheet "Clients" is protected/],
    ["a formula cell (blank result) where the matrix goes", () => richWorkbook({ extraCell: { ref: "Q5", value: { formula: 'IF(1,"","")', result: "" } } }), [], /cell Q5 is in the way of the matrix columns/],
  ];
  it.each(cases)("%s", async (label, make, args, message) => {
    const sub = mkdtempSync(join(dir, "bad-"));
    const file = join(sub, `${label.replace(/\W+/g, "-")}.xlsx`);
    writeFileSync(file, await make());
    const r = await run("build", file, ...args);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^kam-portfolio: /);
    expect(r.err).toMatch(message);
    expect(readdirSync(sub)).toEqual([file.slice(sub.length + 1)]);
  });

  it("a failure while writing leaves an earlier output as it was", async () => {
    const sub = mkdtempSync(join(dir, "atomic-"));
    const file = join(sub, "in.xlsx");
    writeFileSync(file, await richWorkbook({ extraCell: { ref: "Q5", value: { formula: 'IF(1,"","")', result: "" } } }));
    writeFileSync(join(sub, "out.xlsx"), "an earlier output");
    const r = await run("build", file, "--out", join(sub, "out.xlsx"));
    expect(r.code).toBe(1);
    expect(readFileSync(join(sub, "out.xlsx"), "utf8")).toBe("an earlier output");
    expect(readdirSync(sub).sort()).toEqual(["in.xlsx", "out.xlsx"]);
  });

  it("refuses a build the history sheet cannot hold (a sheet has 1,048,576 rows)", async () => {
    const sub = mkdtempSync(join(dir, "full-"));
    const x = await openXlsx(readFileSync(join(dir, "clients.kam.xlsx")));
    const history = x.sheets.find((s) => s.name === "KAM History")?.path as string;
    const last = '<row r="1048570"><c r="A1048570" t="inlineStr"><is><t>2020-01-01T00:00:00Z</t></is></c><c r="B1048570" t="inlineStr"><is><t>Old client</t></is></c><c r="C1048570" t="inlineStr"><is><t>B</t></is></c></row>';
    x.zip.file(history, (await x.text(history)).replace("</sheetData>", `${last}</sheetData>`));
    writeFileSync(join(sub, "full.xlsx"), await x.zip.generateAsync({ type: "nodebuffer" }));
    const r = await run("build", join(sub, "full.xlsx"), "--out", join(sub, "out.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the history sheet "KAM History" cannot take this build's 42 rows \(a sheet holds 1,048,576\)/);
    expect(readdirSync(sub)).toEqual(["full.xlsx"]);
  });

  it("refuses to grade its own portfolio or history sheet", async () => {
    const built = join(dir, "clients.kam.xlsx");
    for (const sheet of ["KAM Portfolio", "KAM History"]) {
      const r = await run("build", built, "--sheet", sheet, "--out", join(dir, "own.kam.xlsx"));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`"${sheet}" is the add-in's own sheet`));
    }
  });

  it("an empty or header-only CSV", async () => {
    for (const [text, message] of [["", /the sheet is empty/], ["Client,Revenue\n", /headers but no data rows/]] as const) {
      const sub = mkdtempSync(join(dir, "badcsv-"));
      writeFileSync(join(sub, "c.csv"), text);
      const r = await run("build", join(sub, "c.csv"));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(readdirSync(sub)).toEqual(["c.csv"]);
    }
  });

  it("refuses to write over the input, into a missing folder, or as the wrong kind of file", async () => {
    const sub = mkdtempSync(join(dir, "out-"));
    const file = join(sub, "c.xlsx");
    writeFileSync(file, await simpleWorkbook([["Client", "Revenue"], ["A", 1]]));
    const hash = sha(readFileSync(file));
    const same = await run("build", file, "--out", file);
    expect(same.err).toMatch(/that is the input file/);
    const missing = await run("build", file, "--out", join(sub, "nope", "x.xlsx"));
    expect(missing.err).toMatch(/does not exist/);
    const kind = await run("build", file, "--out", join(sub, "x.xlsm"));
    expect(kind.err).toMatch(/must be a \.xlsx file/);
    for (const r of [same, missing, kind]) expect(r.code).toBe(1);
    expect(readdirSync(sub)).toEqual(["c.xlsx"]);
    expect(sha(readFileSync(file))).toBe(hash);
  });

  it("writes beside the input by default", async () => {
    const sub = mkdtempSync(join(dir, "default-"));
    writeFileSync(join(sub, "book.xlsx"), await simpleWorkbook([["Client", "Revenue"], ["A", 1], ["B", 2]]));
    const r = await run("build", join(sub, "book.xlsx"));
    expect(r.code).toBe(0);
    expect(readdirSync(sub).sort()).toEqual(["book.kam.xlsx", "book.xlsx"]);
  });

  it("reads a workbook whose parts carry a namespace prefix", async () => {
    const file = join(dir, "prefixed.xlsx");
    writeFileSync(file, await prefixedWorkbook([["Client", "Revenue"], ["Acme", 500], ["Beta", 100]]));
    const x = await build(file, join(dir, "prefixed.kam.xlsx"));
    expect(tableRows(await sheetCells(x, "KAM Portfolio")).map((r) => r.Client)).toEqual(["Acme", "Beta"]);
    const data = await x.text(x.sheets[0]?.path as string);
    const cells = cellsOf(data.replace(/<(\/?)x:/g, "<$1"), x.strings);
    expect(cells.find((c) => c.ref === "C1")).toMatchObject({ type: "s", value: "KAM revenue rating" });
    expect(cells.find((c) => c.ref === "I2")).toMatchObject({ type: "s", value: expect.stringMatching(/^[ABC]$/) });
    expect(data).toMatch(/<x:c r="I2" t="s"><x:v>\d+<\/x:v><\/x:c>/);
    expect(await x.text("xl/sharedStrings.xml")).toMatch(/<x:si><x:t>KAM revenue rating<\/x:t><\/x:si>/);
  });
});

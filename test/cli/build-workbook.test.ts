// `kam-portfolio build` on an owner's workbook: everything of it that must not change, and rebuilds
// (matrix in place, own tab replaced, history appended, movement, settings kept).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { openXlsx as openXlsxFile, readWorksheets } from "../../cli/read";
import type { CellValue } from "../../core/values";
import { CUSTOM_PROPS, richWorkbook, USER_CHART, USER_NAMES } from "../fixtures/workbooks";
import { cellsOf, definedNames, grid, openXlsx, sheetCells, tableRows, type Cell, type Xlsx } from "../fixtures/xlsx";
import { build, gradeJson, run, sha, tempDir } from "./build-helpers";

const dir = tempDir("kam-build-wb-");

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
    // The quadrant and the profit curve (SPEC §12).
    expect(x.paths.filter((p) => /^xl\/charts\//.test(p))).toHaveLength(2);
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

describe("a workbook in the 1904 date system (Excel for Mac's old default)", () => {
  it("the portfolio's dates are the orders' dates, written as that workbook counts days", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const orders = wb.addWorksheet("Orders");
    orders.addRow(["Customer", "Order Date", "Sales"]);
    orders.addRow(["Acme", new Date(Date.UTC(2026, 2, 15)), 500]);
    orders.addRow(["Acme", new Date(Date.UTC(2026, 9, 1)), 700]);
    orders.addRow(["Bolt", new Date(Date.UTC(2025, 11, 31)), 300]);
    orders.getColumn(2).numFmt = "yyyy-mm-dd";
    const file = join(dir, "mac-1904.xlsx");
    await wb.xlsx.writeFile(file);
    const out = join(dir, "mac-1904.kam.xlsx");
    await build(file, out);
    // Read back as Excel reads it: the serials in the workbook's own date system.
    const x = await openXlsxFile(out);
    expect(x.workbook.xml).toMatch(/date1904="(1|true)"/);
    const portfolio = (await readWorksheets(x, ["KAM Portfolio"])).get("KAM Portfolio") ?? [];
    x.pkg.close();
    const header = portfolio.findIndex((r) => r.includes("Client") && r.includes("Last order"));
    expect(header).toBeGreaterThanOrEqual(0);
    const [client, last] = [(portfolio[header] as CellValue[]).indexOf("Client"), (portfolio[header] as CellValue[]).indexOf("Last order")];
    const lastOrder = (name: string) => portfolio.slice(header + 1).find((r) => r[client] === name)?.[last];
    expect(lastOrder("Acme")).toEqual(new Date(Date.UTC(2026, 9, 1)));
    expect(lastOrder("Bolt")).toEqual(new Date(Date.UTC(2025, 11, 31)));
  });

  it("a plain number in a date column (no date format) is a serial of the workbook's system too, as Excel's add-in reads it", async () => {
    const make = async (date1904: boolean, name: string) => {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const orders = wb.addWorksheet("Orders");
      orders.addRow(["Customer", "Order Date", "Sales"]);
      // 2026-10-01 and 2025-12-31 as the workbook counts them, typed as numbers (General format).
      const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
      for (const [c, y, m, d, v] of [["Acme", 2026, 3, 15, 500], ["Acme", 2026, 10, 1, 700], ["Bolt", 2025, 12, 31, 300]] as const) orders.addRow([c, serial(y, m, d), v]);
      const file = join(dir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const lastOrders = async (file: string) => {
      const r = await run("grade", file, "--json", "--today", "2026-11-22");
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as { clients: { name: string; lastOrder?: string | null }[] };
      return Object.fromEntries(json.clients.map((c) => [c.name, c.lastOrder]));
    };
    const want = { Acme: "2026-10-01", Bolt: "2025-12-31" };
    expect(await lastOrders(await make(true, "mac-1904-numbers.xlsx"))).toEqual(want);
    expect(await lastOrders(await make(false, "pc-1900-numbers.xlsx"))).toEqual(want);
  });
});

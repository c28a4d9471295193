// `kam-portfolio build` refusing bad input: one line on stderr, exit code 1, no output file.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptedWorkbook, prefixedWorkbook, richWorkbook, simpleWorkbook, type RichOptions } from "../fixtures/workbooks";
import { cellsOf, openXlsx, sheetCells, tableRows } from "../fixtures/xlsx";
import { build, damaged, run, sha, tempDir } from "./build-helpers";

const dir = tempDir("kam-build-bad-");

/** A workbook whose part `from` is stored under another name (as one flipped byte in the zip's directory does). */
/** The rich workbook with one protection element written with single quotes (valid XML). */
async function singleQuoted(o: RichOptions, path: string, element: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await richWorkbook(o));
  const xml = await (zip.file(path) as JSZip.JSZipObject).async("string");
  const quoted = xml.replace(new RegExp(`<${element}[^>]*>`), (tag) => tag.replace(/"/g, "'"));
  expect(quoted).toMatch(new RegExp(`<${element} [^>]*='1'`));
  zip.file(path, quoted);
  return zip.generateAsync({ type: "nodebuffer" });
}

async function renamedPart(from: string, to: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleWorkbook([["Client", "Revenue"], ["Acme", 500], ["Beta", 100]]));
  zip.file(to, await (zip.file(from) as JSZip.JSZipObject).async("uint8array"));
  zip.remove(from);
  return zip.generateAsync({ type: "nodebuffer" });
}

// An output of an earlier build, for the refusals that need one.
beforeAll(async () => {
  await build("examples/clients.csv", join(dir, "clients.kam.xlsx"));
});

describe("bad input: one line, exit code 1, no output file", () => {
  const cases: [string, () => Promise<Buffer | string>, string[], RegExp][] = [
    ["a PNG named .xlsx", async () => Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), [], /not a spreadsheet/],
    ["text named .xlsx", async () => "Client,Revenue\nA,1\n", [], /not a spreadsheet/],
    ["a zip that is no workbook", async () => Buffer.from("504b0304", "hex"), [], /not a readable \.xlsx workbook/],
    ["a damaged data sheet (CRC-32)", () => damaged("xl/worksheets/sheet1.xml"), [], /not a readable \.xlsx workbook \(part xl\/worksheets\/sheet1\.xml is damaged \(CRC-32 mismatch\)\)/],
    ["a damaged part the build copies (CRC-32)", () => damaged("xl/theme/theme1.xml"), [], /not a readable \.xlsx workbook \(part xl\/theme\/theme1\.xml is damaged \(CRC-32 mismatch\)\); nothing was written/],
    ["a part the workbook names is missing (a flipped byte in its name)", () => renamedPart("xl/sharedStrings.xml", "xl/sharedStrings.xmk"), [], /not a readable \.xlsx workbook \(missing part xl\/sharedStrings\.xml\)/],
    ["an encrypted workbook", async () => encryptedWorkbook(), [], /password-protected \(encrypted\)/],
    ["an empty sheet", () => simpleWorkbook([]), [], /sheet "Clients": the sheet is empty/],
    ["a header-only sheet", () => simpleWorkbook([["Client", "Revenue"]]), [], /sheet "Clients": the sheet has headers but no data rows/],
    ["an unknown sheet name", () => simpleWorkbook([["Client", "Revenue"], ["A", 1]]), ["--sheet", "Nope"], /no sheet named "Nope" \(sheets: Clients\)/],
    ["a protected workbook structure", () => richWorkbook({ lockStructure: true }), [], /structure is protected/],
    ["a protected data sheet", () => richWorkbook({ protectDataSheet: true }), [], /sheet "Clients" is protected/],
    ["a protected data sheet, its attributes single-quoted", () => singleQuoted({ protectDataSheet: true }, "xl/worksheets/sheet1.xml", "sheetProtection"), [], /sheet "Clients" is protected/],
    ["a protected workbook structure, its attributes single-quoted", () => singleQuoted({ lockStructure: true }, "xl/workbook.xml", "workbookProtection"), [], /structure is protected/],
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


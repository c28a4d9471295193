// The in-place SpreadsheetML editing the file host relies on: cell text encoding, writing cells
// into rows that other writers shaped differently, appending styles and shared strings, and the
// package's zip (yazl writes, yauzl reads, every part's CRC-32 checked).
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { OoxmlPackage, PackageError } from "../../cli/xlsx/package";
import { CellConflictError, type NewCell } from "../../cli/xlsx/sheet-data";
import { checkEdit, editedPieces, editSheet, newRows } from "../../cli/xlsx/sheet-edit";
import { SharedStrings } from "../../cli/xlsx/strings";
import { StyleSheet } from "../../cli/xlsx/styles";
import { decodeCellText, encodeCellText, unescapeXml } from "../../cli/xlsx/xml";
import { cellsOf } from "../fixtures/xlsx";
import { cutInPieces, streamOf as of } from "../helpers";

const sheet = (data: string, prefix = "") =>
  `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}dimension ref="A1:B2"/><${prefix}sheetData>${data}</${prefix}sheetData></${prefix}worksheet>`;

describe("cell text", () => {
  it.each([
    ["plain", "plain"],
    ["=SUM(A1)", "=SUM(A1)"],
    ["a\rb", "a_x000D_b"],
    ["bell\u0007", "bell_x0007_"],
    ["_x0041_ stays literal", "_x005F_x0041_ stays literal"],
    // overlapping: the underscore ending one code starts the next
    ["_x005F_x0041_", "_x005F_x005F_x005F_x0041_"],
    ["_x00e9_", "_x005F_x00e9_"],
    ["<&>\"", "&lt;&amp;&gt;&quot;"],
    ["tab\tand\nnewline", "tab\tand\nnewline"],
    // lone surrogates: UTF-8 would turn them into U+FFFD
    ["a\ud800b", "a_xD800_b"],
    ["\udc00 low", "_xDC00_ low"],
    ["pair \ud83d\ude00 kept", "pair \ud83d\ude00 kept"],
    ["\ufffe\uffff", "_xFFFE__xFFFF_"],
  ])("%j is stored as %j and reads back exactly", (text, stored) => {
    expect(encodeCellText(text)).toBe(stored);
    expect(decodeCellText(unescapeXml(stored))).toBe(text);
  });
});

describe("a damaged part's character references", () => {
  it("a reference to no character (&#x110000;) is kept as written, never a crash", () => {
    expect(unescapeXml("a&#x110000;b&#65;")).toBe("a&#x110000;bA");
    expect(unescapeXml("&#99999999999;")).toBe("&#99999999999;");
  });
});

describe("editSheet", () => {
  it("inserts cells in column order, creates missing rows in order, and grows the used range", () => {
    const xml = sheet('<row r="1" spans="1:2"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="3"><c r="A3"><v>9</v></c></row>');
    const cells0 = new Map<number, Map<number, NewCell>>([[1, new Map([[2, { value: "b" }], [4, { value: 4 }]])], [2, new Map([[1, { value: true }]])], [5, new Map([[6, { value: "x" }]])]]);
    const out = editSheet(xml, { clear: null, cells: newRows(cells0) });
    const cells = cellsOf(out, []);
    expect(cells.map((c) => [c.ref, c.value])).toEqual([["A1", 1], ["B1", "b"], ["C1", 3], ["D1", 4], ["A2", true], ["A3", 9], ["F5", "x"]]);
    expect(out).toContain('<dimension ref="A1:F5"/>');
    expect(out).not.toContain("spans=");
    // The untouched row is byte for byte.
    expect(out).toContain('<row r="3"><c r="A3"><v>9</v></c></row>');
  });

  it("numbers implicit rows and cells before inserting around them", () => {
    const xml = sheet("<row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c><v>5</v></c></row>");
    const out = editSheet(xml, { clear: null, cells: newRows(new Map([[3, new Map([[3, { value: "new" }]])]])) });
    // Untouched rows keep their cells as they were (implicitly numbered, which stays valid) …
    expect(out).toContain('<row r="1"><c><v>1</v></c><c><v>2</v></c></row><row r="2"/>');
    // … and the row we write into has every cell numbered.
    expect(cellsOf(out, []).map((c) => [c.ref, c.value])).toEqual([["A3", 5], ["C3", "new"]]);
  });

  it("reads single-quoted attributes (valid XML, as the reader reads them): the user's cells keep their columns, a cell in the way is found", async () => {
    const xml = sheet("<row r='1'><c r='A1'><v>1</v></c><c r='D1' s='2'><v>4</v></c></row>");
    const out = editSheet(xml, { clear: null, cells: newRows(new Map([[1, new Map([[2, { value: 2 }]])]])) });
    expect(out).toContain(`<row r='1'><c r='A1'><v>1</v></c><c r="B1"><v>2</v></c><c r='D1' s='2'><v>4</v></c></row>`);
    // Clearing the column we owned (B) leaves the user's D1 where it is.
    const cleared = editSheet(xml, { clear: { from: 2, to: 2 }, cells: newRows(new Map()) });
    expect(cleared).toContain("<c r='D1' s='2'><v>4</v></c>");
    const blocked = { clear: null, cells: newRows(new Map([[1, new Map([[4, { value: "x" }]])]])) };
    expect(() => editSheet(xml, blocked)).toThrow(/cell D1 is not empty/);
    await expect(checkEdit(of([xml]), blocked)).rejects.toThrow(/cell D1 is not empty/);
  });

  it("works in a part written with a namespace prefix", async () => {
    const xml = sheet('<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>', "x:");
    const strings = SharedStrings.of(null);
    const out = editSheet(xml, { clear: null, cells: newRows(new Map([[1, new Map([[2, { value: "KAM grade" }]])]])) }, strings);
    expect(out).toContain('<x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>');
    expect(await strings.toXml()).toContain("<si><t>KAM grade</t></si>");
  });

  it("clears the columns it owned and never overwrites a cell with a value or formula elsewhere", () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>old</t></is></c><c r="C1" s="4"/><c r="D1"><f>1+1</f><v>2</v></c></row>');
    const out = editSheet(xml, { clear: { from: 2, to: 2 }, cells: newRows(new Map([[1, new Map([[2, { value: "new" }], [3, { value: "ok" }]])]])) });
    const cells = cellsOf(out, []);
    expect(cells.map((c) => [c.ref, c.value, c.style])).toEqual([["A1", 1, 0], ["B1", "new", 0], ["C1", "ok", 4], ["D1", 2, 0]]);
    expect(() => editSheet(xml, { clear: null, cells: newRows(new Map([[1, new Map([[4, { value: "x" }]])]])) })).toThrow(CellConflictError);
    expect(() => editSheet(xml, { clear: null, cells: newRows(new Map([[1, new Map([[2, { value: "x" }]])]])) })).toThrow(/cell B1 is not empty/);
  });

  it("edits a part given in pieces as it edits the whole: checked first (a cell in the way, the last row, the watched row), then written", async () => {
    const xml = sheet('<row r="1" spans="1:2"><c r="A1" s="3"><v>1</v></c><c r="C1"><v>3</v></c></row>\n<row r="3"><c r="A3"><v>9</v></c></row><row r="4"/>').replace("<sheetData>", '<cols><col min="1" max="1" width="9"/></cols><sheetData>');
    const edit = { clear: { from: 3, to: 3 }, cells: newRows(new Map<number, Map<number, NewCell>>([[1, new Map([[3, { value: "b" }], [4, { value: 4 }]])], [2, new Map([[1, { value: true }]])], [6, new Map([[6, { value: 6 }]])]])), widths: new Map([[4, 12]]) };
    const whole = editSheet(xml, edit);
    expect(whole).toContain('<dimension ref="A1:F6"/>');
    const cut = (seed: number) => cutInPieces(xml, seed, 30);
    for (const parts of [[xml], [...xml], cut(1), cut(2), cut(3)]) {
      const check = await checkEdit(of(parts), edit, 1);
      expect(check).toEqual({ lastRow: 4, watched: '<row r="1" spans="1:2"><c r="A1" s="3"><v>1</v></c><c r="C1"><v>3</v></c></row>' });
      const out: string[] = [];
      for await (const piece of editedPieces(of(parts), edit, undefined, check.lastRow)) out.push(piece);
      expect(out.join("")).toBe(whole);
    }
    // A cell in the way is found by the check, whatever the pieces.
    const blocked = { clear: null, cells: newRows(new Map([[3, new Map([[1, { value: "x" }]])]])) };
    for (const parts of [[xml], [...xml]]) await expect(checkEdit(of(parts), blocked)).rejects.toThrow(/cell A3 is not empty/);
  });

  it("adds widths only for columns no <col> covers, keeping them sorted", () => {
    const xml = sheet("").replace("<sheetData>", '<cols><col min="1" max="3" width="20" customWidth="1"/><col min="9" max="9" width="5"/></cols><sheetData>');
    const out = editSheet(xml, { clear: null, cells: newRows(new Map([[1, new Map([[4, { value: 1 }]])]])), widths: new Map([[3, 50], [4, 12], [10, 14]]) });
    expect(/<cols>.*<\/cols>/.exec(out)?.[0]).toBe('<cols><col min="1" max="3" width="20" customWidth="1"/><col min="4" max="4" width="12" customWidth="1"/><col min="9" max="9" width="5"/><col min="10" max="10" width="14" customWidth="1"/></cols>');
  });
});

describe("StyleSheet", () => {
  const base = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

  it("appends formats after the user's, reuses equal ones, and creates missing sections in order", () => {
    const s = new StyleSheet(base);
    const a = s.cellFormat({ numFmt: "0.0" });
    const b = s.cellFormat({ numFmt: "0.0" });
    const bold = s.cellFormat({ bold: true });
    expect([a, b, bold]).toEqual([1, 1, 2]);
    expect(s.xml).toContain('<numFmts count="2"><numFmt numFmtId="164" formatCode="0.000"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>');
    expect(s.xml).toContain('<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts>');
    expect(s.cellFormat({ numFmt: "0.000" })).toBe(3);
  });

  it("writes a plan's look on the workbook's default font: bold, italic, size, colour, fill, wrap", () => {
    const s = new StyleSheet(base.replace("<font><sz val=\"11\"/></font>", '<font><sz val="11"/><color theme="1"/><name val="Calibri"/></font>'));
    const header = s.cellFormat({ bold: true, fill: "#1F4E78", fontColor: "#ffffff", wrap: true });
    const title = s.cellFormat({ bold: true, fontSize: 16, fontColor: "#1F4E78" });
    expect(s.cellFormat({ bold: true, fill: "#1F4E78", fontColor: "#ffffff", wrap: true })).toBe(header);
    const fonts = s.children("fonts");
    expect(fonts.slice(1)).toEqual(['<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font>', '<font><b/><sz val="16"/><color rgb="FF1F4E78"/><name val="Calibri"/></font>']);
    expect(s.children("fills")[2]).toBe('<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E78"/><bgColor indexed="64"/></patternFill></fill>');
    expect(s.children("cellXfs")[header]).toBe('<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>');
    expect(s.children("cellXfs")[title]).toBe('<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>');
    expect(s.cellFormat({ italic: true, numFmt: "0.0%" })).toBe(title + 1);
    expect(s.children("fonts")[3]).toBe('<font><i/><sz val="11"/><color theme="1"/><name val="Calibri"/></font>');
  });

  it("adds differential formats for conditional fills after the cell formats, reusing equal ones", () => {
    const s = new StyleSheet(base);
    const a = s.differentialFormat({ fill: "#C6EFCE", fontColor: "#006100" });
    const up = s.differentialFormat({ fontColor: "#006100" });
    expect([a, up, s.differentialFormat({ fill: "#C6EFCE", fontColor: "#006100" })]).toEqual([0, 1, 0]);
    expect(s.xml).toMatch(/<\/cellXfs><dxfs count="2"><dxf><font><color rgb="FF006100"\/><\/font><fill><patternFill patternType="solid"><bgColor rgb="FFC6EFCE"\/><\/patternFill><\/fill><\/dxf><dxf><font><color rgb="FF006100"\/><\/font><\/dxf><\/dxfs><\/styleSheet>$/);
    expect(new StyleSheet(s.xml).differentialFormat({ fontColor: "#006100" })).toBe(1);
  });

  it("keeps a prefixed part prefixed", () => {
    const s = new StyleSheet(base.replace(/<(\/?)(?=\w)/g, "<$1x:").replace('xmlns="', 'xmlns:x="'));
    s.cellFormat({ numFmt: "0.0" });
    expect(s.xml).toContain('<x:numFmt numFmtId="165" formatCode="0.0"/>');
    expect(s.xml).toMatch(/<x:xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"\/><\/x:cellXfs>/);
  });
});

describe("SharedStrings", () => {
  it("reuses the user's plain entries, appends new ones, and keeps rich entries apart", async () => {
    const s = SharedStrings.of('<sst count="3" uniqueCount="3"><si><t>High</t></si><si><r><t>rich</t></r></si><si><t xml:space="preserve"> x</t></si></sst>');
    expect([s.ref("High"), s.ref("rich"), s.ref(" x"), s.ref("Low"), s.ref("Low")]).toEqual([0, 3, 2, 4, 4]);
    expect(await s.toXml()).toBe('<sst count="8" uniqueCount="5"><si><t>High</t></si><si><r><t>rich</t></r></si><si><t xml:space="preserve"> x</t></si><si><t>rich</t></si><si><t>Low</t></si></sst>');
  });
});

describe("SharedStrings read in pieces", () => {
  const part = '<?xml version="1.0"?>\n<x:sst xmlns:x="m" count="5" uniqueCount="4"><x:si><x:t>High</x:t></x:si>\n<x:si/><x:si><x:r><x:t>rich</x:t></x:r></x:si><x:si><x:t>a &amp; b_x000D_</x:t></x:si></x:sst><!-- after -->';
  const cut = (text: string, seed: number) => cutInPieces(text, seed, 25);

  it("indexes and writes the part as read whole, however it is cut, appending where its last entry ends", async () => {
    const whole = SharedStrings.of(part);
    const refs = (s: SharedStrings) => [s.ref("High"), s.ref(""), s.ref("rich"), s.ref("a & b\r"), s.ref("new")];
    expect(refs(whole)).toEqual([0, 1, 4, 3, 5]);
    const expected = await whole.toXml();
    expect(expected).toBe('<?xml version="1.0"?>\n<x:sst xmlns:x="m" count="10" uniqueCount="6"><x:si><x:t>High</x:t></x:si>\n<x:si/><x:si><x:r><x:t>rich</x:t></x:r></x:si><x:si><x:t>a &amp; b_x000D_</x:t></x:si><x:si><x:t>rich</x:t></x:si><x:si><x:t>new</x:t></x:si></x:sst><!-- after -->');
    for (const parts of [[...part], cut(part, 1), cut(part, 2), cut(part, 3)]) {
      const s = await SharedStrings.read(() => of(parts));
      expect(refs(s)).toEqual([0, 1, 4, 3, 5]);
      expect(await s.toXml()).toBe(expected);
    }
  });

  it("writes an empty part (<sst/>) and a new one", async () => {
    const empty = await SharedStrings.read(() => of(["<sst/>"]));
    expect(empty.ref("x")).toBe(0);
    expect(await empty.toXml()).toBe('<sst count="1" uniqueCount="1"><si><t>x</t></si></sst>');
    const made = SharedStrings.of(null);
    made.ref("y");
    expect(await made.toXml()).toMatch(/<sst xmlns="[^"]+" count="1" uniqueCount="1"><si><t>y<\/t><\/si><\/sst>$/);
    await expect(SharedStrings.read(() => of(["<notStrings/>"]))).rejects.toThrow(/no <sst>/);
  });
});

describe("the package's zip", () => {
  const big = "<row/>".repeat(200_000);
  async function made(): Promise<Buffer> {
    const pkg = OoxmlPackage.empty();
    pkg.set("[Content_Types].xml", "<Types/>");
    pkg.set("xl/ünïcode.xml", big);
    pkg.set("empty.bin", new Uint8Array(0));
    pkg.set("xl/chunked.xml", { chunks: () => ["<a>", Buffer.from("ü"), "</a>"] });
    pkg.set("xl/stored.bin", Buffer.from([0, 1, 2, 255]));
    return pkg.generate();
  }

  it("writes a zip other readers open, with CRCs that check, content types first", async () => {
    const zip = await made();
    const z = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(Object.keys(z.files)).toEqual(["[Content_Types].xml", "xl/ünïcode.xml", "empty.bin", "xl/stored.bin", "xl/chunked.xml"]);
    expect(await z.file("xl/ünïcode.xml")?.async("string")).toBe(big);
    expect(await z.file("xl/chunked.xml")?.async("string")).toBe("<a>ü</a>");
    expect(zip.length).toBeLessThan(big.length / 50);
  });

  it("reads back every part's bytes exactly, and stores them uncompressed when asked", async () => {
    const pkg = await OoxmlPackage.open(await made());
    expect(pkg.paths().sort()).toEqual(["[Content_Types].xml", "empty.bin", "xl/chunked.xml", "xl/stored.bin", "xl/ünïcode.xml"]);
    expect(await pkg.text("XL/ÜNÏCODE.XML".toLowerCase())).toBe(big);
    expect([...(await pkg.bytes("xl/stored.bin"))]).toEqual([0, 1, 2, 255]);
    expect((await pkg.bytes("empty.bin")).length).toBe(0);
    const stored = await pkg.generate(false);
    expect(stored.length).toBeGreaterThan(big.length);
    expect(await (await OoxmlPackage.open(stored)).text("xl/chunked.xml")).toBe("<a>ü</a>");
  });

  it("says which part is damaged when its CRC-32 does not check, and refuses what is no zip", async () => {
    const pkg = OoxmlPackage.empty();
    pkg.set("a.xml", "<a>hello</a>");
    const zip = await pkg.generate(false);
    // Flip one byte of the stored content.
    const at = zip.indexOf("hello");
    zip[at] = "j".charCodeAt(0);
    const damaged = await OoxmlPackage.open(zip);
    await expect(damaged.text("a.xml")).rejects.toThrow(new PackageError("part a.xml is damaged (CRC-32 mismatch)"));
    await expect(OoxmlPackage.open(Buffer.from("PK\x03\x04 not really"))).rejects.toThrow(PackageError);
  });
});

// cli/csv.ts: SPEC §2a "CSV files" — encodings, the delimiter, quotes left open — on bytes, on the
// fixture files (test/fixtures/exports) and through the command as a user runs it.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CsvError, guessDelimiter, parseCsv, readCsvBytes, type Delimiter } from "../../cli/csv";
import { InputError, openSource } from "../../cli/read";
import { ROOT, runCli } from "../helpers";

const FIXTURES = `${ROOT}test/fixtures/exports/`;
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()]);
/** The encoding a file is read in and its text as read (cells joined back with commas). */
function decodeText(bytes: Buffer): { text: string; encoding: string } {
  const t = readCsvBytes(bytes, "x.csv");
  return { text: t.rows.map((r) => r.join(",")).join("\n"), encoding: t.encoding };
}

describe("encodings", () => {
  it.each<[string, Buffer, string, string]>([
    ["UTF-8", Buffer.from("Müller,€5", "utf8"), "utf-8", "Müller,€5"],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Müller", "utf8")]), "utf-8", "Müller"],
    ["UTF-16 LE with a BOM", utf16le("Müller,Łódź"), "utf-16le", "Müller,Łódź"],
    ["UTF-16 BE with a BOM", utf16be("Müller,Łódź"), "utf-16be", "Müller,Łódź"],
    ["Windows-1252 (not valid UTF-8)", Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), "windows-1252", "Müller"],
    // 0x80–0x9F are Windows-1252's own letters, not ISO-8859-1's control characters
    ["Windows-1252 0x80–0x9F", Buffer.from([0x80, 0x20, 0x8c, 0x93, 0x94, 0x92, 0x96, 0x9f, 0x81]), "windows-1252", "€ Œ“”’–Ÿ\u0081"],
    ["ASCII", Buffer.from("Acme,100"), "utf-8", "Acme,100"],
  ])("%s", (_what, bytes, encoding, text) => {
    expect(decodeText(bytes)).toEqual({ encoding, text });
  });

  it("every byte 0x80–0xFF of Windows-1252 decodes to its WHATWG code point", () => {
    const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe("windows-1252");
    expect([...text]).toHaveLength(128);
    expect(text.codePointAt(0x80 - 0x80)).toBe(0x20ac);
    expect(text.codePointAt(0x92 - 0x80)).toBe(0x2019);
    expect(text.codePointAt(0x9f - 0x80)).toBe(0x0178);
    expect(text.codePointAt(0xa0 - 0x80)).toBe(0xa0);
    expect(text.codePointAt(0xff - 0x80)).toBe(0xff);
  });

  it("a Windows-1252 file says so in one note; a UTF-8 or UTF-16 file has none", () => {
    const latin = readCsvBytes(Buffer.from("Client,Revenue\nM\xfcller,1\n", "latin1"), "in.csv");
    expect(latin.notes).toEqual(["in.csv: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)"]);
    expect(latin.rows[1]).toEqual(["Müller", "1"]);
    expect(readCsvBytes(Buffer.from("Client,Revenue\nMüller,1\n"), "in.csv").notes).toEqual([]);
    expect(readCsvBytes(utf16le("Client,Revenue\nMüller,1\n"), "in.csv").notes).toEqual([]);
  });

  it("NUL bytes without a UTF-16 byte-order mark are not a text file", () => {
    expect(() => readCsvBytes(Buffer.from("C\0l\0i\0e\0n\0t\0", "latin1"), "x.csv")).toThrow(CsvError);
    expect(() => readCsvBytes(Buffer.from("C\0l\0i\0e\0n\0t\0", "latin1"), "x.csv")).toThrow(/not a text \.csv file .*byte-order mark/);
  });
});

describe("the delimiter: the same field count on the most of the first 50 lines", () => {
  it.each<[string, string, Delimiter]>([
    ["comma", "Client,Revenue\nAcme,100\nBolt,200\n", ","],
    ["semicolon with decimal commas", "Client;Revenue\nAcme;1.234,56\nBolt;12,5\n", ";"],
    ["tab, names holding commas", "Client\tRevenue\nMüller, Hans\t100\nSmith, Jones & Co\t200\n", "\t"],
    ["pipe", "Client|Revenue|Industry\nAcme|100|Retail\nBolt|200|Food\n", "|"],
    ["comma, quoted semicolons inside", 'Client,Revenue\n"A;B;C",100\n"D;E",200\n', ","],
    ["semicolon, quoted commas inside", 'Client;Revenue\n"Smith, Jones";100\n"Doe, Jane";200\n', ";"],
    ["a title row above the table", "Sales by Customer\n\nCustomer;Sales\nAcme;100\nBolt;200\n", ";"],
    ["one stray comma in a semicolon file", "Client;Revenue\nAcme, Inc;100\nBolt;200\nCobalt;300\n", ";"],
    ["a single column", "Client\nAcme\nBolt\n", ","],
    ["an empty file", "", ","],
  ])("%s", (_what, text, want) => {
    expect(guessDelimiter(text)).toBe(want);
  });

  it("only the first 50 lines decide", () => {
    const head = Array.from({ length: 50 }, (_, i) => `c${i};${i}`).join("\n");
    const tail = Array.from({ length: 500 }, (_, i) => `a,b,c${i}`).join("\n");
    expect(guessDelimiter(`${head}\n${tail}`)).toBe(";");
  });

  it("a .tsv is tab-delimited whatever its lines say", () => {
    const text = "Client, Notes\nAcme, a note\nBolt\t2,3\n"; // more comma lines than tab lines
    expect(readCsvBytes(Buffer.from(text), "x.csv").delimiter).toBe(",");
    const tsv = readCsvBytes(Buffer.from(text), "x.TSV");
    expect(tsv.delimiter).toBe("\t");
    expect(tsv.rows).toEqual([["Client, Notes"], ["Acme, a note"], ["Bolt", "2,3"]]);
  });

  it("reports a semicolon file so its numbers can be read as 1.234,56", () => {
    expect(readCsvBytes(Buffer.from("Client;Revenue\nAcme;2.500 €\n"), "x.csv")).toMatchObject({ delimiter: ";", decimalComma: true });
    expect(readCsvBytes(Buffer.from("Client,Revenue\nAcme,2500\n"), "x.csv")).toMatchObject({ delimiter: ",", decimalComma: false });
  });
});

describe("quotes", () => {
  it.each<[string, string, number]>([
    ["on a data line", 'Client,Revenue\nAcme,100\n"Bolt, Inc,200\nCobalt,300\n', 3],
    ["on the header line", '"Client,Revenue\nAcme,100\n', 1],
    ["in the last field of the last line", 'Client,Revenue\nAcme,"100', 2],
    ["after a closed multi-line quote", 'Client,Notes\nAcme,"two\nlines"\nBolt,"open\nCobalt,x\n', 4],
    ["with CRLF line ends", 'Client,Revenue\r\nAcme,100\r\nBolt,"200\r\nCobalt,300\r\n', 3],
  ])("a quote left open %s is an error naming the line it opened on", (_what, text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(new RegExp(`^the quote opened on line ${line} is never closed`));
  });

  it("closed quotes keep commas, quotes and line breaks inside one cell", () => {
    expect(parseCsv('Client,Notes\n"Doe, ""Jane""","a\nb"\n')).toEqual([["Client", "Notes"], ['Doe, "Jane"', "a\nb"]]);
  });

  it("trailing blank lines are dropped, blank lines inside kept (they are sheet rows)", () => {
    expect(parseCsv("Client,Revenue\n\nAcme,1\n\n\n")).toEqual([["Client", "Revenue"], [""], ["Acme", "1"]]);
  });
});

describe("the fixture files, through openSource", () => {
  it.each<[string, Partial<{ notes: string[]; decimalComma: boolean }>, string[][]]>([
    ["semicolon-euro.csv", { notes: [], decimalComma: true }, [["Client", "Revenue", "Margin %", "Industry"], ["Müller GmbH", "2.500 €", "12,5 %", "Handel"]]],
    ["windows-1252.csv", { decimalComma: false }, [["Client", "Revenue", "Industry"], ["Müller GmbH", "1200", "Maschinenbau"], ["Café Crème", "€900", "Gastronomie"], ["Œuvre Française SA", "2500", "Édition"], ["“Quoted” Ltd", "300", "Handel"]]],
    ["excel-unicode-text.txt", { notes: [], decimalComma: false }, [["Client", "Revenue", "Industry"], ["Müller, Hans", "1200", "Retail, online"]]],
    ["utf-16be.csv", { notes: [] }, [["Client", "Revenue"], ["Žalgiris UAB", "700"], ["Øresund ApS", "1100"]]],
    ["tab-names-with-commas.csv", { notes: [] }, [["Client", "Revenue", "Industry"], ["Müller, Hans", "1200", "Retail, online"], ["Smith, Jones & Co", "950", "Legal"], ['Doe, "Jane"', "400", "Food, drink"]]],
  ])("%s", async (file, meta, firstRows) => {
    const source = await openSource(`${FIXTURES}${file}`);
    expect(source).toMatchObject(meta);
    expect(source.rows.slice(0, firstRows.length)).toEqual(firstRows);
  });

  it("the Windows-1252 fixture carries one note naming the file", async () => {
    const source = await openSource(`${FIXTURES}windows-1252.csv`);
    expect(source.notes).toEqual([`${FIXTURES}windows-1252.csv: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)`]);
  });

  it("the open-quote fixture is an InputError naming the file and line 3", async () => {
    await expect(openSource(`${FIXTURES}open-quote.csv`)).rejects.toThrow(InputError);
    await expect(openSource(`${FIXTURES}open-quote.csv`)).rejects.toThrow(`${FIXTURES}open-quote.csv: the quote opened on line 3 is never closed`);
  });
});

describe("the command", () => {
  const dir = mkdtempSync(join(tmpdir(), "kam-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("grade says on stderr, in one line, that a file was read as Windows-1252, and grades its names right", async () => {
    const r = await runCli(["grade", "test/fixtures/exports/windows-1252.csv", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("kam-portfolio: test/fixtures/exports/windows-1252.csv: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)\n");
    const names = (JSON.parse(r.stdout) as { clients: { name: string }[] }).clients.map((c) => c.name).sort();
    expect(names).toEqual(["Café Crème", "Müller GmbH", "Œuvre Française SA", "“Quoted” Ltd"]);
  });

  it("build prints the same note", async () => {
    const input = join(dir, "latin.csv");
    copyFileSync(`${FIXTURES}windows-1252.csv`, input);
    const r = await runCli(["build", input, "--out", join(dir, "latin.kam.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`kam-portfolio: ${input}: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)\n`);
  });

  it("an open quote is one line on stderr, exit 1, nothing graded", async () => {
    const r = await runCli(["grade", "test/fixtures/exports/open-quote.csv"]);
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: "kam-portfolio: test/fixtures/exports/open-quote.csv: the quote opened on line 3 is never closed (every row after it would merge into one cell); close it or remove it\n",
    });
  });

  it("UTF-16 (Excel's Unicode Text) and a tab file with commas in names grade every client", async () => {
    for (const file of ["excel-unicode-text.txt", "tab-names-with-commas.csv"]) {
      const r = await runCli(["grade", `test/fixtures/exports/${file}`, "--json"]);
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout) as { clients: { name: string }[]; needsData: unknown[] };
      expect(report.needsData).toEqual([]);
      expect(report.clients.map((c) => c.name)).toContain(file.endsWith(".txt") ? "Müller, Hans" : 'Doe, "Jane"');
    }
  });
});

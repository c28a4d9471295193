// Issue 10: a CSV read in pieces, and `grade` keeping only what grading reads. Read in pieces of
// any size, a file gives the same rows, encoding, delimiter and errors as read whole; graded from
// the kept rows, every file grades exactly as from all its cells.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allRows, CsvError, parseCsv, readCsvBytes, readCsvPieces } from "../../cli/csv";
import { gradedColumns, keepsSharing, SHARE_FROM } from "../../cli/grading-rows";
import { openSource } from "../../cli/read";
import { gradePortfolio } from "../../core/portfolio";
import { checkSettings, DEFAULT_SETTINGS, type Settings } from "../../core/settings";
import { dayFromParts } from "../../core/values";
import { ROOT, seeded } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-csv-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `bytes` cut into pieces of `size` bytes (the last shorter). */
function* piecesOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function inPieces(bytes: Uint8Array, size: number, file = "x.csv") {
  const { sink, info } = await readCsvPieces(file, () => piecesOf(bytes, size), allRows);
  return { ...info, rows: sink.rows() };
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);

describe("a CSV read in pieces is the CSV read whole", () => {
  const texts: [string, Buffer][] = [
    ["quoted line breaks and doubled quotes", Buffer.from('Client,Notes,Revenue\r\n"Doe, ""Jane""","a\r\nb",1\r\n"x","",2\r\n')],
    ["CR line breaks", Buffer.from("Client;Revenue\rAcme;1,5\rBolt;2\r")],
    ["a BOM, blank lines and trailing blank lines", Buffer.from("\ufeffClient,Revenue\n\nAcme,1\n,\n\n\n")],
    ["no line break at the end", Buffer.from("Client\tRevenue\nAcme\t1")],
    ["Windows-1252 found after the first piece", Buffer.concat([Buffer.from(`Client,Revenue\n${"Acme,1\n".repeat(50)}`), Buffer.from("M\xfcller,2\n", "latin1")])],
    ["UTF-8 letters cut between pieces", Buffer.from("Client,Revenue\nMüller — Łódź 😀,1\n")],
    ["UTF-16 LE", utf16le("Client,Revenue\nMüller,1\n")],
    ["an empty file", Buffer.alloc(0)],
  ];
  it.each(texts)("%s, in pieces of 1, 2, 3, 7 and 64 bytes", async (_what, bytes) => {
    const whole = readCsvBytes(bytes, "x.csv");
    for (const size of [1, 2, 3, 7, 64]) expect(await inPieces(bytes, size)).toEqual(whole);
  });

  it("the rows are what Papa Parse gives on the whole text (parseCsv)", async () => {
    const text = 'Client,Notes,Revenue\n"Doe, ""Jane""","a\nb",1\n\nBolt,,2\n';
    expect((await inPieces(Buffer.from(text), 5)).rows).toEqual(parseCsv(text));
  });

  it("a file longer than the head the delimiter is guessed from: same rows as whole", async () => {
    const rnd = seeded(3);
    const lines = ["Client;Revenue;Note"];
    for (let i = 0; i < 30_000; i++) lines.push(`Client ${i};${Math.round(rnd() * 1e6) / 100};${rnd() < 0.1 ? '"two\nlines; quoted"' : "x"}`);
    const bytes = Buffer.from(lines.join("\r\n"));
    const read = await inPieces(bytes, 65_536);
    expect(read).toEqual(readCsvBytes(bytes, "x.csv"));
    expect(read.delimiter).toBe(";");
    expect(read.rows).toHaveLength(30_001);
  });

  it("a quote left open names its line when the line is pieces away from the end", async () => {
    const text = `Client,Revenue\r\n${"Acme,1\r\n".repeat(200)}"Bolt,2\r\n${"Cole,3\r\n".repeat(200)}`;
    for (const size of [16, 4096]) {
      await expect(inPieces(Buffer.from(text), size)).rejects.toThrow(CsvError);
      await expect(inPieces(Buffer.from(text), size)).rejects.toThrow(/^the quote opened on line 202 is never closed/);
    }
    expect(() => parseCsv(text)).toThrow(/^the quote opened on line 202 is never closed/);
  });

  it("NUL bytes in a later piece: not a text file", async () => {
    const bytes = Buffer.concat([Buffer.from(`Client,Revenue\n${"Acme,1\n".repeat(100)}`), Buffer.from("B\0o\0b", "latin1")]);
    await expect(inPieces(bytes, 64)).rejects.toThrow(/not a text \.csv file/);
  });
});

describe("the columns grading reads", () => {
  it("inputs, statuses and stages, and what --map names (by header or column letter); not an order number or a note", () => {
    const header = ["Order ID", "Customer", "Notes", "Sales", "Payment Status", "Deal stage", "Region", "Comment"];
    expect(gradedColumns(header, {})).toEqual([1, 3, 4, 5]);
    expect(gradedColumns(header, { industry: "region", strategic: "H", benefit: "J" })).toEqual([1, 3, 4, 5, 6, 7, 9]);
  });
});

const today = dayFromParts(2026, 11, 22);
/** The graded portfolio as data, to compare two gradings (its `jsonClients` is a function of each). */
function graded(rows: Parameters<typeof gradePortfolio>[0]["rows"], decimalComma: boolean, settings: Settings = DEFAULT_SETTINGS) {
  const { jsonClients, ...data } = gradePortfolio({ rows, settings, today, decimalComma });
  return { ...data, firstJson: jsonClients(0, 1) };
}

/** Grading from the kept rows and from every cell, of one file. */
async function bothWays(file: string, settings: Settings = DEFAULT_SETTINGS) {
  const all = await openSource(file);
  const kept = await openSource(file, undefined, settings.mapping);
  const grade = (s: typeof all) => {
    try {
      return graded(s.rows, s.decimalComma, settings);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  return { all: grade(all), kept: grade(kept), allRows: all.rows, keptRows: kept.rows };
}

describe("grade from the kept rows is grade from every cell", () => {
  const files = [
    ...readdirSync(`${ROOT}test/fixtures/exports`).filter((f) => f !== "open-quote.csv").map((f) => `${ROOT}test/fixtures/exports/${f}`),
    `${ROOT}examples/clients.csv`,
    `${ROOT}examples/orders.csv`,
    `${ROOT}test/vectors/clients-60.csv`,
    `${ROOT}test/vectors/orders-dated.csv`,
  ];
  /** Files read only with --map: reports whose column of row labels has no header. */
  const mapped: Record<string, Settings["mapping"]> = { "sales-summary-row-labels.csv": { client: "A", revenue: "Total" }, "sales-by-customer-detail.csv": { client: "A" }, "sales-summary-jobs.csv": { client: "A", revenue: "Total" } };
  it.each(files.map((f) => [f.slice(ROOT.length), f]))("%s", async (_name, file) => {
    const mapping = mapped[file.slice(file.lastIndexOf("/") + 1)];
    const { all, kept } = await bothWays(file, mapping === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, mapping });
    expect(typeof all).toBe("object");
    expect(kept).toEqual(all);
  });

  /** A CSV file of `lines`, graded both ways. */
  async function gradeLines(name: string, lines: string[], settings: Settings = DEFAULT_SETTINGS) {
    const file = join(dir, name);
    writeFileSync(file, `${lines.join("\n")}\n`);
    return bothWays(file, settings);
  }

  it("rows with cells only in columns grading never reads still need data (and are counted), blank rows stay blank", async () => {
    const lines = ["Exported 2026-11-01", "", "Order ID,Customer,Sales,Notes,Payment status", "SO-1,Acme,100,,paid"];
    for (let i = 0; i < 30; i++) lines.push(`SO-${i + 5},Client ${i % 7},${i * 10 + 5},,paid`);
    // Past the first ten non-blank rows (kept whole): rows grading reads only in part.
    lines.push("SO-2,,,just a note,", ",,,,", "SO-3,,,,", "   ,  ,,,", "SO-4,Bolt,50,,refunded", ",,,,", "", "");
    const { all, kept, keptRows } = await gradeLines("elsewhere.csv", lines);
    expect(kept).toEqual(all);
    if (typeof all === "string") throw new Error(all);
    expect(all.mode).toBe("orders");
    expect(all.continuations).toBe(2);
    expect(all.skipped.map((s) => s.reason)).toEqual(['refunded (Payment status "refunded")']);
    // Kept: Customer, Sales and Payment status where they stand; a row with only a note or an order
    // number says it holds cells elsewhere; blank rows are one empty row; trailing blank lines go.
    expect(keptRows.slice(34)).toEqual([
      [null, null, null, null, null, "(cells in other columns)"],
      [],
      [null, null, null, null, null, "(cells in other columns)"],
      [null, "  ", null, null, null],
      [null, "Bolt", "50", null, "refunded"],
    ]);
    expect(keptRows[33]).toEqual([null, "Client 1", "295", null, "paid"]);
  });

  it("a --map by column letter or header keeps that column", async () => {
    const lines = ["Name,Amount,Sector,Tier"];
    for (let i = 0; i < 40; i++) lines.push(`Client ${i},${1000 + i * 37},${["Retail", "Food"][i % 2]},${["High", "Low", "Medium"][i % 3]}`);
    const settings = checkSettings({ mapping: { industry: "C", strategic: "Tier" } }).settings;
    const { all, kept } = await gradeLines("mapped.csv", lines, settings);
    expect(kept).toEqual(all);
    if (typeof all === "string") throw new Error(all);
    expect(all.clients.find((c) => c.name === "Client 0")?.strategic).toBe("High");
    expect(all.clients.find((c) => c.name === "Client 1")?.industry).toBe("Food");
  });

  it("the same error when no header names a client and a revenue, or every row is blank", async () => {
    const noHeader = await gradeLines("no-header.csv", ["a,b,c", ...Array.from({ length: 20 }, (_, i) => `${i},x,y`)]);
    expect(noHeader.kept).toEqual(noHeader.all);
    expect(noHeader.all).toMatch(/^MissingColumnsError/);
    const blank = await gradeLines("blank.csv", ["", " , ", ",,"]);
    expect(blank.kept).toEqual(blank.all);
  });

  it("stops sharing a column's values where they do not repeat: judged at 16,384 lookups and each doubling, one in four found", () => {
    // Before the first judgement, whatever was found.
    expect(keepsSharing(16_383, 0)).toBe(true);
    // At it: exactly one lookup in four found keeps sharing; one fewer stops.
    expect(keepsSharing(16_384, 4_096)).toBe(true);
    expect(keepsSharing(16_384, 4_095)).toBe(false);
    expect(keepsSharing(32_768, 8_192)).toBe(true);
    expect(keepsSharing(32_768, 8_191)).toBe(false);
    expect(keepsSharing(16_384, 16_384)).toBe(true);
  });

  it("grades a long file the same from the kept rows when some columns stop sharing and others keep it", async () => {
    // 50,000 clients: values are looked up from row SHARE_FROM, and judged at 16,384 and 32,768
    // lookups; names and revenues never repeat (their sharing stops), industries and levels always
    // do; a total row and a row needing data past the judgements.
    expect(SHARE_FROM + 32_768).toBeLessThan(50_000);
    const rnd = seeded(5);
    const lines = ["Client,Industry,Revenue,Gross Margin,Share of Wallet,Strategic Value,Pain"];
    for (let i = 0; i < 50_000; i++) {
      const level = ["High", "Medium", "Low"][Math.floor(rnd() * 3)] as string;
      lines.push(`Client number ${i},${["Retail", "Food"][i % 2]},${1000 + i * 3},${(Math.round(rnd() * 50) / 100).toFixed(2)},${Math.round(rnd() * 100)}%,${level},${level}`);
    }
    lines.push("Acme,Retail,,0.2,50%,High,Low", "Total,,123456789,,,,");
    const { all, kept } = await gradeLines("fifty-thousand.csv", lines);
    expect(kept).toEqual(all);
    if (typeof all === "string") throw new Error(all);
    expect(all.summary.clients).toBe(50_000);
    expect(all.needsData.map((n) => [n.name, n.reason])).toEqual([["Acme", "no revenue"]]);
    expect(all.skipped).toHaveLength(1);
  });

  it("a long order list keeps blank rows as one row and leaves out the columns grading never reads", async () => {
    const rnd = seeded(11);
    const lines = ["Order,Order Date,Customer Name,Segment,Sales,Profit"];
    for (let i = 0; i < 20_000; i++) {
      const c = Math.floor(rnd() ** 2 * 300);
      lines.push(i % 97 === 0 ? "" : `SO-${i},2025-${String(1 + (i % 12)).padStart(2, "0")}-15,Customer Name Number ${c},Retail,${Math.round(rnd() * 1e5) / 100},${Math.round(rnd() * 1e4) / 100 - 20}`);
    }
    const { all, kept, keptRows } = await gradeLines("long.csv", lines);
    expect(kept).toEqual(all);
    // Past the first rows (kept whole): the blank rows are one row, the Order column is not kept.
    const blank = new Set(keptRows.slice(11).filter((r) => r.length === 0));
    expect(blank.size).toBe(1);
    expect(keptRows.slice(11).filter((r) => r.length === 0).length).toBeGreaterThan(150);
    expect(keptRows.slice(11).every((r) => r[0] === null || r[0] === undefined)).toBe(true);
  });
});

// A CSV read in pieces does work in proportion to the file, even where a row stays open for a long
// stretch: a 2 MB quoted cell in a file of three lines (all of it the head the delimiter is guessed
// from), and a quote left open early in a long file. Each piece used to scan everything before it
// again: the head's line breaks counted anew, the open row parsed anew (a 50 MB cell took 35 s,
// a stray quote in a 31 MB file 9 s). Work is counted, not timed: the characters the line-break
// count reads, and the parser's calls. The rows and the error are those of a read in one piece.
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { allRows, CsvError, readCsvPieces } from "../../cli/csv";

/** `text` as UTF-8 in pieces of `size` bytes. */
function* piecesOf(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(text: string, size: number) {
  const { sink } = await readCsvPieces("x.csv", () => piecesOf(text, size), allRows);
  return sink.rows();
}

afterEach(() => vi.restoreAllMocks());

describe("reading a CSV in pieces does work in proportion to the file", () => {
  it("a 2 MB quoted cell in a three-line file: the head's line breaks are counted once, not per piece", async () => {
    const cell = "note ".repeat(400_000);
    const text = `Client,Revenue,Notes\nAcme,100,"${cell}"\nBolt,200,ok\n`;
    const whole = await read(text, text.length * 4);
    // Every character String.prototype.match reads with the line-break pattern, over the read.
    let scanned = 0;
    const match = String.prototype.match;
    vi.spyOn(String.prototype, "match").mockImplementation(function (this: string, pattern: string | RegExp) {
      if (pattern instanceof RegExp && pattern.source === "\\r\\n|\\r|\\n") scanned += this.length;
      return match.call(this, pattern as RegExp);
    } as typeof String.prototype.match);
    const rows = await read(text, 4096);
    expect(rows).toEqual(whole);
    expect(rows[1]?.[2]).toBe(cell);
    // 500 pieces of 4 KB: once over the file (not ~500 / 2 times over it).
    expect(scanned).toBeLessThan(2 * text.length);
    expect(scanned).toBeGreaterThanOrEqual(text.length);
  });

  it("a quote left open early in a long file: the open row is parsed again only once it has doubled", async () => {
    const lines = ["Client,Revenue,Notes", 'Acme,100,"oops'];
    for (let i = 0; i < 60_000; i++) lines.push(`Client ${i},${i},note`);
    const text = `${lines.join("\n")}\n`;
    const error = async (size: number) => {
      try {
        await read(text, size);
      } catch (e) {
        return e;
      }
      return null;
    };
    const once = await error(text.length * 4);
    expect(once).toBeInstanceOf(CsvError);
    expect((once as CsvError).message).toMatch(/the quote opened on line 2 is never closed/);
    // The parser's calls over a read in 4 KB pieces (about 340 of them).
    let calls = 0;
    const parsers: unknown[] = [];
    const Parser = Papa.Parser;
    vi.spyOn(Papa, "Parser").mockImplementation(function (config: Papa.ParseConfig) {
      const p = new Parser(config);
      const real = p.parse.bind(p);
      p.parse = ((...args: Parameters<typeof real>) => {
        calls++;
        return real(...args);
      }) as typeof p.parse;
      parsers.push(p);
      return p;
    } as unknown as typeof Papa.Parser);
    const pieces = await error(4096);
    expect(parsers.length).toBeGreaterThan(0);
    expect((pieces as CsvError).message).toBe((once as CsvError).message);
    // The head (1 MB of it), then the open row again only at the end: it never doubles in the 0.2 MB left.
    expect(calls).toBeLessThanOrEqual(3);
  });

  it("a CR LF file whose long row ends on a piece boundary between CR and LF: the rows after it still come as the file is read", async () => {
    const long = "x".repeat(10_000);
    const rows = ["Client,Revenue,Notes"];
    // Past the head (1 MB), the long row, then as many rows again.
    for (let i = 0; i < 60_000; i++) rows.push(`Client ${i},${i},note`);
    rows.push(`Acme,100,${long}`);
    for (let i = 0; i < 60_000; i++) rows.push(`Bolt ${i},${i},ok`);
    const text = `${rows.join("\r\n")}\r\n`;
    // Pieces of 1,000 characters (ASCII: bytes), cut so that the long row's CR ends a piece.
    const cr = text.indexOf(`${long}\r\n`) + long.length + 1;
    const size = 1000;
    const shift = cr % size;
    const bytes = new TextEncoder().encode(text);
    let delivered = 0;
    let atHalf = -1;
    function* pieces(): Generator<Uint8Array> {
      yield bytes.subarray(0, shift);
      for (let at = shift; at < bytes.length; at += size) {
        if (atHalf < 0 && at > (bytes.length * 3) / 4) atHalf = delivered;
        yield bytes.subarray(at, at + size);
      }
    }
    const all: string[][] = [];
    const { sink } = await readCsvPieces("x.csv", pieces, () => ({
      add: (batch: string[][]) => {
        delivered += batch.length;
        for (const r of batch) all.push(r);
      },
    }));
    expect(sink).toBeDefined();
    // As allRows gives them: without trailing blank rows.
    while (all.length > 0 && (all[all.length - 1] as string[]).every((v) => v === "")) all.pop();
    expect(all).toEqual(await read(text, text.length * 4));
    // Three quarters of the file read, the rows of its first half given to the sink: the rows after
    // the long one do not wait for the end.
    expect(atHalf).toBeGreaterThan(rows.length / 2);
  });

  it("long lines without a quote, longer than many pieces, give the rows of a read in one piece", async () => {
    const long = "x".repeat(300_000);
    const lines = ["Client,Revenue,Notes"];
    for (let i = 0; i < 2000; i++) lines.push(`Client ${i},${i},${i % 500 === 0 ? long : "note"}`);
    const text = `${lines.join("\n")}\n`;
    expect(await read(text, 1000)).toEqual(await read(text, text.length * 4));
  });
});

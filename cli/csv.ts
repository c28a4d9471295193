/**
 * Reading a .csv (or .tsv, .txt) file as a table of cells (SPEC §2a "CSV files"): its encoding,
 * its delimiter, and quotes left open. Papa Parse does the parsing; this module decides what to ask
 * it for and what its answers mean.
 */
import { TextDecoder } from "node:util";
import Papa from "papaparse";
import type { CellValue } from "../core/values";

export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A file that cannot be read as a table; the message names the place (a line) where it can. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * Windows-1252's 0x80–0x9F (WHATWG index-windows-1252). Node 20.18.3 and later decode
 * `windows-1252` as ISO-8859-1, which leaves these bytes as control characters
 * (https://github.com/nodejs/node/issues/60888): the decoded text is mapped through this table.
 */
export const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** How many lines the delimiter is guessed from. */
const SAMPLE_LINES = 50;

/**
 * The start of `text` that holds its first `SAMPLE_LINES` records, with room for quoted line
 * breaks. Papa Parse's cost follows the length of the text it is given even with `preview` (its
 * fast path splits the whole text into lines), so the guess is made on this head only.
 */
function head(text: string): string {
  let at = 0;
  for (let n = 0; n < SAMPLE_LINES * 20; n++) {
    const next = text.indexOf("\n", at);
    if (next < 0) return text;
    at = next + 1;
  }
  return text.slice(0, at);
}

/**
 * The delimiter (comma, semicolon, tab, pipe) that gives the same field count on the most of the
 * first 50 lines (quotes respected; a count of one field is no table). Ties go to the delimiter
 * giving more fields, then to the earlier of comma, semicolon, tab, pipe.
 */
export function guessDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; lines: number; fields: number } = { delimiter: ",", lines: 0, fields: 0 };
  const sample = head(text);
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: SAMPLE_LINES, skipEmptyLines: "greedy" }).data;
    const linesByCount = new Map<number, number>();
    for (const row of rows) if (row.length > 1) linesByCount.set(row.length, (linesByCount.get(row.length) ?? 0) + 1);
    for (const [fields, lines] of linesByCount) {
      if (lines > best.lines || (lines === best.lines && fields > best.fields)) best = { delimiter, lines, fields };
    }
  }
  return best.delimiter;
}

/** The 1-based line of `text` that character `index` stands on. */
function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

/**
 * The cells of a CSV text (a leading BOM ignored, trailing blank lines dropped). A quote left open
 * at the end of the text is an error naming the line where it opened, never a silent merge of rows.
 */
export function parseCsv(text: string, delimiter: Delimiter = guessDelimiter(text)): CellValue[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const open = result.errors.find((e) => e.code === "MissingQuotes");
  if (open) {
    // Papa gives the index just after the opening quote.
    const line = lineAt(body, Math.max(0, (open.index ?? 0) - 1));
    throw new CsvError(`the quote opened on line ${line} is never closed (every row after it would merge into one cell); close it or remove it`);
  }
  const rows: CellValue[][] = result.data;
  while (rows.length > 0 && (rows[rows.length - 1] as CellValue[]).every((v) => v === "")) rows.pop();
  return rows;
}


/** Where the rows go, a batch at a time. The arrays are the sink's to keep. */
export type RowSink = (rows: string[][]) => void;

export interface CsvInfo {
  delimiter: Delimiter;
  encoding: Encoding;
  /** Semicolon-delimited: its numbers write `1.234,56` (the column number locale, SPEC §2a). */
  decimalComma: boolean;
  /** What the reader assumed, one line each, for the command to print on stderr. */
  notes: string[];
}

/** Thrown when bytes taken for UTF-8 (no byte-order mark) are not: the file is read again as Windows-1252. */
export class NotUtf8 extends Error {}

/** The encoding a file's first bytes announce; "utf-8" without a mark is only a first guess. */
export function encodingOf(first: Uint8Array): { encoding: Encoding; marked: boolean } {
  const [b0, b1, b2] = [first[0], first[1], first[2]];
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", marked: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", marked: true };
  return { encoding: "utf-8", marked: b0 === 0xef && b1 === 0xbb && b2 === 0xbf };
}

/** The file's head (at least this many characters, and the lines the delimiter is guessed from) decides the delimiter and line break. */
const HEAD_CHARS = 1 << 20;
const HEAD_LINES = 1000;

const LINE_BREAK = /\r\n|\r|\n/g;

/** The line breaks in `text`. */
function breaksIn(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/**
 * One pass over a file's bytes in one encoding: `push` each piece, then `end`. A piece that is
 * not UTF-8 when UTF-8 was guessed throws NotUtf8.
 */
export class CsvReader {
  private readonly decoder: TextDecoder;
  private head: string | null = "";
  private first = true;
  private parser: Papa.Parser | null = null;
  private delimiter: Delimiter = ",";
  /** The start of the unfinished row, and its index in the text. */
  private carry = "";
  private base = 0;
  /** Line breaks before `base`, and whether the text before it ends in a carriage return. */
  private breaks = 0;
  private endsInCr = false;
  /** Line breaks in the head so far (counted piece by piece, not the whole head again each time), and whether it ends in a carriage return. */
  private headBreaks = 0;
  private headEndsInCr = false;
  /**
   * The length of the unfinished row after a parse that read nothing of it (null after one that
   * read something): the row is parsed again only once it has doubled, so a row that stays open
   * (a 20 MB quoted cell, a quote left open early in a 30 MB file) is scanned about twice in all,
   * not once a piece (hundreds of times over, minutes for a larger file). Whatever ends the row —
   * a closing quote, a line break — is read at the next parse; until then it waits in the carry.
   */
  private stalledAt: number | null = null;

  constructor(
    readonly file: string,
    readonly encoding: Encoding,
    private readonly sink: RowSink,
    marked = encoding !== "windows-1252",
  ) {
    // Without a byte-order mark, UTF-8 must be valid all through, else the file is Windows-1252.
    this.decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" && !marked });
  }

  push(bytes: Uint8Array): void {
    this.text(this.decode(bytes, true), false);
  }

  end(): CsvInfo {
    this.text(this.decode(new Uint8Array(0), false), true);
    const notes = this.encoding === "windows-1252" ? [`${this.file}: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)`] : [];
    return { delimiter: this.delimiter, encoding: this.encoding, decimalComma: this.delimiter === ";", notes };
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream });
    } catch {
      throw new NotUtf8();
    }
    if (this.encoding === "windows-1252") text = text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c);
    if (!this.encoding.startsWith("utf-16") && text.includes("\u0000")) {
      throw new CsvError("not a text .csv file (it holds NUL bytes; a UTF-16 file needs its byte-order mark)");
    }
    if (this.first && text !== "") {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  private text(text: string, last: boolean): void {
    if (this.head !== null) {
      // A CR LF split between two pieces is one line break.
      this.headBreaks += breaksIn(text) - (this.headEndsInCr && text.charCodeAt(0) === 0x0a ? 1 : 0);
      if (text !== "") this.headEndsInCr = text.charCodeAt(text.length - 1) === 0x0d;
      this.head += text;
      if (!last && (this.head.length < HEAD_CHARS || this.headBreaks < HEAD_LINES)) return;
      text = this.head;
      this.head = null;
      this.start(text);
    }
    this.parse(text, last);
  }

  /** The delimiter and the line break, from the head as Papa Parse would guess them on the whole text. */
  private start(head: string): void {
    this.delimiter = /\.tsv$/i.test(this.file) ? "\t" : guessDelimiter(head);
    const guessed = Papa.parse<string[]>(head.slice(0, HEAD_CHARS), { delimiter: this.delimiter, preview: 1 }).meta.linebreak;
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: guessed === "\r\n" || guessed === "\r" ? guessed : "\n" });
  }

  private parse(text: string, last: boolean): void {
    if (!last && this.stalledAt !== null && this.carry.length + text.length < 2 * this.stalledAt) {
      this.carry += text;
      return;
    }
    const input = this.carry + text;
    const result = (this.parser as Papa.Parser).parse(input, this.base, !last) as Papa.ParseResult<string[]>;
    if (result.data.length > 0) this.sink(result.data);
    if (last) {
      const open = result.errors.find((e) => e.code === "MissingQuotes");
      // Papa gives the index just after the opening quote.
      if (open) throw new CsvError(`the quote opened on line ${this.lineAt(input, (open.index ?? 0) - 1)} is never closed (every row after it would merge into one cell); close it or remove it`);
      return;
    }
    const used = result.meta.cursor - this.base;
    this.count(input.slice(0, used));
    this.carry = input.slice(used);
    this.base = result.meta.cursor;
    this.stalledAt = used === 0 ? this.carry.length : null;
  }

  /** Counts the line breaks of text that is done with (a CR LF split between two pieces is one). */
  private count(done: string): void {
    if (done === "") return;
    this.breaks += breaksIn(done) - (this.endsInCr && done.charCodeAt(0) === 0x0a ? 1 : 0);
    this.endsInCr = done.charCodeAt(done.length - 1) === 0x0d;
  }

  /** The 1-based line that character `index` of the text stands on (`input` starts at `base`). */
  private lineAt(input: string, index: number): number {
    const before = input.slice(0, Math.max(0, index - this.base));
    return this.breaks + breaksIn(before) - (this.endsInCr && before.charCodeAt(0) === 0x0a ? 1 : 0) + 1;
  }
}

/** A sink for every row as read; the trailing blank rows are dropped at the end (`rows` after `add`s). */
export function allRows(): { rows: () => string[][]; add: RowSink } {
  const rows: string[][] = [];
  return {
    add: (batch) => {
      for (const row of batch) rows.push(row);
    },
    rows: () => {
      while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((v) => v === "")) rows.pop();
      return rows;
    },
  };
}

/**
 * Reads pieces of bytes as CSV into the sink `newSink()` gives; a file taken for UTF-8 that is
 * not is read again from its first piece as Windows-1252, into a new sink.
 */
export async function readCsvPieces<S extends { add: RowSink }>(
  file: string,
  pieces: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  newSink: () => S,
): Promise<{ sink: S; info: CsvInfo }> {
  let guess: { encoding: Encoding; marked: boolean } | null = null;
  for (;;) {
    const sink = newSink();
    let reader: CsvReader | null = null;
    // The first bytes say the encoding: at least three of them, unless the file is shorter.
    let pending: Uint8Array = new Uint8Array(0);
    try {
      for await (const piece of pieces()) {
        if (reader === null) {
          pending = pending.length ? Buffer.concat([pending, piece]) : piece;
          if (pending.length < 3) continue;
          guess ??= encodingOf(pending);
          reader = new CsvReader(file, guess.encoding, sink.add, guess.marked);
          reader.push(pending);
        } else reader.push(piece);
      }
      if (reader === null) {
        guess ??= encodingOf(pending);
        reader = new CsvReader(file, guess.encoding, sink.add, guess.marked);
        reader.push(pending);
      }
      return { sink, info: reader.end() };
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
      guess = { encoding: "windows-1252", marked: false };
    }
  }
}

/** A file's bytes read as CSV, every row; a file taken for UTF-8 that is not is read as Windows-1252. */
export function readCsvBytes(bytes: Uint8Array, file: string): CsvTable {
  const read = (encoding: Encoding, marked: boolean): CsvTable => {
    const sink = allRows();
    const reader = new CsvReader(file, encoding, sink.add, marked);
    reader.push(bytes);
    const info = reader.end();
    return { ...info, rows: sink.rows() };
  };
  const { encoding, marked } = encodingOf(bytes);
  try {
    return read(encoding, marked);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return read("windows-1252", false);
  }
}

export interface CsvTable extends CsvInfo {
  rows: CellValue[][];
}

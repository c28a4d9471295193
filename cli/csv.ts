/**
 * Reading a .csv (or .tsv, .txt) file as a table of cells (SPEC §2a "CSV files"): its encoding,
 * its delimiter, and quotes left open. Papa Parse does the parsing; this module decides what to ask
 * it for and what its answers mean.
 */
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
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The text of a file: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    const latin = new TextDecoder("windows-1252").decode(bytes);
    return { text: latin.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c), encoding: "windows-1252" };
  }
}

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

export interface CsvTable {
  rows: CellValue[][];
  delimiter: Delimiter;
  encoding: Encoding;
  /** Semicolon-delimited: its numbers write `1.234,56` (the column number locale, SPEC §2a). */
  decimalComma: boolean;
  /** What the reader assumed, one line each, for the command to print on stderr. */
  notes: string[];
}

/** A CSV file's bytes as a table; `file` names it in notes and errors. A `.tsv` is tab-delimited. */
export function readCsvBytes(bytes: Uint8Array, file: string): CsvTable {
  const { text, encoding } = decodeText(bytes);
  if (!encoding.startsWith("utf-16") && text.includes("\u0000")) {
    throw new CsvError("not a text .csv file (it holds NUL bytes; a UTF-16 file needs its byte-order mark)");
  }
  const notes = encoding === "windows-1252" ? [`${file}: not UTF-8 or UTF-16, read as Windows-1252 (save it as UTF-8 to be sure of accented letters)`] : [];
  const delimiter = /\.tsv$/i.test(file) ? "\t" : guessDelimiter(text);
  return { rows: parseCsv(text, delimiter), delimiter, encoding, decimalComma: delimiter === ";", notes };
}

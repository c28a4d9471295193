/**
 * A worksheet's cell values read from its XML in pieces (cli/xlsx/elements.ts), one row at a time,
 * with only what grading and the history need: the values, never the whole sheet's XML or a cell
 * object per cell. What a cell holds is read as ExcelJS read it before (issue 10 replaced it here):
 *
 * - `t="s"` a shared string (rich text: its runs joined, phonetic runs left out), `t="inlineStr"`
 *   the inline string, `t="str"` text, `t="b"` a boolean, `t="e"` the error's text (`#N/A`);
 *   otherwise a number, or a Date when the cell's format shows a date (ExcelJS's rule: the format
 *   code, without its quoted text and `[…]` parts, holds one of `ymdhMsb`), in the 1900 or 1904
 *   date system of the workbook; `t="d"` (an ISO 8601 date) a Date.
 * - A formula gives its cached value, read as above by `t` (0 and FALSE too: ExcelJS gave null
 *   for those, unlike the add-ins), or null when it has none.
 * - Text is XML-unescaped and SpreadsheetML's `_xHHHH_` escapes are decoded (ExcelJS decoded them
 *   in shared strings only).
 * - A `<c>` without `r` is the cell right of the one before; a `<row>` without `r` the row below.
 * - The table is as wide as the widest row holding a value, counting cells that hold a value, a
 *   formula or a style (ExcelJS's `columnCount`); it ends at the last row holding a non-blank value.
 */
import { columnNumber } from "../../core/a1";
import { dayToSerial, type CellValue } from "../../core/values";
import { type ElementSink, ElementSplitter, sinkOf, splitPieces } from "./elements";
import { attributes, decodeCellText, findElement, findElements, ownString, rootPrefix, unescapeXml } from "./xml";

/** Rows and columns a worksheet can hold. */
const MAX_ROWS = 1_048_576;

/** A part that cannot be read as what it should be; the message says why, without the file. */
export class PartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartError";
  }
}

/** What reading a sheet's cells needs from the rest of the workbook. */
export interface CellReading {
  /** The shared strings' texts, by index. */
  strings: readonly string[];
  /** The cell formats (indexes into cellXfs) whose number format shows a date. */
  dates: ReadonlySet<number>;
  /** The workbook counts days from 1904 (`<workbookPr date1904="1"/>`). */
  date1904: boolean;
}

/** The built-in number formats that show a date or a time (ECMA-376 §18.8.30; ids 27–36 and 50–58 are locale-dependent and, as for ExcelJS, not dates). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Does a number format code show a date or time? (ExcelJS's `isDateFmt`.) */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** The cell formats of a styles part that show a date. */
export function dateFormats(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const p = rootPrefix(stylesXml, "styleSheet");
  const custom = new Map<number, string>();
  const numFmts = findElement(stylesXml, "numFmts", p);
  for (const f of numFmts?.inner ? findElements(numFmts.inner, "numFmt", p) : []) {
    const a = attributes(f.tag);
    custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
  }
  const xfs = findElement(stylesXml, "cellXfs", p);
  (xfs?.inner ? findElements(xfs.inner, "xf", p) : []).forEach((f, i) => {
    const id = Number(attributes(f.tag).get("numFmtId") ?? 0);
    if (!id) return;
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id)) out.add(i);
  });
  return out;
}

/** The text of a string item (`<si>`, `<is>`): its `<t>`, or its runs' joined; phonetic runs (`<rPh>`) are not part of it. */
function itemText(inner: string, p: string): string {
  const body = inner.includes(`<${p}rPh`) ? inner.replace(new RegExp(`<${p}rPh[\\s>][\\s\\S]*?</${p}rPh>`, "g"), "") : inner;
  let out = "";
  for (let f = findElement(body, "t", p); f; f = findElement(body, "t", p, f.end)) out += decodeCellText(unescapeXml(f.inner ?? ""));
  return out;
}

/** The shared strings part's texts, read in pieces. */
export async function readSharedStrings(pieces: AsyncIterable<string>): Promise<string[]> {
  const strings: string[] = [];
  let found = false;
  let prefix = "";
  await splitPieces(
    pieces,
    new ElementSplitter("sst", "sst", "si", sinkOf({
      head: (_text, p) => {
        found = true;
        prefix = p;
      },
      item: (_gap, xml) => {
        const close = `</${prefix}si>`;
        // Its own copy: a piece of the part's text kept by one cell would keep the whole piece.
        strings.push(xml.endsWith("/>") ? "" : ownString(itemText(xml.slice(xml.indexOf(">") + 1, xml.length - close.length), prefix)));
      },
    })),
  );
  if (!found) throw new PartError("the shared strings part has no <sst>");
  return strings;
}

const MS_PER_DAY = 86_400_000;
/** A serial number (with its time of day) as a UTC Date, in the workbook's date system (core/values' serial day 0). */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - dayToSerial(0, date1904)) * MS_PER_DAY));
}

/** An ISO 8601 date or date-time (`t="d"`), read as UTC when it names no zone; unreadable text stays text. */
function isoDate(text: string): CellValue {
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text);
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(text) || zoned ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

/** What a cell takes in its row: nothing (no value, formula or style), room only (a style), or a value (or formula). */
const enum Holds {
  Nothing,
  Room,
  Value,
}

const ATTR_R = /\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_T = /\st\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_S = /\ss\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const REF = /^\$?([A-Z]{1,3})\$?\d+$/;

/** The text of the first child element `name` of a cell's content, or undefined (an empty element gives ""). */
function childText(inner: string, p: string, name: string): string | undefined {
  const f = findElement(inner, name, p);
  return f ? (f.inner ?? "") : undefined;
}

/** A cell's value from its attributes and content; `value` is set by the call. */
function readCell(t: string | undefined, s: number, inner: string | null, p: string, r: CellReading): { holds: Holds; value: CellValue } {
  const content = inner ?? "";
  const f = content.includes(`<${p}f`) ? findElement(content, "f", p) : null;
  const formula = f !== null && ((f.inner ?? "") !== "" || /\st\s*=/.test(f.tag));
  const vText = content.includes(`<${p}v`) ? childText(content, p, "v") : undefined;
  const v = vText === undefined || vText === "" ? undefined : unescapeXml(vText);
  const number = (text: string): CellValue => {
    const n = Number.parseFloat(text);
    return r.dates.has(s) && Number.isFinite(n) ? serialToDate(n, r.date1904) : n;
  };
  if (formula) {
    if (v === undefined) return { holds: Holds.Value, value: null };
    if (t === "str") return { holds: Holds.Value, value: ownString(decodeCellText(v)) };
    if (t === "b") return { holds: Holds.Value, value: Number.parseInt(v, 10) !== 0 };
    if (t === "e") return { holds: Holds.Value, value: ownString(v) };
    return { holds: Holds.Value, value: number(v) };
  }
  if (t === "inlineStr") {
    const is = content.includes(`<${p}is`) ? findElement(content, "is", p) : null;
    const text = is?.inner ? itemText(is.inner, p) : v !== undefined ? decodeCellText(v) : "";
    if (text !== "" || (is?.inner ?? "").includes(`<${p}r>`)) return { holds: Holds.Value, value: ownString(text) };
  } else if (v !== undefined) {
    switch (t) {
      case "s": {
        const text = r.strings[Number.parseInt(v, 10)];
        if (text === undefined) throw new PartError(`a cell refers to shared string ${v}, which the workbook does not have`);
        return { holds: Holds.Value, value: text };
      }
      case "str":
        return { holds: Holds.Value, value: ownString(decodeCellText(v)) };
      case "b":
        return { holds: Holds.Value, value: Number.parseInt(v, 10) !== 0 };
      case "e":
        return { holds: Holds.Value, value: ownString(v) };
      case "d":
        return { holds: Holds.Value, value: isoDate(v) };
      default:
        return { holds: Holds.Value, value: number(v) };
    }
  }
  return { holds: s ? Holds.Room : Holds.Nothing, value: null };
}

/** Columns (1-based, inclusive) whose cells are not read. */
export interface SkipColumns {
  from: number;
  to: number;
}

/**
 * A sheet's cells as a table (row-major, null for an empty cell), collected row by row from an
 * ElementSplitter over the part. Rows may come in any order; a later row of the same number
 * replaces an earlier one.
 */
export class CellTable implements ElementSink {
  private prefix = "";
  private closeRow = "</row>";
  private rows: (CellValue[] | undefined)[] = [];
  private width = 0;
  /** The number of rows up to the last one holding a non-blank value. */
  private filled = 0;
  private rowNum = 0;

  constructor(
    private readonly reading: CellReading,
    private readonly skip: SkipColumns | null = null,
  ) {}

  head(_text: string, prefix: string): void {
    this.prefix = prefix;
    this.closeRow = `</${prefix}row>`;
  }

  item(_gap: string, xml: string): void {
    const p = this.prefix;
    const tagEnd = xml.indexOf(">");
    const r = /\sr\s*=\s*["']([^"']*)["']/.exec(xml.slice(0, tagEnd + 1))?.[1];
    const n = r === undefined ? this.rowNum + 1 : Number(r);
    if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) throw new PartError(`a row is numbered "${r}", not 1 to ${MAX_ROWS.toLocaleString("en-US")}`);
    this.rowNum = n;
    // Grown one row at a time: a row far below the last would turn the array into a dictionary.
    while (this.rows.length < n) this.rows.push(undefined);
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      this.rows[n - 1] = undefined;
      return;
    }
    const inner = xml.slice(tagEnd + 1, xml.length - this.closeRow.length);
    const open = `<${p}c`;
    const close = `</${p}c>`;
    const cols: number[] = [];
    const values: CellValue[] = [];
    let col = 0;
    let room = 0;
    let hasValue = false;
    let blank = true;
    for (let at = inner.indexOf(open); at >= 0; at = inner.indexOf(open, at + 1)) {
      const c = inner.charCodeAt(at + open.length);
      if (c !== 32 && c !== 62 && c !== 47 && c !== 9 && c !== 10 && c !== 13) continue;
      const end = inner.indexOf(">", at);
      if (end < 0) break;
      const tag = inner.slice(at, end + 1);
      const ref = ATTR_R.exec(tag);
      const letters = ref === null ? undefined : REF.exec(ref[1] ?? ref[2] ?? "")?.[1];
      col = letters === undefined ? col + 1 : columnNumber(letters);
      const closeAt = tag.charCodeAt(tag.length - 2) === 47 ? -1 : inner.indexOf(close, end);
      if (closeAt < 0 && tag.charCodeAt(tag.length - 2) !== 47) throw new PartError(`unclosed <${p}c> in row ${n}`);
      at = closeAt < 0 ? end : closeAt;
      // A skipped column's cell is found, never read.
      if (this.skip && col >= this.skip.from && col <= this.skip.to) continue;
      const t = ATTR_T.exec(tag);
      const s = ATTR_S.exec(tag);
      const cell = readCell(t === null ? undefined : (t[1] ?? t[2]), s === null ? 0 : Number.parseInt(s[1] ?? s[2] ?? "", 10) || 0, closeAt < 0 ? null : inner.slice(end + 1, closeAt), p, this.reading);
      if (cell.holds === Holds.Nothing) continue;
      room = Math.max(room, col);
      if (cell.holds === Holds.Value) {
        hasValue = true;
        cols.push(col);
        values.push(cell.value);
        if (cell.value !== null && cell.value !== "") blank = false;
      }
    }
    if (!hasValue) {
      this.rows[n - 1] = undefined;
      return;
    }
    this.width = Math.max(this.width, room);
    const row = new Array<CellValue>(room).fill(null);
    for (let i = 0; i < cols.length; i++) row[(cols[i] as number) - 1] = values[i] ?? null;
    this.rows[n - 1] = row;
    if (!blank) this.filled = Math.max(this.filled, n);
  }

  close(): void {}
  tail(): void {}
  missing(): void {}

  /** The table: every row as wide as the widest, up to the last row holding a non-blank value. */
  table(): CellValue[][] {
    const out = this.rows as CellValue[][];
    out.length = this.filled;
    // (A row replaced by a blank one of the same number leaves blank rows at the end.)
    while (out.length > 0 && (out[out.length - 1] ?? []).every((v) => v === null || v === "")) out.pop();
    for (let i = 0; i < out.length; i++) {
      const row = out[i];
      if (row === undefined) out[i] = new Array<CellValue>(this.width).fill(null);
      else for (let c = row.length; c < this.width; c++) row.push(null);
    }
    this.rows = [];
    return out;
  }
}

/** A worksheet part's cells, read in pieces; `skip` columns are left out (the matrix we wrote: never an input). */
export async function readCells(pieces: AsyncIterable<string>, reading: CellReading, skip: SkipColumns | null = null): Promise<CellValue[][]> {
  const table = new CellTable(reading, skip);
  await splitPieces(pieces, new ElementSplitter("worksheet", "sheetData", "row", table));
  return table.table();
}

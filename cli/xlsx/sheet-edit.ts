/**
 * Writing cells into an existing worksheet part without re-serialising it: rows we do not touch
 * stay byte for byte; in rows we touch, only the cells we own change. A cell holding a value or a
 * formula is never overwritten (outside the columns we own), whatever the caller planned.
 *
 * The part is edited as it is read, in pieces (cli/xlsx/elements.ts): a sheet of 100,000 clients
 * is never one string, nor are its new cells all made at once (issue 10). Since a cell in the way
 * is found only on the way, an edit is first checked (`checkEdit`, which also gives the last row
 * the used range needs before the rows), then written as the package is (`editedPieces`).
 */
import { cellRef, columnNumber, parseCellRef } from "../../core/a1";
import { ElementSplitter, splitPieces, type ElementSink } from "./elements";
import { CellConflictError, cellXml, type NewCell } from "./sheet-data";
import type { SharedStrings } from "./strings";
import { attributes, escapeXml, findElement, insertBefore, rootPrefix, withAttribute } from "./xml";

/** The new cells of an edit, by row. */
export interface NewRows {
  /** The rows with new cells, ascending. */
  rows: readonly number[];
  /** A row's new cells, column → cell (made when asked for: 100,000 rows of them need never be held at once). */
  cellsOf(row: number): ReadonlyMap<number, NewCell> | undefined;
  /** The rightmost column with a new cell, 0 for none. */
  maxCol: number;
}

/** New cells given as a map of rows. */
export function newRows(cells: ReadonlyMap<number, ReadonlyMap<number, NewCell>>): NewRows {
  let maxCol = 0;
  for (const cols of cells.values()) for (const c of cols.keys()) maxCol = Math.max(maxCol, c);
  return { rows: [...cells.keys()].sort((a, b) => a - b), cellsOf: (r) => cells.get(r), maxCol };
}

export interface SheetEdit {
  /** Columns (1-based, inclusive) we owned before: their cells are removed from every row first. */
  clear: { from: number; to: number } | null;
  cells: NewRows;
  /** Widths (characters) for columns that have none yet. */
  widths?: Map<number, number>;
}

interface CellEl {
  col: number;
  xml: string;
}

const hasContent = (cellXmlText: string, p: string): boolean =>
  cellXmlText.includes(`<${p}v>`) || cellXmlText.includes(`<${p}v `) || cellXmlText.includes(`<${p}f`) || cellXmlText.includes(`<${p}is>`);

// Attribute values may be single-quoted (valid XML; the reader, cli/xlsx/cells.ts, reads them too).
const SPANS = /\sspans\s*=\s*(?:"[^"]*"|'[^']*')/;
const ROW_R = /\sr\s*=\s*(?:"[^"]*"|'[^']*')/;
const CELL_R = /\sr\s*=\s*["']\$?([A-Z]{1,3})\$?(\d+)["']/;
const CELL_S = /\ss\s*=\s*["'](\d+)["']/;

function cellsOf(cells: ReadonlyMap<number, NewCell>, row: number, p: string, strings?: SharedStrings): CellEl[] {
  const out: CellEl[] = [];
  for (const [c, n] of cells) {
    if (n.value !== null || n.formula !== undefined || n.style !== undefined) out.push({ col: c, xml: cellXml(cellRef(row, c), n, p, undefined, strings) });
  }
  return out.sort((a, b) => a.col - b.col);
}

/** The row with our cells set, or null when nothing changes. */
function editRow(rowTag: string, inner: string | null, row: number, edit: SheetEdit, p: string, strings?: SharedStrings): string | null {
  const news = edit.cells.cellsOf(row);
  if (inner === null || inner.length === 0) {
    // A row without cells (new, or empty): only ours.
    const out = news ? cellsOf(news, row, p, strings) : [];
    if (out.length === 0) return inner === null ? "" : null;
    const tag = rowTag.endsWith("/>") ? `${rowTag.slice(0, -2)}>` : rowTag;
    return `${tag.replace(SPANS, "")}${out.map((c) => c.xml).join("")}</${p}row>`;
  }
  const cells: CellEl[] = [];
  let col = 0;
  for (let f = findElement(inner, "c", p); f; f = findElement(inner, "c", p, f.end)) {
    const r = CELL_R.exec(f.tag);
    col = r ? columnNumber(r[1] as string) : col + 1;
    cells.push({ col, xml: r ? f.xml : withAttribute(f.tag, "r", cellRef(row, col)) + f.xml.slice(f.tag.length) });
  }
  const clear = edit.clear;
  const kept = clear ? cells.filter((c) => c.col < clear.from || c.col > clear.to) : cells;
  if (kept.length === cells.length && !news) return null;
  const used = new Set<number>();
  const out: CellEl[] = [];
  for (const c of kept) {
    const n = news?.get(c.col);
    if (n === undefined) {
      out.push(c);
      continue;
    }
    if (hasContent(c.xml, p)) throw new CellConflictError(cellRef(row, c.col));
    const style = CELL_S.exec(c.xml.slice(0, c.xml.indexOf(">") + 1))?.[1];
    out.push({ col: c.col, xml: cellXml(cellRef(row, c.col), n, p, style, strings) });
    used.add(c.col);
  }
  if (news) {
    for (const [c, n] of news) {
      if (!used.has(c) && (n.value !== null || n.formula !== undefined || n.style !== undefined)) out.push({ col: c, xml: cellXml(cellRef(row, c), n, p, undefined, strings) });
    }
  }
  out.sort((a, b) => a.col - b.col);
  let tag = rowTag.replace(SPANS, "");
  tag = ROW_R.test(tag) ? tag : `${tag.slice(0, -1)} r="${row}">`;
  return `${tag}${out.map((c) => c.xml).join("")}</${p}row>`;
}

/** Adds `<col>` widths for columns no existing `<col>` covers. */
function addColumnWidths(xml: string, widths: Map<number, number>, p: string): string {
  const cols = findElement(xml, "cols", p);
  const existing: { min: number; max: number; xml: string }[] = [];
  if (cols?.inner) {
    for (let f = findElement(cols.inner, "col", p); f; f = findElement(cols.inner, "col", p, f.end)) {
      const a = attributes(f.tag);
      existing.push({ min: Number(a.get("min")), max: Number(a.get("max")), xml: f.xml });
    }
  }
  const added = [...widths]
    .filter(([c]) => !existing.some((e) => e.min <= c && c <= e.max))
    .map(([c, w]) => ({ min: c, max: c, xml: `<${p}col min="${c}" max="${c}" width="${escapeXml(String(w))}" customWidth="1"/>` }));
  if (added.length === 0) return xml;
  const all = [...existing, ...added].sort((a, b) => a.min - b.min);
  const el = `<${p}cols>${all.map((c) => c.xml).join("")}</${p}cols>`;
  if (cols) return xml.slice(0, cols.start) + el + xml.slice(cols.end);
  return insertBefore(xml, "worksheet", p, ["sheetData"], el);
}

/** The elements CT_Worksheet puts after `<sheetData>`, before which a missing one is added. */
const AFTER_SHEET_DATA = ["sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing", "tableParts", "extLst"];

/** A row's start tag with its number written (rows numbered implicitly get it, since rows may be inserted before them). */
function numbered(tag: string, row: number): string {
  return `${tag.slice(0, tag.endsWith("/>") ? -2 : -1)} r="${row}"${tag.endsWith("/>") ? "/>" : ">"}`;
}

/**
 * Checks an edit against a worksheet part's rows as they come (an ElementSink): a cell of the
 * user's holding a value or formula where the edit puts one throws CellConflictError, as the
 * edit itself would, before anything is written. Notes the last row and the row watched for.
 */
class EditCheck implements ElementSink {
  private p = "";
  private rowNum = 0;
  lastRow = 0;
  watched: string | null = null;

  constructor(
    private readonly edit: SheetEdit,
    private readonly watch?: number,
  ) {}

  head(_text: string, prefix: string): void {
    this.p = prefix;
  }

  item(_gap: string, xml: string): void {
    const p = this.p;
    const tagEnd = xml.indexOf(">");
    const tag = xml.slice(0, tagEnd + 1);
    const r = attributes(tag).get("r");
    const row = (this.rowNum = this.lastRow = r ? Number(r) : this.rowNum + 1);
    if (row === this.watch) this.watched = r ? xml : numbered(tag, row) + xml.slice(tag.length);
    const news = this.edit.cells.cellsOf(row);
    if (!news || tag.endsWith("/>")) return;
    const inner = xml.slice(tagEnd + 1, xml.length - `</${p}row>`.length);
    const clear = this.edit.clear;
    let col = 0;
    for (let f = findElement(inner, "c", p); f; f = findElement(inner, "c", p, f.end)) {
      const m = CELL_R.exec(f.tag);
      col = m ? columnNumber(m[1] as string) : col + 1;
      if (clear && col >= clear.from && col <= clear.to) continue;
      if (news.has(col) && hasContent(f.xml, p)) throw new CellConflictError(cellRef(row, col));
    }
  }

  close(): void {}
  tail(): void {}
  /** A part without `<sheetData>` has no cell in the way. */
  missing(): void {}
}

/**
 * Applies an edit to a worksheet part as its pieces come (an ElementSink of the part's rows);
 * the output is taken from `out`. With `lastRow` (the number of the part's last row) the text
 * before the rows goes out at once; without it, it is held until the end.
 */
class SheetEditor implements ElementSink {
  readonly out: string[] = [];
  private p = "";
  private k = 0;
  private rowNum = 0;
  private lastRow = 0;
  /** Where the text before the rows waits in `out` until the last row is known. */
  private held: { at: number; text: string } | null = null;

  constructor(
    private readonly edit: SheetEdit,
    private readonly strings: SharedStrings | undefined,
    private readonly knownLastRow?: number,
  ) {}

  head(text: string, prefix: string): void {
    this.p = prefix;
    const before = text.slice(0, text.lastIndexOf(`<${prefix}sheetData`));
    if (this.knownLastRow === undefined) {
      this.held = { at: this.out.length, text: before };
      this.out.push("");
    } else this.out.push(this.withUsedRange(before, this.knownLastRow));
    this.out.push(`<${prefix}sheetData>`);
  }

  item(gap: string, xml: string): void {
    const { p, edit, out } = this;
    const pending = edit.cells.rows;
    const tagEnd = xml.indexOf(">");
    const tag = xml.slice(0, tagEnd + 1);
    const inner = tag.endsWith("/>") ? null : xml.slice(tagEnd + 1, xml.length - `</${p}row>`.length);
    out.push(gap);
    const r = attributes(tag).get("r");
    const rowNum = (this.rowNum = this.lastRow = r ? Number(r) : this.rowNum + 1);
    while (this.k < pending.length && (pending[this.k] as number) < rowNum) this.newRow(pending[this.k++] as number);
    const planned = this.k < pending.length && pending[this.k] === rowNum;
    const touched = planned || (edit.clear !== null && inner !== null && inner.length > 0);
    if (planned) this.k++;
    const ownTag = r ? tag : numbered(tag, rowNum);
    const same = r ? xml : ownTag + xml.slice(tag.length);
    out.push((touched ? editRow(ownTag, inner ?? "", rowNum, edit, p, this.strings) : null) ?? same);
  }

  close(gap: string): void {
    const pending = this.edit.cells.rows;
    this.out.push(gap);
    while (this.k < pending.length) this.newRow(pending[this.k++] as number);
    this.out.push(`</${this.p}sheetData>`);
    if (this.held) this.out[this.held.at] = this.withUsedRange(this.held.text, this.lastRow);
  }

  tail(text: string): void {
    this.out.push(text);
  }

  /** A part without `<sheetData>`: one is added where CT_Worksheet puts it, then edited. */
  missing(text: string): void {
    const p = rootPrefix(text, "worksheet");
    const xml = insertBefore(text, "worksheet", p, AFTER_SHEET_DATA, `<${p}sheetData/>`);
    const again = new ElementSplitter("worksheet", "sheetData", "row", this);
    again.push(xml);
    again.end();
  }

  private newRow(r: number): void {
    this.out.push(editRow(`<${this.p}row r="${r}">`, null, r, this.edit, this.p, this.strings) ?? "");
  }

  /** The text before the rows with the used range grown to the new cells, and the new columns' widths. */
  private withUsedRange(before: string, lastRow: number): string {
    const { p, edit } = this;
    let xml = before;
    const pending = edit.cells.rows;
    const maxRow = Math.max(lastRow, pending.length ? (pending[pending.length - 1] as number) : 0);
    const dim = findElement(xml, "dimension", p);
    if (dim && edit.cells.maxCol > 0) {
      const ref = attributes(dim.tag).get("ref") ?? "A1";
      const [a, b] = ref.split(":");
      const first = parseCellRef(a ?? "A1") ?? { row: 1, col: 1 };
      const last = parseCellRef(b ?? a ?? "A1") ?? first;
      const next = `${cellRef(first.row, first.col)}:${cellRef(Math.max(last.row, maxRow), Math.max(last.col, edit.cells.maxCol))}`;
      xml = xml.slice(0, dim.start) + withAttribute(dim.tag, "ref", next) + xml.slice(dim.end);
    }
    if (edit.widths && edit.widths.size) {
      const placeholder = `<${p}sheetData/>`;
      xml = addColumnWidths(xml + placeholder, edit.widths, p).slice(0, -placeholder.length);
    }
    return xml;
  }
}

/** Applies the edit to a worksheet part's XML; text goes to `strings` when given. */
export function editSheet(sheetXml: string, edit: SheetEdit, strings?: SharedStrings): string {
  const editor = new SheetEditor(edit, strings);
  const splitter = new ElementSplitter("worksheet", "sheetData", "row", editor);
  splitter.push(sheetXml);
  splitter.end();
  return editor.out.join("");
}

/**
 * Checks an edit against a worksheet part without keeping what it writes: a cell in the way throws
 * CellConflictError. Gives the number of the part's last row (for `editedPieces`) and the XML of
 * row `watch` (the header row, whose style our header cells take), or null.
 */
export async function checkEdit(pieces: AsyncIterable<string>, edit: SheetEdit, watch?: number): Promise<{ lastRow: number; watched: string | null }> {
  const check = new EditCheck(edit, watch);
  await splitPieces(pieces, new ElementSplitter("worksheet", "sheetData", "row", check));
  return { lastRow: check.lastRow, watched: check.watched };
}

/** A worksheet part, given in pieces, with an edit applied (checked first: `lastRow` is checkEdit's), in pieces. */
export async function* editedPieces(pieces: AsyncIterable<string>, edit: SheetEdit, strings: SharedStrings | undefined, lastRow: number): AsyncGenerator<string> {
  const editor = new SheetEditor(edit, strings, lastRow);
  const splitter = new ElementSplitter("worksheet", "sheetData", "row", editor);
  const take = () => {
    const text = editor.out.join("");
    editor.out.length = 0;
    return text;
  };
  for await (const piece of pieces) {
    splitter.push(piece);
    if (editor.out.length) yield take();
  }
  splitter.end();
  if (editor.out.length) yield take();
}

/**
 * Writing cells into an existing worksheet part without re-serialising it: rows we do not touch
 * stay byte for byte; in rows we touch, only the cells we own change. A cell holding a value or a
 * formula is never overwritten (outside the columns we own), whatever the caller planned.
 */
import { cellRef, columnNumber, parseCellRef } from "../../core/a1";
import { isPlanDate, type PlanValue } from "../../core/plan";
import { dayFromParts, dayToSerial } from "../../core/values";
import type { SharedStrings } from "./strings";
import { attributes, escapeXml, findElement, insertBefore, rootPrefix, textElement, withAttribute } from "./xml";

/** An ISO date (yyyy-mm-dd) as a spreadsheet serial number. */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return dayToSerial(dayFromParts(y, m, d));
}

export type CellContent = string | number | boolean | null;

export interface NewCell {
  value: CellContent;
  /** A formula the add-in wrote itself (without "="); text from data is never one. */
  formula?: string;
  /** Index into cellXfs, or undefined to keep the style of an empty cell already there. */
  style?: number;
}

export class CellConflictError extends Error {
  constructor(readonly ref: string) {
    super(`cell ${ref} is not empty`);
    this.name = "CellConflictError";
  }
}

/**
 * One cell's XML: numbers and booleans as values, text as a shared string (or an inline string
 * without a shared-strings part), never a formula unless the add-in wrote one itself. An empty
 * cell already there lends its style (`keepStyle`) when the new one has none.
 */
export function cellXml(ref: string, cell: NewCell, prefix = "", keepStyle?: string, strings?: SharedStrings): string {
  const s = cell.style !== undefined && cell.style !== 0 ? ` s="${cell.style}"` : keepStyle !== undefined ? ` s="${keepStyle}"` : "";
  const v = cell.value;
  const c = `${prefix}c`;
  if (cell.formula !== undefined) return `<${c} r="${ref}"${s}><${prefix}f>${escapeXml(cell.formula)}</${prefix}f></${c}>`;
  if (v === null) return `<${c} r="${ref}"${s}/>`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return `<${c} r="${ref}"${s} t="e"><${prefix}v>#NUM!</${prefix}v></${c}>`;
    return `<${c} r="${ref}"${s}><${prefix}v>${v}</${prefix}v></${c}>`;
  }
  if (typeof v === "boolean") return `<${c} r="${ref}"${s} t="b"><${prefix}v>${v ? 1 : 0}</${prefix}v></${c}>`;
  if (strings) return `<${c} r="${ref}"${s} t="s"><${prefix}v>${strings.ref(v)}</${prefix}v></${c}>`;
  return `<${c} r="${ref}"${s} t="inlineStr"><${prefix}is>${textElement(v, prefix)}</${prefix}is></${c}>`;
}

/** A plan value as a cell: a date as its serial number, `{ formula }` as the add-in's formula. */
export function planCell(v: PlanValue, style?: number): NewCell {
  if (v === null || typeof v !== "object") return { value: v, style };
  if (isPlanDate(v)) return { value: isoToSerial(v.date), style };
  return { value: null, formula: v.formula.replace(/^=/, ""), style };
}

export interface SheetEdit {
  /** Columns (1-based, inclusive) we owned before: their cells are removed from every row first. */
  clear: { from: number; to: number } | null;
  /** Row → column → the new cell. */
  cells: Map<number, Map<number, NewCell>>;
  /** Widths (characters) for columns that have none yet. */
  widths?: Map<number, number>;
}

interface CellEl {
  col: number;
  xml: string;
}

const hasContent = (cellXmlText: string, p: string): boolean =>
  cellXmlText.includes(`<${p}v>`) || cellXmlText.includes(`<${p}v `) || cellXmlText.includes(`<${p}f`) || cellXmlText.includes(`<${p}is>`);

const SPANS = /\sspans\s*=\s*"[^"]*"/;
const ROW_R = /\sr\s*=\s*"[^"]*"/;
const CELL_R = /\sr\s*=\s*"\$?([A-Z]{1,3})\$?(\d+)"/;
const CELL_S = /\ss\s*=\s*"(\d+)"/;

function cellsOf(cells: Map<number, NewCell>, row: number, p: string, strings?: SharedStrings): CellEl[] {
  const out: CellEl[] = [];
  for (const [c, n] of cells) {
    if (n.value !== null || n.formula !== undefined || n.style !== undefined) out.push({ col: c, xml: cellXml(cellRef(row, c), n, p, undefined, strings) });
  }
  return out.sort((a, b) => a.col - b.col);
}

/** The row with our cells set, or null when nothing changes. */
function editRow(rowTag: string, inner: string | null, row: number, edit: SheetEdit, p: string, strings?: SharedStrings): string | null {
  const news = edit.cells.get(row);
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

/** Applies the edit to a worksheet part's XML; text goes to `strings` when given. */
export function editSheet(sheetXml: string, edit: SheetEdit, strings?: SharedStrings): string {
  const p = rootPrefix(sheetXml, "worksheet");
  let xml = sheetXml;
  let sd = findElement(xml, "sheetData", p);
  if (!sd) {
    xml = insertBefore(xml, "worksheet", p, ["sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing", "tableParts", "extLst"], `<${p}sheetData/>`);
    sd = findElement(xml, "sheetData", p) as NonNullable<typeof sd>;
  }
  const inner = sd.inner ?? "";
  const pending = [...edit.cells.keys()].sort((a, b) => a - b);
  let k = 0;
  const parts: string[] = [];
  let pos = 0;
  let rowNum = 0;
  let maxRow = 0;
  const newRow = (r: number) => editRow(`<${p}row r="${r}">`, null, r, edit, p, strings) ?? "";
  // (A row given as <row/> is handled by editRow with empty content.)
  for (let f = findElement(inner, "row", p, pos); f; f = findElement(inner, "row", p, pos)) {
    parts.push(inner.slice(pos, f.start));
    const r = attributes(f.tag).get("r");
    rowNum = r ? Number(r) : rowNum + 1;
    while (k < pending.length && (pending[k] as number) < rowNum) parts.push(newRow(pending[k++] as number));
    const touched = (k < pending.length && pending[k] === rowNum) || (edit.clear !== null && f.inner !== null && f.inner.length > 0);
    if (k < pending.length && pending[k] === rowNum) k++;
    // Rows numbered implicitly get their number written, since rows may be inserted before them.
    const own = r ? f : { ...f, tag: `${f.tag.slice(0, f.tag.endsWith("/>") ? -2 : -1)} r="${rowNum}"${f.tag.endsWith("/>") ? "/>" : ">"}` };
    const same = r ? f.xml : own.tag + f.xml.slice(f.tag.length);
    parts.push((touched ? editRow(own.tag, f.inner ?? "", rowNum, edit, p, strings) : null) ?? same);
    maxRow = rowNum;
    pos = f.end;
  }
  parts.push(inner.slice(pos));
  while (k < pending.length) parts.push(newRow(pending[k++] as number));
  maxRow = Math.max(maxRow, pending.length ? (pending[pending.length - 1] as number) : 0);
  xml = `${xml.slice(0, sd.start)}<${p}sheetData>${parts.join("")}</${p}sheetData>${xml.slice(sd.end)}`;

  // The used range grows to the new cells.
  let maxCol = 0;
  for (const cols of edit.cells.values()) for (const c of cols.keys()) maxCol = Math.max(maxCol, c);
  const dim = findElement(xml, "dimension", p);
  if (dim && maxCol > 0) {
    const ref = attributes(dim.tag).get("ref") ?? "A1";
    const [a, b] = ref.split(":");
    const first = parseCellRef(a ?? "A1") ?? { row: 1, col: 1 };
    const last = parseCellRef(b ?? a ?? "A1") ?? first;
    const next = `${cellRef(first.row, first.col)}:${cellRef(Math.max(last.row, maxRow), Math.max(last.col, maxCol))}`;
    xml = xml.slice(0, dim.start) + withAttribute(dim.tag, "ref", next) + xml.slice(dim.end);
  }
  if (edit.widths && edit.widths.size) xml = addColumnWidths(xml, edit.widths, p);
  return xml;
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

/**
 * Writing cells into an existing worksheet part without re-serialising it: rows we do not touch
 * stay byte for byte; in rows we touch, only the cells we own change. A cell holding a value or a
 * formula is never overwritten (outside the columns we own), whatever the caller planned.
 */
import { attributes, columnName, escapeXml, findElement, insertBefore, parseRef, rootPrefix, textElement, withAttribute } from "./xml";

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

/** One cell's XML: numbers and booleans as values, text as an inline string, never a formula. */
export function cellXml(ref: string, cell: NewCell, prefix = "", keepStyle?: string): string {
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
  return `<${c} r="${ref}"${s} t="inlineStr"><${prefix}is>${textElement(v, prefix)}</${prefix}is></${c}>`;
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

/** The row with our cells set, or null when nothing changes. */
function editRow(rowTag: string, inner: string | null, row: number, edit: SheetEdit, p: string): string | null {
  const cells: CellEl[] = [];
  let col = 0;
  let from = 0;
  const body = inner ?? "";
  for (let f = findElement(body, "c", p, from); f; f = findElement(body, "c", p, from)) {
    const r = attributes(f.tag).get("r");
    const at = r ? parseRef(r) : null;
    col = at ? at.col : col + 1;
    cells.push({ col, xml: r ? f.xml : withAttribute(f.tag, "r", `${columnName(col)}${row}`) + f.xml.slice(f.tag.length) });
    from = f.end;
  }
  const clear = edit.clear;
  const kept = clear ? cells.filter((c) => c.col < clear.from || c.col > clear.to) : cells;
  const news = new Map(edit.cells.get(row) ?? []);
  if (kept.length === cells.length && news.size === 0) return null;
  const out: CellEl[] = [];
  for (const c of kept) {
    const n = news.get(c.col);
    if (n === undefined) {
      out.push(c);
      continue;
    }
    if (hasContent(c.xml, p)) throw new CellConflictError(`${columnName(c.col)}${row}`);
    const style = attributes(c.xml.slice(0, c.xml.indexOf(">") + 1)).get("s");
    out.push({ col: c.col, xml: cellXml(`${columnName(c.col)}${row}`, n, p, style) });
    news.delete(c.col);
  }
  for (const [c, n] of news) if (n.value !== null || n.formula !== undefined || n.style !== undefined) out.push({ col: c, xml: cellXml(`${columnName(c)}${row}`, n, p) });
  out.sort((a, b) => a.col - b.col);
  if (inner === null && out.length === 0) return "";
  let tag = withAttribute(rowTag.replace(/\/>$/, ">"), "spans", null);
  tag = withAttribute(tag, "r", String(row));
  return `${tag}${out.map((c) => c.xml).join("")}</${p}row>`;
}

/** Applies the edit to a worksheet part's XML. */
export function editSheet(sheetXml: string, edit: SheetEdit): string {
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
  const newRow = (r: number) => editRow(`<${p}row r="${r}">`, null, r, edit, p) ?? "";
  for (let f = findElement(inner, "row", p, pos); f; f = findElement(inner, "row", p, pos)) {
    parts.push(inner.slice(pos, f.start));
    const r = attributes(f.tag).get("r");
    rowNum = r ? Number(r) : rowNum + 1;
    while (k < pending.length && (pending[k] as number) < rowNum) parts.push(newRow(pending[k++] as number));
    const touched = (k < pending.length && pending[k] === rowNum) || (edit.clear !== null && f.inner !== null && f.inner.length > 0);
    if (k < pending.length && pending[k] === rowNum) k++;
    parts.push((touched ? editRow(f.tag, f.inner, rowNum, edit, p) : null) ?? f.xml);
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
    const first = parseRef(a ?? "A1") ?? { row: 1, col: 1 };
    const last = parseRef(b ?? a ?? "A1") ?? first;
    const next = `${columnName(first.col)}${first.row}:${columnName(Math.max(last.col, maxCol))}${Math.max(last.row, maxRow)}`;
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

/**
 * A new worksheet part written in chunks: the elements around the cells in the order
 * CT_Worksheet requires, and the rows as they come (never the whole sheet as one string).
 */
import { cellRef } from "../../core/a1";
import { escapeXml } from "./xml";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface WorksheetSpec {
  /** The used range, e.g. "A1:AF81". */
  dimension: string;
  /** Rows and columns frozen at the top and left. */
  freeze: { rows: number; cols: number };
  /** Widths in characters of columns 1, 2, … (undefined: the default width). */
  widths: readonly (number | undefined)[];
  /** `<row>` elements in row order, a few at a time. */
  rows: Iterable<string>;
  autoFilter?: string;
  merges?: readonly string[];
  /** `<conditionalFormatting>` elements. */
  conditionalFormats?: readonly string[];
  /** Page setup: one page wide, or else printed at `scale` percent. */
  page?: { orientation: "landscape" | "portrait"; fitToWidth: boolean; scale?: number };
  /** Relationship id of the sheet's drawing. */
  drawing?: string;
}

function sheetView(freeze: { rows: number; cols: number }): string {
  const { rows, cols } = freeze;
  if (rows === 0 && cols === 0) return `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const pane = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}`;
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${cellRef(rows + 1, cols + 1)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="A1" sqref="A1"/></sheetView></sheetViews>`
  );
}

function columns(widths: readonly (number | undefined)[]): string {
  const cols = widths.map((w, i) => (w === undefined ? "" : `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)).join("");
  return cols ? `<cols>${cols}</cols>` : "";
}

export function* worksheetChunks(w: WorksheetSpec): Generator<string> {
  const fit = w.page?.fitToWidth ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "";
  yield (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    `${fit}<dimension ref="${w.dimension}"/>${sheetView(w.freeze)}<sheetFormatPr defaultRowHeight="15"/>${columns(w.widths)}<sheetData>`
  );
  yield* w.rows;
  let tail = "</sheetData>";
  if (w.autoFilter) tail += `<autoFilter ref="${w.autoFilter}"/>`;
  if (w.merges?.length) tail += `<mergeCells count="${w.merges.length}">${w.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  tail += (w.conditionalFormats ?? []).join("");
  tail += `<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>`;
  if (w.page) {
    const size = w.page.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : w.page.scale !== undefined ? ` scale="${Math.round(w.page.scale)}"` : "";
    tail += `<pageSetup orientation="${w.page.orientation}"${size}/>`;
  }
  if (w.drawing) tail += `<drawing r:id="${escapeXml(w.drawing)}"/>`;
  yield `${tail}</worksheet>`;
}

/** Joins `<row>` elements into chunks of about 64 KB. */
export function* batched(rows: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf = "";
  for (const r of rows) {
    buf += r;
    if (buf.length >= size) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

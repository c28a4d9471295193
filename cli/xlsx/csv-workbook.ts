/**
 * A workbook made from a CSV: a new package holding one sheet, whose rows (the CSV's fields and
 * the matrix columns beside them) are written in chunks when the package is.
 */
import { cellRef, rangeA1 } from "../../core/a1";
import { fitScale, LEGIBLE_SCALE, type PlanValue } from "../../core/plan";
import type { MatrixPlan } from "../../core/matrix";
import { dayToSerial, type CellValue } from "../../core/values";
import { CONTENT_TYPE, OoxmlPackage, REL, type ChunkedPart } from "./package";
import { cellXml, planCell, type CellContent } from "./sheet-data";
import type { SharedStrings } from "./strings";
import { NEW_STYLES, type StyleSheet } from "./styles";
import { batched, worksheetChunks } from "./worksheet";
import { escapeXml } from "./xml";

export const CSV_SHEET_PATH = "xl/worksheets/sheet1.xml";

/** The parts of a workbook with one (still empty) sheet. */
export function newWorkbook(sheetName: string): OoxmlPackage {
  const pkg = OoxmlPackage.empty();
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
  pkg.set(
    "[Content_Types].xml",
    `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/><Override PartName="/${CSV_SHEET_PATH}" ContentType="${CONTENT_TYPE.worksheet}"/></Types>`,
  );
  pkg.set("_rels/.rels", `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`);
  pkg.set(
    "xl/workbook.xml",
    `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL.relationships}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  pkg.set(
    "xl/_rels/workbook.xml.rels",
    `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.worksheet}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
  );
  pkg.set("xl/styles.xml", NEW_STYLES);
  pkg.set(CSV_SHEET_PATH, `${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`);
  return pkg;
}

/** A CSV field as a cell: a number only when the text is exactly how that number prints. */
export function csvCell(v: CellValue): CellContent {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string") return v instanceof Date ? dayToSerial(v.getTime() / 86_400_000) : v;
  const n = Number(v);
  return v.trim() === v && Number.isFinite(n) && String(n) === v ? n : v;
}

/** Widths: each CSV column as wide as its first 2,000 fields (8 to 40), each matrix column its header. */
function widths(rows: readonly (readonly CellValue[])[], matrix: MatrixPlan | null): number[] {
  const n = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const out: number[] = [];
  for (let c = 0; c < n; c++) {
    let w = 8;
    for (let r = 0; r < rows.length && r < 2000; r++) w = Math.max(w, String(rows[r]?.[c] ?? "").length + 2);
    out[c] = Math.min(w, 40);
  }
  matrix?.headers.forEach((h, j) => (out[matrix.column - 1 + j] = Math.max(10, Math.ceil(h.length * 1.1) + 2)));
  return out;
}

/** The CSV's sheet: its fields, the header row bold and frozen, and the matrix columns. */
export function csvSheet(rows: readonly (readonly CellValue[])[], matrix: MatrixPlan | null, styles: StyleSheet, strings: SharedStrings): ChunkedPart {
  const headerRow = matrix?.headerRow ?? 1;
  const bold = styles.cellFormat({ bold: true });
  const formats = (matrix?.formats ?? []).map((f) => (f ? styles.cellFormat({ numFmt: f }) : undefined));
  const w = widths(rows, matrix);
  const lastRow = Math.max(rows.length, matrix ? matrix.firstDataRow + matrix.cells.length - 1 : 0, 1);
  function* sheetRows(): Generator<string> {
    for (let r = 1; r <= lastRow; r++) {
      const fields = rows[r - 1] ?? [];
      const style = r === headerRow ? bold : undefined;
      const field = (c: number) => {
        const value = csvCell(fields[c - 1] ?? null);
        return value === null ? "" : cellXml(cellRef(r, c), { value, style }, "", undefined, strings);
      };
      let cells = "";
      const first = matrix ? matrix.column : fields.length + 1;
      for (let c = 1; c < first && c <= fields.length; c++) cells += field(c);
      if (matrix) {
        const values: readonly PlanValue[] | undefined = r === headerRow ? matrix.headers : matrix.cells[r - matrix.firstDataRow];
        values?.forEach((v, j) => {
          if (v !== null) cells += cellXml(cellRef(r, matrix.column + j), planCell(v, r === headerRow ? bold : formats[j]), "", undefined, strings);
        });
        for (let c = matrix.column + matrix.headers.length; c <= fields.length; c++) cells += field(c);
      }
      if (cells) yield `<row r="${r}">${cells}</row>`;
    }
  }
  const cols = w.length;
  return {
    large: rows.length * Math.max(1, cols) > 250_000,
    chunks: () =>
      worksheetChunks({
        dimension: rangeA1({ row: 1, col: 1, rows: lastRow, cols: Math.max(1, cols) }),
        freeze: { rows: headerRow, cols: 0 },
        widths: w,
        rows: batched(sheetRows()),
        // One page wide only when the text stays legible; a wider CSV prints across pages at the smallest legible scale.
        page: fitScale(w, "landscape") >= LEGIBLE_SCALE ? { orientation: "landscape", fitToWidth: true } : { orientation: "landscape", fitToWidth: false, scale: LEGIBLE_SCALE * 100 },
      }),
  };
}

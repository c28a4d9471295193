/**
 * The command's cell reader before issue 10 (ExcelJS loading the workbook with each sheet reduced
 * to its <sheetData>: no merged cells, no hyperlinks), kept as the reference its streaming reader
 * (cli/xlsx/cells.ts) is compared with: every worksheet's cells, formulas giving their cached
 * value, rich text joined, the table as wide as ExcelJS's `columnCount` and ending at the last row
 * holding a non-blank value.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CellValue } from "../../core/values";

function fromExcelJs(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return v.error;
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      if (typeof r === "object" && "error" in r) return r.error;
      return r as CellValue;
    }
    if ("text" in v) return String(v.text);
  }
  return String(v);
}

function worksheetCells(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells: CellValue[] = new Array(width).fill(null);
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = fromExcelJs(cell.value);
    });
    rows.push(cells);
  }
  while (rows.length > 0 && (rows[rows.length - 1] as CellValue[]).every((v) => v === null || v === "")) rows.pop();
  return rows;
}

/** Every worksheet's cells as ExcelJS reads them, by sheet name. */
export async function exceljsCells(bytes: Buffer): Promise<Map<string, CellValue[][]>> {
  const zip = await JSZip.loadAsync(bytes);
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) {
    const xml = await (zip.file(path) as JSZip.JSZipObject).async("string");
    const root = /<worksheet[^>]*>/.exec(xml)?.[0] ?? "<worksheet>";
    const data = /<sheetData\/>|<sheetData>[\s\S]*<\/sheetData>/.exec(xml)?.[0] ?? "";
    zip.file(path, `${root}${data}</worksheet>`);
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await zip.generateAsync({ type: "nodebuffer" })) as unknown as ArrayBuffer);
  return new Map(book.worksheets.map((ws) => [ws.name, worksheetCells(ws)]));
}

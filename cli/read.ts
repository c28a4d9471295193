/**
 * Reading a client sheet from a .csv or .xlsx file into cells, for the command line.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { CellValue } from "../core/values";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export interface SheetCells {
  sheetName: string;
  rows: CellValue[][];
  /** 1-based sheet row of rows[0]. */
  firstRow: number;
}

export function parseCsv(text: string): CellValue[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  const rows = result.data.map((r) => r.map((v) => v as CellValue));
  while (rows.length > 0 && (rows[rows.length - 1] as CellValue[]).every((v) => v === "")) rows.pop();
  return rows;
}

/** An ExcelJS cell value → a plain cell value (formulas give their cached result). */
export function fromExcelJs(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return (v as ExcelJS.CellErrorValue).error;
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      if (typeof r === "object" && "error" in r) return (r as ExcelJS.CellErrorValue).error;
      return r as CellValue;
    }
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

export function worksheetCells(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: CellValue[] = new Array(width).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = fromExcelJs(cell.value);
    });
    rows.push(cells);
  }
  while (rows.length > 0 && (rows[rows.length - 1] as CellValue[]).every((v) => v === null || v === "")) rows.pop();
  return rows;
}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(e)})`);
  }
  // An encrypted workbook is an OLE2 compound file, not a zip.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new InputError(`${file}: the workbook is encrypted or in the old .xls format; save it as an unprotected .xlsx`);
  }
  if (!bytes.subarray(0, 2).equals(Buffer.from("PK"))) {
    throw new InputError(`${file}: not an .xlsx workbook`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  return wb;
}

export function isCsv(file: string): boolean {
  return [".csv", ".tsv", ".txt"].includes(extname(file).toLowerCase());
}

export async function readCsvFile(file: string): Promise<string> {
  try {
    const bytes = await readFile(file);
    if (bytes.includes(0)) throw new InputError(`${file}: not a text .csv file`);
    return bytes.toString("utf8");
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(e)})`);
  }
}

/** Picks the sheet: the named one, or the first sheet with data. */
export function pickWorksheet(wb: ExcelJS.Workbook, file: string, sheet?: string): ExcelJS.Worksheet {
  const visible = wb.worksheets.filter((w) => w.state !== "hidden" && w.state !== "veryHidden");
  if (sheet !== undefined) {
    const ws = wb.worksheets.find((w) => w.name === sheet) ?? wb.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase());
    if (!ws) throw new InputError(`${file}: no sheet named "${sheet}" (sheets: ${wb.worksheets.map((w) => w.name).join(", ")})`);
    return ws;
  }
  const ws = visible.find((w) => w.actualRowCount > 0 && w.name !== "KAM Portfolio") ?? visible[0];
  if (!ws) throw new InputError(`${file}: the workbook has no sheets`);
  return ws;
}

export async function readSheetCells(file: string, sheet?: string): Promise<SheetCells> {
  if (isCsv(file)) {
    const rows = parseCsv(await readCsvFile(file));
    return { sheetName: sheetNameOf(file), rows, firstRow: 1 };
  }
  const wb = await loadWorkbook(file);
  const ws = pickWorksheet(wb, file, sheet);
  return { sheetName: ws.name, rows: worksheetCells(ws), firstRow: 1 };
}

export function sheetNameOf(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  return (base.replace(/[[\]:*?/\\]/g, " ").trim() || "Clients").slice(0, 31);
}

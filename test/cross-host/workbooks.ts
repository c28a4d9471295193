/**
 * Moving a workbook between the two hosts that write .xlsx, for the cross-host tests:
 *
 * - `excelStateFromXlsx`: what Excel shows the add-in of a file — each sheet's name, visibility and
 *   cell values (dates as serial numbers of the file's date system, text as text; a 1904 file is a
 *   1904 fake workbook), the defined names with their references
 *   (workbook-scoped and sheet-scoped), the custom document properties — loaded into the fake
 *   Excel (test/fakes/excel.ts). The file is read with the command's own package reader
 *   (cli/read.ts, cli/xlsx/), the cells with its cell reader (cli/xlsx/cells.ts).
 * - `xlsxFromExcelState`: the reverse, a model of what Excel saves of the fake's workbook: its date
 *   system, sheets with their visibility, cell values, formulas and number formats (ExcelJS), then the defined
 *   names (with their scope) and the custom properties written into the package as Excel writes
 *   them (`<definedName localSheetId>`, docProps/custom.xml). Tables, charts and formats of the
 *   add-in's sheets are not exported: the command replaces the portfolio sheet whole anyway.
 */
import ExcelJS from "exceljs";
import { openXlsx, readWorksheets } from "../../cli/read";
import { readCustomProperties } from "../../cli/xlsx/markers";
import { CONTENT_TYPE, OoxmlPackage, REL } from "../../cli/xlsx/package";
import { WorkbookPart } from "../../cli/xlsx/workbook";
import { escapeXml } from "../../cli/xlsx/xml";
import { parseAreaRef, sheetRange } from "../../core/a1";
import { dayToSerial, type CellValue } from "../../core/values";
import { FakeWorkbookState, type FakeRect, type FakeSheetState } from "../fakes/excel";

const MS_PER_DAY = 86_400_000;

/** A cell value as Excel holds it: numbers, text, booleans; a date is its serial number in the workbook's date system. */
function excelCell(v: CellValue, date1904: boolean): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime() / MS_PER_DAY + dayToSerial(0, date1904);
  return v;
}

const VISIBILITY: Record<string, string> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };

export async function excelStateFromXlsx(bytes: Buffer, file = "workbook.xlsx"): Promise<FakeWorkbookState> {
  const x = await openXlsx(file, bytes);
  const worksheets = x.workbook.sheets.filter((s) => s.path !== null);
  const cells = await readWorksheets(x, worksheets.map((s) => s.name));
  const st = new FakeWorkbookState();
  st.date1904 = x.workbook.date1904;
  for (const s of worksheets) {
    const sheet = st.addSheet(s.name, (cells.get(s.name) ?? []).map((r) => r.map((v) => excelCell(v, st.date1904))));
    sheet.visibility = VISIBILITY[s.state] ?? "Visible";
  }
  st.active = st.sheets.find((s) => s.visibility === "Visible") ?? null;
  for (const n of x.workbook.names) {
    const ref = parseAreaRef(n.formula);
    const sheet = ref ? st.sheet(ref.sheet) : undefined;
    if (!ref || !sheet) continue; // constants, formulas, #REF!: nothing the add-in reads
    const rect: FakeRect = { row: ref.row - 1, col: ref.col - 1, rows: ref.rows, cols: ref.cols };
    const scope = n.localSheetId === null ? st.names : st.sheet(x.workbook.sheets[n.localSheetId]?.name ?? "")?.names;
    scope?.set(n.name, { name: n.name, sheet, rect });
  }
  for (const [k, v] of await readCustomProperties(x.pkg)) st.customProperties.set(k, v);
  return st;
}

export async function xlsxFromExcelState(st: FakeWorkbookState): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.properties.date1904 = st.date1904;
  for (const s of st.sheets) {
    const ws = book.addWorksheet(s.name, { state: s.visibility === "Hidden" ? "hidden" : s.visibility === "VeryHidden" ? "veryHidden" : "visible" });
    for (const [key, c] of s.cells) {
      const [r, col] = key.split(",").map(Number) as [number, number];
      const cell = ws.getCell(r + 1, col + 1);
      if (c.formula !== undefined) cell.value = { formula: c.formula.replace(/^=/, ""), ...(c.value === "" ? {} : { result: c.value }) } as ExcelJS.CellFormulaValue;
      else if (c.value !== "") cell.value = c.value;
      if (c.numberFormat) cell.numFmt = c.numberFormat;
    }
  }
  const pkg = await OoxmlPackage.open(Buffer.from(await book.xlsx.writeBuffer()));
  const wb = await WorkbookPart.read(pkg);
  const nameOf = (sheet: FakeSheetState, rect: FakeRect) => sheetRange(sheet.name, { row: rect.row + 1, col: rect.col + 1, rows: rect.rows, cols: rect.cols });
  for (const n of st.names.values()) if (!n.sheet.deleted) wb.setName({ name: n.name, localSheetId: null, hidden: false, formula: nameOf(n.sheet, n.rect) });
  st.sheets.forEach((s, i) => {
    for (const n of s.names.values()) wb.setName({ name: n.name, localSheetId: i, hidden: false, formula: nameOf(n.sheet, n.rect) });
  });
  wb.save();
  if (st.customProperties.size > 0) {
    const props = [...st.customProperties.entries()]
      .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeXml(k)}"><vt:lpwstr>${escapeXml(String(v))}</vt:lpwstr></property>`)
      .join("");
    const path = "docProps/custom.xml";
    if ((await pkg.rels("")).some((r) => r.type === REL.customProperties)) throw new Error("ExcelJS wrote custom properties of its own");
    pkg.set(path, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${props}</Properties>`);
    await pkg.addRel("", REL.customProperties, path);
    await pkg.setContentType(path, CONTENT_TYPE.customProperties);
  }
  return pkg.generate();
}

/**
 * Splices what the port wrote into the user's package: the matrix cells into the data sheet, the
 * rendered KAM Portfolio sheet (replacing the one carrying our marker, never a user's sheet of
 * the same name), the history rows, the chart parts, the markers and the saved settings.
 * Every other part of the user's file is copied unchanged.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { HISTORY_SHEET, isPlanDate, isPlanFormula, type PlanValue } from "../../core/plan";
import { snapshotToCells } from "../../core/model/history";
import type { CellValue } from "../../core/values";
import type { DeferredRows, ExcelJsPort, PortfolioWrite } from "../port";
import { planValuesAt } from "../port";
import { openXlsx, type Source, type XlsxFile } from "../read";
import { chartPartXml, drawingPartXml } from "./chart";
import { markHistory, markMatrix, markPortfolio, writeSavedSettings } from "./markers";
import { CONTENT_TYPE, REL, relsPath, resolveTarget, type OoxmlPackage, type WorkbookPart } from "./package";
import { editSheet, rowStyles, type NewCell, type SheetEdit } from "./sheet-data";
import { SharedStrings } from "./strings";
import { remapStyles, StyleSheet } from "./styles";
import { columnName, findElement, findElements, insertBefore, quoteSheet, rootPrefix, unescapeXml } from "./xml";

/** Rows a worksheet can hold. */
export const MAX_ROWS = 1_048_576;

export class HistoryFullError extends Error {}

/** Days from 1899-12-30 (the spreadsheet epoch) for a UTC date. */
const serial = (d: Date) => d.getTime() / 86_400_000 + 25569;

/** A CSV field as a cell: a number only when the text is exactly how that number prints. */
export function csvCell(v: CellValue): NewCell["value"] {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string") return v instanceof Date ? serial(v) : v;
  const n = Number(v);
  return v.trim() === v && v !== "" && Number.isFinite(n) && String(n) === v ? n : v;
}

function planCell(v: PlanValue, style: number | undefined): NewCell {
  if (isPlanDate(v)) return { value: serial(new Date(`${v.date}T00:00:00Z`)), style };
  if (isPlanFormula(v)) return { value: null, formula: v.formula.replace(/^=/, ""), style };
  return { value: v, style };
}

function freeName(wb: WorkbookPart, base: string): string {
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} (${i})`;
  return name;
}

async function stylesPart(pkg: OoxmlPackage, wb: WorkbookPart): Promise<string> {
  const rel = (await pkg.rels(wb.path)).find((r) => r.type === REL.styles);
  if (rel) return resolveTarget(wb.path, rel.target);
  const path = "xl/styles.xml";
  pkg.set(
    path,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  );
  await pkg.setContentType(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
  await pkg.addRel(wb.path, REL.styles, path);
  return path;
}

/** The workbook's shared strings, and how to save them (creating the part when it had none). */
async function sharedStrings(pkg: OoxmlPackage, wb: WorkbookPart): Promise<{ strings: SharedStrings; save: () => Promise<void> }> {
  const rel = (await pkg.rels(wb.path)).find((r) => r.type === REL.sharedStrings);
  const existing = rel ? resolveTarget(wb.path, rel.target) : null;
  if (existing && pkg.has(existing)) {
    const strings = new SharedStrings(await pkg.text(existing));
    return { strings, save: async () => (strings.changed ? pkg.set(existing, strings.toXml()) : undefined) };
  }
  const strings = new SharedStrings(null);
  const save = async () => {
    if (!strings.changed) return;
    const path = existing ?? pkg.freePath((n) => (n === 1 ? "xl/sharedStrings.xml" : `xl/sharedStrings${n}.xml`));
    pkg.set(path, strings.toXml());
    await pkg.setContentType(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
    if (!existing) await pkg.addRel(wb.path, REL.sharedStrings, path);
  };
  return { strings, save };
}

/** Removes the drawings, charts and other parts hanging off an owned sheet we are replacing. */
async function dropOwnedParts(pkg: OoxmlPackage, part: string): Promise<void> {
  for (const r of await pkg.rels(part)) {
    if (r.external) continue;
    const target = resolveTarget(part, r.target);
    if (/^xl\/(drawings|charts|comments|tables|printerSettings|ctrlProps)\//.test(target) || /^xl\/comments\d*\.xml$/.test(target)) {
      await dropOwnedParts(pkg, target);
      pkg.remove(target);
      await pkg.setContentType(target, null);
    }
  }
  pkg.remove(relsPath(part));
}

/**
 * ExcelJS's shared-string cells pointed at the user's shared strings instead, so the sheet stands
 * in the user's package. (Entries that are not plain text are made inline strings.)
 */
function adoptStrings(sheetXml: string, theirs: readonly string[], strings: SharedStrings): string {
  return sheetXml.replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, i: string) => {
    const si = theirs[Number(i)] ?? "<t></t>";
    const plain = /^<t(?:\s[^>]*)?>([\s\S]*?)<\/t>$/.exec(si);
    if (plain) return `<c ${a}t="s"${b}><v>${strings.ref(unescapeXml(plain[1] as string))}</v></c>`;
    return `<c ${a}t="inlineStr"${b}><is>${si}</is></c>`;
  });
}

/** The sheets ExcelJS rendered, with the user's styles and strings, and the long blocks' rows. */
async function renderedSheets(w: PortfolioWrite, styles: StyleSheet, strings: SharedStrings): Promise<string[]> {
  const buffer = await w.book.xlsx.writeBuffer({ zip: { compression: "STORE" } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  const zip = await JSZip.loadAsync(buffer as ArrayBuffer);
  const text = async (p: string) => (zip.file(p) as JSZip.JSZipObject).async("string");
  const maps = styles.merge(new StyleSheet(await text("xl/styles.xml")));
  const sst = zip.file("xl/sharedStrings.xml") ? await text("xl/sharedStrings.xml") : "";
  const theirs = findElements(sst, "si").map((f) => f.inner ?? "");
  const sheets = await Promise.all(w.book.worksheets.map(async (ws) => adoptStrings(remapStyles(await text(`xl/worksheets/sheet${ws.id}.xml`), maps), theirs, strings)));
  if (w.deferred.length) sheets[0] = writeDeferred(sheets[0] as string, w.deferred, strings);
  return sheets;
}

/** The long blocks' remaining rows, each cell styled as the rendered row above it. */
function writeDeferred(sheetXml: string, deferred: readonly DeferredRows[], strings: SharedStrings): string {
  const cells = new Map<number, Map<number, NewCell>>();
  for (const d of deferred) {
    const styles = rowStyles(sheetXml, d.styleRow);
    d.values.forEach((row, i) => {
      let m = cells.get(d.row + i);
      if (!m) cells.set(d.row + i, (m = new Map()));
      row.forEach((v, j) => {
        const style = styles.get(d.col + j);
        if (v !== null || (style !== undefined && style !== 0)) (m as Map<number, NewCell>).set(d.col + j, planCell(v, style));
      });
    });
  }
  return editSheet(sheetXml, { clear: null, cells }, strings);
}

async function writePortfolioSheet(x: XlsxFile, w: PortfolioWrite, styles: StyleSheet, strings: SharedStrings, historyRows: number): Promise<void> {
  const { pkg, workbook: wb } = x;
  const [portfolioXml, historyXml] = await renderedSheets(w, styles, strings);
  let sheetXml = portfolioXml as string;
  // Replace the sheet carrying our marker in place (same tab, same name), or add one.
  let name: string;
  let path: string;
  const owned = x.markers.portfolio ? wb.sheet(x.markers.portfolio) : undefined;
  if (owned?.path) {
    name = owned.name;
    path = owned.path;
    await dropOwnedParts(pkg, path);
  } else {
    name = freeName(wb, w.plan.name);
    path = (await wb.addSheet(name, "", "visible")).path as string;
  }
  const plan = w.plan;
  if (plan.chart) {
    const chartPath = pkg.freePath((n) => `xl/charts/chart${n}.xml`);
    pkg.set(chartPath, chartPartXml(plan.chart, name, (r) => planValuesAt(plan, r)));
    await pkg.setContentType(chartPath, CONTENT_TYPE.chart);
    const drawingPath = pkg.freePath((n) => `xl/drawings/drawing${n}.xml`);
    const chartRel = await pkg.addRel(drawingPath, REL.chart, chartPath);
    pkg.set(drawingPath, drawingPartXml(plan.chart, chartRel, "KAM quadrant chart"));
    await pkg.setContentType(drawingPath, CONTENT_TYPE.drawing);
    const drawingRel = await pkg.addRel(path, REL.drawing, drawingPath);
    // (Searching after the cells: the sheet may hold a hundred megabytes of them.)
    const after = Math.max(0, sheetXml.lastIndexOf("</sheetData>"));
    sheetXml = insertBefore(sheetXml, "worksheet", "", ["legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"], `<drawing r:id="${drawingRel}"/>`, after);
  }
  pkg.set(path, sheetXml);
  markPortfolio(wb, name);
  const index = wb.indexOf(name);
  const t = plan.table.range;
  const q = quoteSheet(name);
  if (t.rows > 1) {
    wb.setName({ name: "_xlnm._FilterDatabase", localSheetId: index, hidden: true, formula: `${q}!$${columnName(t.col)}$${t.row}:$${columnName(t.col + t.cols - 1)}$${t.row + t.rows - 1}` });
  } else wb.removeName("_xlnm._FilterDatabase", index);
  wb.setName({ name: "_xlnm.Print_Titles", localSheetId: index, hidden: false, formula: `${q}!$${t.row}:$${t.row}` });
  // Print the tab without the chart's helper columns right of the table.
  const width = Math.max(t.col + t.cols - 1, 3);
  wb.setName({ name: "_xlnm.Print_Area", localSheetId: index, hidden: false, formula: `${q}!$A$1:$${columnName(width)}$${Math.max(plan.size.rows, t.row)}` });

  // History: append this build's snapshot below the rows already there.
  let historyName = x.markers.history ? wb.sheet(x.markers.history)?.name : undefined;
  let historyPath = historyName ? wb.sheet(historyName)?.path : undefined;
  // (Row 1 is the header, even when a user emptied it.)
  let lastRow = Math.max(1, historyRows);
  if (!historyName || !historyPath) {
    historyName = freeName(wb, HISTORY_SHEET);
    historyPath = (await wb.addSheet(historyName, historyXml as string, "hidden")).path as string;
    lastRow = 1;
  }
  if (lastRow + w.snapshot.length > MAX_ROWS) {
    throw new HistoryFullError(`the history sheet "${historyName}" cannot take this build's ${w.snapshot.length} rows (a sheet holds ${MAX_ROWS.toLocaleString("en-US")}); unhide it and delete old builds' rows, then build again`);
  }
  const textStyle = styles.cellFormat({ numFmt: "@" });
  const cells = new Map<number, Map<number, NewCell>>();
  w.snapshot.forEach((s, i) => {
    cells.set(lastRow + 1 + i, new Map(snapshotToCells(s).map((v, j) => [j + 1, { value: v, style: j === 0 ? textStyle : undefined }])));
  });
  pkg.set(historyPath, editSheet(await pkg.text(historyPath), { clear: null, cells }, strings));
  markHistory(wb, historyName, lastRow, w.snapshot.length);
}

/** A new package holding one empty sheet for a CSV's rows (written below with the matrix). */
async function packageForCsv(source: Source, headerRow: number): Promise<XlsxFile> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(source.sheetName, {
    views: [{ state: "frozen", ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: "A1" }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = Math.max(0, ...source.rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    let w = 8;
    for (let r = 0; r < source.rows.length && r < 2000; r++) w = Math.max(w, String(source.rows[r]?.[c] ?? "").length + 2);
    ws.getColumn(c + 1).width = Math.min(w, 40);
  }
  const bytes = await book.xlsx.writeBuffer({ zip: { compression: "STORE" } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  return openXlsx(source.file, Buffer.from(bytes as ArrayBuffer));
}

/**
 * Refuses what the owner has locked: a protected workbook structure (no sheet may be added) or a
 * protected data sheet (no cell may be written). Returns the reason, or null.
 */
export async function lockedReason(source: Source): Promise<string | null> {
  const x = source.xlsx;
  if (!x) return null;
  const protection = findElement(x.workbook.xml, "workbookProtection", x.workbook.prefix);
  if (protection && /\slockStructure="(1|true)"/.test(protection.tag)) {
    return `${source.file}: the workbook's structure is protected, so no sheet can be added; unprotect it (Review ▸ Protect Workbook) and try again`;
  }
  const data = x.workbook.sheet(source.sheetName);
  if (data?.path) {
    const xml = await x.pkg.text(data.path);
    const sp = findElement(xml, "sheetProtection", rootPrefix(xml, "worksheet"));
    if (sp && /\ssheet="(1|true)"/.test(sp.tag)) {
      return `${source.file}: sheet "${source.sheetName}" is protected, so the matrix columns cannot be written; unprotect it (Review ▸ Unprotect Sheet) and try again`;
    }
  }
  return null;
}

/** The output workbook's bytes. */
export async function writeWorkbook(source: Source, port: ExcelJsPort): Promise<Buffer> {
  const matrix = port.matrix;
  const x = source.xlsx ?? (await packageForCsv(source, matrix?.headerRow ?? 1));
  const { pkg, workbook: wb } = x;
  const stylesPath = await stylesPart(pkg, wb);
  const styles = new StyleSheet(await pkg.text(stylesPath));
  const sst = await sharedStrings(pkg, wb);
  const strings = sst.strings;
  const data = wb.sheet(source.sheetName);
  if (!data?.path) throw new Error(`sheet ${source.sheetName} is missing`);

  // The data sheet: a CSV's cells, and the matrix columns, in one pass over its rows.
  const edit: SheetEdit = { clear: null, cells: new Map(), widths: new Map() };
  if (!source.xlsx) {
    const bold = styles.cellFormat({ bold: true });
    const headerRow = matrix?.headerRow ?? 1;
    source.rows.forEach((row, i) => {
      const cells = new Map<number, NewCell>();
      row.forEach((v, j) => {
        const value = csvCell(v);
        if (value !== null) cells.set(j + 1, { value, style: i + 1 === headerRow ? bold : undefined });
      });
      if (cells.size) edit.cells.set(i + 1, cells);
    });
  }
  if (matrix) {
    if (matrix.previous) edit.clear = { from: matrix.previous.column, to: matrix.previous.column + matrix.previous.count - 1 };
    const formats = matrix.formats.map((f) => (f ? styles.cellFormat({ numFmt: f }) : undefined));
    const headerStyle = source.xlsx ? headerCellStyle(await pkg.text(data.path), matrix.headerRow, matrix.column) : styles.cellFormat({ bold: true });
    const at = (r: number) => {
      let m = edit.cells.get(r);
      if (!m) edit.cells.set(r, (m = new Map()));
      return m;
    };
    matrix.headers.forEach((h, j) => {
      at(matrix.headerRow).set(matrix.column + j, { value: h, style: headerStyle });
      edit.widths?.set(matrix.column + j, Math.max(10, Math.ceil(h.length * 1.1) + 2));
    });
    matrix.cells.forEach((row, i) => row.forEach((v, j) => {
      if (v !== null) at(matrix.firstDataRow + i).set(matrix.column + j, planCell(v, formats[j]));
    }));
    markMatrix(wb, source.sheetName, matrix.headerRow, matrix.column, matrix.headers.length);
  }
  if (edit.cells.size || edit.clear) pkg.set(data.path, editSheet(await pkg.text(data.path), edit, strings));

  if (port.portfolio) await writePortfolioSheet(x, port.portfolio, styles, strings, source.historyRows);
  await sst.save();
  if (port.settings) await writeSavedSettings(pkg, port.settings);
  pkg.set(stylesPath, styles.xml);
  wb.save();
  return pkg.generate();
}

/** The style of the user's last header cell left of the matrix, for our header cells. */
function headerCellStyle(sheetXml: string, headerRow: number, column: number): number | undefined {
  const p = rootPrefix(sheetXml, "worksheet");
  const at = new RegExp(`<${p}row\\s[^>]*?\\br="${headerRow}"`).exec(sheetXml)?.index;
  const row = at === undefined ? undefined : findElement(sheetXml, "row", p, at);
  if (!row?.inner) return undefined;
  let best: { col: number; s: number } | undefined;
  for (const c of findElements(row.inner, "c", p)) {
    const m = /\sr="([A-Z]+)\d+"/.exec(c.tag);
    const s = /\ss="(\d+)"/.exec(c.tag);
    if (!m) continue;
    let col = 0;
    for (const ch of m[1] as string) col = col * 26 + ch.charCodeAt(0) - 64;
    if (col < column && (c.inner ?? "").length > 0 && (!best || col > best.col)) best = { col, s: s ? Number(s[1]) : 0 };
  }
  return best?.s;
}

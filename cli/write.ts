/**
 * Puts what the port wrote into the user's package: the matrix cells into the data sheet, the
 * KAM Portfolio sheet (replacing the one carrying our marker, never a user's sheet of the same
 * name) with its chart, the history rows, the markers and the saved settings. Every other part of
 * the user's file is copied unchanged. A CSV becomes a new workbook holding its rows.
 */
import { cellRef, parseCellRef, quoteSheet, rangeA1, sheetRange } from "../core/a1";
import { appendBuild, indexFromDates } from "../core/history-window";
import { HISTORY_HEADERS, HISTORY_SHEET } from "../core/plan";
import type { MatrixPlan } from "../core/matrix";
import { snapshotToCells, type SnapshotRow } from "../core/model/history";
import { chartPartXml, drawingPartXml, lineChartPartXml, type DrawnChart } from "./chart";
import type { FilePort, PortfolioWrite } from "./port";
import { renderPlan } from "./render";
import type { Source, XlsxFile } from "./read";
import { CSV_SHEET_PATH, csvSheet, newWorkbook } from "./xlsx/csv-workbook";
import { markHistory, markMatrix, markPortfolio, readMarkers, writeSavedSettings } from "./xlsx/markers";
import { CONTENT_TYPE, REL, relsPath, resolveTarget, type ChunkedPart, type OoxmlPackage } from "./xlsx/package";
import { cellXml, planCell, type NewCell } from "./xlsx/sheet-data";
import { checkEdit, editedPieces, type NewRows, type SheetEdit } from "./xlsx/sheet-edit";
import { findStartTag } from "./xlsx/elements";
import { SharedStrings } from "./xlsx/strings";
import { NEW_STYLES, StyleSheet } from "./xlsx/styles";
import { WorkbookPart } from "./xlsx/workbook";
import { batched, worksheetChunks } from "./xlsx/worksheet";
import { attributes, findElement, findElements } from "./xlsx/xml";

/** Rows a worksheet can hold. */
export const MAX_ROWS = 1_048_576;

export class HistoryFullError extends Error {}

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
  pkg.set(path, NEW_STYLES);
  await pkg.setContentType(path, CONTENT_TYPE.styles);
  await pkg.addRel(wb.path, REL.styles, path);
  return path;
}

/** The workbook's shared strings, and how to save them (creating the part when it had none). */
async function sharedStrings(pkg: OoxmlPackage, wb: WorkbookPart): Promise<{ strings: SharedStrings; save: () => Promise<void> }> {
  const rel = (await pkg.rels(wb.path)).find((r) => r.type === REL.sharedStrings);
  const existing = rel ? resolveTarget(wb.path, rel.target) : null;
  const found = existing !== null && pkg.has(existing);
  const strings = found ? await SharedStrings.read(pkg.source(existing)) : SharedStrings.of(null);
  const save = async () => {
    const path = existing ?? pkg.freePath((n) => (n === 1 ? "xl/sharedStrings.xml" : `xl/sharedStrings${n}.xml`));
    if (!found) await pkg.setContentType(path, CONTENT_TYPE.sharedStrings);
    if (!existing) await pkg.addRel(wb.path, REL.sharedStrings, path);
    // Set last: the part is made after the sheets that add to it, when the package is written.
    pkg.set(path, { chunks: () => strings.chunks() });
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

/** The charts' parts (quadrant, profit curve), hung off the sheet at `path` in one drawing; returns the drawing's relationship id. */
async function addCharts(pkg: OoxmlPackage, w: PortfolioWrite, sheetName: string, path: string): Promise<string | undefined> {
  const parts: { xml: string; anchor: DrawnChart["anchor"]; name: string }[] = [];
  if (w.plan.chart) parts.push({ xml: chartPartXml(w.plan.chart, sheetName, w.plan), anchor: w.plan.chart.anchor, name: "KAM quadrant chart" });
  if (w.plan.profitChart) parts.push({ xml: lineChartPartXml(w.plan.profitChart, sheetName, w.plan), anchor: w.plan.profitChart.anchor, name: "KAM profit curve" });
  if (parts.length === 0) return undefined;
  const drawingPath = pkg.freePath((n) => `xl/drawings/drawing${n}.xml`);
  const drawn: DrawnChart[] = [];
  for (const part of parts) {
    const chartPath = pkg.freePath((n) => `xl/charts/chart${n}.xml`);
    pkg.set(chartPath, part.xml);
    await pkg.setContentType(chartPath, CONTENT_TYPE.chart);
    drawn.push({ anchor: part.anchor, name: part.name, relId: await pkg.addRel(drawingPath, REL.chart, chartPath) });
  }
  pkg.set(drawingPath, drawingPartXml(drawn));
  await pkg.setContentType(drawingPath, CONTENT_TYPE.drawing);
  return pkg.addRel(path, REL.drawing, drawingPath);
}

async function writePortfolioSheet(x: XlsxFile, w: PortfolioWrite, styles: StyleSheet, strings: SharedStrings): Promise<void> {
  const { pkg, workbook: wb } = x;
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
  const drawing = await addCharts(pkg, w, name, path);
  pkg.set(path, renderPlan(w.plan, { styles, strings, date1904: wb.date1904, ...(drawing ? { drawing } : {}) }));
  markPortfolio(wb, name);
  const index = wb.indexOf(name);
  const t = w.plan.table.range;
  if (t.rows > 1) wb.setName({ name: "_xlnm._FilterDatabase", localSheetId: index, hidden: true, formula: sheetRange(name, t) });
  else wb.removeName("_xlnm._FilterDatabase", index);
  // The table's header row on every printed page.
  wb.setName({ name: "_xlnm.Print_Titles", localSheetId: index, hidden: false, formula: `${quoteSheet(name)}!$${t.row}:$${t.row}` });
  // Print the plan's ranges, each from a new page (or the table, never the chart's helper columns right of it).
  const print = w.plan.page.print ?? [{ row: 1, col: 1, rows: Math.max(w.plan.size.rows, t.row), cols: Math.max(t.col + t.cols - 1, 3) }];
  wb.setName({ name: "_xlnm.Print_Area", localSheetId: index, hidden: false, formula: print.map((r) => sheetRange(name, r)).join(",") });
}

/** A new history sheet: the header and the snapshots (earlier builds' carried forward, then this build's), in chunks. */
function newHistorySheet(snapshot: readonly SnapshotRow[], styles: StyleSheet, strings: SharedStrings): ChunkedPart {
  const bold = styles.cellFormat({ bold: true });
  const text = styles.cellFormat({ numFmt: "@" });
  function* rows(): Generator<string> {
    yield `<row r="1">${HISTORY_HEADERS.map((h, j) => cellXml(cellRef(1, j + 1), { value: h, style: bold }, "", undefined, strings)).join("")}</row>`;
    for (let i = 0; i < snapshot.length; i++) {
      const r = i + 2;
      const cells = snapshotToCells(snapshot[i] as SnapshotRow).map((value, j) => cellXml(cellRef(r, j + 1), { value, style: j === 0 ? text : undefined }, "", undefined, strings));
      yield `<row r="${r}">${cells.join("")}</row>`;
    }
  }
  return {
    large: snapshot.length > 50_000,
    chunks: () =>
      worksheetChunks({
        dimension: rangeA1({ row: 1, col: 1, rows: snapshot.length + 1, cols: HISTORY_HEADERS.length }),
        freeze: { rows: 0, cols: 0 },
        widths: [22, 28, undefined, undefined, 22],
        rows: batched(rows()),
      }),
  };
}

/**
 * History: this build's snapshot appended below the rows already there, or a new hidden sheet
 * holding the history carried forward from an earlier output (`source.history`) and the snapshot.
 */
async function writeHistory(x: XlsxFile, source: Source, snapshot: readonly SnapshotRow[], styles: StyleSheet, strings: SharedStrings): Promise<void> {
  const { pkg, workbook: wb } = x;
  const historyName = x.markers.history ? wb.sheet(x.markers.history)?.name : undefined;
  const historyPath = historyName ? wb.sheet(historyName)?.path : undefined;
  // SPEC §7a: the last HISTORY_BUILDS_KEPT builds, as the add-ins keep them; the oldest go first.
  const dropRows = appendBuild(indexFromDates(source.history.map((r) => r.date)), snapshot[0]?.date ?? "", snapshot.length).dropRows;
  if (historyName && historyPath && dropRows > 0) {
    const kept = source.history.slice(dropRows);
    pkg.set(historyPath, newHistorySheet([...kept, ...snapshot], styles, strings));
    markHistory(wb, historyName, 1 + kept.length, snapshot.length);
    return;
  }
  if (!historyName || !historyPath) {
    const carried = source.history.slice(dropRows);
    if (1 + carried.length + snapshot.length > MAX_ROWS) {
      throw new HistoryFullError(`the history carried forward (${carried.length.toLocaleString("en-US")} rows) and this build's ${snapshot.length} rows do not fit in a sheet (${MAX_ROWS.toLocaleString("en-US")} rows); build to another --out, or add --force to start a new history`);
    }
    const name = freeName(wb, HISTORY_SHEET);
    const info = await wb.addSheet(name, "", "hidden");
    pkg.set(info.path as string, newHistorySheet(carried.length ? [...carried, ...snapshot] : snapshot, styles, strings));
    markHistory(wb, name, 1 + carried.length, snapshot.length);
    return;
  }
  // (Row 1 is the header, even when a user emptied it.)
  const lastRow = Math.max(1, source.historyRows);
  if (lastRow + snapshot.length > MAX_ROWS) {
    throw new HistoryFullError(`the history sheet "${historyName}" cannot take this build's ${snapshot.length} rows (a sheet holds ${MAX_ROWS.toLocaleString("en-US")}); unhide it and delete old builds' rows, then build again`);
  }
  const textStyle = styles.cellFormat({ numFmt: "@" });
  const first = lastRow + 1;
  const cells: NewRows = {
    rows: snapshot.map((_, i) => first + i),
    cellsOf: (r) => {
      const s = snapshot[r - first];
      return s && new Map(snapshotToCells(s).map((v, j) => [j + 1, { value: v, style: j === 0 ? textStyle : undefined }]));
    },
    maxCol: snapshot.length ? HISTORY_HEADERS.length : 0,
  };
  await setEdited(pkg, historyPath, { clear: null, cells }, strings);
  markHistory(wb, historyName, lastRow, snapshot.length);
}

/** Is a boolean attribute of a start tag on (`1` or `true`, however quoted)? */
function isOn(tag: string, name: string): boolean {
  const v = attributes(tag).get(name);
  return v === "1" || v === "true";
}

/**
 * Refuses what the owner has locked: a protected workbook structure (no sheet may be added) or a
 * protected data sheet (no cell may be written). Returns the reason, or null.
 */
export async function lockedReason(source: Source): Promise<string | null> {
  const x = source.xlsx;
  if (!x) return null;
  const protection = findElement(x.workbook.xml, "workbookProtection", x.workbook.prefix);
  if (protection && isOn(protection.tag, "lockStructure")) {
    return `${source.file}: the workbook's structure is protected, so no sheet can be added; unprotect it (Review ▸ Protect Workbook) and try again`;
  }
  const data = x.workbook.sheet(source.sheetName);
  if (data?.path) {
    const sp = await findStartTag(x.pkg.textPieces(data.path), "worksheet", "sheetProtection");
    if (sp && isOn(sp, "sheet")) {
      return `${source.file}: sheet "${source.sheetName}" is protected, so the matrix columns cannot be written; unprotect it (Review ▸ Unprotect Sheet) and try again`;
    }
  }
  return null;
}

/** The style of the user's last header cell left of the matrix (in the header row's XML), for our header cells. */
function headerCellStyle(rowXml: string, column: number): number | undefined {
  const p = /^<(\w+:)?row/.exec(rowXml)?.[1] ?? "";
  const row = findElement(rowXml, "row", p);
  if (!row?.inner) return undefined;
  let best: { col: number; s: number } | undefined;
  for (const c of findElements(row.inner, "c", p)) {
    const ref = parseCellRefAttr(c.tag);
    const s = /\ss="(\d+)"/.exec(c.tag);
    if (ref === null) continue;
    if (ref < column && (c.inner ?? "").length > 0 && (!best || ref > best.col)) best = { col: ref, s: s ? Number(s[1]) : 0 };
  }
  return best?.s;
}

/** The column of a `<c r="…">` tag, or null without one. */
function parseCellRefAttr(tag: string): number | null {
  const r = /\sr="([^"]+)"/.exec(tag)?.[1];
  return r ? (parseCellRef(r)?.col ?? null) : null;
}

/**
 * Sets a worksheet part to itself with an edit applied, made as the package is written; the edit
 * is checked first (a cell in the way throws here, before anything is written). Gives the XML of
 * row `watch`, if asked for.
 */
async function setEdited(pkg: OoxmlPackage, path: string, edit: SheetEdit, strings: SharedStrings, watch?: number): Promise<string | null> {
  const source = pkg.source(path);
  const { lastRow, watched } = await checkEdit(source(), edit, watch);
  pkg.set(path, { large: pkg.isLarge(path), chunks: () => editedPieces(source(), edit, strings, lastRow) });
  return watched;
}

/** The matrix columns as new cells of the data sheet: the header row's, then each data row's (made when written). */
function matrixCells(matrix: MatrixPlan, formats: readonly (number | undefined)[], headerStyle: () => number | undefined, date1904: boolean): NewRows {
  const rows = [matrix.headerRow];
  let width = matrix.headers.length;
  matrix.cells.forEach((row, i) => {
    let last = -1;
    for (let j = 0; j < row.length; j++) if (row[j] !== null) last = j;
    if (last >= 0) rows.push(matrix.firstDataRow + i);
    width = Math.max(width, last + 1);
  });
  rows.sort((a, b) => a - b);
  return {
    rows,
    cellsOf: (r) => {
      const out = new Map<number, NewCell>();
      if (r === matrix.headerRow) {
        const style = headerStyle();
        matrix.headers.forEach((h, j) => out.set(matrix.column + j, { value: h, style }));
      }
      matrix.cells[r - matrix.firstDataRow]?.forEach((v, j) => {
        if (v !== null) out.set(matrix.column + j, planCell(v, formats[j], date1904));
      });
      return out.size ? out : undefined;
    },
    maxCol: width ? matrix.column + width - 1 : 0,
  };
}

/** The matrix columns written into the user's data sheet, in place (as the package is written). */
async function writeMatrixColumns(x: XlsxFile, source: Source, port: FilePort, path: string, styles: StyleSheet, strings: SharedStrings): Promise<void> {
  const matrix = port.matrix;
  if (!matrix) return;
  const formats = matrix.formats.map((f) => (f ? styles.cellFormat({ numFmt: f }) : undefined));
  // Our header cells take the style of the user's header cell left of them, known once the header row is read.
  let headerStyle: number | undefined;
  const widths = new Map(matrix.headers.map((h, j) => [matrix.column + j, Math.max(10, Math.ceil(h.length * 1.1) + 2)]));
  const edit: SheetEdit = {
    clear: matrix.previous ? { from: matrix.previous.column, to: matrix.previous.column + matrix.previous.count - 1 } : null,
    cells: matrixCells(matrix, formats, () => headerStyle, x.workbook.date1904),
    widths,
  };
  const header = await setEdited(x.pkg, path, edit, strings, matrix.headerRow);
  headerStyle = header === null ? undefined : headerCellStyle(header, matrix.column);
  markMatrix(x.workbook, source.sheetName, matrix.headerRow, matrix.column, matrix.headers.length);
}

/** A CSV's rows as a new workbook (its sheet written with the package). */
async function csvWorkbook(source: Source): Promise<XlsxFile> {
  const pkg = newWorkbook(source.sheetName);
  const workbook = await WorkbookPart.read(pkg);
  return { file: source.file, pkg, workbook, markers: readMarkers(workbook) };
}

/** The output workbook: the user's package with the port's writes, ready to be streamed. */
export async function writeWorkbook(source: Source, port: FilePort): Promise<OoxmlPackage> {
  const x = source.xlsx ?? (await csvWorkbook(source));
  const { pkg, workbook: wb } = x;
  const stylesPath = await stylesPart(pkg, wb);
  const styles = new StyleSheet(await pkg.text(stylesPath));
  const sst = await sharedStrings(pkg, wb);
  const strings = sst.strings;
  const data = wb.sheet(source.sheetName);
  if (!data?.path) throw new Error(`sheet ${source.sheetName} is missing`);

  if (source.xlsx) await writeMatrixColumns(x, source, port, data.path, styles, strings);
  else {
    pkg.set(CSV_SHEET_PATH, csvSheet(source.rows, port.matrix, styles, strings));
    // The CSV's header row on every printed page.
    const headerRow = port.matrix?.headerRow ?? 1;
    wb.setName({ name: "_xlnm.Print_Titles", localSheetId: wb.indexOf(source.sheetName), hidden: false, formula: `${quoteSheet(source.sheetName)}!$${headerRow}:$${headerRow}` });
    if (port.matrix) markMatrix(wb, source.sheetName, port.matrix.headerRow, port.matrix.column, port.matrix.headers.length);
  }
  if (port.portfolio) {
    await writePortfolioSheet(x, port.portfolio, styles, strings);
    await writeHistory(x, source, port.portfolio.snapshot, styles, strings);
  }
  if (port.settings) await writeSavedSettings(pkg, port.settings);
  pkg.set(stylesPath, styles.xml);
  await sst.save();
  wb.save();
  return pkg;
}

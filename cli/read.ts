/**
 * Reading a client sheet from a .csv or .xlsx file, for `grade` and `build` alike (one reader).
 *
 * An .xlsx is opened as a package (cli/xlsx/package.ts) so nothing of it is lost on the way out;
 * the cell values of the sheets we need are read from their parts as they inflate
 * (cli/xlsx/cells.ts), so a sheet of 100,000 clients is never held as one string, and charts,
 * validations or names elsewhere in the workbook can neither slow the read down nor trip it.
 */
import { open, type FileHandle } from "node:fs/promises";
import { extname } from "node:path";
import { snapshotFromCells, type SnapshotRow } from "../core/model/history";
import { mapColumns } from "../core/portfolio";
import { DEFAULT_SETTINGS } from "../core/settings";
import type { CellValue } from "../core/values";
import { createReadStream } from "node:fs";
import type { Field } from "../core/columns";
import { allRows, CsvError, readCsvPieces, type CsvInfo, type RowSink } from "./csv";
import { GradingRows } from "./grading-rows";
import { readMarkers, readSavedSettings, type Markers } from "./xlsx/markers";
import { OoxmlPackage, PackageError, REL, resolveTarget } from "./xlsx/package";
import { WorkbookPart, type SheetInfo } from "./xlsx/workbook";
import { dateFormats, readCells, readSharedStrings, type CellReading, type SkipColumns } from "./xlsx/cells";
import { ElementSplitter, sinkOf, splitPieces } from "./xlsx/elements";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export { parseCsv } from "./csv";

/** Why a file could not be read, in the user's words. */
function unreadable(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError(code === "ENOENT" ? `${file}: no such file` : code === "EISDIR" ? `${file}: is a folder, not a file` : `${file}: cannot be read (${code ?? String(e)})`);
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Why bytes are not a readable .xlsx, or null when they look like one. */
export function notAWorkbook(bytes: Buffer, file: string): string | null {
  if (bytes.length === 0) return `${file}: the file is empty`;
  // An encrypted (password-protected) workbook is an OLE2 compound file holding EncryptionInfo and
  // EncryptedPackage streams; an old .xls is an OLE2 file holding a Workbook stream.
  if (bytes.subarray(0, 8).equals(OLE2)) {
    if (bytes.includes(Buffer.from("EncryptionInfo", "utf16le")) || bytes.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      return `${file}: the workbook is password-protected (encrypted); remove the password in Excel (File ▸ Info ▸ Protect Workbook) and save a copy`;
    }
    return `${file}: an old binary Excel (.xls) or other OLE2 file, not an .xlsx; save it as .xlsx`;
  }
  if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return `${file}: not a spreadsheet (.xlsx or .csv)`;
  return null;
}

export interface XlsxFile {
  file: string;
  pkg: OoxmlPackage;
  workbook: WorkbookPart;
  markers: Markers;
}

/**
 * The first bytes of a file, enough to tell what it is (an OLE2 file whole: its stream names say
 * whether it is an encrypted workbook).
 */
async function headOf(file: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return bytesRead === 8 && head.equals(OLE2) ? await handle.readFile() : head.subarray(0, bytesRead);
  } catch (e) {
    throw unreadable(file, e);
  } finally {
    await handle.close();
  }
}

/**
 * An .xlsx package, from its file (read as parts are asked for: `close` its package when done) or
 * from bytes already read.
 */
export async function openXlsx(file: string, given?: Buffer): Promise<XlsxFile> {
  const why = notAWorkbook(given ?? (await headOf(file)), file);
  if (why) throw new InputError(why);
  let pkg: OoxmlPackage | null = null;
  try {
    pkg = given ? await OoxmlPackage.open(given) : await OoxmlPackage.openFile(file);
    const workbook = await WorkbookPart.read(pkg);
    if (!workbook.sheets.some((s) => s.path)) throw new InputError(`${file}: the workbook has no worksheets`);
    return { file, pkg, workbook, markers: readMarkers(workbook) };
  } catch (e) {
    pkg?.close();
    if (e instanceof InputError) throw e;
    const detail = e instanceof PackageError ? e.message : (e as Error).message;
    throw new InputError(`${file}: not a readable .xlsx workbook (${detail})`);
  }
}

/** Does the worksheet part hold any cell with a value? (Read until the first one.) */
async function hasData(x: XlsxFile, sheet: SheetInfo): Promise<boolean> {
  if (!sheet.path) return false;
  let value = /<(v|is)[\s>]/;
  let found = false;
  const sink = sinkOf({
    head: (_text, p) => {
      value = new RegExp(`<${p}(v|is)[\\s>]`);
    },
    item: (_gap, xml) => {
      found ||= value.test(xml);
    },
  });
  await splitPieces(x.pkg.textPieces(sheet.path), new ElementSplitter("worksheet", "sheetData", "row", sink), () => found);
  return found;
}

/**
 * The sheets to try, best first: the named one alone; otherwise every visible sheet of the user's
 * with data (the first one that has a client and a revenue column is the client table), or the
 * first visible sheet when none has data.
 */
async function sheetCandidates(x: XlsxFile, sheet?: string): Promise<SheetInfo[]> {
  const sheets = x.workbook.sheets;
  const names = sheets.map((s) => s.name).join(", ");
  if (sheet !== undefined) {
    const found = sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
    if (!found) throw new InputError(`${x.file}: no sheet named "${sheet}" (sheets: ${names})`);
    if (!found.path) throw new InputError(`${x.file}: "${found.name}" is a chart sheet, not a worksheet`);
    return [found];
  }
  const owned = new Set([x.markers.portfolio, x.markers.history]);
  const candidates = sheets.filter((s) => s.path && s.state === "visible" && !owned.has(s.name));
  const withData: SheetInfo[] = [];
  for (const s of candidates) if (await hasData(x, s)) withData.push(s);
  if (withData.length) return withData;
  const first = candidates[0];
  if (!first) throw new InputError(`${x.file}: the workbook has no visible worksheet of yours (sheets: ${names})`);
  return [first];
}

/** What reading any sheet of the workbook needs: the shared strings, the date formats and system. */
async function cellReading(x: XlsxFile): Promise<CellReading> {
  const wb = x.workbook;
  const rels = await x.pkg.rels(wb.path);
  // A part the workbook names but does not hold is damage (a flipped byte in a part name), never
  // a silent read without it (the cells would show string numbers for names).
  const named = (type: string): string | null => {
    const rel = rels.find((r) => r.type === type);
    if (!rel) return null;
    const path = resolveTarget(wb.path, rel.target);
    if (!x.pkg.has(path)) throw new InputError(`${x.file}: not a readable .xlsx workbook (missing part ${path})`);
    return path;
  };
  const styles = named(REL.styles);
  const strings = named(REL.sharedStrings);
  return {
    dates: dateFormats(styles === null ? null : await x.pkg.text(styles)),
    strings: strings === null ? [] : await readSharedStrings(x.pkg.textPieces(strings)),
    date1904: wb.date1904,
  };
}

/**
 * Cell values of some worksheets (cli/xlsx/cells.ts), each read in pieces as its part inflates;
 * `skip` leaves some columns of a sheet out (our own matrix: never an input, no need to read it).
 */
export async function readWorksheets(x: XlsxFile, wanted: readonly string[], skip = new Map<string, SkipColumns>()): Promise<Map<string, CellValue[][]>> {
  const out = new Map<string, CellValue[][]>();
  try {
    const reading = await cellReading(x);
    for (const name of wanted) {
      const sheet = x.workbook.sheet(name);
      if (!sheet?.path) continue;
      out.set(sheet.name, await readCells(x.pkg.textPieces(sheet.path), reading, skip.get(sheet.name) ?? null));
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof PackageError) throw e;
    throw new InputError(`${x.file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  return out;
}

export function isCsv(file: string): boolean {
  return [".csv", ".tsv", ".txt"].includes(extname(file).toLowerCase());
}

/** How much of a CSV file is read at a time. */
const PIECE = 1 << 16;

/** A CSV file read piece by piece into the sink `newSink()` gives. */
async function readCsvFile<S extends { add: RowSink }>(file: string, newSink: () => S): Promise<{ sink: S; info: CsvInfo }> {
  try {
    return await readCsvPieces(file, () => createReadStream(file, { highWaterMark: PIECE }), newSink);
  } catch (e) {
    if (e instanceof CsvError) throw new InputError(`${file}: ${e.message}`);
    if (typeof (e as NodeJS.ErrnoException).code === "string") throw unreadable(file, e);
    throw e;
  }
}

/** A CSV file's rows: every cell (to write it into a workbook), or what grading reads of them (`graded`: the `--map` names). */
async function readCsvRows(file: string, graded?: Partial<Record<Field, string>>): Promise<{ rows: CellValue[][]; info: CsvInfo }> {
  if (graded) {
    const { sink, info } = await readCsvFile(file, () => new GradingRows(graded));
    return { rows: sink.finish(), info };
  }
  const { sink, info } = await readCsvFile(file, allRows);
  return { rows: sink.rows(), info };
}

export function sheetNameOf(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  return (base.replace(/[[\]:*?/\\]/g, " ").trim() || "Clients").slice(0, 31);
}

/** Everything a build or a grade needs from the input file. */
export interface Source {
  file: string;
  sheetName: string;
  rows: CellValue[][];
  /** The .xlsx package, or null for a .csv. */
  xlsx: XlsxFile | null;
  /** The data sheet is the add-in's own portfolio or history sheet. */
  isOwnSheet: boolean;
  matrix: { column: number; count: number } | null;
  history: SnapshotRow[];
  /** The last used row of the history sheet (0 without one). */
  historyRows: number;
  settings: unknown;
  /** What the reader assumed (a CSV's encoding), one line each, for the command to print on stderr. */
  notes: string[];
  /** A semicolon-delimited CSV: its numbers write `1.234,56` (SPEC §2a). */
  decimalComma: boolean;
  /**
   * The workbook counts its dates from 1904 (`<workbookPr date1904="1"/>`): a date-formatted cell
   * is read as its day already; a plain number in a date column is a serial of that system too,
   * as Excel's add-in reads it (WorkbookState.date1904).
   */
  date1904?: boolean;
}

/**
 * The input file as a Source. `graded` (the `--map` names) is for a grade: a CSV's rows then
 * hold only what grading reads (cli/grading-rows.ts), which a build cannot write back.
 */
export async function openSource(file: string, sheet?: string, graded?: Partial<Record<Field, string>>): Promise<Source> {
  if (isCsv(file)) {
    const { rows, info: { notes, decimalComma } } = await readCsvRows(file, graded);
    return { file, sheetName: sheetNameOf(file), rows, xlsx: null, isOwnSheet: false, matrix: null, history: [], historyRows: 0, settings: null, notes, decimalComma };
  }
  try {
    return await openWorkbookSource(file, sheet);
  } catch (e) {
    // A part found damaged (CRC-32) or missing while reading it.
    if (e instanceof PackageError) throw new InputError(`${file}: not a readable .xlsx workbook (${e.message})`);
    throw e;
  }
}

/** The workbook's Source; its package stays open (for a build to copy its parts), unless reading it fails. */
async function openWorkbookSource(file: string, sheet?: string): Promise<Source> {
  const x = await openXlsx(file);
  try {
    return await workbookSource(x, sheet);
  } catch (e) {
    x.pkg.close();
    throw e;
  }
}

async function workbookSource(x: XlsxFile, sheet?: string): Promise<Source> {
  const file = x.file;
  const history = x.markers.history;
  const candidates = await sheetCandidates(x, sheet);
  let ws = candidates[0] as SheetInfo;
  let read = new Map<string, CellValue[][]>();
  for (const candidate of candidates) {
    const m = x.markers.matrix.get(candidate.name);
    const skip = new Map(m ? [[candidate.name, { from: m.column, to: m.column + m.count - 1 }]] : []);
    const cells = await readWorksheets(x, history && history !== candidate.name ? [candidate.name, history] : [candidate.name], skip);
    if (candidate === candidates[0]) [ws, read] = [candidate, cells];
    if (candidates.length === 1 || hasClientTable(cells.get(candidate.name) ?? [])) {
      [ws, read] = [candidate, cells];
      break;
    }
  }
  const m = x.markers.matrix.get(ws.name);
  const historyCells = history ? (read.get(history) ?? []) : [];
  return {
    file,
    sheetName: ws.name,
    rows: read.get(ws.name) ?? [],
    xlsx: x,
    isOwnSheet: ws.name === x.markers.portfolio || ws.name === x.markers.history,
    matrix: m ? { column: m.column, count: m.count } : null,
    history: historyCells.slice(1).map(snapshotFromCells).filter((r): r is SnapshotRow => r !== null),
    historyRows: historyCells.length,
    settings: await readSavedSettings(x.pkg),
    notes: [],
    decimalComma: false,
    ...(x.workbook.date1904 ? { date1904: true } : {}),
  };
}

/** Does a sheet's header name a client and a revenue (with the default detection)? */
function hasClientTable(rows: readonly (readonly CellValue[])[]): boolean {
  try {
    mapColumns(rows, DEFAULT_SETTINGS);
    return true;
  } catch {
    return false;
  }
}


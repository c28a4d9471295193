// The port contract (contract.ts) on the file port (cli/port.ts, FilePort) over real .xlsx
// files: each use case runs on a port over the file as `kam-portfolio` opens it, what the port
// wrote is spliced into a copy of the package (cli/write.ts) and streamed beside it atomically,
// and the next step reads that written file back. Cells, sheets and the defined names are
// inspected straight from the package's XML (test/fixtures/xlsx.ts), not through the code under
// test. A host failure is the output stream failing half-way through the package.
// The file command has no panel, so no "add input columns" here (contract.ts: inputColumnsContract).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Transform } from "node:stream";
import { writeAtomically } from "../../cli/build";
import { FilePort } from "../../cli/port";
import { openSource } from "../../cli/read";
import { writeWorkbook } from "../../cli/write";
import { columnLetters, parseAreaRef } from "../../core/a1";
import { MARKER_NAMES } from "../../core/markers";
import { EXCEL_DIALECT } from "../../core/matrix";
import type { CellValue } from "../../core/values";
import { excelLike } from "../excel/sheets";
import { definedNames, openXlsx, sheetCells } from "../fixtures/xlsx";
import { portContract } from "./contract";
import type { Cells, Harness } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "kam-contract-"));
let files = 0;

/** A workbook on disk: the file the last step wrote. */
interface FileWorkbook {
  path: string;
}

const bytesOf = (wb: FileWorkbook) => readFileSync(wb.path);
const next = (wb: FileWorkbook) => (wb.path = join(dir, `book-${++files}.xlsx`));

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `<c>` for a value typed into a cell: a number, or text (an inline string). */
function cellXml(ref: string, v: string | number | boolean): string {
  if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

const colOf = (ref: string) => [...(/^[A-Z]+/.exec(ref)?.[0] ?? "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The sheet XML with one cell set, as a user typing into it (rows and cells kept in order). */
function setCell(xml: string, row: number, col: number, v: string | number | boolean): string {
  const ref = `${columnLetters(col)}${row}`;
  const cell = cellXml(ref, v);
  const existing = new RegExp(`<c r="${ref}"(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</c>)`).exec(xml);
  if (existing) return xml.replace(existing[0], cell);
  const rowRe = new RegExp(`<row r="${row}"([^>]*?)(/>|>([\\s\\S]*?)</row>)`);
  const r = rowRe.exec(xml);
  if (r) {
    const cells = [...(r[3] ?? "").matchAll(/<c r="([A-Z]+)\d+"[\s\S]*?(?:\/>|<\/c>)/g)];
    const after = cells.find((m) => colOf(m[1] as string) > col);
    const inner = after ? (r[3] as string).replace(after[0], cell + after[0]) : `${r[3] ?? ""}${cell}`;
    return xml.replace(r[0], `<row r="${row}"${r[1]}>${inner}</row>`);
  }
  const later = [...xml.matchAll(/<row r="(\d+)"/g)].find((m) => Number(m[1]) > row);
  const line = `<row r="${row}">${cell}</row>`;
  if (later) return xml.slice(0, later.index) + line + xml.slice(later.index);
  return xml.includes("<sheetData/>") ? xml.replace("<sheetData/>", `<sheetData>${line}</sheetData>`) : xml.replace("</sheetData>", `${line}</sheetData>`);
}

/** A stream that passes `bytes` bytes on, then fails (a disk or process failure mid-write). */
function failingAfter(bytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > bytes) done(new Error("injected failure while writing the workbook"));
      else done(null, chunk);
    },
  });
}

const file: Harness<FileWorkbook> = {
  name: "file port (FilePort) on .xlsx files",
  dialect: EXCEL_DIALECT,
  followsSource: false,
  historyWindow: true,
  async create(rows, others = []) {
    const book = new ExcelJS.Workbook();
    for (const s of [{ name: "Clients", rows }, ...others]) {
      const ws = book.addWorksheet(s.name);
      excelLike(s.rows).forEach((r, i) => r.forEach((v, j) => {
        if (v !== null && v !== undefined && v !== "") ws.getCell(i + 1, j + 1).value = v;
      }));
    }
    const wb: FileWorkbook = { path: "" };
    writeFileSync(next(wb), Buffer.from(await book.xlsx.writeBuffer()));
    return wb;
  },
  async withPort(wb, f, o = {}) {
    const source = await openSource(wb.path, o.sheet ?? "Clients");
    const port = new FilePort(source);
    const result = await f(port);
    if (port.matrix || port.portfolio || port.settings) {
      const pkg = await writeWorkbook(source, port);
      const out = join(dir, `book-${files + 1}.xlsx`);
      await writeAtomically(out, () => (o.failPortfolio ? pkg.stream().pipe(failingAfter(2000)) : pkg.stream()), wb.path);
      next(wb);
    }
    return result;
  },
  async edit(wb, sheet, row, col, value: CellValue) {
    const x = await openXlsx(bytesOf(wb));
    const path = x.sheets.find((s) => s.name === sheet)?.path as string;
    const v = excelLike([[value]])[0]?.[0] as string | number | boolean;
    const zip = await JSZip.loadAsync(bytesOf(wb));
    zip.file(path, setCell(await x.text(path), row, col, v));
    writeFileSync(next(wb), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  },
  async sheetNames(wb) {
    return (await openXlsx(bytesOf(wb))).sheets.map((s) => s.name);
  },
  async cells(wb, sheet) {
    const out: Cells = new Map();
    for (const c of await sheetCells(await openXlsx(bytesOf(wb)), sheet)) {
      const value = c.value === "" ? null : c.value;
      if (value !== null || c.formula !== null) out.set(`${c.row},${c.col}`, { value, formula: c.formula === null ? null : `=${c.formula}` });
    }
    return out;
  },
  async marked(wb) {
    const x = await openXlsx(bytesOf(wb));
    const names = definedNames(x.workbookXml);
    const at = (name: string) => {
      const n = names.find((d) => d.name === name && d.local === null);
      const ref = n ? parseAreaRef(n.formula) : null;
      return ref && x.sheets.some((s) => s.name === ref.sheet) ? ref.sheet : null;
    };
    const portfolio = at(MARKER_NAMES.portfolio);
    const history = at(MARKER_NAMES.history);
    const clients = x.sheets.findIndex((s) => s.name === "Clients");
    const matrix = parseAreaRef(names.find((d) => d.name === MARKER_NAMES.matrix && d.local === String(clients))?.formula);
    return {
      portfolio: portfolio ? [portfolio] : [],
      history: history ? { name: history, hidden: x.sheets.find((s) => s.name === history)?.state === "hidden" } : null,
      matrix: matrix ? { column: matrix.col, count: matrix.cols } : null,
    };
  },
};

portContract(file);

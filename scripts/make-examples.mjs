// Generates examples/clients.xlsx from examples/clients.csv: the same clients as a real workbook
// an owner might keep — typed numbers, percents and dates with number formats, a styled and
// frozen header, a second sheet with formulas over the first, a merged title and a defined name.
// `node scripts/make-examples.mjs` rewrites the file; test/cli/examples.test.ts checks it has not
// drifted from this script.
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import Papa from "papaparse";

const root = new URL("..", import.meta.url).pathname;

/** A CSV cell as the owner would have typed it into Excel. */
function typed(header, text) {
  if (text === "") return null;
  if (/%$/.test(text) && !Number.isNaN(Number(text.slice(0, -1)))) return { value: Number(text.slice(0, -1)) / 100, numFmt: "0%" };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: new Date(`${text}T00:00:00Z`), numFmt: "yyyy-mm-dd" };
  if (/revenue/i.test(header)) {
    const m = /^\$?(\(?)([\d,]+(?:\.\d+)?)\)?$/.exec(text);
    if (m) return { value: (m[1] ? -1 : 1) * Number(m[2].replace(/,/g, "")), numFmt: "#,##0" };
  }
  return { value: text };
}

export async function makeClientsWorkbook() {
  const csv = Papa.parse(readFileSync(`${root}examples/clients.csv`, "utf8"), { skipEmptyLines: true }).data;
  const [header, ...rows] = csv;
  const wb = new ExcelJS.Workbook();
  wb.creator = "KAM Portfolio examples";
  wb.created = new Date("2026-01-05T09:00:00Z");
  wb.modified = new Date("2026-01-05T09:00:00Z");

  const ws = wb.addWorksheet("Clients", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(header);
  ws.getRow(1).eachCell((c) => {
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF305496" } };
    c.border = { bottom: { style: "thin", color: { argb: "FF1F3864" } } };
  });
  rows.forEach((r, i) => {
    header.forEach((h, j) => {
      const t = typed(h, r[j] ?? "");
      if (!t) return;
      const cell = ws.getCell(i + 2, j + 1);
      // Text from the CSV stays text, whatever it starts with.
      cell.value = t.value;
      if (t.numFmt) cell.numFmt = t.numFmt;
    });
  });
  const widths = [28, 20, 15, 14, 15, 15, 9, 9, 13, 18, 12, 13, 24];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  const notes = wb.addWorksheet("Notes");
  notes.mergeCells("A1:D1");
  notes.getCell("A1").value = "Account review notes";
  notes.getCell("A1").font = { bold: true, size: 14 };
  notes.getCell("A1").alignment = { horizontal: "center" };
  const last = rows.length + 1;
  notes.getCell("A3").value = "Total revenue";
  notes.getCell("B3").value = { formula: `SUM(Clients!C2:C${last})` };
  notes.getCell("B3").numFmt = "#,##0";
  notes.getCell("A4").value = "Clients";
  notes.getCell("B4").value = { formula: `COUNTA(Clients!A2:A${last})` };
  notes.getCell("A5").value = "Average margin";
  notes.getCell("B5").value = { formula: `AVERAGE(Clients!D2:D${last})` };
  notes.getCell("B5").numFmt = "0.0%";
  notes.getCell("A7").value = "Next portfolio review";
  notes.getCell("B7").value = new Date("2026-12-15T00:00:00Z");
  notes.getCell("B7").numFmt = "d mmm yyyy";
  notes.getColumn(1).width = 24;
  notes.getColumn(2).width = 16;
  wb.definedNames.add(`Clients!$A$2:$A$${last}`, "ClientNames");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  writeFileSync(`${root}examples/clients.xlsx`, await makeClientsWorkbook());
  console.log("wrote examples/clients.xlsx");
}

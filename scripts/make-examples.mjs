// Generates the examples from examples/clients.csv, so they tell one story:
// - examples/clients.xlsx: the same clients as a real workbook an owner might keep — typed
//   numbers, percents and dates with number formats, a styled and frozen header, a second sheet
//   with formulas over the first, a merged title and a defined name;
// - examples/orders.csv: the same clients' orders of one year (2025), as an order export has them
//   (order id, date, customer, segment, sales, profit): each client's orders add up to its annual
//   revenue, and their profit to that revenue × its gross margin. A client with no margin has no
//   profit cells; the credit note of the client whose revenue is negative is a negative order;
//   the client with no revenue has one order without an amount.
// `node scripts/make-examples.mjs [clients|orders]` rewrites both (or one); test/cli/examples.test.ts
// checks they have not drifted from this script.
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { seeded } from "../bench/lib.mjs";

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


/** An amount as clients.csv writes it (`$182,450.00`, `48 300`, `1.2k`, `(1,250)`) in cents; null when blank. */
function cents(text) {
  const t = text.replace(/[$,\s]/g, "");
  if (t === "") return null;
  const negative = /^\(.*\)$/.test(t);
  const body = t.replace(/[()]/g, "");
  const value = /k$/i.test(body) ? Number(body.slice(0, -1)) * 1000 : Number(body);
  return Math.round((negative ? -value : value) * 100);
}

/** `n` cents split into `parts` positive-weighted shares whose sum is exactly `n`. */
function split(n, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.round((n * w) / total));
  out[out.length - 1] += n - out.reduce((a, b) => a + b, 0);
  return out;
}

const money = (c) => (c / 100).toFixed(2);
const ORDERS = 600;

export function makeOrdersCsv() {
  const csv = Papa.parse(readFileSync(`${root}examples/clients.csv`, "utf8"), { skipEmptyLines: true }).data;
  const [header, ...rows] = csv;
  const col = (name) => header.indexOf(name);
  const [client, industry, revenue, margin] = [col("Client"), col("Industry"), col("Annual Revenue"), col("Gross Margin %")];
  const random = seeded(2025);
  const clients = rows.map((r) => ({ name: r[client], segment: r[industry], revenue: cents(r[revenue]), margin: r[margin] === "" ? null : Number(r[margin].replace("%", "")) }));
  const positive = clients.reduce((a, c) => a + Math.max(0, c.revenue ?? 0), 0);
  const orders = [];
  const day = () => new Date(Date.UTC(2025, 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10);
  for (const c of clients) {
    if (c.revenue === null) {
      orders.push({ date: day(), name: c.name, segment: c.segment, sales: "", profit: "" });
      continue;
    }
    // Orders in proportion to revenue (at least two); a negative revenue is sales and one larger credit note.
    const count = Math.max(2, Math.round((ORDERS - 60) * (Math.max(0, c.revenue) / positive)));
    const amounts = c.revenue > 0 ? split(c.revenue, Array.from({ length: count }, () => 0.5 + random())) : [-1.2, -0.6, 2.8].map((f) => Math.round(c.revenue * f));
    const profits = c.margin === null ? null : split(c.revenue * c.margin / 100, amounts.map((a) => a / c.revenue));
    amounts.forEach((a, i) => orders.push({ date: day(), name: c.name, segment: c.segment, sales: money(a), profit: profits ? money(profits[i]) : "" }));
  }
  orders.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const quote = (t) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = ["Order ID,Order Date,Customer Name,Segment,Sales,Profit"];
  orders.forEach((o, i) => lines.push([`SO-${10001 + i}`, o.date, o.name, o.segment, o.sales, o.profit].map(quote).join(",")));
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const what = process.argv[2];
  if (what !== "orders") writeFileSync(`${root}examples/clients.xlsx`, await makeClientsWorkbook());
  if (what !== "clients") writeFileSync(`${root}examples/orders.csv`, makeOrdersCsv());
  console.log(`wrote ${what === "orders" ? "examples/orders.csv" : what === "clients" ? "examples/clients.xlsx" : "examples/clients.xlsx and examples/orders.csv"}`);
}

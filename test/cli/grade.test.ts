// `kam-portfolio grade` run as a user runs it (the built dist/cli/kam-portfolio.cjs, the package's bin): both examples as a
// table and as SPEC §10 JSON, --map, --config, --mode, --sheet on an .xlsx, and every bad input as
// one clear line on stderr with exit code 1.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, type Run } from "../helpers";

const FLAGS = ["shed", "laggard", "duplicate", "incomplete", "estimated-relationship", "override", "review-due", "no-revenue"];
const CLIENT_KEYS = ["rank", "row", "name", "revenue", "revenueRating", "walletShare", "walletRating", "margin", "profitRating", "strategic", "pain", "score", "grade", "relationship", "benefit", "quadrant", "flags"];

interface JsonClient {
  rank: number;
  row: number;
  name: string;
  revenue: number;
  score: number;
  grade: string;
  revenueRating: string;
  flags: string[];
  [k: string]: unknown;
}
interface Report {
  clients: JsonClient[];
  needsData: { row: number; name: string; reason: string }[];
  skipped: { row: number; name: string; reason: string }[];
  summary: { clients: number; revenue: number; byGrade: Record<"A" | "B" | "C", number>; top20Share: number; topClientShare: number; hhi: number };
}

const csvRows = (file: string): string[][] => Papa.parse<string[]>(readFileSync(`${ROOT}${file}`, "utf8"), { skipEmptyLines: true }).data;
const json = (r: Run): Report => JSON.parse(r.stdout) as Report;
/** A bad input: exit 1, one line on stderr, nothing on stdout. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kam-portfolio: /);
  expect(lines[0]).toMatch(pattern);
}

let dir = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kam-cli-"));
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Notes");
  notes.addRow(["Read me: client list below"]);
  const clients = wb.addWorksheet("Clients");
  clients.addRow(["Key accounts 2026"]); // a title row above the headers
  clients.addRow([]);
  clients.addRow(["Customer ID", "Customer Name", "Annual Revenue", "Gross Margin", "Share of Wallet", "Strategic Value", "Pain", "Last Review"]);
  const data: [string, string, number, number, number, string, string, Date][] = [
    ["C-001", "Acme Foods", 250_000, 0.3, 0.2, "High", "Low", new Date(Date.UTC(2026, 4, 1))],
    ["C-002", "Bolt Freight", 120_000, 0.12, 0.8, "Low", "Medium", new Date(Date.UTC(2026, 0, 10))],
    ["C-003", "Cobalt Labs", 40_000, -0.05, 0.6, "Low", "High", new Date(Date.UTC(2025, 5, 1))],
    ["C-004", "Dyn Retail", 90_000, 0.18, 0.4, "Medium", "Low", new Date(Date.UTC(2026, 5, 20))],
  ];
  for (const d of data) clients.addRow(d);
  clients.getColumn(4).numFmt = "0%";
  clients.getColumn(5).numFmt = "0%";
  clients.addRow(["C-005", "=Formula Ltd", { formula: "1000*2", result: 2000 }, 0.1, 0.5, "L", "M", null]);
  clients.addRow(["C-006", "Error Co", { error: "#N/A" }, 0.1, 0.5, "L", "M", null]);
  const products = wb.addWorksheet("Products");
  products.addRow(["SKU", "Price", "Stock"]);
  products.addRow(["P-1", 12, 40]);
  await wb.xlsx.writeFile(join(dir, "book.xlsx"));

  writeFileSync(join(dir, "odd.csv"), "Who,Rev $,SoW\nAcme,1000,20%\nBolt,500,90%\n");
  writeFileSync(join(dir, "euro.csv"), "\ufeffKunde;Umsatz;Marge\n\"Müller; Söhne\";\"1.200,50\";12%\nBäcker;900;30%\n");
  writeFileSync(join(dir, "weights.json"), JSON.stringify({ weights: { revenue: 100, profitability: 0, strategic: 0, wallet: 0, pain: 0 } }));
  writeFileSync(join(dir, "bad.json"), "{ weights: 30 ");
  writeFileSync(join(dir, "array.json"), "[1, 2]");
  writeFileSync(join(dir, "badsetting.json"), JSON.stringify({ weights: { revenue: 50 } }));
  writeFileSync(join(dir, "unknown.json"), JSON.stringify({ colour: "blue" }));
  writeFileSync(join(dir, "nocolumns.csv"), "Product,Price,Stock\nPen,2,100\n");
  writeFileSync(join(dir, "empty.csv"), "");
  writeFileSync(join(dir, "fake.xlsx"), "this is not a workbook");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("grade examples/clients.csv", async () => {
  const table = await runCli(["grade", "examples/clients.csv"]);
  const asJson = await runCli(["grade", "examples/clients.csv", "--json"]);
  const report = json(asJson);
  const rows = csvRows("examples/clients.csv");

  it("exits 0 with nothing on stderr", () => {
    expect([table.code, table.stderr, asJson.code, asJson.stderr]).toEqual([0, "", 0, ""]);
  });

  it("--json is exactly the SPEC §10 shape", () => {
    expect(Object.keys(report).sort()).toEqual(["clients", "needsData", "skipped", "summary"]);
    expect(report.skipped).toEqual([]);
    for (const c of report.clients) expect(Object.keys(c).sort()).toEqual([...CLIENT_KEYS, "profit"].sort());
    // With the SPEC §12 profit fields where they apply (examples/clients.csv has margins).
    expect(Object.keys(report.summary).sort()).toEqual(["byGrade", "clients", "hhi", "lossMakers", "lossTotal", "profitTop20Share", "revenue", "top20Share", "topClientShare"]);
    expect(Object.keys(report.summary.byGrade).sort()).toEqual(["A", "B", "C"]);
    for (const n of report.needsData) expect(Object.keys(n).sort()).toEqual(["name", "reason", "row"]);
    for (const c of report.clients) for (const f of c.flags) expect(FLAGS).toContain(f);
  });

  it("ranks every data row or lists it under needs data, with its sheet row", () => {
    // the example has no fully blank rows: every data row is ranked or needs data, row for row
    const ranked = report.clients.map((c) => c.row);
    const needs = report.needsData.map((n) => n.row);
    expect([...ranked, ...needs].sort((a, b) => a - b)).toEqual(rows.slice(1).map((_, i) => i + 2));
    for (const c of report.clients) expect((rows[c.row - 1]?.[0] ?? "").trim()).toBe(c.name);
    expect(report.clients.map((c) => c.rank)).toEqual(report.clients.map((_, i) => i + 1));
    expect(report.summary.clients).toBe(report.clients.length);
    expect(report.summary.byGrade.A + report.summary.byGrade.B + report.summary.byGrade.C).toBe(report.clients.length);
    expect(report.needsData.length).toBeGreaterThan(0);
  });

  it("is in the SPEC order: grade, score, revenue", () => {
    const order = { A: 0, B: 1, C: 2 } as Record<string, number>;
    for (let i = 1; i < report.clients.length; i++) {
      const [a, b] = [report.clients[i - 1]!, report.clients[i]!];
      const cmp = order[a.grade]! - order[b.grade]! || b.score - a.score || b.revenue - a.revenue;
      expect(cmp).toBeLessThanOrEqual(0);
    }
  });

  it("the table prints the same ranking, one line per client, and the summary", () => {
    const lines = table.stdout.split("\n");
    expect(lines[0]).toBe(
      `KAM portfolio: ${report.summary.clients} clients (one row per client), A ${report.summary.byGrade.A} · B ${report.summary.byGrade.B} · C ${report.summary.byGrade.C}; ${report.needsData.length} row${report.needsData.length === 1 ? " needs" : "s need"} data`,
    );
    for (const c of report.clients) {
      const line = lines.find((l) => l.startsWith(`${String(c.rank).padStart(4)}  `));
      expect(line, `rank ${c.rank}`).toBeDefined();
      expect(line).toContain(c.name.slice(0, 20));
      expect(line).toContain(` ${c.grade} `);
    }
    expect(table.stdout).toMatch(/\nRevenue [\d,]+; top 20% of clients [\d.]+%; top client [\d.]+%; HHI \d+/);
    expect(table.stdout).toContain("Needs data:");
  });
});

describe("grade examples/orders.csv: an order list, aggregated per client", async () => {
  const r = await runCli(["grade", "examples/orders.csv", "--json"]);
  const report = json(r);
  const rows = csvRows("examples/orders.csv");
  const header = rows[0]!;
  const [nameCol, salesCol] = [header.indexOf("Customer Name"), header.indexOf("Sales")];

  it("revenue is the sum of each client's orders and row is its first row", () => {
    expect(r.code).toBe(0);
    const sums = new Map<string, { revenue: number; first: number }>();
    const blank: number[] = [];
    rows.slice(1).forEach((row, i) => {
      const name = row[nameCol]!.trim();
      if (row[salesCol] === "") return void blank.push(i + 2);
      const e = sums.get(name) ?? { revenue: 0, first: i + 2 };
      e.revenue += Number(row[salesCol]);
      sums.set(name, e);
    });
    expect(report.clients).toHaveLength(sums.size);
    for (const c of report.clients) {
      expect(c.revenue).toBeCloseTo(sums.get(c.name)!.revenue, 6);
      expect(c.row).toBe(sums.get(c.name)!.first);
      expect(c.flags).not.toContain("duplicate");
    }
    // the one order without an amount
    expect(report.needsData).toEqual(blank.map((row) => ({ row, name: "Westgate Studios", reason: "no revenue" })));
    expect(blank).toHaveLength(1);
  });

  it("the table says how many order rows were merged", async () => {
    const t = await runCli(["grade", "examples/orders.csv"]);
    expect(t.stdout.split("\n")[0]).toMatch(new RegExp(`^KAM portfolio: ${report.clients.length} clients \\(${rows.length - 2} order rows merged\\), A \\d+ · B \\d+ · C \\d+; 1 row needs data$`));
  });

  it("with a profit column it has A clients: a top revenue at a high margin", () => {
    const a = report.clients.filter((c) => c.grade === "A");
    expect(a.length).toBeGreaterThan(0);
    for (const c of a) expect([c.revenueRating, c.profitRating]).toEqual(["High", "High"]);
  });

  it("--mode clients grades every order row as a client and flags the repeats", async () => {
    const c = json(await runCli(["grade", "examples/orders.csv", "--mode", "clients", "--json"]));
    expect(c.clients).toHaveLength(rows.length - 2);
    expect(c.clients.filter((x) => x.flags.includes("duplicate")).length).toBeGreaterThan(rows.length / 2);
  });

  it("--mode orders on the per-client sheet merges nothing that is not repeated", async () => {
    const t = await runCli(["grade", "examples/clients.csv", "--mode", "orders"]);
    expect(t.code).toBe(0);
    expect(t.stdout.split("\n")[0]).toMatch(/order rows merged/);
    const perClient = json(await runCli(["grade", "examples/clients.csv", "--json"]));
    const asOrders = json(await runCli(["grade", "examples/clients.csv", "--mode", "orders", "--json"]));
    const distinct = new Set(perClient.clients.map((c) => c.name.toLowerCase())).size;
    expect(asOrders.clients).toHaveLength(distinct);
  });
});

describe("options", () => {
  it("--map names columns detection cannot find", async () => {
    const r = await runCli(["grade", join(dir, "odd.csv"), "--map", "client=Who", "--map", "revenue=Rev $", "--map", "wallet=SoW", "--json"]);
    expect(r.stderr).toBe("");
    const report = json(r);
    expect(report.clients.map((c) => [c.name, c.revenue, c.walletShare])).toEqual([["Acme", 1000, 0.2], ["Bolt", 500, 0.9]]);
  });

  it("--map accepts a quoted header with spaces", async () => {
    const r = await runCli(["grade", "examples/clients.csv", "--map", 'client="Override Reason"', "--json"]);
    expect(r.code).toBe(0);
    // the override reasons are mostly blank: those rows now need data
    expect(json(r).needsData.length).toBeGreaterThan(5);
  });

  it("--config changes the weights", async () => {
    const report = json(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "weights.json"), "--json"]));
    const points = { High: 100, Medium: 50, Low: 0 } as Record<string, number>;
    for (const c of report.clients) expect(c.score).toBe(points[c.revenueRating]);
  });

  it("--sheet picks a sheet of an .xlsx: title row, Date cells, percent-formatted numbers, formula results, error cells", async () => {
    const r = await runCli(["grade", join(dir, "book.xlsx"), "--sheet", "Clients", "--json"]);
    expect(r.stderr).toBe("");
    const report = json(r);
    const acme = report.clients.find((c) => c.name === "Acme Foods")!;
    expect(acme).toMatchObject({ row: 4, revenue: 250_000, walletShare: 0.2, margin: 0.3, strategic: "High", pain: "Low" });
    expect(report.clients.find((c) => c.name === "=Formula Ltd")).toMatchObject({ revenue: 2000, row: 8 });
    expect(report.needsData).toEqual([{ row: 9, name: "Error Co", reason: "revenue: the cell holds the error #N/A" }]);
    expect(report.clients.find((c) => c.name === "Cobalt Labs")!.flags).toEqual(expect.arrayContaining(["shed", "laggard", "review-due"]));
  });

  it("without --sheet, the first sheet holding a client table is graded (a Notes sheet before it is passed over)", async () => {
    const r = await runCli(["grade", join(dir, "book.xlsx"), "--json"]);
    expect(r.stderr).toBe("");
    expect(json(r).clients.map((c) => c.name)).toContain("Acme Foods");
  });

  it("--sheet is matched ignoring case", async () => {
    const r = await runCli(["grade", join(dir, "book.xlsx"), "--sheet", "clients", "--json"]);
    expect(r.code).toBe(0);
    expect(json(r).clients).toHaveLength(5);
  });

  it("reads a ;-separated CSV with a BOM, quoted fields and European amounts", async () => {
    const r = await runCli(["grade", join(dir, "euro.csv"), "--map", "client=Kunde", "--map", "revenue=Umsatz", "--map", "margin=Marge", "--json"]);
    expect(r.stderr).toBe("");
    expect(json(r).clients.map((c) => [c.name, c.revenue])).toEqual([["Müller; Söhne", 1200.5], ["Bäcker", 900]]);
  });
});

describe("every bad input: one clear line on stderr, exit code 1", () => {
  it("a missing file", async () => {
    expectOneLineError(await runCli(["grade", "no/such/file.csv"]), /no\/such\/file\.csv: no such file$/);
    expectOneLineError(await runCli(["grade", "no/such/book.xlsx"]), /book\.xlsx: no such file$/);
  });

  it("a file that is not a workbook", async () => {
    expectOneLineError(await runCli(["grade", join(dir, "fake.xlsx")]), /fake\.xlsx: not a spreadsheet \(\.xlsx or \.csv\)$/);
  });

  it("an unknown sheet, listing the sheets", async () => {
    expectOneLineError(await runCli(["grade", join(dir, "book.xlsx"), "--sheet", "Nope"]), /no sheet named "Nope" \(sheets: Notes, Clients, Products\)$/);
  });

  it("a sheet without client and revenue columns lists the headers seen", async () => {
    expectOneLineError(await runCli(["grade", join(dir, "nocolumns.csv")]), /no client or revenue column found \(headers seen: Product, Price, Stock\)/);
    expectOneLineError(await runCli(["grade", join(dir, "book.xlsx"), "--sheet", "Products"]), /headers seen: SKU, Price, Stock/);
  });

  it("an empty file", async () => {
    expectOneLineError(await runCli(["grade", join(dir, "empty.csv")]), /the sheet is empty$/);
  });

  it("a config file that is not JSON, or not an object, or missing", async () => {
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "bad.json")]), /bad\.json: not a JSON settings object/);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "array.json")]), /array\.json: not a JSON settings object/);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "none.json")]), /none\.json: config file not found$/);
  });

  it("a bad setting, named", async () => {
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "badsetting.json")]), /bad setting: weights: must sum to 100 \(they sum to 120\)$/);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--config", join(dir, "unknown.json")]), /bad setting: colour: is not a known setting$/);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--mode", "sideways"]), /bad setting: mode: must be one of "auto", "clients", "orders" \(got "sideways"\)$/);
  });

  it("an unknown --map field, or a --map header that is not there", async () => {
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--map", "customer=Client"]), /--map customer=Client: expected field=Header with field one of client, revenue, /);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--map", "client"]), /--map client: expected field=Header/);
    expectOneLineError(await runCli(["grade", "examples/clients.csv", "--map", "client=Nope"]), /--map client="Nope": no such column \(headers seen: Client, Industry, /);
  });
});

describe("npm start", () => {
  it("prints the ranked portfolio of the per-client example", async () => {
    const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile("npm", ["start", "--silent"], { cwd: ROOT }, (error, stdout) => resolve({ code: error ? 1 : 0, stdout }));
    });
    expect(out.code).toBe(0);
    const expected = await runCli(["grade", "examples/clients.csv"]);
    expect(out.stdout.trim()).toBe(expected.stdout.trim());
    expect(out.stdout).toMatch(/^KAM portfolio: \d+ clients/);
    expect(out.stdout).toMatch(/\n {3}1 {2}\S/);
  });
});

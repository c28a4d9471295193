// Exports with the quirks of real files, graded end to end by the built command (the bugs found by
// running such files through `kam-portfolio`; each case failed before its fix).
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers";

interface Client { name: string; row: number; revenue: number; lastOrder?: string; trend?: string }
interface Report { clients: Client[]; needsData: { row: number; name: string; reason: string }[]; skipped?: unknown[]; summary: { asOf?: string; period?: { from: string; to: string }; revenue: number } }

async function gradeJson(file: string, ...args: string[]): Promise<Report> {
  const run = await runCli(["grade", file, "--json", ...args]);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  return JSON.parse(run.stdout) as Report;
}

describe("dates written day first (a UK invoice export: 14/01/2024 … 05/01/2025)", () => {
  it("every date of the column is read day first: 02/01/2025 is 2 January, not 1 February", async () => {
    const report = await gradeJson("test/fixtures/exports/invoices-day-first.csv");
    // Read day first the latest invoice is 05/01/2025 (5 January), and the twelve months to it
    // hold every invoice. Read month first, 05/01/2025 was 1 May: the two invoices of early 2024
    // fell out of the period and Hartley's 4,000 became 2,800.
    expect(report.summary.asOf).toBe("2025-01-05");
    expect(report.summary.period).toEqual({ from: "2024-01-06", to: "2025-01-05" });
    const got = report.clients.map((c) => [c.name, c.revenue, c.lastOrder]);
    expect(got).toEqual([
      ["Hartley & Sons", 1200 + 2500 + 300, "2025-01-05"],
      ["Moor Lane Ltd", 800 + 900, "2025-01-02"],
      ["Kestrel Print", 450, "2024-12-09"],
    ]);
    expect(report.needsData).toEqual([]);
  });
});

describe("dates with a time of day (an order list saved as CSV by a spreadsheet: 1/6/2025 9:12)", () => {
  it("each order is dated by its day: none needs data, the period ends on the last order's day", async () => {
    const report = await gradeJson("test/fixtures/exports/orders-date-time.csv");
    expect(report.needsData).toEqual([]);
    expect(report.summary.asOf).toBe("2025-03-17");
    expect(report.clients.map((c) => [c.name, c.row, c.revenue, c.lastOrder])).toEqual([
      ["Granite Dental", 2, 340 + 180 + 425, "2025-03-17"],
      ["Ivy Yoga", 5, 416, "2025-02-14"],
      ["Harbor Florists", 3, 62.5 + 228, "2025-03-01"],
    ]);
  });
});

describe("a summary report whose column of row labels has no header (,Total above Amy's Bird Sanctuary,1000.00)", () => {
  const file = "test/fixtures/exports/sales-summary-row-labels.csv";

  it("--map revenue=Total finds that header under the title lines, and the message then names the blank column by its letter", async () => {
    const run = await runCli(["grade", file, "--map", "revenue=Total"]);
    expect([run.code, run.stdout]).toEqual([1, ""]);
    // Before: `--map revenue="Total": no such column (headers seen: Sales by Customer Summary)`.
    expect(run.stderr).toBe(`kam-portfolio: ${file}: no client column found (headers seen: Total); name one with --map client="Header" (a column with no header by its letter: --map client=A)\n`);
  });

  it("with both named, every customer is graded, TOTAL skipped, the footer line listed under needs data", async () => {
    const report = await gradeJson(file, "--map", "client=A", "--map", "revenue=Total");
    expect(report.clients.map((c) => [c.name, c.row, c.revenue])).toEqual([
      ["Cool Cars", 8, 2369.52],
      ["Amy's Bird Sanctuary", 6, 1000],
      ["Bill's Windsurf Shop", 7, 85],
      ["Diego Rodriguez", 9, -50],
    ]);
    expect(report.skipped).toEqual([{ row: 10, name: "TOTAL", reason: "total row" }]);
    expect(report.needsData).toEqual([{ row: 14, name: "Accrual Basis Tuesday, December 1, 2025 10:00 AM GMT-05:00", reason: "no revenue" }]);
  });
});

describe("an invoice export with a row per invoice line (Xero: Total and InvoiceAmountPaid repeat on every line; dates day first)", () => {
  it("each client's revenue is the sum of its lines, unpaid invoices too; draft and voided invoices skipped", async () => {
    const report = await gradeJson("test/fixtures/exports/xero-invoices.csv");
    // Before: InvoiceAmountPaid was the revenue (Oak & Co, two invoices awaiting payment, had 0 and
    // was flagged no-revenue), counted once per line (Ridge's paid 960 twice), and 10/05/2025 was 5 October.
    expect(report.clients.map((c) => [c.name, c.revenue])).toEqual([
      ["Ridge Builders", 500 + 300 + 1200 + 2 * 150 + 3 * 100],
      ["Fenwick Dairy", 650 + 200 + 380],
      ["Oak & Co", 2 * 450],
    ]);
    expect(report.summary.asOf).toBe("2025-05-10");
    expect(report.skipped).toEqual([
      { row: 8, name: "Pine Ltd", reason: 'draft invoice (Status "Draft")' },
      { row: 11, name: "Oak & Co", reason: 'voided (Status "Voided")' },
    ]);
  });
});

describe("a CRM's company export (HubSpot: Annual Revenue, the client's own size, left of Total Revenue, its won deals)", () => {
  it("clients are graded on what they bought, not on how big they are", async () => {
    const run = await runCli(["grade", "test/fixtures/exports/crm-companies.csv", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    // Before: Annual Revenue (25,000,000 …) was the revenue, and Willow Care, with no deal won, was ranked.
    expect(report.clients.map((c) => [c.name, c.revenue])).toEqual([
      ["Umber Labs", 42000],
      ["Xylo Games", 15000],
      ["Vantage Print", 8800],
    ]);
    expect(report.needsData).toEqual([{ row: 4, name: "Willow Care", reason: "no revenue" }]);
  });
});

describe("a report exported page by page (its header line repeated above each page)", () => {
  it("each repeated header line is skipped as such, not listed as a client that needs data", async () => {
    const report = await gradeJson("test/fixtures/exports/sales-report-paged.csv");
    // Before: each was under needs data, `revenue: "Revenue" is not an amount`, named "Customer".
    expect(report.needsData).toEqual([]);
    expect(report.skipped).toEqual([
      { row: 6, name: "Customer", reason: "header row repeated" },
      { row: 9, name: "Customer", reason: "header row repeated" },
      { row: 11, name: "Grand Total", reason: "total row" },
    ]);
    expect(report.clients.map((c) => [c.row, c.name, c.revenue]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [4, "Alder Hotels", 18400],
      [5, "Birch Clinics", 9250],
      [7, "Cedar Foods", 4100],
      [8, "Dune Marine", 27900],
      [10, "Elm Legal", 3300],
    ]);
  });
});

describe("payments in two currencies (a Stripe export: Currency eur on one charge, usd on the others)", () => {
  const file = "test/fixtures/exports/payments-two-currencies.csv";

  it("the command says once that the amounts are added up as written, not converted", async () => {
    const note = "The column “Currency” names 2 currencies (EUR, USD): amounts are added up as written, not converted, so revenues in different currencies are compared as if they were one.";
    const json = await runCli(["grade", file, "--json"]);
    expect([json.code, json.stderr]).toEqual([0, `kam-portfolio: ${note}\n`]);
    const table = await runCli(["grade", file]);
    expect(table.stdout.split("\n").filter((l) => l.startsWith("Note: "))).toEqual([`Note: ${note}`]);
  });

  it("one currency says nothing", async () => {
    const one = await runCli(["grade", "test/fixtures/exports/payments.csv", "--json"]);
    expect([one.code, one.stderr]).toEqual([0, ""]);
  });
});

describe("a detail report grouped by customer (QuickBooks' Sales by Customer Detail): a heading, the customer's rows with no name, \"Total for …\"", () => {
  const file = "test/fixtures/exports/sales-by-customer-detail.csv";

  it("says which column is missing on the report's header line, not its title, and how to name a column with no header", async () => {
    const run = await runCli(["grade", file]);
    expect([run.code, run.stdout]).toEqual([1, ""]);
    // Before: `no revenue column found (headers seen: Sales by Customer Detail)`, the title line taken for the header.
    expect(run.stderr).toBe(
      `kam-portfolio: ${file}: no client column found (headers seen: Date, Transaction Type, Num, Product/Service, Memo/Description, Qty, Sales Price, Amount, Balance); name one with --map client="Header" (a column with no header by its letter: --map client=A)\n`,
    );
  });

  it("with the column named, each customer is graded on the rows of its group: headings and group totals skipped, nothing counted twice", async () => {
    const report = await gradeJson(file, "--map", "client=A", "--today", "2025-12-31");
    // Before: "Total for Cool Cars" and the others were graded as clients, and every row of a group needed a client name.
    expect(report.clients.map((c) => [c.name, c.revenue])).toEqual([
      ["Cool Cars", 1780],
      ["Amy's Bird Sanctuary", 325],
      ["Bill's Windsurf Shop", 275],
      ["Diego Rodriguez", -50],
    ]);
    expect(report.skipped).toEqual([
      { row: 6, name: "Amy's Bird Sanctuary", reason: "group heading" },
      { row: 9, name: "Total for Amy's Bird Sanctuary", reason: "total row" },
      { row: 10, name: "Bill's Windsurf Shop", reason: "group heading" },
      { row: 12, name: "Total for Bill's Windsurf Shop", reason: "total row" },
      { row: 13, name: "Cool Cars", reason: "group heading" },
      { row: 17, name: "Total for Cool Cars", reason: "total row" },
      { row: 18, name: "Diego Rodriguez", reason: "group heading" },
      { row: 20, name: "Total for Diego Rodriguez", reason: "total row" },
      { row: 21, name: "TOTAL", reason: "total row" },
    ]);
    expect(report.needsData).toEqual([{ row: 25, name: "Accrual Basis Tuesday, January 6, 2026 10:22 AM GMT-08:00", reason: "no revenue" }]);
  });
});

describe("a summary listing a customer's jobs under it (QuickBooks' sub-customers): the customer's heading, its jobs, \"Total Cool Cars\"", () => {
  it("grades each job as a client and skips the customer's heading and total, so nothing is counted twice", async () => {
    const report = await gradeJson("test/fixtures/exports/sales-summary-jobs.csv", "--map", "client=A", "--map", "revenue=Total");
    // Before: "Total Cool Cars" (1,750) was graded as a client beside its two jobs.
    expect(report.clients.map((c) => [c.name, c.row, c.revenue])).toEqual([
      ["Cool Cars:Fountain", 9, 1250],
      ["Amy's Bird Sanctuary", 6, 1000],
      ["Cool Cars:Lighting", 8, 500],
      ["Diego Rodriguez", 11, 85],
    ]);
    expect(report.summary.revenue).toBe(2835);
    expect(report.skipped).toEqual([
      { row: 7, name: "Cool Cars", reason: "group heading" },
      { row: 10, name: "Total Cool Cars", reason: "total row" },
      { row: 12, name: "TOTAL", reason: "total row" },
    ]);
    expect(report.needsData).toEqual([{ row: 16, name: "Accrual Basis Tuesday, December 1, 2025 10:00 AM GMT-05:00", reason: "no revenue" }]);
  });
});

// The exports of test/fixtures/exports graded end to end with no --map (SPEC §2a; the rows that
// were not revenue: docs/files.md): `kam-portfolio grade --json`, client by client, against sums
// worked out here from the fixture itself with Papa Parse and this file's own reading of each
// column — never through the command's reader or core.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers";

interface Report {
  clients: { name: string; revenue: number; revenueRating: string; score: number; grade: string; row: number; flags: string[] }[];
  needsData: { row: number; name: string; reason: string }[];
  skipped: { row: number; name: string; reason: string }[];
  summary: { clients: number; revenue: number; topClientShare: number | null };
}

/** How this test reads each export: which header holds what, how its amounts are written, which statuses were no revenue. */
interface Reading {
  file: string;
  delimiter: string;
  /** Rows above the header. */
  above?: number;
  client: string;
  revenue: string;
  amount: (text: string) => number;
  status?: string;
  /** Status words (lower case) whose rows brought no revenue, and the word of their reason. */
  notRevenue?: Record<string, string>;
  /** A deal pipeline: only these statuses count, the rest are lost or open deals. */
  won?: string[];
  /** Client labels that are totals, not clients. */
  totals?: string[];
}

const us = (t: string) => Number(t.replace(/[$,\s]/g, ""));
const euro = (t: string) => Number(t.replace(/[€\s.]/g, "").replace(",", "."));

const READINGS: Reading[] = [
  {
    file: "shop-orders.csv", delimiter: ",", client: "Billing Company", revenue: "Total", amount: us,
    status: "Financial Status", notRevenue: { refunded: "refunded", voided: "voided" },
  },
  { file: "invoices.csv", delimiter: ",", client: "Client Name", revenue: "Invoice Total", amount: us, status: "Status", notRevenue: { draft: "draft invoice", void: "voided" } },
  // A row per invoice line: the lines' amounts add up to the invoice (its Total, repeated on each line, would count it twice).
  { file: "xero-invoices.csv", delimiter: ",", client: "ContactName", revenue: "LineAmount", amount: us, status: "Status", notRevenue: { draft: "draft invoice", voided: "voided" } },
  { file: "payments.csv", delimiter: ",", client: "Customer Description", revenue: "Amount", amount: us, status: "Status", notRevenue: { refunded: "refunded", failed: "failed payment" } },
  { file: "sales-by-customer.csv", delimiter: ",", above: 3, client: "Customer Name", revenue: "Sales", amount: us, totals: ["Total"] },
  { file: "crm-deals.csv", delimiter: ",", client: "Associated Company", revenue: "Amount", amount: us, status: "Deal Stage", won: ["Closed Won"] },
  { file: "crm-opportunities.csv", delimiter: ",", client: "Account Name", revenue: "Amount", amount: us, status: "Stage", won: ["Closed Won"] },
  { file: "semicolon-euro.csv", delimiter: ";", client: "Client", revenue: "Revenue", amount: euro },
  { file: "tab-names-with-commas.csv", delimiter: "\t", client: "Client", revenue: "Revenue", amount: us },
];

/** What the grade should be, from this test's own sums: revenue per client, skipped rows, lines that continue an order. */
function expected(r: Reading) {
  const rows = Papa.parse<string[]>(readFileSync(`${ROOT}test/fixtures/exports/${r.file}`, "utf8").replace(/^\uFEFF/, ""), { delimiter: r.delimiter, skipEmptyLines: false }).data;
  const header = rows[r.above ?? 0] as string[];
  const col = (h: string) => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`${r.file}: no ${h}`);
    return i;
  };
  const [c, v, s] = [col(r.client), col(r.revenue), r.status === undefined ? -1 : col(r.status)];
  const revenue = new Map<string, number>();
  const skipped: { row: number; name: string; reason: RegExp }[] = [];
  let continuations = 0;
  rows.forEach((cells, i) => {
    if (i <= (r.above ?? 0) || cells.every((x) => x.trim() === "")) return;
    const name = (cells[c] ?? "").trim();
    const status = s < 0 ? "" : (cells[s] ?? "").trim();
    const amount = (cells[v] ?? "").trim();
    if (r.totals?.includes(name)) return skipped.push({ row: i + 1, name, reason: /^total row$/ });
    const no = r.notRevenue?.[status.toLowerCase()];
    if (no) return skipped.push({ row: i + 1, name, reason: new RegExp(`^${no} \\(${r.status} "${status}"\\)$`) });
    if (r.won && status !== "" && !r.won.includes(status)) {
      return skipped.push({ row: i + 1, name, reason: new RegExp(`^(lost|open) deal \\(${r.status} "${status}"\\)$`) });
    }
    if (name === "" && amount === "") return continuations++;
    revenue.set(name, (revenue.get(name) ?? 0) + r.amount(amount));
  });
  return { revenue, skipped, continuations };
}

describe.each(READINGS)("$file graded with no --map", (r) => {
  const want = expected(r);
  let report: Report;
  beforeAll(async () => {
    // The installed command, as an owner runs it.
    const run = await runCli(["grade", `test/fixtures/exports/${r.file}`, "--json", "--today", "2025-06-30"]);
    expect([run.code, run.stderr.replace(/^kam-portfolio: The column “(Deal )?Stage” holds no relationship strengths.*\n/, "")]).toEqual([0, ""]);
    report = JSON.parse(run.stdout) as Report;
  });

  it("every client's revenue is the sum of its rows that were revenue; the rest are skipped with the reason; nothing needs data", () => {
    expect(report.needsData).toEqual([]);
    const got = new Map(report.clients.map((x) => [x.name, x.revenue]));
    expect(got.size).toBe(report.clients.length); // each client once: an order list is merged
    expect([...got.keys()].sort()).toEqual([...want.revenue.keys()].sort());
    for (const [name, sum] of want.revenue) expect(got.get(name), name).toBeCloseTo(sum, 9);
    expect(report.skipped.map((x) => [x.row, x.name])).toEqual(want.skipped.map((x) => [x.row, x.name]));
    report.skipped.forEach((x, i) => expect(x.reason).toMatch(want.skipped[i]!.reason));
    expect(report.summary.revenue).toBeCloseTo([...want.revenue.values()].reduce((a, b) => a + b, 0), 9);
  });

  it("grades by the SPEC's numbers: the top revenue High and B (30 + ½·15 + ½·25 + 0 + ½·10 = 55), the rest C", () => {
    const sorted = [...want.revenue.entries()].sort((a, b) => b[1] - a[1]);
    // These exports have no margin, wallet, strategic or pain columns; ⌈n·10%⌉ = ⌈n·20%⌉ = 1 for n ≤ 5.
    expect(sorted.length).toBeLessThanOrEqual(5);
    for (const [i, [name]] of sorted.entries()) {
      const x = report.clients.find((y) => y.name === name)!;
      const high = i === 0;
      // The semicolon file has a margin column, so its scores differ; its revenue ratings do not.
      if (r.file !== "semicolon-euro.csv") expect([x.revenueRating, x.score, x.grade], name).toEqual(high ? ["High", 55, "B"] : ["Low", 25, "C"]);
      else expect(x.revenueRating, name).toBe(high ? "High" : "Low");
    }
  });
});

describe("what the exports tell the owner", () => {
  it("the shop export's further line items are counted, not listed under needs data", async () => {
    const want = expected(READINGS[0]!);
    expect(want.continuations).toBe(6);
    const table = await runCli(["grade", "test/fixtures/exports/shop-orders.csv"]);
    expect(table.stdout.split("\n")[0]).toBe(`KAM portfolio: 4 clients (7 order rows and ${want.continuations} further lines merged), A 0 · B 1 · C 3; 1 row skipped`);
    expect(table.stdout).toContain('Skipped (not graded):\n  row 12 (Cobalt Kitchen Lda): refunded (Financial Status "refunded")');
    expect(table.stdout).not.toContain("Needs data");
  });

  it("a CRM's stage column is not used as the relationship, and the command says so once", async () => {
    for (const [file, header] of [["crm-deals.csv", "Deal Stage"], ["crm-opportunities.csv", "Stage"]]) {
      const table = await runCli(["grade", `test/fixtures/exports/${file}`]);
      const notes = table.stdout.split("\n").filter((l) => l.startsWith("Note: "));
      expect(notes).toEqual([`Note: The column “${header}” holds no relationship strengths (1–5, 0–10, 0–100, High/Medium/Low or a stage such as Cooperative): not used; relationships are estimated from wallet share and pain.`]);
      const json = await runCli(["grade", `test/fixtures/exports/${file}`, "--json"]);
      expect(json.stderr).toContain(`kam-portfolio: The column “${header}” holds no relationship strengths`);
    }
  });

  it("semicolon file: 2.500 € is 2500 and (3,5 %) a margin of −3.5%", async () => {
    const report = JSON.parse((await runCli(["grade", "test/fixtures/exports/semicolon-euro.csv", "--json"])).stdout) as Report & { clients: { margin: number | null }[] };
    expect(report.clients.find((c) => c.name === "Müller GmbH")).toMatchObject({ revenue: 2500, margin: 0.125 });
    expect(report.clients.find((c) => c.name === "Bäckerei Schmidt")).toMatchObject({ revenue: 1234.56, margin: -0.035, grade: "C", flags: expect.arrayContaining(["laggard"]) });
  });
});

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

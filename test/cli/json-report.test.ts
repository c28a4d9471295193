// `grade --json` written client by client (cli/json-report.ts, issue 10): the same bytes as
// JSON.stringify of the whole report, for every shape the report takes (a sheet of clients, an
// order list on a period, an earlier build's history, cost to serve, no clients), in pieces of
// whole lines a few hundred clients at a time.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeFile } from "../../cli/grade";
import { jsonReportPieces } from "../../cli/json-report";
import { main } from "../../cli/main";
import { parseOptions } from "../../cli/options";
import type { Portfolio } from "../../core/portfolio";
import { toJson } from "../../core/report";
import { ROOT } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function graded(...args: string[]): Promise<Portfolio> {
  return gradeFile(await parseOptions(["grade", ...args, "--today", "2026-06-30"]));
}

/** What the command writes: each piece is a line (Io.out adds the line break). */
const written = (p: Portfolio) => [...jsonReportPieces(p)].join("\n");

describe("grade --json in pieces", () => {
  it("is JSON.stringify(toJson(p), null, 2) byte for byte, whatever the report holds", async () => {
    const built = join(dir, "clients.kam.xlsx");
    expect(await main(["build", `${ROOT}examples/clients.csv`, "--out", built, "--today", "2026-06-01"], { out: () => {}, err: () => {} })).toBe(0);
    const costs = join(dir, "costs.csv");
    writeFileSync(costs, "Client,Revenue,Gross Margin,Cost to Serve\nAcme,1000,30%,50\nBeta,200,-5%,\nGamma,,10%,5\n");
    const portfolios: [string, Portfolio][] = [
      ["clients", await graded(`${ROOT}examples/clients.csv`)],
      ["an order list on a period", await graded(`${ROOT}examples/orders.csv`)],
      ["an earlier build's history", await graded(built)],
      ["cost to serve, and a row needing data", await graded(costs)],
    ];
    const [, first] = portfolios[0] as [string, Portfolio];
    portfolios.push(["no clients", { ...first, clients: [] }]);
    expect((portfolios[2]?.[1] as Portfolio).previousBuild).not.toBeNull();
    expect((portfolios[1]?.[1] as Portfolio).period).not.toBeNull();
    expect((portfolios[3]?.[1] as Portfolio).mapping.costToServe).toBeDefined();
    expect((portfolios[3]?.[1] as Portfolio).needsData).toHaveLength(1);
    for (const [name, p] of portfolios) expect(written(p), name).toBe(JSON.stringify(toJson(p), null, 2));
  });

  it("comes in pieces of whole lines, a few hundred clients each, for a large report", async () => {
    const p = await graded(`${ROOT}examples/clients.csv`);
    const many = { ...p, clients: Array.from({ length: 3000 }, (_, i) => ({ ...(p.clients[i % p.clients.length] as Portfolio["clients"][number]), rank: i + 1 })) };
    const pieces = [...jsonReportPieces(many)];
    // The head, 12 batches of at most 256 clients, the tail.
    expect(pieces).toHaveLength(14);
    for (const piece of pieces.slice(1, -1)) expect(piece.match(/^ {4}\{$/gm)?.length).toBeLessThanOrEqual(256);
    expect(pieces.join("\n")).toBe(JSON.stringify(toJson(many), null, 2));
    for (const n of [255, 256, 257, 512]) expect([...jsonReportPieces({ ...many, clients: many.clients.slice(0, n) })].join("\n"), `${n} clients`).toBe(JSON.stringify(toJson({ ...many, clients: many.clients.slice(0, n) }), null, 2));
  });
});

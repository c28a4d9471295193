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
import { gradePortfolio, type ClientResult, type Flag, type JsonClient } from "../../core/portfolio";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts } from "../../core/values";
import { toJson } from "../../core/report";
import { ROOT } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function graded(...args: string[]): Promise<Portfolio> {
  return gradeFile(await parseOptions(["grade", ...args, "--today", "2026-06-30"]));
}

/**
 * SPEC §10's client read off its full result, field for field and in the JSON's order: what the
 * command wrote before its clients were made straight from the grading's columns (jsonClients).
 */
function fromFullResult(p: Portfolio): (c: ClientResult) => JsonClient {
  return (c) => ({
    rank: c.rank,
    row: c.row,
    name: c.name,
    revenue: c.revenue,
    revenueRating: c.revenueRating,
    walletShare: c.walletShare,
    walletRating: c.walletRating,
    margin: c.margin,
    profitRating: c.profitRating,
    strategic: c.strategic,
    pain: c.pain,
    score: c.score,
    grade: c.grade,
    relationship: c.relationship,
    benefit: c.benefit,
    quadrant: c.quadrant,
    flags: [...c.flags],
    ...(p.previousBuild ? { previousGrade: c.previousGrade, movement: c.movement, grades: [...c.grades] } : {}),
    ...(p.period !== null
      ? { revenuePrevious: c.revenuePrevious, growth: c.growth, trend: c.trend, lastOrder: c.lastDate, daysSinceLastOrder: c.daysSinceLastOrder }
      : {}),
    ...(p.mapping.costToServe !== undefined ? { costToServe: c.costToServe } : {}),
    ...(p.profitCurve !== null ? { profit: c.profit } : {}),
  });
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
    const none = join(dir, "none.csv");
    writeFileSync(none, "Client,Revenue,Gross Margin\nAcme,,30%\nBeta,n/a,10%\n");
    portfolios.push(["no clients ranked, two rows needing data", await graded(none)]);
    expect((portfolios[4]?.[1] as Portfolio).summary.clients).toBe(0);
    expect((portfolios[4]?.[1] as Portfolio).needsData).toHaveLength(2);
    expect((portfolios[2]?.[1] as Portfolio).previousBuild).toBe(true);
    expect((portfolios[1]?.[1] as Portfolio).period).not.toBeNull();
    expect((portfolios[3]?.[1] as Portfolio).mapping.costToServe).toBeDefined();
    expect((portfolios[3]?.[1] as Portfolio).needsData).toHaveLength(1);
    for (const [name, p] of portfolios) {
      expect(written(p), name).toBe(JSON.stringify(toJson(p), null, 2));
      // Each client as its full result says, the same fields in the same order.
      expect(JSON.stringify(toJson(p).clients), name).toBe(JSON.stringify(p.clients.map(fromFullResult(p))));
    }
  });

  it("is each client's full result for the other flags, a relationship given for some clients only, and no profit", async () => {
    // The flags the examples never raise, between an order list over three years (lapsed, at
    // risk) and a sheet of clients after three builds (sliding) with a duplicate name, overrides
    // (one expired), reviews and a relationship strength left blank for some: that one has no
    // margin, so no profit curve, and its clients have no `profit` in the JSON.
    const sheet = [
      ["Client", "Revenue", "Strategic value", "Pain", "Relationship strength", "Manual grade", "Override until", "Last review"],
      ["Acme", 100, "Low", "High", 4, "", "", "2026-06-01"],
      ["Bolt", 1000, "High", "Low", "", "A", "2026-01-31", ""],
      ["Cobalt", 10, "Low", "Medium", 2, "", "", "2025-01-01"],
      ["Cobalt", 20, "Medium", "Medium", "", "", "", ""],
      ["Dune", 0, "Low", "Low", 3, "", "", ""],
      ["Elm", 500, "Medium", "Low", "", "B", "", "2026-05-01"],
    ];
    const snap = (date: string, client: string, grade: "A" | "B" | "C") => ({ date, client, grade, score: 3, quadrant: "Strategic" });
    const history = [snap("2026-01-01T10:00:00Z", "Acme", "A"), snap("2026-02-01T10:00:00Z", "Acme", "B"), snap("2026-02-01T10:00:00Z", "Bolt", "B")];
    const clients = gradePortfolio({ rows: sheet, settings: { ...DEFAULT_SETTINGS, mode: "clients" }, today: dayFromParts(2026, 6, 30), history });
    const orders = await graded(`${ROOT}test/vectors/orders-dated.csv`);
    expect(clients.profitCurve).toBeNull();
    expect(clients.previousBuild).toBe(true);
    expect(clients.clients.map((c) => c.relationshipEstimated)).toContain(true);
    expect(clients.clients.map((c) => c.relationshipEstimated)).toContain(false);
    const flags = new Set<Flag>([...clients.clients, ...orders.clients].flatMap((c) => c.flags));
    // The flags the examples above never raise, with some they do (shed and laggard need a margin).
    expect([...flags].sort()).toEqual(["at-risk", "duplicate", "estimated-relationship", "incomplete", "lapsed", "no-revenue", "override", "override-expired", "review-due", "sliding"]);
    for (const p of [clients, orders]) {
      expect(JSON.stringify(toJson(p).clients)).toBe(JSON.stringify(p.clients.map(fromFullResult(p))));
      expect(written(p)).toBe(JSON.stringify(toJson(p), null, 2));
    }
    expect(Object.keys(toJson(clients).clients[0] ?? {})).not.toContain("profit");
  });

  /** A sheet of n clients (revenues tie in tens, so the rank order is not the sheet's). */
  function sheetOf(n: number): string {
    const file = join(dir, `clients-${n}.csv`);
    const rows = Array.from({ length: n }, (_, i) => `Client ${i + 1},${1000 + ((i * 7919) % (n + 3)) * 10},${(i % 40) / 100},${(i % 10) / 10}`);
    writeFileSync(file, `Client,Revenue,Gross Margin,Share of Wallet\n${rows.join("\n")}\n`);
    return file;
  }

  it("comes in pieces of whole lines, a few hundred clients each, for a large report", async () => {
    const p = await graded(sheetOf(3000));
    const pieces = [...jsonReportPieces(p)];
    // The head, 12 batches of at most 256 clients, the tail.
    expect(pieces).toHaveLength(14);
    for (const piece of pieces.slice(1, -1)) expect(piece.match(/^ {4}\{$/gm)?.length).toBeLessThanOrEqual(256);
    expect(pieces.join("\n")).toBe(JSON.stringify(toJson(p), null, 2));
    for (const n of [255, 256, 257, 512]) {
      const q = await graded(sheetOf(n));
      expect(q.summary.clients).toBe(n);
      expect(written(q), `${n} clients`).toBe(JSON.stringify(toJson(q), null, 2));
    }
  });

  it("never reads the portfolio's clients, so it never holds every result at once", async () => {
    const p = await graded(sheetOf(600));
    const watched = new Proxy(p, {
      get(target, key, receiver) {
        if (key === "clients" || key === "clientByRow") throw new Error(`read ${String(key)}`);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const json = [...jsonReportPieces(watched)].join("\n");
    expect(json).toBe(JSON.stringify(toJson(p), null, 2));
    // The writer's clients are made anew for each range, never kept.
    const [once] = p.jsonClients(0, 1);
    expect(p.jsonClients(0, 1)[0]).not.toBe(once);
    expect(p.jsonClients(0, 1)[0]).toEqual(once);
    // Field for field and in the same order, what the full results say.
    const full = p.clients.map(fromFullResult(p));
    expect(JSON.stringify(p.jsonClients(0, 600))).toBe(JSON.stringify(full));
    expect(p.jsonClients(0, 1)[0]).not.toBe(full[0]);
    expect(p.jsonClients(598, 700).map((c) => c.rank)).toEqual([599, 600]);
    expect(p.jsonClients(600, 700)).toEqual([]);
  });
});

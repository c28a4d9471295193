// `kam-portfolio grade --json` on the shared vector orders-dated (test/vectors, copied from
// shared/vectors): an order list over almost three years, graded on the 12 months to its latest
// counted date (SPEC §2, §2a, §11) by an independent implementation. It agrees client for client:
// n in the revenue-rank cut-offs and the top 20% counts every client with a valid revenue (SPEC
// §3.1, §7: 30 here, the 6 lapsed ones at 0 included), while the shares sum positive revenue only
// (SPEC §2a). Pine Print (6th revenue) is the client that reading decides: rank 6 ≤ ⌈30·20%⌉ is Medium.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers";

interface VectorClient { [key: string]: unknown; name: string; rank: number; flags: string[]; revenue: number }
const expected = JSON.parse(readFileSync(`${ROOT}test/vectors/orders-dated.expected.json`, "utf8")) as { clients: VectorClient[]; needsData: { row: number; name: string }[]; summary: Record<string, unknown> };

describe("shared vector orders-dated", async () => {
  const run = await runCli(["grade", "test/vectors/orders-dated.csv", "--json"]);
  const actual = JSON.parse(run.stdout) as { clients: VectorClient[]; needsData: { row: number; name: string; reason: string }[]; skipped: unknown[]; summary: Record<string, unknown> };
  const got = (name: string) => actual.clients.find((c) => c.name === name) as VectorClient;

  it("exits 0 with nothing on stderr", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("lists the same 30 clients, lapsed ones included", () => {
    expect(actual.clients.map((c) => c.name).sort()).toEqual(expected.clients.map((c) => c.name).sort());
  });

  const cases: [string, VectorClient][] = expected.clients.map((c) => [c.name, c]);
  it.each(cases)("%s: current-period revenue and margin, trend, growth, ratings, score, grade, quadrant, flags", (name, want) => {
    const c = got(name);
    for (const key of ["row", "revenue", "walletRating", "profitRating", "strategic", "pain", "relationship", "quadrant", "trend"]) {
      expect(c[key], key).toEqual(want[key]);
    }
    expect(c.walletShare).toBe(want.share);
    if (want.margin === null) expect(c.margin).toBeNull();
    else expect(c.margin).toBeCloseTo(want.margin as number, 12);
    if (want.growth === null) expect(c.growth).toBeNull();
    else expect(c.growth).toBeCloseTo(want.growth as number, 11);
    for (const key of ["revenueRating", "score", "grade"]) expect(c[key], key).toEqual(want[key]);
    // The vector leaves out the flags every client here has: no wallet share column (incomplete)
    // and no relationship column (estimated-relationship).
    expect(c.flags.filter((f) => f !== "incomplete" && f !== "estimated-relationship")).toEqual(want.flags);
    expect(c.flags).toContain("estimated-relationship");
  });

  it("ranks in the vector's order", () => {
    const order = (list: VectorClient[]) => list.map((c) => c.name);
    expect(order([...actual.clients].sort((a, b) => a.rank - b.rank))).toEqual(order([...expected.clients].sort((a, b) => a.rank - b.rank)));
    expect(actual.clients.map((c) => c.rank)).toEqual(actual.clients.map((_, i) => i + 1));
  });

  it("needs data: the row without an amount and the row without a date", () => {
    expect(actual.needsData.map(({ row, name }) => ({ row, name }))).toEqual(expected.needsData);
    expect(actual.needsData.map((n) => n.reason)).toEqual(["no revenue", "no valid date"]);
    expect(actual.skipped).toEqual([]);
  });

  it("summary over the current period, with asOf and the period", () => {
    const s = actual.summary;
    expect(s.clients).toBe(expected.summary.clients);
    expect(s.revenue).toBeCloseTo(expected.summary.revenue as number, 6);
    expect(s.topClientShare).toBeCloseTo(expected.summary.topClientShare as number, 12);
    expect(s.hhi).toBeCloseTo(expected.summary.hhi as number, 9);
    expect(s.byGrade).toEqual(expected.summary.byGrade);
    expect(s.top20Share).toBeCloseTo(expected.summary.top20Share as number, 12);
    // Pine Print is the 6th revenue: Medium only because the lapsed clients count in n.
    expect(got("Pine Print")).toMatchObject({ revenueRating: "Medium", score: 40, grade: "B" });
    expect(s.asOf).toBe("2025-11-24");
    expect(s.period).toEqual({ from: "2024-11-25", to: "2025-11-24" });
  });

  it("each client carries SPEC §10's period fields", () => {
    const lapsed = got("North Motors");
    expect(lapsed).toMatchObject({ revenue: 0, trend: "Lapsed", growth: -1 });
    expect(typeof lapsed.revenuePrevious).toBe("number");
    expect(lapsed.lastOrder).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(lapsed.daysSinceLastOrder).toBeGreaterThan(365);
    for (const c of actual.clients) expect(Object.keys(c)).toEqual(expect.arrayContaining(["revenuePrevious", "growth", "trend", "lastOrder", "daysSinceLastOrder"]));
  });
});

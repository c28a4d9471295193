// `kam-portfolio grade --json` agrees with the shared vector that an independent implementation
// of SPEC §2–§5 and §7 computed (test/vectors, copied from shared/vectors).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers";

const expected = JSON.parse(readFileSync(`${ROOT}test/vectors/clients-60.expected.json`, "utf8"));

describe("shared vector clients-60", async () => {
  const run = await runCli(["grade", "test/vectors/clients-60.csv", "--json"]);
  const actual = JSON.parse(run.stdout);

  it("exits 0 with nothing on stderr", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("ranks the same clients in the same order", () => {
    expect(actual.clients.map((c: { name: string }) => c.name)).toEqual(expected.clients.map((c: { name: string }) => c.name));
  });

  const cases: [number, string, Record<string, unknown>][] = expected.clients.map((c: Record<string, unknown>) => [c.rank, c.name, c]);
  it.each(cases)(
    "rank %i %s: ratings, score, grade, quadrant, row",
    (rank, _name, want) => {
      const got = actual.clients[rank - 1];
      for (const key of ["rank", "row", "name", "revenue", "revenueRating", "walletShare", "walletRating", "margin", "profitRating", "strategic", "pain", "score", "grade", "relationship", "quadrant"]) {
        expect(got[key], key).toEqual((want as Record<string, unknown>)[key]);
      }
      // SPEC §5 flags every estimated relationship; the vector leaves that flag out.
      expect(got.flags.filter((f: string) => f !== "estimated-relationship")).toEqual((want as { flags: string[] }).flags);
      expect(got.flags).toContain("estimated-relationship");
      expect(got.benefit).toBe(got.score);
    },
  );

  it("summary", () => {
    // The vector covers SPEC §2–§7; the §12 profit fields come on top (margins are known here).
    const { hhi, profitTop20Share, lossMakers, lossTotal, ...rest } = actual.summary;
    const { hhi: wantHhi, ...wantRest } = expected.summary;
    expect(rest).toEqual(wantRest);
    expect(typeof profitTop20Share).toBe("number");
    expect(lossMakers).toBe(actual.clients.filter((c: { profit: number }) => c.profit < 0).length);
    expect(lossTotal).toBeLessThan(0);
    expect(hhi).toBeCloseTo(wantHhi, 9);
    expect(actual.needsData).toEqual(expected.needsData);
  });

  it("has exactly the SPEC §10 keys", () => {
    expect(Object.keys(actual).sort()).toEqual(["clients", "needsData", "skipped", "summary"]);
    expect(actual.skipped).toEqual([]);
    expect(Object.keys(actual.clients[0]).sort()).toEqual(
      // `profit` (SPEC §10, §12): the data has margins.
      ["rank", "row", "name", "revenue", "revenueRating", "walletShare", "walletRating", "margin", "profitRating", "strategic", "pain", "score", "grade", "relationship", "benefit", "quadrant", "flags", "profit"].sort(),
    );
    expect(Object.keys(actual.summary).sort()).toEqual(["byGrade", "clients", "hhi", "lossMakers", "lossTotal", "profitTop20Share", "revenue", "top20Share", "topClientShare"]);
  });
});

// core/model/builds.ts: movement over builds (SPEC §7a), and through gradePortfolio with a history.
import { describe, expect, it } from "vitest";
import { isSliding, lastGrades, migrationOf, migrationRows, recentBuilds } from "../../../core/model/builds";
import type { SnapshotRow } from "../../../core/model/history";
import { toJson } from "../../../core/report";
import { byName, grade } from "../portfolio/grade";

const snap = (date: string, client: string, g: "A" | "B" | "C"): SnapshotRow => ({ date, client, grade: g, score: 0, quadrant: "" });

describe("recentBuilds and lastGrades", () => {
  const history = [
    snap("2026-01-01T10:00:00Z", "Acme", "A"),
    snap("2026-02-01T10:00:00Z", "Acme", "A"),
    snap("2026-02-01T10:00:00Z", "Bolt", "C"),
    snap("2026-03-01T10:00:00Z", "acme ", "B"), // the same client, matched by name ignoring case and spaces
    snap("2026-04-01T10:00:00Z", "Acme", "B"),
  ];
  it("the last three builds, oldest first", () => {
    const builds = recentBuilds(history);
    expect(builds.map((b) => [...b.entries()])).toEqual([[["acme", "A"], ["bolt", "C"]], [["acme", "B"]], [["acme", "B"]]]);
  });
  it("the last four grades end with this build's; a build the client was not in is skipped", () => {
    const builds = recentBuilds(history);
    expect(lastGrades(builds, "acme", "C")).toEqual(["A", "B", "B", "C"]);
    expect(lastGrades(builds, "bolt", "A")).toEqual(["C", "A"]);
    expect(lastGrades(builds, "new", "B")).toEqual(["B"]);
  });
});

describe("sliding: the grade fell at each of the last two builds", () => {
  it.each<[string[], boolean]>([
    [["A", "B", "C"], true],
    [["B", "A", "B", "C"], true],
    [["A", "B", "B"], false],
    [["A", "A", "C"], false], // one fall of two grades is not two falls in a row
    [["C", "B", "A"], false],
    [["A", "B"], false],
    [["A", "C", "B"], false],
  ])("%j: %s", (grades, want) => {
    expect(isSliding(grades as ("A" | "B" | "C")[])).toBe(want);
  });
});

describe("the migration table", () => {
  it("counts previous × current grade, new clients by current grade, gone clients by previous grade", () => {
    const m = migrationOf(new Map([["a", "A"], ["b", "A"], ["c", "B"], ["gone", "C"]]), [
      { key: "a", grade: "A" },
      { key: "b", grade: "B" },
      { key: "c", grade: "A" },
      { key: "n", grade: "C" },
    ]);
    expect(migrationRows(m)).toEqual([
      ["Previous ↓ / now →", "A", "B", "C", "Gone"],
      ["A", 1, 1, 0, 0],
      ["B", 1, 0, 0, 0],
      ["C", 0, 0, 0, 1],
      ["New", 0, 0, 1, ""],
    ]);
  });
});

describe("through gradePortfolio", () => {
  const rows = [
    ["Client", "Revenue", "Strategic"],
    ["Acme", 100, "Low"],
    ["Bolt", 1000, "Low"],
    ["Cobalt", 10, "Low"],
  ];
  const history = [
    snap("2026-01-01T10:00:00Z", "Acme", "A"),
    snap("2026-02-01T10:00:00Z", "Acme", "B"),
    snap("2026-02-01T10:00:00Z", "Gone Ltd", "B"),
    snap("2026-02-01T10:00:00Z", "Cobalt", "C"),
  ];
  const p = grade(rows, {}, { history });
  it("each client's last grades and sliding", () => {
    expect(byName(p.clients, "Acme").grades).toEqual(["A", "B", "C"]);
    expect(byName(p.clients, "Acme").flags).toContain("sliding");
    expect(byName(p.clients, "Bolt").grades).toEqual(["B"]);
    expect(byName(p.clients, "Bolt").flags).not.toContain("sliding");
  });
  it("the migration table against the last build", () => {
    expect(p.migration).toEqual({ counts: { A: { A: 0, B: 0, C: 0 }, B: { A: 0, B: 0, C: 1 }, C: { A: 0, B: 0, C: 1 } }, newClients: { A: 0, B: 1, C: 0 }, gone: { A: 0, B: 1, C: 0 } });
  });
  it("--json carries grades after a build, not before", () => {
    expect(toJson(p).clients.find((c) => c.name === "Acme")?.grades).toEqual(["A", "B", "C"]);
    const first = grade(rows);
    expect(first.migration).toBeNull();
    expect(Object.keys(toJson(first).clients[0] ?? {})).not.toContain("grades");
    expect(byName(first.clients, "Acme").grades).toEqual(["C"]);
  });
});

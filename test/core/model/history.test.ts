// core/model/history.ts: movement ▲ / ▼ / = / new between builds (SPEC §7).
import { describe, expect, it } from "vitest";
import { latestSnapshot, movement, snapshotFromCells, snapshotToCells } from "../../../core/model/history";

describe("movement", () => {
  it.each([
    [null, "A", "new"],
    [null, "C", "new"],
    ["B", "A", "▲"],
    ["C", "A", "▲"],
    ["C", "B", "▲"],
    ["A", "B", "▼"],
    ["A", "C", "▼"],
    ["B", "C", "▼"],
    ["A", "A", "="],
    ["B", "B", "="],
    ["C", "C", "="],
  ] as const)("%s → %s: %s", (prev, now, want) => {
    expect(movement(prev, now)).toBe(want);
  });
});

describe("the previous build's snapshot", () => {
  const history = [
    { date: "2026-01-05T10:00:00Z", client: "Acme", grade: "C" as const, score: 20, quadrant: "Rethink" },
    { date: "2026-04-05T10:00:00Z", client: "Acme", grade: "B" as const, score: 40, quadrant: "Rethink" },
    { date: "2026-04-05T10:00:00Z", client: " bolt LTD ", grade: "A" as const, score: 80, quadrant: "Key client" },
    { date: "2026-01-05T10:00:00Z", client: "Cobalt", grade: "A" as const, score: 70, quadrant: "Key client" },
  ];

  it("is every row of the last date, keyed by name ignoring case and spaces", () => {
    const latest = latestSnapshot(history);
    expect([...latest.keys()].sort()).toEqual(["acme", "bolt ltd"]);
    expect(latest.get("acme")?.grade).toBe("B");
    expect(latest.has("cobalt")).toBe(false); // dropped at the last build: not "previous"
  });

  it("is empty without history", () => {
    expect(latestSnapshot([]).size).toBe(0);
  });

  it("round-trips through sheet cells; unreadable rows are skipped", () => {
    const row = history[1]!;
    expect(snapshotFromCells(snapshotToCells(row))).toEqual(row);
    expect(snapshotFromCells(["2026-04-05", "Acme", "b", "40", "Rethink"])).toEqual({ date: "2026-04-05", client: "Acme", grade: "B", score: 40, quadrant: "Rethink" });
    expect(snapshotFromCells(["", "Acme", "B", 40, "Rethink"])).toBeNull();
    expect(snapshotFromCells(["2026-04-05", "", "B", 40, "Rethink"])).toBeNull();
    expect(snapshotFromCells(["2026-04-05", "Acme", "D", 40, "Rethink"])).toBeNull();
  });
});

// core/history-window.ts: which history rows a build reads (the last HISTORY_BUILDS_READ builds)
// and what appending drops (builds past HISTORY_BUILDS_KEPT), from the index each host keeps.
import { describe, expect, it } from "vitest";
import { appendBuild, buildOrder, historyIndexPieces, historyIndexText, historyLastRow, indexFromDates, parseHistoryIndex, recentRows, rowsFit } from "../../core/history-window";
import { HISTORY_BUILDS_KEPT, HISTORY_BUILDS_READ } from "../../core/plan";

const builds = (n: number, rows = 10) => Array.from({ length: n }, (_, i) => ({ date: `2026-01-${String(i + 1).padStart(2, "0")}T10:00:00Z`, rows: rows + i }));

describe("history window", () => {
  it("SPEC §7a's numbers: 24 builds kept, the last four read", () => {
    expect([HISTORY_BUILDS_KEPT, HISTORY_BUILDS_READ]).toEqual([24, 4]);
  });

  it("reads the rows of the last four builds (all of them when there are fewer)", () => {
    expect(recentRows([])).toBeNull();
    expect(recentRows(builds(2))).toEqual({ firstRow: 2, rows: 10 + 11 });
    const six = builds(6); // rows 10..15 → rows 2..76
    expect(historyLastRow(six)).toBe(1 + 10 + 11 + 12 + 13 + 14 + 15);
    expect(recentRows(six)).toEqual({ firstRow: 2 + 10 + 11, rows: 12 + 13 + 14 + 15 });
  });

  it("tells whether the rows read are where the index puts its builds (an owner may delete or sort the sheet's rows)", () => {
    const six = builds(6, 2); // rows 2..6 a build: 2, 3, 4, 5, 6, 7 rows
    const dates = six.slice(2).flatMap((b) => Array.from({ length: b.rows }, () => b.date));
    expect(dates).toHaveLength(recentRows(six)?.rows ?? -1);
    expect(rowsFit(six, dates)).toBe(true);
    // A date cell with spaces around is the same date (as indexFromDates reads it).
    expect(rowsFit(six, dates.map((d, i) => (i === 1 ? ` ${d} ` : d)))).toBe(true);
    // A row of an older build moved up into the span (rows deleted above it), or the last rows shifted.
    expect(rowsFit(six, [six[1]?.date, ...dates.slice(1)])).toBe(false);
    expect(rowsFit(six, [...dates.slice(1), ""])).toBe(false);
    // Sorted by client: dates no longer in their builds' places.
    expect(rowsFit(six, [...dates].reverse())).toBe(false);
    // Fewer or more rows than the index's last builds hold.
    expect(rowsFit(six, dates.slice(1))).toBe(false);
    expect(rowsFit(six, [six[1]?.date, ...dates])).toBe(false);
    expect(rowsFit([], [])).toBe(true);
  });

  it("puts rows sorted away from their builds back in build order, stably; leaves grouped rows alone", () => {
    const [a, b, c] = ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"];
    expect(buildOrder([])).toBeNull();
    expect(buildOrder([a, a, b, b, c])).toBeNull();
    // Grouped but not in date order (a clock set back): runs are builds, left as they are.
    expect(buildOrder([b, b, a, a])).toBeNull();
    // Sorted by client: each date's rows come back together, in date order, keeping their order.
    expect(buildOrder([a, b, c, a, b, c])).toEqual([0, 3, 1, 4, 2, 5]);
    expect(buildOrder([b, a, ` ${b} `, a])).toEqual([1, 3, 0, 2]);
  });

  it("appends below the last build; past 24 builds the oldest go first, exactly at the cap", () => {
    expect(appendBuild([], "d", 60)).toEqual({ dropRows: 0, firstRow: 2, index: [{ date: "d", rows: 60 }] });
    const full = builds(HISTORY_BUILDS_KEPT - 1);
    const at = appendBuild(full, "new", 5);
    expect(at.dropRows).toBe(0);
    expect(at.index).toHaveLength(HISTORY_BUILDS_KEPT);
    const over = appendBuild(at.index, "newer", 7);
    expect(over.dropRows).toBe(10); // the first build's rows
    expect(over.firstRow).toBe(historyLastRow(at.index) - 10 + 1);
    expect(over.index).toHaveLength(HISTORY_BUILDS_KEPT);
    expect(over.index[0]?.date).toBe(full[1]?.date);
    expect(over.index.at(-1)).toEqual({ date: "newer", rows: 7 });
    // A build with no clients adds nothing.
    expect(appendBuild(full, "empty", 0).index).toEqual(full);
  });

  it("round-trips as text, refuses what is not an index, and indexes a sheet written before it by runs of dates", () => {
    const idx = builds(3);
    expect(parseHistoryIndex(historyIndexText(idx))).toEqual(idx);
    for (const bad of [null, "", "1", "{}", '{"builds":[["d",0]]}', '{"builds":[["d",1.5]]}', '{"builds":[[3,1]]}']) expect(parseHistoryIndex(bad)).toBeNull();
    expect(indexFromDates(["a", "a", "b", " b", "a"])).toEqual([{ date: "a", rows: 2 }, { date: "b", rows: 2 }, { date: "a", rows: 1 }]);
    const pieces = historyIndexPieces(builds(24));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.length <= 255)).toBe(true);
    expect(parseHistoryIndex(pieces.join(""))).toEqual(builds(24));
  });
});

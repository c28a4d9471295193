// core/report.ts: the JSON of SPEC §10 and the phrases hosts share. `skipped` is always there;
// with an earlier build's snapshot each client also carries `previousGrade` and `movement`.
import { describe, expect, it } from "vitest";
import type { SnapshotRow } from "../../core/model/history";
import { gradePortfolio } from "../../core/portfolio";
import { rowsNote, toJson, unrankedNote } from "../../core/report";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";

const today = dayFromParts(2026, 6, 30);
const rows: CellValue[][] = [["Client", "Revenue", "Margin"], ["Acme", 900, "30%"], ["Bolt", 100, "5%"], ["Total", 1000, ""], ["", 5, ""]];
const history: SnapshotRow[] = [{ date: "2026-03-31T10:00:00Z", client: "acme ", grade: "B", score: 40, quadrant: "Rethink" }];

describe("toJson", () => {
  it("without a history: the SPEC §10 keys, skipped rows, no movement keys", () => {
    const json = toJson(gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today }));
    expect(Object.keys(json)).toEqual(["clients", "needsData", "skipped", "summary"]);
    expect(json.skipped).toEqual([{ row: 4, name: "Total", reason: "total row" }]);
    expect(json.needsData).toEqual([{ row: 5, name: "", reason: "no client name" }]);
    for (const c of json.clients) expect(Object.keys(c)).not.toContain("movement");
  });

  it("with an earlier build: each client's previous grade and movement (▲ ▼ = new)", () => {
    const json = toJson(gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today, history }));
    expect(json.clients.map((c) => [c.name, c.grade, c.previousGrade, c.movement])).toEqual([
      ["Acme", "A", "B", "▲"],
      ["Bolt", "C", null, "new"],
    ]);
  });
});

describe("the phrases about the rows read", () => {
  it.each<[CellValue[][], "auto" | "orders", string, string]>([
    [rows, "auto", "2 clients from 4 rows", "; 1 row needs data; 1 row skipped"],
    [[["Client", "Amount", "Item"], ["Acme", 5, "a"], ["", "", "b"], ["Acme", 5, "c"], ["Bolt", 1, "d"]], "orders", "3 order rows merged into 2 clients (and 1 further line of those orders)", ""],
  ])("%#", (sheet, mode, merged, unranked) => {
    const p = gradePortfolio({ rows: sheet, settings: { ...DEFAULT_SETTINGS, mode }, today });
    expect(rowsNote(p)).toBe(merged);
    expect(unrankedNote(p)).toBe(unranked);
  });
});

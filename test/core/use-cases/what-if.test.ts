// The what-if (SPEC §13, core/use-cases/what-if.ts): the data the panel read graded with the last
// build's settings and with the edited ones, compared; what grading needs, as a host sends it to
// the panel (core/use-cases/panel-state.ts); and the fingerprint that ties a build to the what-if.
import { describe, expect, it } from "vitest";
import { buildSummary } from "../../../core/bridge";
import { gradePortfolio, type Portfolio } from "../../../core/portfolio";
import { checkSettings, type Settings } from "../../../core/settings";
import { gradeState } from "../../../core/use-cases/grade";
import { GRADING_CELL_LIMIT, gradingDataOf, panelStateOf } from "../../../core/use-cases/panel-state";
import { gradeData, gradingFingerprint, whatIf } from "../../../core/use-cases/what-if";
import { dayFromParts, type CellValue } from "../../../core/values";
import { csvSheet } from "../../sheets/data";
import { state } from "./recorder";

const TODAY = dayFromParts(2026, 3, 5);
const settings = (s: unknown = {}): Settings => {
  const checked = checkSettings(s);
  expect(checked.errors).toEqual([]);
  return checked.settings;
};
const grade = (rows: CellValue[][], s: unknown = {}): Portfolio => gradePortfolio({ rows, settings: settings(s), today: TODAY });

/** Ten clients, scored with the default weights as noted (revenue: 1st of 10 High, 2nd Medium, the rest Low). */
const HEADER = ["Client", "Revenue", "Margin", "Wallet", "Strategic", "Pain"];
function boundaryRows(): CellValue[][] {
  return [
    HEADER,
    ["Edge", 1_000_000, 0.3, 0.8, "Low", "Medium"], // 30 + 25 + 0 + 0 + 5 = 60
    ["Line", 1_000, 0.3, 0.6, "Low", "Low"], // 15 + 25 + 7.5 + 0 + 10 = 57.5
    ["Low one", 900, 0.05, 0.9, "Low", "High"], // 0 (profit Low, pain High: shed)
    ...Array.from({ length: 7 }, (_, i) => [`Small ${i + 1}`, 500 + i, 0.15, 0.6, "Low", "Medium"]), // 12.5 + 7.5 + 5 = 25
  ];
}

describe("whatIf", () => {
  it("a client exactly at a cut-off moves when the cut-off moves past it, and only then", () => {
    const rows = boundaryRows();
    const base = grade(rows);
    const score = (name: string) => base.clients.find((c) => c.name === name)?.score;
    expect([score("Edge"), score("Line"), score("Small 1")]).toEqual([60, 57.5, 25]);
    // Exactly at the cut-off: nothing changes.
    const same = whatIf(base, grade(rows, { gradeAMin: 60 }));
    expect(same.changes).toEqual([]);
    expect(same.changeCount).toBe(0);
    expect(same.byGrade).toEqual({ A: { before: 1, after: 1, change: 0 }, B: { before: 1, after: 1, change: 0 }, C: { before: 8, after: 8, change: 0 } });
    // Just past it: Edge is a B, and nothing else moves.
    const past = whatIf(base, grade(rows, { gradeAMin: 60.5 }));
    expect(past.changes).toEqual([{ row: 2, name: "Edge", from: "A", to: "B" }]);
    expect([past.upgrades, past.downgrades, past.changeCount]).toEqual([0, 1, 1]);
    expect(past.byGrade.A).toEqual({ before: 1, after: 0, change: -1 });
    expect(past.byGrade.B).toEqual({ before: 1, after: 2, change: 1 });
    // Line at 57.5: a B cut-off of exactly 57.5 keeps it; 57.6 makes it a C.
    expect(whatIf(base, grade(rows, { gradeBMin: 57.5 })).changes).toEqual([]);
    expect(whatIf(base, grade(rows, { gradeBMin: 57.6 })).changes).toEqual([{ row: 3, name: "Line", from: "B", to: "C" }]);
  });

  it("lists every client whose grade changes, in the edited rank order, and no other", () => {
    const rows = csvSheet("examples/clients.csv") as CellValue[][];
    const base = grade(rows);
    const editedSettings = { weights: { revenue: 40, profitability: 25, strategic: 10, wallet: 15, pain: 10 }, gradeAMin: 55, gradeBMin: 40 };
    const edited = grade(rows, editedSettings);
    const w = whatIf(base, edited);
    // Each client graded on its own under both settings (by name: the example's names are unique).
    const before = new Map(base.clients.map((c) => [c.name, c.grade]));
    const expected = edited.clients.filter((c) => before.get(c.name) !== c.grade).map((c) => ({ row: c.row, name: c.name, from: before.get(c.name), to: c.grade }));
    expect(w.changes).toEqual(expected);
    expect(w.changes.length).toBeGreaterThan(1);
    expect(w.upgrades + w.downgrades).toBe(w.changeCount);
    expect(w.upgrades).toBe(expected.filter((c) => (c.from as string) > c.to).length);
    for (const g of ["A", "B", "C"] as const) {
      expect(w.byGrade[g]).toEqual({ before: base.summary.byGrade[g], after: edited.summary.byGrade[g], change: edited.summary.byGrade[g] - base.summary.byGrade[g] });
    }
    // Going back is the mirror image.
    const back = whatIf(edited, base);
    expect(back.changeCount).toBe(w.changeCount);
    expect([back.upgrades, back.downgrades]).toEqual([w.downgrades, w.upgrades]);
  });

  it("gives the budget each client of a grade would get, with an empty grade's share passed on", () => {
    const rows = boundaryRows();
    const w = whatIf(grade(rows), grade(rows, { budget: { A: 50, B: 40, C: 10 }, gradeAMin: 61 }));
    // Before: 1 A, 1 B, 8 C under 60/30/10. After: no A, so 40 and 10 share the whole budget: B 0.8, C 0.2 / 9.
    expect(w.budgetPerClient.A).toEqual({ before: 0.6, after: 0 });
    expect(w.budgetPerClient.B).toEqual({ before: 0.3, after: 0.8 / 2 });
    expect(w.budgetPerClient.C.before).toBeCloseTo(0.1 / 8, 12);
    expect(w.budgetPerClient.C.after).toBeCloseTo(0.2 / 8, 12);
    expect(w.changes).toEqual([{ row: 2, name: "Edge", from: "A", to: "B" }]);
  });

  it("names clients a mode change adds or drops, with no grade on the missing side", () => {
    const rows: CellValue[][] = [["Client", "Revenue"], ["Acme", 100], ["Acme", 50], ["Beta", 10], ["Acme", 5]];
    const w = whatIf(grade(rows, { mode: "clients" }), grade(rows, { mode: "orders" }));
    expect(w.clients).toEqual({ before: 4, after: 2 });
    expect(w.changes.filter((c) => c.to === null).map((c) => c.row).sort()).toEqual([3, 5]);
    expect(w.changes.every((c) => c.from !== null)).toBe(true);
    expect(w.upgrades + w.downgrades).toBe(w.changes.filter((c) => c.to !== null).length);
  });
});

describe("gradingFingerprint", () => {
  it("is what a build's summary carries, the same for the same grading and different when a grade, name, score or needs-data row differs", () => {
    const rows = boundaryRows();
    const p = grade(rows);
    expect(buildSummary(p).fingerprint).toBe(gradingFingerprint(p));
    expect(gradingFingerprint(grade(rows))).toBe(gradingFingerprint(p));
    expect(whatIf(p, grade(rows)).fingerprint).toBe(gradingFingerprint(p));
    const variants: CellValue[][][] = [
      rows.map((r, i) => (i === 2 ? ["Line", 1_000, 0.3, 0.6, "High", "Low"] : r)), // a grade (Line 77.5: an A)
      rows.map((r, i) => (i === 2 ? ["Line Ltd", ...r.slice(1)] : r)), // a name
      rows.map((r, i) => (i === 4 ? ["Small 1", 500, 0.15, 0.6, "Low", "Low"] : r)), // a score
      [...rows, ["", 10, 0.1, 0.5, "Low", "Low"]], // a row that needs data
    ];
    const prints = new Set([gradingFingerprint(p), ...variants.map((v) => gradingFingerprint(grade(v)))]);
    expect(prints.size).toBe(1 + variants.length);
    expect(gradingFingerprint(grade(rows, { gradeAMin: 60.5 }))).not.toBe(gradingFingerprint(p));
  });
});

describe("what grading needs, as the panel gets it", () => {
  const MATRIX = { column: 3, count: 2 };
  const rows: CellValue[][] = [
    ["Client", "Revenue", "KAM grade", "KAM score", "Notes", null, null],
    ["Acme", 1200, "A", 80, "call", null, null],
    ["Beta", 300, "C", 10, null, null, ""],
    ["Gamma", "1.2k", "B", 50, null, null, "  "],
    ["Delta", 50, "C", 5, new Date(2026, 0, 31), undefined, null],
  ];

  it("blanks the add-in's own columns, drops blank columns on the right, and makes dates ISO days", () => {
    const data = gradingDataOf(state(rows, { matrix: MATRIX }), TODAY);
    expect(data.ownColumns).toEqual([2, 3]);
    expect(data.today).toBe(TODAY);
    expect(data.rows).toEqual([
      ["Client", "Revenue", null, null, "Notes"],
      ["Acme", 1200, null, null, "call"],
      ["Beta", 300, null, null, null],
      ["Gamma", "1.2k", null, null, null],
      ["Delta", 50, null, null, "2026-01-31"],
    ]);
    // Matrix columns at the right end go entirely.
    expect(gradingDataOf(state(rows.map((r) => r.slice(0, 4)), { matrix: MATRIX }), TODAY).rows[1]).toEqual(["Acme", 1200]);
  });

  it("grades, after a JSON round trip, exactly as the build grades what the host read", () => {
    for (const s of [state(rows, { matrix: MATRIX }), state(csvSheet("examples/clients.csv") as CellValue[][]), state(csvSheet("examples/orders.csv") as CellValue[][])]) {
      const data = JSON.parse(JSON.stringify(gradingDataOf(s, TODAY)));
      for (const edited of [{}, { gradeAMin: 50, mode: "clients" }]) {
        const build = gradeState(s, { settings: edited, today: TODAY, builtAt: "2026-03-05T10:00:00Z" }).portfolio;
        expect(gradingFingerprint(gradeData(data, settings(edited)))).toBe(gradingFingerprint(build));
      }
    }
  });

  it("comes with the panel state only when the sheet can be graded and today is known, as plain data", () => {
    const ok = panelStateOf(state([["Client", "Revenue"], ["Acme", 1]]), TODAY);
    expect(ok.grading?.rows).toEqual([["Client", "Revenue"], ["Acme", 1]]);
    expect(JSON.parse(JSON.stringify(ok))).toEqual(ok);
    expect(panelStateOf(state([["Client", "Revenue"], ["Acme", 1]])).grading).toBeUndefined();
    expect(panelStateOf(state([["Product", "Price"], ["P-1", 12]]), TODAY).grading).toBeUndefined();
    expect(panelStateOf(state([["KAM Portfolio"]], { isOwnSheet: true }), TODAY).grading).toBeUndefined();
  });

  it("is left out, with the reason, past the cells the panel takes", () => {
    const rows: CellValue[][] = [["Client", "Revenue"], ["Acme", 1], ["Beta", 2]];
    expect(panelStateOf(state(rows), TODAY, 6).grading?.rows).toHaveLength(3);
    const over = panelStateOf(state(rows), TODAY, 5);
    expect(over.grading).toBeUndefined();
    expect(over.whatIfOff).toBe("The what-if is off for this sheet: it has 6 cells to grade, more than the panel takes (5). Build to see the grades.");
    const byDefault = panelStateOf(state(rows), TODAY);
    expect([byDefault.whatIfOff, byDefault.grading?.rows.length]).toEqual([undefined, 3]);
    expect(GRADING_CELL_LIMIT).toBeGreaterThan(800_000); // 100,000 clients × 8 columns fit
  });
});

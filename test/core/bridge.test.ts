// What the panel is told (core/bridge.ts), shared by the Sheets sidebar and the Excel task pane:
// problems in the panel's words and the build summary. The panel's view of a sheet is
// test/core/use-cases/panel-state.test.ts.
import { describe, expect, it } from "vitest";
import { buildSummary, panelProblem } from "../../core/bridge";
import { MappingError } from "../../core/columns";
import { gradePortfolio } from "../../core/portfolio";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts } from "../../core/values";

describe("panelProblem", () => {
  it("panelProblem passes other errors through", () => {
    expect(panelProblem(new MappingError("client", "X", ["A"]))).toMatch(/chosen for Client/);
    expect(panelProblem(new Error("boom"))).toBe("boom");
    expect(panelProblem("text")).toBe("text");
  });
});

describe("buildSummary", () => {
  it("carries the message, counts, needs-data rows and fresh copies of the preview", () => {
    const p = gradePortfolio({ rows: [["Client", "Revenue"], ["A", 10], ["B", 5], ["", 3]], settings: DEFAULT_SETTINGS, today: dayFromParts(2026, 1, 1) });
    const s = buildSummary(p);
    // A: revenue High 30 + Unknown wallet, margin, pain (½ each) 25 = 55 → B; B: revenue Low → 25 → C.
    expect(s.message).toBe("2 clients: 0 A, 1 B, 1 C; 1 row needs data");
    expect(s.byGrade).toEqual({ A: 0, B: 1, C: 1 });
    expect(s.needsData).toEqual([{ row: 4, name: "", reason: "no client name" }]);
    expect(s.clients.map((c) => c.name)).toEqual(["A", "B"]);
    expect(s.clients[0]?.flags).not.toBe(p.clients[0]?.flags);
  });
});

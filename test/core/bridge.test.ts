// The panel's view of a sheet (core/bridge.ts), shared by the Sheets sidebar and the Excel task pane.
import { describe, expect, it } from "vitest";
import { buildSummary, panelProblem } from "../../core/bridge";
import { panelStateOf } from "../../core/use-cases/panel-state";
import { MappingError } from "../../core/columns";
import { gradePortfolio } from "../../core/portfolio";
import type { WorkbookState } from "../../core/port";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts } from "../../core/values";

const state = (rows: WorkbookState["rows"], more: Partial<WorkbookState> = {}): WorkbookState => ({
  sheetName: "Clients", rows, isOwnSheet: false, matrix: null, history: [], settings: null, ...more,
});

describe("panelStateOf", () => {
  it("maps the columns, counts the rows and lists the inputs the panel can add", () => {
    const view = panelStateOf(state([["Customer Name", "Sales", "Pain"], ["Acme", 100, "L"], ["Beta", 50, ""], [null, null, null]]));
    expect(view.mapping).toMatchObject({ client: 0, revenue: 1, pain: 2 });
    expect(view.rowsRead).toBe(2);
    expect(view.missingInputs).toEqual(["strategic", "relationship"]);
    expect(view.problem).toBeNull();
    expect(view.settingsErrors).toBeUndefined();
  });

  it("says in the panel's words what is missing (no command-line hint)", () => {
    const view = panelStateOf(state([["Product", "Price"], ["P-1", 12]]));
    expect(view.problem).toBe("No client or revenue column found in this sheet (headers seen: Product, Price). Pick the column under Columns, or select the sheet that holds your clients.");
    expect(view.problem).not.toMatch(/--map/);
  });

  it("names a saved column that is gone, and bad saved settings, without failing", () => {
    const view = panelStateOf(state([["Client", "Revenue"], ["A", 1]], { settings: { mapping: { wallet: "SoW" }, gradeAMin: 20, gradeBMin: 50 } }));
    expect(view.problem).toBe('The column "SoW" chosen for Share of wallet is not in this sheet any more; pick another under Columns.');
    expect(view.settingsErrors?.map((e) => e.setting)).toEqual(["gradeBMin"]);
  });

  it("refuses the add-in's own sheet", () => {
    expect(panelStateOf(state([["KAM Portfolio"]], { isOwnSheet: true, sheetName: "KAM Portfolio" })).problem).toMatch(/is the add-in's own sheet/);
  });

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

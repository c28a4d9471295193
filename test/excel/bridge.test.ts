// The task pane's Office bridge (excel-addin/bridge.ts) over the fake Excel: the HostBridge of
// core/bridge.ts, one Excel.run per request, staying on the client sheet while ours is showing.
import { describe, expect, it } from "vitest";
import { PORTFOLIO_SHEET } from "../../core/plan";
import { MATRIX_HEADERS } from "../../core/matrix";
import { resolveSettings } from "../../core/settings";
import { OfficeBridge } from "../../excel-addin/bridge";
import { columnLetters } from "../../core/a1";
import { INPUT_COLUMNS } from "../../core/inputs";
import { SETTINGS_PROPERTY } from "../../core/markers";
import { FakeContext, FakeWorkbookState, type FakeSheetState } from "../fakes/excel";
import { fakeBridge } from "./fake-bridge";
import { csvSheet } from "./sheets";

function setup(file = "examples/clients.csv") {
  const st = new FakeWorkbookState();
  st.addSheet("Clients", csvSheet(file));
  return { st, ...fakeBridge(st) };
}

describe("OfficeBridge", () => {
  it("getState maps the active sheet's columns and lists the inputs it lacks", async () => {
    const { bridge, runs } = setup("test/vectors/clients-60.csv");
    const state = await bridge.getState();
    expect(state.sheetName).toBe("Clients");
    expect(state.headers).toEqual(["Client", "Revenue", "Gross Margin", "Share of Wallet", "Strategic Value", "Pain", "Industry"]);
    expect(state.mapping).toMatchObject({ client: 0, revenue: 1, margin: 2, wallet: 3, strategic: 4, pain: 5, industry: 6 });
    expect(state.missingInputs).toEqual(["relationship"]);
    expect(state.mode).toBe("clients");
    expect(state.rowsRead).toBe(60);
    expect(state.problem).toBeNull();
    expect(runs[0]?.syncs).toHaveLength(1);
  });

  it("builds the portfolio, then keeps working on the client sheet while the portfolio is showing", async () => {
    const { bridge, st, runs } = setup();
    await bridge.getState();
    const summary = await bridge.buildPortfolio(resolveSettings({}));
    expect(summary.message).toMatch(/^\d+ clients: \d+ A, \d+ B, \d+ C/);
    expect(summary.byGrade.A + summary.byGrade.B + summary.byGrade.C).toBe(summary.clients.length);
    expect(st.active?.name).toBe(PORTFOLIO_SHEET);
    const again = await bridge.getState();
    // Two reads (our sheet is active, then the client sheet), one sync each: the view reads no history.
    expect(runs.at(-1)?.syncs).toHaveLength(2);
    expect(again.sheetName).toBe("Clients");
    expect(again.problem).toBeNull();
    const rebuilt = await bridge.buildPortfolio(resolveSettings({}));
    expect(rebuilt.message).toBe(summary.message);
    expect(st.sheets.filter((s) => s.name.startsWith(PORTFOLIO_SHEET))).toHaveLength(1);
  });

  it("a pane opened on the portfolio sheet says to pick the client sheet", async () => {
    const first = setup();
    await first.bridge.getState();
    await first.bridge.buildPortfolio(resolveSettings({}));
    const fresh = new OfficeBridge({ run: (b) => b(new FakeContext(first.st).asRequestContext()), now: () => new Date() });
    const state = await fresh.getState();
    expect(state.sheetName).toBe(PORTFOLIO_SHEET);
    expect(state.problem).toMatch(/add-in's own sheet; select the sheet that holds your clients/);
  });

  it("saves settings in the workbook and reads them back", async () => {
    const { bridge } = setup();
    await bridge.getState();
    await bridge.saveSettings(resolveSettings({ gradeAMin: 70, matrixOutput: "values", mapping: { client: "Client" } }));
    const state = await bridge.getState();
    expect(state.settings.gradeAMin).toBe(70);
    expect(state.settings.matrixOutput).toBe("values");
    expect(state.settings.mapping).toEqual({ client: "Client" });
  });

  it("a report whose customer column has no header: the pane shows the header line, and the column named by its letter is saved and graded", async () => {
    // QuickBooks Online's Sales by Customer Detail: a title above, customers as group headings in column A.
    const { bridge, st } = setup("test/fixtures/exports/sales-by-customer-detail.csv");
    const before = await bridge.getState();
    expect(before.problem).toMatch(/^No client column found in this sheet/);
    expect(before.headers.slice(0, 3)).toEqual(["", "Date", "Transaction Type"]);
    await bridge.saveSettings(resolveSettings({ mapping: { client: "A" } }));
    expect(JSON.parse(String(st.customProperties.get(SETTINGS_PROPERTY)))).toEqual({ mapping: { client: "A" } });
    const after = await bridge.getState();
    expect(after.problem).toBeNull();
    expect(after.settings.mapping).toEqual({ client: "A" });
    expect(after.mapping.client).toBe(0);
    const summary = await bridge.buildPortfolio(after.settings);
    // Each customer once, on the rows of its group (test/cli/export-quirks.test.ts grades the same file by the command).
    expect(summary.message).toMatch(/^4 clients \(from 7 order rows\)/);
    expect(summary.clients.map((c) => c.name)).toEqual(["Cool Cars", "Amy's Bird Sanctuary", "Bill's Windsurf Shop", "Diego Rodriguez"]);
    expect(st.active?.name).toBe(PORTFOLIO_SHEET);
  });

  it("saves the settings it builds with in the workbook, after the build (matrix and portfolio)", async () => {
    const { bridge, st } = setup();
    await bridge.getState();
    expect(st.customProperties.size).toBe(0);
    const summary = await bridge.buildMatrix(resolveSettings({ gradeAMin: 70 }));
    expect(summary.message).toMatch(/^Matrix: 42 clients/);
    expect(JSON.parse(String(st.customProperties.get(SETTINGS_PROPERTY)))).toEqual({ gradeAMin: 70 });
    await bridge.buildPortfolio(resolveSettings({ gradeAMin: 65, matrixOutput: "values" }));
    expect(JSON.parse(String(st.customProperties.get(SETTINGS_PROPERTY)))).toEqual({ gradeAMin: 65, matrixOutput: "values" });
    expect((await bridge.getState()).settings.gradeAMin).toBe(65);
  });

  it("refuses bad settings with the setting's name and writes nothing", async () => {
    const { bridge, st } = setup();
    await bridge.getState();
    const before = JSON.stringify([...(st.sheet("Clients") as FakeSheetState).cells.entries()]);
    const bad = { ...resolveSettings({}), gradeBMin: 80 };
    await expect(bridge.buildPortfolio(bad)).rejects.toThrow(/gradeBMin: \(80\) must be at most gradeAMin \(60\)/);
    await expect(bridge.saveSettings(bad)).rejects.toThrow(/gradeBMin/);
    expect(st.customProperties.size).toBe(0);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
    expect(JSON.stringify([...(st.sheet("Clients") as FakeSheetState).cells.entries()])).toBe(before);
  });

  it("adds the missing input columns right of the data and the matrix, with dropdowns, and detects them", async () => {
    const { bridge, st } = setup("test/vectors/clients-60.csv");
    await bridge.getState();
    await bridge.buildMatrix(resolveSettings({}));
    const { added } = await bridge.addInputColumns(["relationship"]);
    const data = st.sheet("Clients") as FakeSheetState;
    const matrixEnd = 7 + 1 + MATRIX_HEADERS.length; // 7 data columns, the matrix right after
    // The same words as the Sheets sidebar's: header and column letter.
    expect(added).toEqual([`${INPUT_COLUMNS.relationship.header} (column ${columnLetters(matrixEnd)})`]);
    expect(data.valueAt(1, matrixEnd)).toBe(INPUT_COLUMNS.relationship.header);
    expect(data.validations).toEqual([
      {
        rect: { row: 1, col: matrixEnd - 1, rows: 60, cols: 1 },
        rule: { list: { inCellDropDown: true, source: "High,Medium,Low" } },
        prompt: { showPrompt: true, title: "Relationship", message: INPUT_COLUMNS.relationship.help },
        // Relationship also takes 1–5, 0–100 or a stage word: other values are allowed.
        errorAlert: { showAlert: false, style: "Information", title: "Relationship", message: INPUT_COLUMNS.relationship.help },
      },
    ]);
    const state = await bridge.getState();
    expect(state.missingInputs).toEqual([]);
    expect(state.mapping.relationship).toBe(matrixEnd - 1);
    // Asking again adds nothing: the column is there now.
    expect(await bridge.addInputColumns(["relationship"])).toEqual({ added: [] });
  });
});

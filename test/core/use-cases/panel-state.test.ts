// The panel's view of a sheet (core/use-cases/panel-state.ts), shared by the Sheets sidebar and
// the Excel task pane.
import { describe, expect, it } from "vitest";
import type { WorkbookState } from "../../../core/port";
import { panelStateOf, panelViewOf, readPanelState, readPanelStateSync } from "../../../core/use-cases/panel-state";
import { recorder, state } from "./recorder";

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

  it("calls a report grouped by client (a heading, its rows, \"Total for …\") an order list, as grading merges it", () => {
    const rows = [["Customer", "Date", "Amount"], ["Acme", null, null], [null, "2025-01-02", 40], ["Total for Acme", null, 40], ["Bolt", null, null], [null, "2025-01-03", 10], ["Total for Bolt", null, 10]];
    expect(panelStateOf(state(rows)).mode).toBe("orders");
    // Without its closing row, no group: the two names are one row each.
    expect(panelStateOf(state(rows.filter((r) => !String(r[0]).startsWith("Total")))).mode).toBe("clients");
  });

  it("with no client column, shows the report's header line below its title, its nameless column by its letter", () => {
    // QuickBooks' Sales by Customer Detail: the title names a customer; the header line's first cell is blank.
    const rows = [["Sales by Customer Detail"], ["January - December 2025"], [], [null, "Date", "Transaction Type", "Amount"], ["Acme", null, null, null], [null, "2025-01-02", "Invoice", 40], ["Total for Acme", null, null, 40]];
    const view = panelViewOf(state(rows));
    expect(view.headerIndex).toBe(3);
    expect(view.state.headers).toEqual(["", "Date", "Transaction Type", "Amount"]);
    expect(view.state.mapping).toMatchObject({ date: 1, revenue: 3 });
    expect(view.state.problem).toMatch(/^No client column found in this sheet \(headers seen: Date, Transaction Type, Amount\)/);
    // The column chosen by its letter (as the panel offers it): a grouped report, merged per client.
    const chosen = panelViewOf(state(rows, { settings: { mapping: { client: "A" } } }));
    expect([chosen.state.problem, chosen.state.mapping.client, chosen.state.mode]).toEqual([null, 0, "orders"]);
  });

  it("refuses the add-in's own sheet", () => {
    expect(panelStateOf(state([["KAM Portfolio"]], { isOwnSheet: true, sheetName: "KAM Portfolio" })).problem).toMatch(/is the add-in's own sheet/);
  });

  it("finds the header row under a title, or takes the first row when there is no client table yet", () => {
    expect(panelViewOf(state([["Clients 2026"], [], ["Client", "Revenue"], ["Acme", 1]])).headerIndex).toBe(2);
    const none = panelViewOf(state([["Product", "Price"], ["P-1", 12]]));
    expect(none.headerIndex).toBe(0);
    expect(none.state.headers).toEqual(["Product", "Price"]);
  });

  it("is read with one read and writes nothing, on an async or a sync port", async () => {
    const s: WorkbookState = state([["Client", "Revenue"], ["Acme", 1]]);
    const a = recorder(s);
    expect(await readPanelState(a.port)).toEqual(panelStateOf(s));
    const b = recorder(s);
    expect(readPanelStateSync(b.sync)).toEqual(panelStateOf(s));
    expect([a.log, b.log]).toEqual([["read"], ["read"]]);
  });
});

// The port contract (contract.ts) on the Sheets adapter (sheets-addon/port.ts) over the fake
// SpreadsheetApp (test/fakes/spreadsheet-app.ts): cells typed as Sheets stores an imported CSV,
// our sheets and columns found by developer metadata, a host failure injected in a service call.
import { SHEETS_DIALECT } from "../../core/matrix";
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER } from "../../core/plan";
import { asyncPort, SheetsPort } from "../../sheets-addon/port";
import { fakeGoogle, type FakeGoogle, type FakeSheet } from "../fakes/spreadsheet-app";
import { asEntered } from "../sheets/data";
import { inputColumnsContract, portContract } from "./contract";
import type { Cells, InputColumnsHarness } from "./harness";

const typed = (v: unknown) => (typeof v === "string" ? asEntered(v) : v);

function sheetOf(g: FakeGoogle, name: string): FakeSheet {
  const s = g.ss.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const sheets: InputColumnsHarness<FakeGoogle> = {
  name: "Sheets adapter on the fake SpreadsheetApp",
  dialect: SHEETS_DIALECT,
  historyWindow: true,
  followsSource: true,
  async create(rows, others = []) {
    const g = fakeGoogle(rows.map((r) => r.map(typed)), "Clients");
    for (const o of others) g.ss.addSheet(o.name, o.rows.map((r) => r.map(typed)));
    return g;
  },
  async withPort(g, f, o = {}) {
    // The add-on works on the active sheet: the user selects the one to build from.
    g.ss.active = sheetOf(g, o.sheet ?? "Clients");
    if (o.failPortfolio) g.log.failWhen = (c) => c.name === "Range.setTextStyles";
    try {
      return await f(asyncPort(new SheetsPort(g)));
    } finally {
      g.log.failWhen = null;
    }
  },
  async edit(g, sheet, row, col, value) {
    sheetOf(g, sheet).put(row, col, typed(value));
  },
  async sheetNames(g) {
    return g.ss.sheets.map((s) => s.name);
  },
  async cells(g, sheet) {
    const out: Cells = new Map();
    for (const [k, c] of sheetOf(g, sheet).cells) {
      const value = c.value instanceof Date ? c.value.toISOString() : c.value === "" || c.value === undefined ? null : (c.value as string | number | boolean | null);
      if (value !== null || c.formula !== undefined) out.set(k, { value, formula: c.formula ?? null });
    }
    return out;
  },
  async marked(g) {
    const history = g.ss.owned(HISTORY_MARKER);
    const matrix = g.ss.metadata.find((m) => m.key === MATRIX_MARKER && m.location.type === "COLUMN" && m.location.sheet.name === "Clients");
    const at = matrix?.location.type === "COLUMN" ? matrix.location : null;
    const count = matrix ? (JSON.parse(matrix.value) as { columns: number }).columns : 0;
    return {
      portfolio: g.ss.metadata.filter((m) => m.key === PORTFOLIO_MARKER && m.location.type === "SHEET").map((m) => (m.location.type === "SHEET" ? m.location.sheet.name : "")),
      history: history ? { name: history.name, hidden: history.hidden } : null,
      matrix: at ? { column: at.col, count } : null,
    };
  },
  async dropdown(g, sheet, row, col) {
    return sheetOf(g, sheet).cell(row, col)?.validation?.values ?? null;
  },
};

portContract(sheets);
inputColumnsContract(sheets);

// The port contract (contract.ts) on the Excel adapter (excel-addin/port.ts) over the fake Excel
// (test/fakes/excel.ts): cells typed as Excel stores a typed CSV, our sheets and columns found by
// defined names, a host failure injected in an operation of the batch.
import { EXCEL_DIALECT } from "../../core/matrix";
import { MARKER_NAMES as NAMES } from "../../core/markers";
import { ExcelPort } from "../../excel-addin/port";
import { FakeContext, FakeWorkbookState, type FakeSheetState } from "../fakes/excel";
import { excelLike } from "../excel/sheets";
import { inputColumnsContract, portContract } from "./contract";
import type { Cells, InputColumnsHarness } from "./harness";

function sheetOf(st: FakeWorkbookState, name: string): FakeSheetState {
  const s = st.sheet(name);
  if (!s || s.deleted) throw new Error(`no sheet ${name}`);
  return s;
}

let builds = 0;

const excel: InputColumnsHarness<FakeWorkbookState> = {
  name: "Excel adapter on the fake Excel",
  dialect: EXCEL_DIALECT,
  historyWindow: true,
  followsSource: false,
  async create(rows, others = []) {
    const st = new FakeWorkbookState();
    st.addSheet("Clients", excelLike(rows));
    for (const o of others) st.addSheet(o.name, excelLike(o.rows));
    return st;
  },
  withPort(st, f, o = {}) {
    // The task pane names the data sheet it works on.
    let writes = 0;
    const failWhen = o.failPortfolio ? (what: string) => what.startsWith("set ") && what.includes("KAM building") && what.endsWith(".values") && ++writes === 3 : undefined;
    const ctx = new FakeContext(st, failWhen ? { failWhen } : {});
    return f(new ExcelPort(ctx.asRequestContext(), { sheetName: o.sheet ?? "Clients", suffix: `t${++builds}` }));
  },
  async edit(st, sheet, row, col, value) {
    sheetOf(st, sheet).edit(row - 1, col - 1).value = excelLike([[value]])[0]?.[0] as string | number | boolean;
  },
  async sheetNames(st) {
    return st.sheets.map((s) => s.name);
  },
  async cells(st, sheet) {
    const out: Cells = new Map();
    for (const [k, c] of sheetOf(st, sheet).cells) {
      const [r, col] = k.split(",").map(Number) as [number, number];
      if (c.value !== "" || c.formula !== undefined) out.set(`${r + 1},${col + 1}`, { value: c.value === "" ? null : c.value, formula: c.formula ?? null });
    }
    return out;
  },
  async marked(st) {
    const live = (name: string) => {
      const n = st.names.get(name);
      return n && !n.sheet.deleted ? n : null;
    };
    const history = live(NAMES.history);
    const matrix = st.sheet("Clients")?.names.get(NAMES.matrix);
    return {
      portfolio: [live(NAMES.portfolio)?.sheet.name].filter((n): n is string => n !== undefined),
      history: history ? { name: history.sheet.name, hidden: history.sheet.visibility === "Hidden" } : null,
      matrix: matrix ? { column: matrix.rect.col + 1, count: matrix.rect.cols } : null,
    };
  },
  async dropdown(st, sheet, row, col) {
    const v = sheetOf(st, sheet).validations.find((x) => row - 1 >= x.rect.row && row - 1 < x.rect.row + x.rect.rows && col - 1 >= x.rect.col && col - 1 < x.rect.col + x.rect.cols);
    const rule = v?.rule as { list?: { source?: string } } | undefined;
    return rule?.list?.source?.split(",") ?? null;
  },
};

portContract(excel);
inputColumnsContract(excel);

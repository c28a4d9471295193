// The port contract (contract.ts) on the in-memory port (test/fakes/memory-port.ts), the reference
// adapter: cells hold what the CSV holds, as text.
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER } from "../../core/plan";
import { SHEETS_DIALECT } from "../../core/matrix";
import type { CellValue } from "../../core/values";
import { MemoryPort, MemorySheet, MemoryWorkbook } from "../fakes/memory-port";
import { inputColumnsContract, portContract } from "./contract";
import type { Cells, InputColumnsHarness } from "./harness";

function sheetOf(wb: MemoryWorkbook, name: string): MemorySheet {
  const s = wb.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const memory: InputColumnsHarness<MemoryWorkbook> = {
  name: "in-memory port",
  dialect: SHEETS_DIALECT,
  followsSource: false,
  historyWindow: true,
  async create(rows, others = []) {
    const wb = new MemoryWorkbook();
    wb.sheets.push(MemorySheet.fromRows("Clients", rows));
    for (const o of others) wb.sheets.push(MemorySheet.fromRows(o.name, o.rows));
    return wb;
  },
  withPort(wb, f, o = {}) {
    return f(new MemoryPort(wb, o.sheet ?? "Clients", o.failPortfolio ? { failAfterWrites: 200 } : {}));
  },
  async edit(wb, sheet, row, col, value: CellValue) {
    sheetOf(wb, sheet).set(row, col, { value });
  },
  async sheetNames(wb) {
    return wb.sheets.map((s) => s.name);
  },
  async cells(wb, sheet) {
    const out: Cells = new Map();
    for (const [k, c] of sheetOf(wb, sheet).cells) {
      const value = c.value instanceof Date ? c.value.toISOString() : (c.value ?? null);
      if (value !== null && value !== "") out.set(k, { value, formula: c.formula ?? null });
      else if (c.formula !== undefined) out.set(k, { value: null, formula: c.formula });
    }
    return out;
  },
  async marked(wb) {
    const history = wb.owned(HISTORY_MARKER);
    const cols = [...sheetOf(wb, "Clients").columnMarkers.entries()].filter(([, m]) => m === MATRIX_MARKER).map(([c]) => c).sort((a, b) => a - b);
    return {
      portfolio: wb.sheets.filter((s) => s.markers.has(PORTFOLIO_MARKER)).map((s) => s.name),
      history: history ? { name: history.name, hidden: history.hidden } : null,
      matrix: cols.length ? { column: cols[0] as number, count: cols.length } : null,
    };
  },
  async dropdown(wb, sheet, row, col) {
    const v = sheetOf(wb, sheet).validations.get(col);
    return v && row >= v.fromRow && row <= v.toRow ? v.choices : null;
  },
};

portContract(memory);
inputColumnsContract(memory);

/**
 * An in-memory workbook and its WorkbookPort: the reference adapter that proves the port contract
 * (core/port.ts) without any host. Cells hold a value or a formula; strings are always values.
 */
import { appendBuild, indexFromDates, recentRows } from "../../core/history-window";
import { HISTORY_HEADERS, HISTORY_MARKER, HISTORY_SHEET, isPlanDate, isPlanFormula, MATRIX_MARKER, type PlanValue, type SheetPlan } from "../../core/plan";
import { INPUT_COLUMNS, type InputColumnsPlan } from "../../core/inputs";
import type { MatrixPlan } from "../../core/matrix";
import { snapshotFromCells, snapshotToCells, type SnapshotRow } from "../../core/model/history";
import type { InputColumnsPort, WorkbookState } from "../../core/port";
import type { Settings } from "../../core/settings";
import type { CellValue } from "../../core/values";

export interface MemoryCell {
  value: CellValue;
  formula?: string;
  format?: string;
}

export class MemorySheet {
  cells = new Map<string, MemoryCell>();
  markers = new Set<string>();
  /** Column (1-based) → marker, like developer metadata on a column. */
  columnMarkers = new Map<number, string>();
  /** Column (1-based) → the dropdown its cells offer, rows `fromRow`..`toRow`. */
  validations = new Map<number, { fromRow: number; toRow: number; choices: string[]; allowOther: boolean }>();
  hidden = false;
  constructor(public name: string) {}

  static fromRows(name: string, rows: CellValue[][]): MemorySheet {
    const s = new MemorySheet(name);
    rows.forEach((r, i) => r.forEach((v, j) => {
      if (v !== null && v !== undefined && v !== "") s.set(i + 1, j + 1, { value: v });
    }));
    return s;
  }
  get(row: number, col: number): MemoryCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  /** Deletes `count` rows from `from` (1-based), moving the rows below up. */
  deleteRows(from: number, count: number): void {
    const moved = new Map<string, MemoryCell>();
    for (const [key, cell] of this.cells) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      if (r < from) moved.set(key, cell);
      else if (r >= from + count) moved.set(`${r - count},${c}`, cell);
    }
    this.cells = moved;
  }

  set(row: number, col: number, cell: MemoryCell): void {
    this.cells.set(`${row},${col}`, cell);
  }
  clearColumn(col: number): void {
    for (const key of [...this.cells.keys()]) if (key.endsWith(`,${col}`)) this.cells.delete(key);
  }
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }
    return { rows, cols };
  }
  /** The used range from A1 as values (a formula shows as its text, as getValues would not: tests only). */
  rows(): CellValue[][] {
    const { rows, cols } = this.extent();
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => this.get(i + 1, j + 1)?.value ?? null));
  }
  snapshot(): string {
    return JSON.stringify([...this.cells.entries()].sort());
  }
}

export class MemoryWorkbook {
  sheets: MemorySheet[] = [];
  settings: unknown = null;
  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  owned(marker: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.markers.has(marker));
  }
}

export class InjectedFailure extends Error {}

export interface MemoryPortOptions {
  /** Throw after this many cell writes in the next writePortfolio (simulates a host failure). */
  failAfterWrites?: number;
}

function toCell(v: PlanValue): MemoryCell {
  if (isPlanFormula(v)) return { value: null, formula: v.formula };
  if (isPlanDate(v)) return { value: new Date(`${v.date}T00:00:00Z`) };
  return { value: v };
}

/** The snapshots of the last HISTORY_BUILDS_READ builds, as the hosts read them. */
function recentHistory(rows: SnapshotRow[]): SnapshotRow[] {
  const span = recentRows(indexFromDates(rows.map((r) => r.date)));
  return span === null ? [] : rows.slice(span.firstRow - 2);
}

export class MemoryPort implements InputColumnsPort {
  constructor(readonly wb: MemoryWorkbook, readonly dataSheet: string, readonly options: MemoryPortOptions = {}) {}

  async read(): Promise<WorkbookState> {
    const sheet = this.wb.sheet(this.dataSheet);
    if (!sheet) throw new Error(`no sheet ${this.dataSheet}`);
    const matrixCols = [...sheet.columnMarkers.entries()].filter(([, m]) => m === MATRIX_MARKER).map(([c]) => c).sort((a, b) => a - b);
    const history = this.wb.owned(HISTORY_MARKER);
    return {
      sheetName: sheet.name,
      rows: sheet.rows(),
      isOwnSheet: sheet.markers.size > 0,
      matrix: matrixCols.length ? { column: matrixCols[0] as number, count: matrixCols.length } : null,
      history: history ? recentHistory(history.rows().slice(1).map(snapshotFromCells).filter((r): r is SnapshotRow => r !== null)) : [],
      settings: this.wb.settings,
    };
  }

  async writeMatrix(plan: MatrixPlan): Promise<void> {
    const sheet = this.wb.sheet(this.dataSheet) as MemorySheet;
    if (plan.previous) {
      for (let c = plan.previous.column; c < plan.previous.column + plan.previous.count; c++) {
        sheet.clearColumn(c);
        sheet.columnMarkers.delete(c);
      }
    }
    plan.headers.forEach((h, j) => {
      sheet.set(plan.headerRow, plan.column + j, { value: h });
      sheet.columnMarkers.set(plan.column + j, plan.marker);
    });
    plan.cells.forEach((row, i) => row.forEach((v, j) => {
      if (v !== null) sheet.set(plan.firstDataRow + i, plan.column + j, { ...toCell(v), ...(plan.formats[j] ? { format: plan.formats[j] as string } : {}) });
    }));
  }

  async writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): Promise<void> {
    // 1. Write the new sheet under a temporary name.
    const temp = new MemorySheet(`${plan.name} (building)`);
    this.wb.sheets.push(temp);
    let budget = this.options.failAfterWrites ?? Infinity;
    try {
      for (const b of plan.blocks) {
        b.values.forEach((row, i) => row.forEach((v, j) => {
          if (budget-- <= 0) throw new InjectedFailure("injected failure while writing the portfolio");
          if (v !== null) temp.set(b.row + i, b.col + j, { ...toCell(v), ...(b.formats?.[j] ? { format: b.formats[j] as string } : {}) });
        }));
      }
    } catch (e) {
      this.wb.sheets = this.wb.sheets.filter((s) => s !== temp);
      throw e;
    }
    // 2. Swap it in for the previous one (found by marker, never by name).
    const old = this.wb.owned(plan.marker);
    const at = old ? this.wb.sheets.indexOf(old) : this.wb.sheets.length;
    this.wb.sheets = this.wb.sheets.filter((s) => s !== old && s !== temp);
    temp.markers.add(plan.marker);
    temp.name = this.freeName(plan.name);
    this.wb.sheets.splice(at, 0, temp);
    // 3. Append the snapshot to the hidden history sheet.
    let history = this.wb.owned(HISTORY_MARKER);
    if (!history) {
      history = new MemorySheet(this.freeName(HISTORY_SHEET));
      history.markers.add(HISTORY_MARKER);
      history.hidden = true;
      HISTORY_HEADERS.forEach((h, j) => (history as MemorySheet).set(1, j + 1, { value: h }));
      this.wb.sheets.push(history);
    }
    // SPEC §7a: the oldest builds past HISTORY_BUILDS_KEPT go first.
    const dates = history.rows().slice(1).map((r) => r[0]);
    const { dropRows } = appendBuild(indexFromDates(dates), snapshot[0]?.date ?? "", snapshot.length);
    if (dropRows > 0) history.deleteRows(2, dropRows);
    const start = history.extent().rows + 1;
    snapshot.forEach((s, i) => snapshotToCells(s).forEach((v, j) => (history as MemorySheet).set(start + i, j + 1, { value: v, ...(j === 0 ? { format: "@" } : {}) })));
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.wb.settings = JSON.parse(JSON.stringify(settings));
  }

  async writeInputColumns(plan: InputColumnsPlan): Promise<void> {
    const sheet = this.wb.sheet(this.dataSheet) as MemorySheet;
    plan.fields.forEach((f, i) => {
      const c = INPUT_COLUMNS[f];
      const column = plan.columns[i] as number;
      sheet.set(plan.headerRow, column, { value: c.header });
      sheet.validations.set(column, { fromRow: plan.headerRow + 1, toRow: plan.lastRow, choices: [...c.choices], allowOther: c.allowOther });
    });
  }

  private freeName(base: string): string {
    let name = base;
    for (let i = 2; this.wb.sheets.some((s) => s.name === name); i++) name = `${base} (${i})`;
    return name;
  }
}

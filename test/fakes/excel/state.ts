/** The fake Excel's workbook state: sheets, cells, names, tables, charts; and the host's errors and limits. */
import { columnLetters } from "../../../core/a1";

export const LIMIT = 5 * 1024 * 1024;
const encoder = new TextEncoder();
export const bytesOf = (v: unknown): number => encoder.encode(JSON.stringify(v) ?? "null").length;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
}

export interface FakeRect {
  row: number; // 0-based
  col: number;
  rows: number;
  cols: number;
}

export interface FakeTableState {
  name: string;
  rect: FakeRect;
  style?: string;
}

export interface FakeSeriesState {
  name: string;
  x?: { sheet: FakeSheetState; rect: FakeRect };
  y?: { sheet: FakeSheetState; rect: FakeRect };
  props: Record<string, unknown>;
}

export interface FakeChartState {
  type: string;
  series: FakeSeriesState[];
  props: Record<string, unknown>;
}

export interface FakeConditionalFormat {
  rect: FakeRect;
  type: string;
  rule?: { formula1: string; operator?: string };
  fill?: string;
  fontColor?: string;
}

export class FakeSheetState {
  cells = new Map<string, FakeCell>();
  visibility = "Visible";
  tabColor = "";
  names = new Map<string, FakeNameState>();
  tables: FakeTableState[] = [];
  charts: FakeChartState[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  columnWidths = new Map<number, number>();
  freeze: FakeRect | null = null;
  validations: { rect: FakeRect; rule: unknown; prompt?: unknown; errorAlert?: unknown }[] = [];
  page: Record<string, unknown> = {};
  deleted = false;
  constructor(public name: string) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  edit(r: number, c: number): FakeCell {
    let cell = this.cells.get(`${r},${c}`);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(`${r},${c}`, cell);
    }
    return cell;
  }
  /** The cells holding a value or formula, as Excel's used range (values only). */
  used(): FakeRect | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" && cell.formula === undefined) continue;
      const [r, c] = k.split(",").map(Number) as [number, number];
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Values by 1-based row and column, "" for empty (tests). */
  valueAt(row: number, col: number): string | number | boolean {
    return this.cell(row - 1, col - 1)?.value ?? "";
  }
  /** Every cell that holds a formula (tests). */
  formulas(): { row: number; col: number; formula: string }[] {
    return [...this.cells.entries()].filter(([, c]) => c.formula !== undefined).map(([k, c]) => {
      const [r, col] = k.split(",").map(Number) as [number, number];
      return { row: r + 1, col: col + 1, formula: c.formula as string };
    });
  }
  rowsFrom(row: number, cols: number): (string | number | boolean)[][] {
    const used = this.used();
    if (!used) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = row - 1; r < used.row + used.rows; r++) out.push(Array.from({ length: cols }, (_, c) => this.cell(r, c)?.value ?? ""));
    return out;
  }
}

export interface FakeNameState {
  name: string;
  sheet: FakeSheetState;
  rect: FakeRect;
  comment?: string;
}

export function a1(r: FakeRect): string {
  const tl = `$${columnLetters(r.col + 1)}$${r.row + 1}`;
  const br = `$${columnLetters(r.col + r.cols)}$${r.row + r.rows}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${br}`;
}
export function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
export function nameFormula(n: FakeNameState): string {
  return n.sheet.deleted ? "=#REF!" : `=${quote(n.sheet.name)}!${a1(n.rect)}`;
}

export function parseA1(address: string): FakeRect {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.replace(/^.*!/, ""));
  if (!m) throw new FakeExcelError("InvalidArgument", `bad address ${address}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = col(m[1] as string);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? col(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export interface SyncRecord {
  ops: number;
  requestBytes: number;
  responseBytes: number;
  calculationSuspended: boolean;
  /** The sync was refused or an op failed. */
  failed: boolean;
}

export interface Op {
  bytes: number;
  what: string;
  run(): void;
}

export interface FakeExcelOptions {
  /** Throw a host error when this predicate says so, as the op is about to run. */
  failWhen?: (what: string, opIndex: number, sync: number) => boolean;
  /** Requirement sets the host supports (default: the manifest's declared minimum). */
  supported?: Partial<Record<string, string>>;
  /** Cells one read of values or formulas may return (default 5,000,000, the documented limit). */
  cellReadLimit?: number;
  /** What a read past the limit does: "null" (default) or "throw" — both are documented. */
  bigReads?: "null" | "throw";
}


/** Computes what formula cells show (test/fakes/excel/evaluate.ts installs one; none: formulas show their stored value). */
export interface FakeEvaluator {
  valueAt(sheet: FakeSheetState, row: number, col: number): { value: unknown } | undefined;
}

export class FakeWorkbookState {
  evaluator: FakeEvaluator | null = null;
  /**
   * The workbook uses the 1904 date system (Excel's "Use 1904 date system"; "Date systems in
   * Excel", support.microsoft.com): its date serials count from 1904-01-01 = 0. Cells hold such
   * serials (seed them so); DATE(), TODAY(), `functions.date` and ISO text written through
   * Range.values give them.
   */
  date1904 = false;
  sheets: FakeSheetState[] = [];
  /** Handlers registered with worksheets.onActivated. */
  activatedHandlers: ((args: { worksheetId: string; type: string; source: string }) => unknown)[] = [];
  names = new Map<string, FakeNameState>();
  settings = new Map<string, unknown>();
  /** Custom document properties (docProps/custom.xml), by key as written; keys compare case-insensitively. */
  customProperties = new Map<string, unknown>();
  active: FakeSheetState | null = null;

  sheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  addSheet(name: string, rows: unknown[][] = []): FakeSheetState {
    const s = new FakeSheetState(name);
    rows.forEach((r, i) => r.forEach((v, j) => {
      if (v !== null && v !== undefined && v !== "") s.edit(i, j).value = v as string | number | boolean;
    }));
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }
  allTables(): FakeTableState[] {
    return this.sheets.flatMap((s) => s.tables);
  }
  /** The stored key of a custom property, found case-insensitively. */
  customKey(key: string): string | undefined {
    return [...this.customProperties.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
  }
}

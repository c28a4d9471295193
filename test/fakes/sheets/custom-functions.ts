/**
 * Sheets' custom-function host, as Google's guide describes it
 * (developers.google.com/apps-script/guides/sheets/functions), over the fake spreadsheet:
 * - "Each time a custom function is used in a spreadsheet, Sheets makes a separate call to the Apps
 *   Script server": every call runs Code.js in a fresh context (nothing survives between cells);
 * - arguments: a cell reference gives "the value of the cell", a range "a two-dimensional array of
 *   the cells' values" (a blank cell is "", as in Range.getValues); "C2:C" reaches the sheet's last
 *   row; dates arrive as Date objects in the script's time zone (the manifest's timeZone);
 * - custom functions may only read: Spreadsheet "Read-only (can use most get*() methods, but not
 *   set*())"; a service needing authorisation answers "You do not have permission to call …";
 * - "Custom function arguments must be deterministic": NOW(), RAND()… (and TODAY()) as an argument
 *   leave the cell at "Loading..." and the function is not run;
 * - recalculation only when an argument changes: a call with the same arguments is not run again;
 * - a two-dimensional result "overflow[s] into adjacent cells as long as those cells are empty. If
 *   this would cause the array to overwrite existing cell contents, the custom function throws an
 *   error instead" (the cell shows #REF!).
 * Silent in the guide, so the worst case here: an argument cell holding an error makes the whole
 * result that error (the function is not run).
 * Built-ins the tests need are evaluated too: NA(), DATE(y, m, d), TODAY().
 */
import vm from "node:vm";
import { parseA1 } from "./a1";
import { CellError } from "./cells";
import { zonedMidnight } from "./zone";
import type { Expr } from "./formula";
import { parseFormula } from "./formula";
import type { Evaluator, SheetModel } from "./model";
import type { FakeGoogle } from "./services";

export const LOADING = "Loading...";
export const VOLATILE = ["NOW", "TODAY", "RAND", "RANDBETWEEN"];

type Grid = unknown[][];

/** What crosses into a fresh script context: arrays and Dates rebuilt in its realm. */
function transport(v: unknown): unknown {
  if (v instanceof Date) return { __date: v.getTime() };
  if (Array.isArray(v)) return v.map(transport);
  return v;
}
const IMPORT = "(function imp(v){if(Array.isArray(v))return v.map(imp);if(v&&typeof v==='object'&&'__date'in v)return new Date(v.__date);return v;})";

/** A result back from the script's realm: plain arrays. */
function fromScript(v: unknown): Grid {
  if (Array.isArray(v)) return Array.from(v, (row: unknown) => (Array.isArray(row) ? Array.from(row) : [row]));
  return [[v]];
}

export interface CustomFunctionHostOptions {
  /** appsscript.json's timeZone: the zone of the Dates a custom function receives. */
  scriptTimeZone: string;
  /** Today's date in the sheet (for TODAY()); default: the real clock. */
  now?: () => Date;
}

export class CustomFunctionHost implements Evaluator {
  /** Script executions so far (one per custom-function call that ran). */
  executions = 0;
  /** Calls answered from the recalculation cache (same arguments: not run again). */
  cached = 0;
  private readonly script: vm.Script;
  private readonly results = new Map<string, Grid>();
  private spills: { version: number; bySheet: Map<SheetModel, { out: Map<string, { value: unknown }>; pending: [number, number, string][] }> } = { version: -1, bySheet: new Map() };

  constructor(private readonly g: FakeGoogle, code: string, private readonly o: CustomFunctionHostOptions) {
    this.script = new vm.Script(code, { filename: "Code.js" });
    g.ss.evaluator = this;
  }

  /** Runs one custom function in a fresh context, as one server execution. */
  private execute(name: string, args: unknown[]): Grid {
    const context = vm.createContext({
      SpreadsheetApp: this.g.SpreadsheetApp,
      PropertiesService: this.g.PropertiesService,
      HtmlService: this.g.HtmlService,
      Charts: this.g.Charts,
      LockService: this.g.LockService,
      Utilities: this.g.Utilities,
      console,
    });
    vm.runInContext("delete globalThis.Intl;", context);
    this.script.runInContext(context);
    const imp = vm.runInContext(IMPORT, context) as (v: unknown) => unknown;
    const f = (context as Record<string, unknown>)[name];
    if (typeof f !== "function") return [[new CellError("#NAME?", `Unknown function: '${name}'.`)]];
    const zone = process.env.TZ;
    const log = this.g.log;
    process.env.TZ = this.o.scriptTimeZone;
    log.customFunction = true;
    this.executions++;
    try {
      return fromScript((f as (...a: unknown[]) => unknown)(...args.map((a) => imp(transport(a)))));
    } catch (e) {
      return [[new CellError("#ERROR!", e instanceof Error ? e.message : String(e))]];
    } finally {
      log.customFunction = false;
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  }

  /** A cell's value as an argument sees it (computed formulas included). */
  private cellValue(sheet: SheetModel, row: number, col: number): unknown {
    const computed = this.valueAt(sheet, row, col);
    const v = computed ? computed.value : sheet.cell(row, col)?.value;
    return v ?? "";
  }

  private sheetNamed(at: SheetModel, name: string | null): SheetModel {
    if (name === null) return at;
    const s = this.g.ss.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** An argument or a nested call's value: a single value, a 2-D array, or a volatile / error marker. */
  private value(e: Expr, at: SheetModel): unknown {
    switch (e.kind) {
      case "number":
      case "string":
        return e.value;
      case "omitted":
        return undefined;
      case "array":
        return e.rows.map((r) => r.map((x) => this.value(x, at)));
      case "ref": {
        const sheet = this.sheetNamed(at, e.sheet);
        const r = parseA1(e.a1, sheet.maxRows, sheet.maxCols);
        const grid = Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => this.cellValue(sheet, r.row + i, r.col + j)));
        return r.rows === 1 && r.cols === 1 ? (grid[0] as unknown[])[0] : grid;
      }
      case "call": {
        const grid = this.call(e, at);
        return grid.length === 1 && grid[0]?.length === 1 ? (grid[0] as unknown[])[0] : grid;
      }
    }
  }

  /** A function call's result grid. */
  call(e: Extract<Expr, { kind: "call" }>, at: SheetModel): Grid {
    if (VOLATILE.includes(e.name) && e.name !== "TODAY") return [[Math.random()]];
    if (e.name === "TODAY") {
      const now = (this.o.now ?? (() => new Date()))();
      const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: this.g.ss.timeZone }).format(now).split("-").map(Number) as [number, number, number];
      return [[new Date(zonedMidnight(y, m, d, this.g.ss.timeZone))]];
    }
    if (e.name === "NA") return [[new CellError("#N/A")]];
    if (e.name === "DATE") {
      const [y, m, d] = e.args.map((a) => Number(this.value(a, at))) as [number, number, number];
      return [[new Date(zonedMidnight(y, m, d, this.g.ss.timeZone))]];
    }
    if (e.args.some((a) => a.kind === "call" && VOLATILE.includes(a.name))) return [[LOADING]];
    const args = e.args.map((a) => this.value(a, at));
    const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flat(2) : [v]);
    const error = args.flatMap(flat).find((v) => v instanceof CellError);
    if (error) return [[error]];
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    const key = `${e.name}(${JSON.stringify(args.map(transport))})`;
    const hit = this.results.get(key);
    if (hit) {
      this.cached++;
      return hit;
    }
    const out = this.execute(e.name, args);
    this.results.set(key, out);
    return out;
  }

  /** Evaluates a formula as if typed into a cell of `sheet` (no spill: the result grid). */
  evaluate(formula: string, sheet: SheetModel = this.g.ss.active): Grid {
    const e = parseFormula(formula);
    if (e.kind !== "call") return [[this.value(e, sheet)]];
    return this.call(e, sheet);
  }

  /** The computed cells of a sheet: filled anchor by anchor, as lookups need them (reset when the spreadsheet changes). */
  private state(sheet: SheetModel): { out: Map<string, { value: unknown }>; pending: [number, number, string][] } {
    if (this.spills.version !== this.g.ss.version) this.spills = { version: this.g.ss.version, bySheet: new Map() };
    let st = this.spills.bySheet.get(sheet);
    if (!st) {
      st = { out: new Map(), pending: sheet.formulaAnchors() };
      this.spills.bySheet.set(sheet, st);
    }
    return st;
  }

  /** One formula cell evaluated and spilled (or #REF! when the spill would overwrite a cell). */
  private compute(sheet: SheetModel, out: Map<string, { value: unknown }>, [r, k, formula]: [number, number, string]): void {
    const grid = this.evaluate(formula, sheet);
    const width = grid.reduce((w, l) => Math.max(w, l.length), 1);
    const fits = r + grid.length - 1 <= sheet.maxRows && k + width - 1 <= sheet.maxCols;
    const blocked = !fits || grid.some((line, i) => line.some((_, j) => (i > 0 || j > 0) && hasContent(sheet, r + i, k + j)));
    if (blocked) {
      out.set(`${r},${k}`, { value: new CellError("#REF!", "Array result was not expanded because it would overwrite data.") });
      return;
    }
    grid.forEach((line, i) => line.forEach((v, j) => out.set(`${r + i},${k + j}`, { value: v })));
  }

  valueAt(sheet: SheetModel, row: number, col: number): { value: unknown } | undefined {
    const st = this.state(sheet);
    const key = `${row},${col}`;
    let hit = st.out.get(key);
    while (!hit && st.pending.length > 0) {
      this.compute(sheet, st.out, st.pending.shift() as [number, number, string]);
      hit = st.out.get(key);
    }
    return hit;
  }
}

function hasContent(sheet: SheetModel, row: number, col: number): boolean {
  const c = sheet.cell(row, col);
  return c !== undefined && (c.formula !== undefined || (c.value !== "" && c.value !== null && c.value !== undefined));
}

/** Installs the custom-function host on a fake spreadsheet: formula cells then show their results. */
export function installCustomFunctions(g: FakeGoogle, code: string, o: CustomFunctionHostOptions): CustomFunctionHost {
  return new CustomFunctionHost(g, code, o);
}

/**
 * Formula cells of the fake Excel computed as Excel would show them, for the self-test's checks:
 * KAM.* through the custom-function host (custom-functions.ts), NA(), DATE(y, m, d) and TODAY()
 * (date serials of the workbook's date system); a result spills from its cell, or shows #SPILL!
 * when a cell is in the way.
 */
import { dayFromDate, dayToSerial } from "../../../core/values";
import { excelDate } from "./functions";
import { parseA1 } from "./state";
import { ExcelCellError, type Arg, type ExcelFunctionsHost } from "./custom-functions";
import { parseFormula, type Expr } from "../sheets/formula";
import type { FakeSheetState, FakeWorkbookState } from "./state";

type Grid = unknown[][];

export function installEvaluator(st: FakeWorkbookState, host: ExcelFunctionsHost, now: () => Date = () => new Date()): void {
  const busy = new Set<string>();
  const value = (e: Expr, sheet: FakeSheetState): Grid | undefined => {
    switch (e.kind) {
      case "number":
      case "string":
        return [[e.value]];
      case "omitted":
        return undefined;
      case "array":
        return e.rows.map((r) => r.map((x) => value(x, sheet)?.[0]?.[0]));
      case "ref": {
        const target = e.sheet ? st.sheet(e.sheet) : sheet;
        if (!target) return [[new ExcelCellError("#REF!")]];
        const r = parseA1(e.a1);
        return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => cellValue(target, r.row + i, r.col + j)));
      }
      case "call":
        return call(e, sheet);
    }
  };
  const call = (e: Extract<Expr, { kind: "call" }>, sheet: FakeSheetState): Grid => {
    if (e.name === "NA") return [[new ExcelCellError("#N/A")]];
    if (e.name === "TODAY") return [[dayToSerial(dayFromDate(now()), st.date1904)]];
    if (e.name === "DATE") {
      const [y, m, d] = e.args.map((a) => Number(value(a, sheet)?.[0]?.[0])) as [number, number, number];
      const serial = excelDate(y, m, d, st.date1904);
      return [[serial === "#NUM!" ? new ExcelCellError(serial) : serial]];
    }
    if (!e.name.startsWith("KAM.")) return [["#NAME?"]];
    const args: Arg[] = e.args.map((a) => {
      const g = value(a, sheet);
      if (g === undefined) return undefined;
      return a.kind === "ref" || g.length > 1 || (g[0]?.length ?? 0) > 1 ? { range: g } : { value: g[0]?.[0] };
    });
    return host.invoke(e.name.slice(4), args);
  };
  const computed = (sheet: FakeSheetState): Map<string, unknown> => {
    const out = new Map<string, unknown>();
    for (const [key, cell] of sheet.cells) {
      if (cell.formula === undefined) continue;
      const id = `${sheet.name}!${key}`;
      if (busy.has(id)) continue;
      busy.add(id);
      try {
        const [r, c] = key.split(",").map(Number) as [number, number];
        const grid = value(parseFormula(cell.formula), sheet) ?? [[""]];
        const blocked = grid.some((line, i) => line.some((_, j) => (i > 0 || j > 0) && hasContent(sheet, r + i, c + j)));
        if (blocked) out.set(key, "#SPILL!");
        else grid.forEach((line, i) => line.forEach((v, j) => out.set(`${r + i},${c + j}`, v instanceof ExcelCellError ? v.code : v)));
      } finally {
        busy.delete(id);
      }
    }
    return out;
  };
  const cellValue = (sheet: FakeSheetState, row: number, col: number): unknown => {
    const v = computed(sheet).get(`${row},${col}`);
    if (v !== undefined) return typeof v === "string" && v.startsWith("#") ? new ExcelCellError(v) : v;
    const raw = sheet.cell(row, col)?.value;
    return raw === "" || raw === undefined ? null : raw;
  };
  st.evaluator = {
    valueAt(sheet, row, col) {
      const v = computed(sheet).get(`${row},${col}`);
      return v === undefined ? undefined : { value: v };
    },
  };
}

function hasContent(sheet: FakeSheetState, row: number, col: number): boolean {
  const c = sheet.cell(row, col);
  return c !== undefined && (c.formula !== undefined || c.value !== "");
}

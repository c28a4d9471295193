/**
 * The matrix columns written into the user's own sheet (SPEC §1 step 3, §9): where they go, and
 * what they hold — one spilling custom-function formula per column, or plain values.
 */
import { columnLetters } from "./a1";
import type { Field } from "./columns";
import { MATRIX_MARKER, FORMATS, type PlanValue } from "./plan";
import type { ClientResult, Portfolio } from "./portfolio";
import { DEFAULT_SETTINGS, type Settings } from "./settings";
import { isBlank, type CellValue } from "./values";

export const MATRIX_HEADERS = [
  "KAM revenue rating",
  "KAM wallet rating",
  "KAM profit rating",
  "KAM strategic value",
  "KAM pain",
  "KAM score",
  "KAM grade",
  "KAM relationship",
  "KAM quadrant",
] as const;
export const MATRIX_FORMATS: (string | null)[] = [null, null, null, null, null, FORMATS.score, null, FORMATS.score, null];

export interface FormulaDialect {
  /** "KAM_" in Sheets, "KAM." in Excel. */
  prefix: string;
  /** Sheets: `C2:C` grows with the sheet; Excel and HyperFormula: `C2:C61`. */
  openEnded: boolean;
}
export const SHEETS_DIALECT: FormulaDialect = { prefix: "KAM_", openEnded: true };
export const EXCEL_DIALECT: FormulaDialect = { prefix: "KAM.", openEnded: false };

export interface MatrixLocation {
  /** 1-based first column of the matrix. */
  column: number;
}

export interface MatrixPlan {
  marker: string;
  /** 1-based header row (the data's header row) and data rows. */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  column: number;
  headers: string[];
  /**
   * Rows firstDataRow..lastDataRow × headers. With `spill`, only the first row holds formulas
   * (one per column) and the rest is null, left for the formulas to spill into.
   */
  cells: PlanValue[][];
  spill: boolean;
  formats: (string | null)[];
  /** Columns the previous matrix occupied (1-based first column and count), to clear first. */
  previous: { column: number; count: number } | null;
}

export class MatrixPlacementError extends Error {}

/**
 * The first run of empty columns right of the data's header, or the columns the matrix used
 * before (found by its marker). Never a column holding a user's cell.
 */
export function matrixLocation(rows: readonly (readonly CellValue[])[], headerRow: number, previous: { column: number; count: number } | null): MatrixLocation {
  const width = MATRIX_HEADERS.length;
  const blankColumn = (c: number) => rows.every((r) => isBlank(r[c - 1]));
  const header = rows[headerRow - 1] ?? [];
  if (previous) {
    // Reuse our columns, but only while each still is one of ours (a KAM header, or nothing at all):
    // a column of the owner's inserted among them — or reached into when one of ours was deleted —
    // would otherwise be cleared and written over.
    const ours = new Set<CellValue>(MATRIX_HEADERS);
    const span = `${columnLetters(previous.column)}:${columnLetters(previous.column + previous.count - 1)}`;
    // Blank columns inside the span: inserted among ours (each moved one of ours right).
    let inserted = 0;
    for (let c = previous.column; c < previous.column + previous.count; c++) {
      const h = header[c - 1];
      if (blankColumn(c)) inserted++;
      if (ours.has(h ?? null) || blankColumn(c)) continue;
      // Which of ours stood here: the blank columns inserted before it moved it right.
      const expected = MATRIX_HEADERS[c - previous.column - inserted];
      // One of our headers, renamed: the column is ours, its header is not.
      if (typeof h === "string" && /^\s*KAM\b/i.test(h) && expected !== undefined) {
        throw new MatrixPlacementError(`column ${columnLetters(c)}, among the KAM columns (${span}), is headed “${h.slice(0, 40)}” where “${expected}” was; put that header back, or delete the KAM columns, then build again`);
      }
      const what = isBlank(h) ? "cells of yours" : `“${String(h).slice(0, 40)}”`;
      throw new MatrixPlacementError(`column ${columnLetters(c)}, among the KAM columns (${span}), holds ${what}; move it out of ${span}, or delete the KAM columns, then build again`);
    }
    // Any extra column this version needs must be empty.
    for (let c = previous.column + previous.count; c < previous.column + width; c++) {
      if (!blankColumn(c)) throw new MatrixPlacementError(`column ${columnLetters(c)} holds your data where the matrix needs to grow; move it or delete the KAM columns`);
    }
    return { column: previous.column };
  }
  let lastHeader = 0;
  header.forEach((v, i) => {
    if (!isBlank(v)) lastHeader = i + 1;
  });
  let start = lastHeader + 1;
  for (;;) {
    let ok = true;
    for (let c = start; c < start + width; c++) {
      if (!blankColumn(c)) {
        ok = false;
        start = c + 1;
        break;
      }
    }
    if (ok) return { column: start };
  }
}

function rangeOf(column: number, first: number, last: number, d: FormulaDialect): string {
  const l = columnLetters(column);
  return d.openEnded ? `${l}${first}:${l}` : `${l}${first}:${l}${Math.max(first, last)}`;
}

/** The settings that are one number. */
type NumberSetting = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

/**
 * Formula arguments only where a setting differs from its default (short, readable formulas): the
 * functions take DEFAULT_SETTINGS for an omitted argument, so both sides read the same defaults.
 */
function differs(s: Settings, ...keys: NumberSetting[]): boolean {
  return keys.some((k) => s[k] !== DEFAULT_SETTINGS[k]);
}

/** ", 50%, 75%" for two percent settings, when either differs from its default. */
function pctArgs(s: Settings, low: NumberSetting, high: NumberSetting): string {
  return differs(s, low, high) ? `, ${s[low]}%, ${s[high]}%` : "";
}

function weightsLiteral(s: Settings): string | null {
  const w = s.weights;
  const d = DEFAULT_SETTINGS.weights;
  if (w.revenue === d.revenue && w.wallet === d.wallet && w.profitability === d.profitability && w.strategic === d.strategic && w.pain === d.pain) return null;
  return `{${w.revenue},${w.wallet},${w.profitability},${w.strategic},${w.pain}}`;
}

/** One spilling formula per matrix column, in SPEC order, for a per-client sheet. */
export function matrixFormulas(p: Portfolio, column: number, lastDataRow: number, d: FormulaDialect): (string | null)[] {
  const s = p.settings;
  const first = p.headerRow + 1;
  const input = (f: Field) => {
    const col = p.mapping[f];
    return col === undefined ? null : rangeOf(col + 1, first, lastDataRow, d);
  };
  const own = (i: number) => rangeOf(column + i, first, lastDataRow, d);
  const fn = (name: string, args: string) => `=${d.prefix}${name}(${args})`;
  const rev = input("revenue") as string;
  const revenue =
    s.revenueMethod === "rank"
      ? fn("REVENUE_RATING", `${rev}, ${rev}${differs(s, "revenueTopPct", "revenueNextPct") ? `, ${s.revenueTopPct}, ${s.revenueNextPct}` : ""}`)
      : fn("REVENUE_RATING", `${rev}, ${rev}, ${s.cumulativeHighPct}, ${s.cumulativeMediumPct}, "cumulative"`);
  const wallet = input("wallet");
  const walletF = wallet && fn("WALLET_RATING", `${wallet}${pctArgs(s, "walletMediumPct", "walletHighPct")}`);
  const margin = input("margin");
  const profit = input("profit");
  const profitArgs = pctArgs(s, "profitAdequatePct", "profitHighPct");
  const profitF = margin
    ? fn("PROFIT_RATING", `${margin}${profitArgs}`)
    : profit
      ? fn("PROFIT_RATING", `${d.prefix}MARGIN(${profit}, ${rev})${profitArgs}`)
      : null;
  const strategic = input("strategic");
  const strategicF = strategic && fn("LEVEL", strategic);
  const pain = input("pain");
  const aligned = input("aligned");
  const easy = input("easy");
  // Pain as entered; where blank or unreadable, from aligned/easy when those are mapped (as the portfolio does).
  const fromAlignment = aligned && easy ? `${d.prefix}PAIN(${aligned}, ${easy})` : null;
  const painF = pain ? fn("LEVEL", fromAlignment ? `${pain}, ${fromAlignment}` : pain) : fromAlignment ? `=${fromAlignment}` : null;
  const ratings = [own(0), own(1), own(2), own(3), own(4)].join(", ");
  const weights = weightsLiteral(s);
  const scoreF = fn("SCORE", `${ratings}${weights ? `, ${weights}` : ""}`);
  const override = input("override");
  const thresholds = differs(s, "gradeAMin", "gradeBMin") ? `, ${s.gradeAMin}, ${s.gradeBMin}` : "";
  const gradeTail = thresholds ? `, ${override ?? ""}, ${weights ?? ""}${thresholds}` : weights ? `, ${override ?? ""}, ${weights}` : override ? `, ${override}` : "";
  const gradeF = fn("GRADE", `${ratings}${gradeTail}`);
  const relationship = input("relationship");
  // The relationship column; blank cells estimated from share and pain (as the portfolio does).
  const relationshipF = relationship ? fn("RELATIONSHIP", `${relationship}, ${own(4)}, ${wallet ?? own(1)}`) : fn("RELATIONSHIP", `${wallet ?? own(1)}, ${own(4)}`);
  const benefit = input("benefit");
  const benefitArg = benefit ? `${d.prefix}RELATIONSHIP(${benefit})` : own(5);
  const quadrantF = fn("QUADRANT", `${own(7)}, ${benefitArg}${differs(s, "quadrantThreshold") ? `, ${s.quadrantThreshold}` : ""}`);
  return [revenue, walletF, profitF, strategicF, painF, scoreF, gradeF, relationshipF, quadrantF];
}

function matrixValues(c: ClientResult): PlanValue[] {
  return [c.revenueRating, c.walletRating, c.profitRating, c.strategic, c.pain, c.score, c.grade, c.relationship, c.quadrant];
}

export interface MatrixOptions {
  rows: readonly (readonly CellValue[])[];
  previous: { column: number; count: number } | null;
  output: "formulas" | "values";
  dialect: FormulaDialect;
}

/**
 * Why the matrix holds values where formulas were asked for, or null when formulas can be used.
 * An order list: per-row formulas would rate single orders, not clients. Rows the grading left out
 * (a TOTAL row, a refund, SPEC §2a): a formula over the whole column would count them as clients
 * (a total would take the top revenue rank), so the live matrix would disagree with the portfolio.
 * Manual grades with an end date: `GRADE` takes the manual grade, not its end, so after that day
 * the live grade would still be the manual one while the portfolio says `override-expired`.
 * A cost to serve: the portfolio rates profitability on the margin after it (SPEC §12), which
 * `PROFIT_RATING` over the margin or profit column cannot see.
 */
export function valuesBecause(p: Portfolio): string | null {
  if (p.mode === "orders") return "an order list: each row shows its client's ratings";
  const n = p.skipped.length;
  if (n > 0) return `formulas over the column would count the ${n === 1 ? "skipped row as a client" : `${n} skipped rows as clients`}`;
  // The grade formula takes the manual grade as it stands; it cannot tell the day it ends (SPEC §4).
  if (p.mapping.override !== undefined && p.mapping.overrideUntil !== undefined) return "the grade formula would keep a manual grade past its “Override until” date";
  // The profitability rating is on the margin after the cost to serve (SPEC §12); the profit formula rates the margin as entered.
  if (p.mapping.costToServe !== undefined) return "the profit formula cannot take the cost to serve off the margin";
  return null;
}

/**
 * The table's last row: the last holding a cell outside our columns, or a row of a values matrix
 * (a grade, or a "Needs data:" / "Skipped:" reason) whose client cells were emptied since, to clear.
 * A note the owner typed below the table in one of our columns is theirs: not a row to rate or clear.
 */
function tableEnd(rows: readonly (readonly CellValue[])[], firstDataRow: number, previous: { column: number; count: number } | null): number {
  const own = new Set(ownColumns(previous));
  const first = previous ? previous.column - 1 : -1;
  // Found by its header: a blank column inserted among ours moves it.
  const header = rows[firstDataRow - 2] ?? [];
  const grade = [...own].find((c) => header[c] === "KAM grade") ?? -1;
  const ours = (r: readonly CellValue[]) => {
    const g = grade >= 0 ? r[grade] : null;
    const f = r[first];
    return g === "A" || g === "B" || g === "C" || (typeof f === "string" && /^(Needs data|Skipped): /.test(f));
  };
  let last = rows.length;
  for (; last > firstDataRow; last--) {
    const r = rows[last - 1] ?? [];
    if (r.some((v, i) => !own.has(i) && !isBlank(v)) || (previous !== null && ours(r))) break;
  }
  return Math.max(firstDataRow, last);
}

/** The matrix for a portfolio: live formulas when asked for and `valuesBecause` finds no reason against, else values. */
export function planMatrix(p: Portfolio, o: MatrixOptions): MatrixPlan {
  const { column } = matrixLocation(o.rows, p.headerRow, o.previous);
  const firstDataRow = p.headerRow + 1;
  const lastDataRow = tableEnd(o.rows, firstDataRow, o.previous);
  const count = lastDataRow - firstDataRow + 1;
  const spill = o.output === "formulas" && valuesBecause(p) === null;
  let cells: PlanValue[][];
  if (spill) {
    const formulas = matrixFormulas(p, column, lastDataRow, o.dialect);
    cells = Array.from({ length: count }, (_, i) => (i === 0 ? formulas.map((f) => (f === null ? null : { formula: f })) : MATRIX_HEADERS.map(() => null)));
  } else {
    // A row not ranked says why in its first matrix cell: it needs data, or was skipped (a total, no revenue).
    const reasons = new Map(p.needsData.map((n) => [n.row, `Needs data: ${n.reason}`]));
    for (const n of p.skipped) reasons.set(n.row, `Skipped: ${n.reason}`);
    cells = Array.from({ length: count }, (_, i) => {
      const row = firstDataRow + i;
      const client = p.clientByRow.get(row);
      if (client) return matrixValues(client);
      const reason = reasons.get(row);
      return MATRIX_HEADERS.map((_, k) => (k === 0 && reason !== undefined ? reason : null));
    });
  }
  return {
    marker: MATRIX_MARKER,
    headerRow: p.headerRow,
    firstDataRow,
    lastDataRow,
    column,
    headers: [...MATRIX_HEADERS],
    cells,
    spill,
    formats: MATRIX_FORMATS,
    previous: o.previous,
  };
}

/**
 * The columns the matrix occupies now, from where its marker says (`matrix`, as a port reads it):
 * blank columns the owner inserted among ours pushed as many of ours past the marked span (Sheets
 * marks the first column and a count), and those are ours too — hidden from the grading, cleared
 * and written over by a rebuild, not left behind as a stale copy beside it.
 */
export function matrixNow(state: { rows: readonly (readonly CellValue[])[]; matrix: { column: number; count: number } | null }): { column: number; count: number } | null {
  const { rows, matrix } = state;
  if (matrix === null) return null;
  const ours = new Set<CellValue>(MATRIX_HEADERS);
  let inserted = 0;
  for (let c = matrix.column; c < matrix.column + matrix.count; c++) if (rows.every((r) => isBlank(r[c - 1]))) inserted++;
  let pushed = 0;
  while (pushed < inserted && rows.some((r) => ours.has(r[matrix.column + matrix.count + pushed - 1] ?? null))) pushed++;
  return pushed === 0 ? matrix : { column: matrix.column, count: matrix.count + pushed };
}

/** The 0-based columns a previous matrix occupies, to hide from column detection. */
export function ownColumns(previous: { column: number; count: number } | null): number[] {
  if (!previous) return [];
  return Array.from({ length: previous.count }, (_, i) => previous.column - 1 + i);
}

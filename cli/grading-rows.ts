/**
 * The rows of a CSV as `grade` needs them, kept small while the file is read (issue 10: a
 * million-line order list graded in bounded memory). Grading reads only some columns of a data row
 * — those whose header could name an input (core/columns `headerScore`), a status or stage column
 * (core/portfolio/skipped-rows), a currency column (core/portfolio/currencies), a column named by
 * `--map` — and whether the rest of the row is
 * blank. So each data row keeps those cells where they stand, a cell saying the row holds
 * something elsewhere, and nothing else; a blank row is one shared empty row; in a long file, a
 * repeated value (a client's name on each of its orders, a date, a segment) is one string. The
 * first rows, where the header is looked for, are kept whole, so grading finds the same header,
 * maps the same columns and grades the same clients as it would on every cell.
 */
import { columnNumber } from "../core/a1";
import { FIELDS, findHeaderRow, headerWords, wordsScore, type Field } from "../core/columns";
import { namesCurrency } from "../core/portfolio/currencies";
import { namesStatus } from "../core/portfolio/skipped-rows";
import { isBlank, type CellValue } from "../core/values";
import type { RowSink } from "./csv";
import { ownString } from "./xlsx/xml";

/** How many non-blank rows findHeaderRow looks at for the header. */
const HEAD_ROWS = 10;
/** Distinct values one column keeps as one string each; past that each value is its own string. */
const SHARED_VALUES = 1 << 18;
/** Lookups of a column's values before sharing them is first judged (then at each doubling). */
const FIRST_JUDGEMENT = 1 << 14;
/**
 * Rows read before any value is shared. Up to there the strings sharing could save are a few MB at
 * most, while looking each value up cost a quarter of reading a 10,000-row file; a long file's
 * values are looked up (and judged) from there on.
 */
export const SHARE_FROM = 1 << 14;

/**
 * Whether a column's values are still worth looking up to share: a lookup costs about as much as
 * reading the cell, so at 16,384 lookups, and at each doubling after, a column where fewer than one
 * lookup in four found its value already kept (names in a sheet of clients, amounts) stops. Judged
 * that late so an order list's names (a few hundred lines per customer, met in any order) are
 * judged on enough lines to repeat: before, `grade` of 1,000,000 lines spent 40% of its time
 * looking up amounts that never repeat.
 */
export function keepsSharing(lookups: number, found: number): boolean {
  return lookups < FIRST_JUDGEMENT || 4 * found >= lookups;
}
/** Stands for the cells a row holds in columns grading never reads (it is not blank). */
const ELSEWHERE = "(cells in other columns)";
/** Every blank data row. */
const BLANK_ROW: CellValue[] = [];

/** The columns a header row's texts give to grading: any that could name an input, a status or a currency, or that `--map` names. */
export function gradedColumns(header: readonly CellValue[], overrides: Partial<Record<Field, string>>): number[] {
  const texts = header.map((h) => (isBlank(h) ? "" : String(h).trim()));
  const named = new Set<number>();
  for (const wanted of Object.values(overrides)) {
    if (wanted === undefined) continue;
    const w = wanted.trim().toLowerCase();
    texts.forEach((t, i) => t.toLowerCase() === w && named.add(i));
    if (/^[a-z]{1,3}$/i.test(w)) named.add(columnNumber(w) - 1);
  }
  const graded = (t: string, i: number): boolean => {
    if (named.has(i)) return true;
    if (t === "") return false;
    const words = headerWords(t);
    return namesStatus(words) || namesCurrency(words) || FIELDS.some((f) => wordsScore(f, words) > 0);
  };
  const out: number[] = [];
  let width = texts.length;
  for (const i of named) width = Math.max(width, i + 1);
  for (let i = 0; i < width; i++) if (graded(texts[i] ?? "", i)) out.push(i);
  return out;
}

export class GradingRows {
  private readonly rows: CellValue[][] = [];
  private nonBlank = 0;
  /** The graded columns, once the header is known; null while the first rows are kept whole. */
  private graded: number[] | null = null;
  private readonly isGraded = new Set<number>();
  /** Per graded column: its values kept as one string each, or null once sharing them stopped paying. */
  private values: (Map<string, string> | null)[] = [];
  /** Per graded column: its values looked up, and found already kept. */
  private lookups: number[] = [];
  private found: number[] = [];
  /** The length of a kept data row: to its last graded column (the ELSEWHERE cell, when there is one, goes after it). */
  private width = 0;
  /** The last row holding something else than empty cells (the trailing blank lines are dropped). */
  private lastFilled = -1;

  constructor(private readonly overrides: Partial<Record<Field, string>>) {}

  readonly add: RowSink = (batch) => {
    for (const row of batch) this.row(row);
  };

  /** The sheet as grading reads it. */
  finish(): CellValue[][] {
    this.rows.length = this.lastFilled + 1;
    return this.rows;
  }

  private row(cells: string[]): void {
    for (let c = 0; c < cells.length; c++) {
      if (cells[c] !== "") {
        this.lastFilled = this.rows.length;
        break;
      }
    }
    if (this.graded === null) {
      this.rows.push(cells);
      if (!cells.every(isBlank) && ++this.nonBlank === HEAD_ROWS) this.start();
      return;
    }
    this.rows.push(this.kept(cells, this.graded));
  }

  private start(): void {
    const graded = gradedColumns(this.rows[findHeaderRow(this.rows, this.overrides)] ?? [], this.overrides);
    this.graded = graded;
    for (const c of graded) this.isGraded.add(c);
    this.values = graded.map(() => new Map());
    this.lookups = graded.map(() => 0);
    this.found = graded.map(() => 0);
    this.width = graded.length ? (graded[graded.length - 1] as number) + 1 : 0;
  }

  private kept(cells: string[], graded: readonly number[]): CellValue[] {
    let out: CellValue[] | null = null;
    let filled = false;
    for (let j = 0; j < graded.length; j++) {
      const c = graded[j] as number;
      const v = cells[c];
      if (v === undefined || v === "") continue;
      out ??= new Array<CellValue>(this.width).fill(null);
      out[c] = this.shared(j, v);
      filled ||= !isBlank(v);
    }
    if (!filled) {
      for (let c = 0; c < cells.length; c++) {
        if (this.isGraded.has(c) || isBlank(cells[c])) continue;
        out ??= new Array<CellValue>(this.width).fill(null);
        out[this.width] = ELSEWHERE;
        break;
      }
    }
    return out ?? BLANK_ROW;
  }

  private shared(j: number, v: string): string {
    const values = this.values[j] as Map<string, string> | null;
    if (values === null || this.rows.length < SHARE_FROM) return ownString(v);
    const seen = values.get(v);
    const lookups = ++(this.lookups[j] as number);
    if (seen !== undefined) this.found[j] = (this.found[j] as number) + 1;
    // Judged at each power of two (from FIRST_JUDGEMENT: keepsSharing keeps it before).
    if ((lookups & (lookups - 1)) === 0 && !keepsSharing(lookups, this.found[j] as number)) this.values[j] = null;
    if (seen !== undefined) return seen;
    const kept = ownString(v);
    if (values.size >= SHARED_VALUES) return kept;
    values.set(kept, kept);
    return kept;
  }
}

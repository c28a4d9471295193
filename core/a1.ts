/**
 * A1 notation, once for every host. Columns and rows are 1-based here, as a spreadsheet numbers
 * them (column 1 is "A"); core's column mapping (`Mapping`) is 0-based and converts at its edge.
 */
/** A 1-based rectangle. */
export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Column letters per 1-based column, made once each (a sheet has at most 16,384 columns). */
const LETTERS: string[] = [];

/** 1 → "A", 27 → "AA". */
export function columnLetters(column: number): string {
  let s = LETTERS[column];
  if (s !== undefined) return s;
  s = "";
  for (let x = column; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  if (column <= 16_384) LETTERS[column] = s;
  return s;
}

/** "A" → 1, "aa" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  const up = letters.toUpperCase();
  for (let i = 0; i < up.length; i++) n = n * 26 + (up.charCodeAt(i) - 64);
  return n;
}

/** (12, 2) → "B12"; absolute: "$B$12". */
export function cellRef(row: number, column: number, absolute = false): string {
  return absolute ? `$${columnLetters(column)}$${row}` : `${columnLetters(column)}${row}`;
}

/** "B12" or "$B$12" → { row: 12, col: 2 }; null for anything else. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { col: columnNumber(m[1] as string), row: Number(m[2]) } : null;
}

/** A rectangle as "B2:D9" (a single cell as "B2"); absolute: "$B$2:$D$9". */
export function rangeA1(r: RangeRef, absolute = false): string {
  const tl = cellRef(r.row, r.col, absolute);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${cellRef(r.row + r.rows - 1, r.col + r.cols - 1, absolute)}`;
}

/** A sheet name as it appears in a formula: quoted unless it is a plain word (and not a cell reference). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A sheet-qualified reference: `'KAM History'!$A$1:$E$61`. */
export function sheetRange(sheet: string, r: RangeRef): string {
  return `${quoteSheet(sheet)}!${rangeA1(r, true)}`;
}

/** A sheet-qualified area and its rectangle. */
export interface AreaRef extends RangeRef {
  sheet: string;
}

/**
 * `='My sheet'!$A$1:$C$9` (with or without "=") → its sheet and rectangle; null for anything else
 * (#REF! from a deleted sheet, formulas, unquoted names that are not plain words).
 */
export function parseAreaRef(formula: unknown): AreaRef | null {
  if (typeof formula !== "string") return null;
  const m = /^=?(?:'((?:[^']|'')+)'|([\p{L}_\\][\p{L}\p{N}_.]*))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/u.exec(formula.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
  const c1 = columnNumber(m[3] as string);
  const r1 = Number(m[4]);
  const c2 = m[5] ? columnNumber(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) : r1;
  return { sheet, row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

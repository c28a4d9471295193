/** A1 notation as Sheets reads it: "B3", "B3:D9", "J:R", "J2:R", "2:2" (open ends run to the sheet's size). */
import { ServiceError } from "./log";

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** 1-based rectangle of an A1 reference (a sheet name before "!" is ignored). */
export function parseA1(a1: string, maxRows: number, maxCols: number): Rect {
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(a1.trim().replace(/^.*!/, "").replace(/\$/g, ""));
  if (!m || (m[1] === "" && m[2] === "")) throw new ServiceError(`Range not found: ${a1}`);
  const [, c1 = "", r1 = "", c2, r2] = m;
  const col = c1 ? colIndex(c1) : 1;
  const row = r1 ? Number(r1) : 1;
  const single = c2 === undefined && r2 === undefined;
  const endCol = single ? (c1 ? col : maxCols) : c2 ? colIndex(c2) : maxCols;
  const endRow = single ? (r1 ? row : maxRows) : r2 ? Number(r2) : maxRows;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

export const a1Of = (row: number, col: number, rows = 1, cols = 1): string =>
  rows === 1 && cols === 1 ? `${colLetters(col)}${row}` : `${colLetters(col)}${row}:${colLetters(col + cols - 1)}${row + rows - 1}`;

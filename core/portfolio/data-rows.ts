/**
 * The sheet's data rows, the rows below the header (`rows[start + i]` is data row i), read where
 * they are: at 100,000 rows a copy of the list is a fresh 800 kB.
 */
import type { CellValue } from "../values";

export interface DataRows {
  readonly rows: readonly (readonly CellValue[])[];
  readonly start: number;
  readonly count: number;
}

/** The rows below the header row `headerIndex`. */
export const rowsBelow = (rows: readonly (readonly CellValue[])[], headerIndex: number): DataRows => ({ rows, start: headerIndex + 1, count: Math.max(0, rows.length - headerIndex - 1) });

/** Data row i (undefined past the end). */
export const dataRow = (data: DataRows, i: number): readonly CellValue[] | undefined => data.rows[data.start + i];

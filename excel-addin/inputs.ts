/**
 * "Add the missing input columns": where they go in the user's sheet and what they offer. Pure.
 * The columns go to the first empty columns right of the data (and right of the matrix, if one is
 * there), never over a user's cell; each gets a header the column detection recognises and a
 * dropdown of the words it accepts.
 */
import { isBlank, type CellValue } from "../core/values";

export type InputField = "strategic" | "pain" | "relationship";

export const INPUT_COLUMNS: Record<InputField, { header: string; choices: string[] }> = {
  strategic: { header: "Strategic value", choices: ["High", "Medium", "Low"] },
  pain: { header: "Pain", choices: ["Low", "Medium", "High"] },
  relationship: { header: "Relationship stage", choices: ["Exploratory", "Basic", "Cooperative", "Interdependent", "Integrated"] },
};

export interface InputColumnsPlan {
  /** 1-based first column; the fields follow in order. */
  column: number;
  headerRow: number;
  /** Last row the dropdowns cover (the data's last row, at least the row under the header). */
  lastRow: number;
  fields: InputField[];
}

export function planInputColumns(
  rows: readonly (readonly CellValue[])[],
  headerRow: number,
  fields: readonly InputField[],
  matrix: { column: number; count: number } | null,
): InputColumnsPlan {
  const wanted = [...new Set(fields)];
  const blank = (c: number) => rows.every((r) => isBlank(r[c - 1]));
  let start = 1;
  rows.forEach((r) => r.forEach((v, i) => {
    if (!isBlank(v)) start = Math.max(start, i + 2);
  }));
  if (matrix) start = Math.max(start, matrix.column + matrix.count);
  for (;;) {
    let ok = true;
    for (let c = start; c < start + wanted.length; c++) {
      if (!blank(c)) {
        ok = false;
        start = c + 1;
        break;
      }
    }
    if (ok) break;
  }
  return { column: start, headerRow, lastRow: Math.max(headerRow + 1, rows.length), fields: wanted };
}

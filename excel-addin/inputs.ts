/**
 * "Add the missing input columns": where they go in the user's sheet and what they offer. Pure.
 * The columns go to the first empty columns right of the data (and right of the matrix, if one is
 * there), never over a user's cell; each gets a header the column detection recognises and a
 * High/Medium/Low dropdown. Headers, choices and help match the Sheets add-on's
 * (sheets-addon/entry-points.ts): the same small table lives in both hosts for now.
 */
import { isBlank, type CellValue } from "../core/values";

export type InputField = "strategic" | "pain" | "relationship";

export const INPUT_COLUMNS: Record<InputField, { header: string; choices: string[]; allowOther: boolean; help: string }> = {
  strategic: { header: "Strategic value", choices: ["High", "Medium", "Low"], allowOther: false, help: "Strategic value of the client: High, Medium or Low (blank counts as Low)." },
  pain: { header: "Pain", choices: ["High", "Medium", "Low"], allowOther: false, help: "How hard the client is to serve: High, Medium or Low." },
  relationship: { header: "Relationship", choices: ["High", "Medium", "Low"], allowOther: true, help: "Relationship strength: High, Medium or Low (1–5, 0–100 or a stage word also work)." },
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

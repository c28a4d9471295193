/**
 * "Add the missing input columns": where they go in the user's sheet and what they offer. Pure.
 * The columns go to the first empty columns of the sheet, never over a user's cell nor into the
 * matrix; each gets a header the column detection recognises and a
 * High/Medium/Low dropdown. Both add-ins (Sheets and Excel) use this one table and placement.
 */
import { isBlank, type CellValue } from "./values";

export type InputField = "strategic" | "pain" | "relationship";

export const INPUT_COLUMNS: Record<InputField, { header: string; choices: string[]; allowOther: boolean; help: string }> = {
  strategic: { header: "Strategic value", choices: ["High", "Medium", "Low"], allowOther: false, help: "Strategic value of the client: High, Medium or Low (blank counts as Low)." },
  pain: { header: "Pain", choices: ["High", "Medium", "Low"], allowOther: false, help: "How hard the client is to serve: High, Medium or Low." },
  relationship: { header: "Relationship", choices: ["High", "Medium", "Low"], allowOther: true, help: "Relationship strength: High, Medium or Low (1–5, 0–100 or a stage word also work)." },
};

export interface InputColumnsPlan {
  /** 1-based column of each field, in the order of `fields`. */
  columns: number[];
  headerRow: number;
  /** Last row the dropdowns cover (the data's last row, at least the row under the header). */
  lastRow: number;
  fields: InputField[];
}

/**
 * The first entirely empty columns of the sheet (a blank column inside the table counts), one per
 * field; the matrix columns are never used.
 */
export function planInputColumns(
  rows: readonly (readonly CellValue[])[],
  headerRow: number,
  fields: readonly InputField[],
  matrix: { column: number; count: number } | null,
): InputColumnsPlan {
  const wanted = [...new Set(fields)];
  const blank = (c: number) => rows.every((r) => isBlank(r[c - 1]));
  const ours = (c: number) => matrix !== null && c >= matrix.column && c < matrix.column + matrix.count;
  const columns: number[] = [];
  for (let c = 1; columns.length < wanted.length; c++) if (!ours(c) && blank(c)) columns.push(c);
  return { columns, headerRow, lastRow: Math.max(headerRow + 1, rows.length), fields: wanted };
}

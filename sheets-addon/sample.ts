/**
 * The sample clients of "Add sample sheet" (examples/clients.csv), kept in the project's
 * Sample.html: Apps Script loads every script file for each execution (each custom function's
 * too), and an HTML file only when asked for it, so the rows live in one
 * (`HtmlService.createHtmlOutputFromFile(name).getContent()`, the documented "include" idiom).
 * The build writes each row as a line, its cells between `|`, and checks that no cell holds either.
 */
export const SAMPLE_FILE = "Sample";
export const SAMPLE_CELL = "|";

/** The file's rows as written by `sampleText` (a line break at the end, as an editor may add, is ignored). */
export function sampleRows(text: string): string[][] {
  return text.replace(/(\r?\n)+$/, "").split(/\r?\n/).map((row) => row.split(SAMPLE_CELL));
}

/** The rows as the file's text; throws when a cell holds a `|` or a line break. */
export function sampleText(rows: readonly (readonly string[])[]): string {
  const bad = rows.flat().find((cell) => cell.includes(SAMPLE_CELL) || /[\r\n]/.test(cell));
  if (bad !== undefined) throw new Error(`sample cell ${JSON.stringify(bad)} holds ${SAMPLE_CELL} or a line break`);
  return rows.map((row) => row.join(SAMPLE_CELL)).join("\n");
}

/** `kam-portfolio grade`: the ranked portfolio as a table, or SPEC §10's JSON. */
import { gradePortfolio, type Portfolio } from "../core/portfolio";
import { portfolioInput } from "../core/use-cases/grade";
import { jsonReportPieces } from "./json-report";
import { inSheet, settingsFor, type Io, type Options } from "./options";
import { openSource } from "./read";
import { escapeControls, renderTable } from "./text-table";

export async function gradeFile(o: Pick<Options, "file" | "sheet" | "settings" | "settingsInput" | "settingsGiven" | "today">, note: (s: string) => void = () => {}): Promise<Portfolio> {
  const source = await openSource(o.file, o.sheet, o.settings.mapping);
  // Everything grading needs is read.
  source.xlsx?.pkg.close();
  for (const n of source.notes) note(`kam-portfolio: ${n}`);
  try {
    return gradePortfolio(portfolioInput(source, settingsFor(o, source.settings), o.today));
  } catch (e) {
    throw inSheet(o.file, source.sheetName, e);
  }
}

export async function grade(o: Options, io: Io): Promise<void> {
  const p = await gradeFile(o, io.err);
  // The table says what the grading noted about the sheet; beside the JSON it goes to stderr.
  if (o.json) for (const n of p.notes) io.err(`kam-portfolio: ${escapeControls(n)}`);
  if (o.json) for (const piece of jsonReportPieces(p)) io.out(piece);
  else io.out(renderTable(p));
}

// What the core/portfolio suites share: grading a sheet of cells on a fixed day, a client by name.
import { gradePortfolio, type ClientResult, type PortfolioInput } from "../../../core/portfolio";
import { resolveSettings } from "../../../core/settings";
import { dayFromParts, type CellValue } from "../../../core/values";

export const today = dayFromParts(2026, 6, 30);
export type Rows = CellValue[][];

export function grade(rows: Rows, settings: Record<string, unknown> = {}, extra: Partial<PortfolioInput> = {}) {
  return gradePortfolio({ rows, settings: resolveSettings(settings), today, ...extra });
}
export const byName = (clients: readonly ClientResult[], name: string) => {
  const c = clients.find((x) => x.name === name);
  if (!c) throw new Error(`no client ${name}`);
  return c;
};

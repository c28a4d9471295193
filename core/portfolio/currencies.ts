/**
 * Amounts in several currencies (the SPEC is silent; docs/files.md has the rule): a payments or
 * shop export holds each amount in its own currency, named in a currency column beside it. The
 * amounts are summed as written, never converted, so the owner is told once when the rows that
 * count name more than one currency.
 */
import { headerWords, type Mapping } from "../columns";
import { rowAt, type RowList } from "../values";
import { dataRow, type DataRows } from "./data-rows";

/** At most this many currencies are named in the note. */
const NAMED = 5;

/** A header (as its words, core/columns `headerWords`) naming a currency column. */
export const namesCurrency = (words: readonly string[]): boolean => words.includes("currency");

/** The note when the rows that count (a client and no skip reason) name more than one currency; null otherwise. */
export function currenciesNote(
  data: DataRows, headers: readonly string[], mapping: Mapping,
  names: RowList<string | null>, skips: ReadonlyMap<number, string>,
): string | null {
  const taken = new Set(Object.values(mapping));
  const column = headers.findIndex((h, c) => !taken.has(c) && namesCurrency(headerWords(h)));
  if (column < 0) return null;
  const seen = new Set<string>();
  for (let i = 0; i < data.count; i++) {
    const v = dataRow(data, i)?.[column];
    if (typeof v !== "string" || rowAt(names, i) === null || skips.has(i)) continue;
    const code = v.trim().toUpperCase();
    if (code !== "") seen.add(code);
  }
  if (seen.size < 2) return null;
  const listed = [...seen].sort();
  const shown = listed.length > NAMED ? `${listed.slice(0, NAMED).join(", ")} and ${listed.length - NAMED} more` : listed.join(", ");
  return `The column “${headers[column]}” names ${listed.length} currencies (${shown}): amounts are added up as written, not converted, so revenues in different currencies are compared as if they were one.`;
}

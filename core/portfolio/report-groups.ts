/**
 * Reports grouped by client (the SPEC is silent: docs/files.md has the rule). An accounting
 * package's detail report — QuickBooks' "Sales by Customer Detail" and reports like it — names
 * each client once, on a heading row with no amount; the client's transactions follow with an
 * amount and no client; a row "Total for <client>" (or "Total <client>") closes the group. Each row
 * of such a group that has an amount is the client's; the heading is skipped as `group heading`,
 * the closing row as a total row.
 *
 * A group is taken only when its closing row names its heading's client (names matched as
 * everywhere, by clientKey): anything else is left as it is, so a client with no revenue above
 * rows with no client stays under "Needs data" with theirs.
 */
import { clientKey } from "../model/history";
import { rowAt, setRow, type NumberColumn, type RowList } from "../values";
import { TOTAL_ROW } from "./skipped-rows";

/** The reason a group's heading row is skipped with. */
export const GROUP_HEADING = "group heading";

const CLOSING = /^totals?\s+(?:for\s+)?(.+?)\s*:?$/i;

/** Whether row i's revenue cell holds anything: an amount, or a cell that is not one. */
export const hasAmount = (revenues: NumberColumn, i: number): boolean => !Number.isNaN(revenues.value[i]) || revenues.invalid.has(i);

/** Whether `label` closes the group of `heading`: "Total for Acme", "TOTAL Acme:". */
function closes(label: string, heading: string): boolean {
  const m = CLOSING.exec(label.trim());
  return m !== null && clientKey(m[1] as string) === clientKey(heading);
}

/**
 * Finds the groups: each row of a group with an amount (`amountAt(i)`: its revenue cell holds
 * something) is given its heading's name in `names` (changed in place); returns the headings and
 * closing rows to skip, with their reasons.
 */
export function readGroups(names: RowList<string | null>, amountAt: (i: number) => boolean): Map<number, string> {
  const skips = new Map<number, string>();
  const n = names.length;
  for (let i = 0; i < n; i++) {
    const heading = rowAt(names, i);
    if (heading === null || amountAt(i)) continue;
    let j = i + 1;
    let amounts = 0;
    for (; j < n && rowAt(names, j) === null; j++) if (amountAt(j)) amounts++;
    const closing = j < n ? rowAt(names, j) : null;
    if (amounts === 0 || closing === null || !closes(closing, heading)) continue;
    for (let r = i + 1; r < j; r++) if (amountAt(r)) setRow(names, r, heading);
    skips.set(i, GROUP_HEADING);
    skips.set(j, TOTAL_ROW);
    i = j;
  }
  return skips;
}

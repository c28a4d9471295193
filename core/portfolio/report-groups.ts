/**
 * Reports grouped by client (the SPEC is silent: docs/files.md has the rule). An accounting
 * package's report — QuickBooks' "Sales by Customer Detail", or a summary listing each customer's
 * sub-customers (jobs) under it — names a client once, on a heading row with no amount; the rows
 * of its group follow; a row "Total for <client>" (or "Total <client>", QuickBooks Desktop) closes
 * the group. The heading is skipped as `group heading` and the closing row as a total row (its
 * amount is the group's sum: counted again it would double the client). Each row of the group with
 * an amount and no client is the client's; a row naming a client of its own (a sub-customer) stays
 * that client's. Groups may nest.
 *
 * A group is taken only when its closing row names its heading's client (names matched as
 * everywhere, by clientKey) and some row of it has an amount: anything else is left as it is, so
 * a client with no revenue above rows with no client stays under "Needs data" with theirs.
 */
import { clientKey } from "../model/history";
import { rowAt, setRow, type NumberColumn, type RowList } from "../values";
import { TOTAL_ROW } from "./skipped-rows";

/** The reason a group's heading row is skipped with. */
export const GROUP_HEADING = "group heading";

const CLOSING = /^totals?\s+(?:for\s+)?(.+?)\s*:?$/i;

/** Whether row i's revenue cell holds anything: an amount, or a cell that is not one. */
export const hasAmount = (revenues: NumberColumn, i: number): boolean => !Number.isNaN(revenues.value[i]) || revenues.invalid.has(i);

/** A heading not yet closed: its row, name and key, its rows with an amount and no client, and whether any row of it has an amount. */
interface OpenGroup {
  row: number;
  name: string;
  key: string;
  nameless: number[];
  amounts: boolean;
}

/** The place in `open` of the innermost open heading whose key is `key`, or −1. */
function innermost(open: readonly OpenGroup[], key: string): number {
  for (let k = open.length - 1; k >= 0; k--) if ((open[k] as OpenGroup).key === key) return k;
  return -1;
}

/**
 * Finds the groups: each row of a group with an amount and no client (`amountAt(i)`: row i's
 * revenue cell holds something) is given its heading's name in `names` (changed in place);
 * returns the headings and closing rows to skip, with their reasons.
 */
export function readGroups(names: RowList<string | null>, amountAt: (i: number) => boolean): Map<number, string> {
  const skips = new Map<number, string>();
  const open: OpenGroup[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = rowAt(names, i);
    const amount = amountAt(i);
    // Not open[open.length - 1] on an empty stack: index -1 is looked up as a property name, slowly.
    const top = open.length > 0 ? open[open.length - 1] : undefined;
    if (name === null) {
      if (amount && top !== undefined) {
        top.nameless.push(i);
        top.amounts = true;
      }
      continue;
    }
    // Only a name starting with "t" can close a group (names are trimmed): most rows skip the pattern.
    const closing = open.length > 0 && (name.charCodeAt(0) | 0x20) === 0x74 ? CLOSING.exec(name) : null;
    const at = closing === null ? -1 : innermost(open, clientKey(closing[1] as string));
    if (at >= 0 && (open[at] as OpenGroup).amounts) {
      const g = open[at] as OpenGroup;
      for (const r of g.nameless) setRow(names, r, g.name);
      skips.set(g.row, GROUP_HEADING);
      skips.set(i, TOTAL_ROW);
      // Groups opened inside it and not closed are no groups: their rows stay as they are.
      open.length = at;
      if (open.length > 0) (open[open.length - 1] as OpenGroup).amounts = true;
      continue;
    }
    if (!amount) {
      open.push({ row: i, name, key: clientKey(name), nameless: [], amounts: false });
    } else if (top !== undefined) top.amounts = true;
  }
  return skips;
}

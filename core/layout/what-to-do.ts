/** "What to do", below the table: the key-account plan every A client gets (SPEC §6) and what each quadrant asks (§5). */
import { KEY_ACCOUNT_PLAN } from "../model/actions";
import { QUADRANT_ADVICE, QUADRANTS } from "../model/quadrant";
import type { Block, PlanValue } from "../plan";
import type { Portfolio } from "../portfolio";
import { SECTION_STYLE, SUMMARY_HEADER_STYLE } from "./frame";

/** The section from row `at`: its blocks and the last row they use. */
export function whatToDo(p: Portfolio, at: number): { blocks: Block[]; lastRow: number } {
  const a = p.summary.byGrade.A;
  const blocks: Block[] = [{ role: "section", row: at, col: 1, values: [["What to do"]], style: SECTION_STYLE }];
  let row = at + 1;
  if (a > 0) {
    const heading = `Key-account plan: write one for each A client (${a}), covering`;
    blocks.push({ role: "summary", row, col: 2, values: [[heading], ...KEY_ACCOUNT_PLAN.map((item, i) => [`${i + 1}. ${item}`])], headerStyle: SUMMARY_HEADER_STYLE });
    row += KEY_ACCOUNT_PLAN.length + 2;
  }
  blocks.push({
    role: "summary",
    row,
    col: 2,
    values: [["Quadrant", "What it asks of you"], ...QUADRANTS.map((q) => [q, QUADRANT_ADVICE[q]] as PlanValue[])],
    headerStyle: SUMMARY_HEADER_STYLE,
  });
  return { blocks, lastRow: row + QUADRANTS.length };
}

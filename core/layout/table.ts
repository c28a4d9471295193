/**
 * The ranked table (one row per client, optional columns when the sheet has the input), its
 * conditional fills, and the rows that need data or were skipped, listed below it.
 */
import { COVERAGE } from "../model/actions";
import { FORMATS, GRADE_COLOURS, type Block, type ConditionalFill, type PlanValue } from "../plan";
import type { ClientResult, Portfolio } from "../portfolio";
import { GRADES } from "../settings";
import { HEADER_STYLE, SECTION_STYLE, TABLE_HEADER_ROW, type Column } from "./frame";
import { periodColumns } from "./over-time";

export type { Column } from "./frame";

const date = (iso: string | null): PlanValue => (iso === null ? null : { date: iso });

/** The ranked table's columns; optional ones appear when the sheet has the input. */
export function tableColumns(p: Portfolio): Column[] {
  const cols: Column[] = [
    { header: "Rank", width: 6, format: FORMATS.integer, value: (c) => c.rank },
    { header: "Client", width: 28, format: FORMATS.text, value: (c) => c.name },
    { header: "Grade", width: 7, format: null, value: (c) => c.grade },
    { header: "Movement", width: 12, format: null, value: (c) => c.movement },
    { header: "Previous grade", width: 9, format: null, value: (c) => c.previousGrade },
    { header: "Score", width: 7, format: FORMATS.score, value: (c) => c.score },
    { header: "Quadrant", width: 22, format: null, value: (c) => c.quadrant },
    { header: "Revenue", width: 13, format: FORMATS.money, value: (c) => c.revenue },
    { header: "Revenue rating", width: 12, format: null, value: (c) => c.revenueRating },
    { header: "Wallet share", width: 8, format: FORMATS.percent, value: (c) => c.walletShare },
    { header: "Wallet rating", width: 9, format: null, value: (c) => c.walletRating },
    { header: "Margin", width: 8, format: FORMATS.percent1, value: (c) => c.margin },
    { header: "Profit rating", width: 9, format: null, value: (c) => c.profitRating },
    { header: "Strategic value", width: 9, format: null, value: (c) => c.strategic },
    { header: "Pain", width: 9, format: null, value: (c) => c.pain },
    { header: "Relationship", width: 12, format: FORMATS.score, value: (c) => c.relationship },
    { header: "Benefit", width: 9, format: FORMATS.score, value: (c) => c.benefit },
    { header: "Untapped spend", width: 13, format: FORMATS.money, value: (c) => c.untappedSpend },
  ];
  if (p.mapping.industry !== undefined) cols.push({ header: "Industry", width: 16, format: FORMATS.text, value: (c) => c.industry });
  if (p.mode === "orders") {
    cols.push({ header: "Orders", width: 8, format: FORMATS.integer, value: (c) => c.orders });
    if (p.mapping.date !== undefined) {
      cols.push({ header: "First order", width: 11, format: FORMATS.date, value: (c) => date(c.firstDate) });
      cols.push({ header: "Last order", width: 11, format: FORMATS.date, value: (c) => date(c.lastDate) });
      for (const c of periodColumns(p)) cols.push(c);
    }
  }
  cols.push(
    { header: "Last grades", width: 14, format: null, value: (c) => c.grades.join(" → ") },
    { header: "Flags", width: 22, format: null, value: (c) => (c.flags.length < 2 ? (c.flags[0] ?? "") : c.flags.join(", ")) },
    { header: "Sponsor", width: 24, format: null, value: (c) => COVERAGE[c.grade].sponsor },
    { header: "Meetings", width: 26, format: null, value: (c) => COVERAGE[c.grade].meetings },
    { header: "Specialist", width: 12, format: null, value: (c) => (c.specialist ? `${c.specialist}` : null) },
  );
  if (p.mapping.review !== undefined) {
    cols.push({ header: "Next review", width: 11, format: FORMATS.date, value: (c) => date(c.nextReview) });
  }
  cols.push(
    { header: "Budget share", width: 9, format: FORMATS.percent1, value: (c) => c.budgetShare },
    { header: "Actions", width: 48, format: null, value: (c) => c.actions },
    { header: "Why", width: 80, format: null, value: (c) => c.why + (c.issues.length ? `. Data: ${c.issues.join("; ")}` : "") },
    { header: "Sheet row", width: 8, format: FORMATS.integer, value: (c) => c.row },
  );
  return cols;
}

/** A client's row of the table (a plain loop: this runs once per cell, 3 million times at 100,000 clients). */
export function tableRowOf(cols: readonly Column[]): (c: ClientResult) => PlanValue[] {
  const value = cols.map((c) => c.value);
  const width = value.length;
  return (c) => {
    const row = new Array<PlanValue>(width);
    for (let j = 0; j < width; j++) row[j] = (value[j] as Column["value"])(c);
    return row;
  };
}

/** The ranked table from TABLE_HEADER_ROW: `values` is its header, then one row per client in rank order. */
export function tableBlock(cols: readonly Column[], values: PlanValue[][]): Block {
  return { role: "table", row: TABLE_HEADER_ROW, col: 1, values, formats: cols.map((c) => c.format), headerStyle: HEADER_STYLE };
}

/** The grade column filled in its grade's colours, movement ▲ green and ▼ red. */
export function tableFills(cols: readonly Column[], clients: number): ConditionalFill[] {
  const fills: ConditionalFill[] = [];
  if (clients === 0) return fills;
  const header = cols.map((c) => c.header);
  const firstData = TABLE_HEADER_ROW + 1;
  const gradeColumn = header.indexOf("Grade") + 1;
  for (const g of GRADES) {
    fills.push({ range: { row: firstData, col: gradeColumn, rows: clients, cols: 1 }, equals: g, fill: GRADE_COLOURS[g].fill, fontColor: GRADE_COLOURS[g].font });
  }
  const moveCol = header.indexOf("Movement") + 1;
  fills.push({ range: { row: firstData, col: moveCol, rows: clients, cols: 1 }, equals: "▲", fontColor: "#006100" });
  fills.push({ range: { row: firstData, col: moveCol, rows: clients, cols: 1 }, equals: "▼", fontColor: "#C00000" });
  return fills;
}

/** A list of rows below the table, from `at`: a section heading, then row, client, reason. */
function rowListBlocks(title: string, role: "needs-data" | "skipped", rows: readonly { row: number; name: string; reason: string }[], at: number): { blocks: Block[]; lastRow: number } {
  return {
    blocks: [
      { role: "section", row: at, col: 1, values: [[title]], style: SECTION_STYLE },
      {
        role,
        row: at + 1,
        col: 1,
        values: [["Sheet row", "Client", "Reason"], ...rows.map((d) => [d.row, d.name, d.reason] as PlanValue[])],
        formats: [FORMATS.integer, FORMATS.text, null],
        headerStyle: HEADER_STYLE,
      },
    ],
    lastRow: at + 1 + rows.length,
  };
}

/** The rows that could not be ranked, from `at`. */
export function needsDataBlocks(p: Portfolio, at: number): { blocks: Block[]; lastRow: number } {
  const n = p.needsData.length;
  return rowListBlocks(`Needs data: ${n} row${n === 1 ? "" : "s"} not ranked`, "needs-data", p.needsData, at);
}

/** The rows left out on purpose (total rows, rows that were not revenue), from `at`. */
export function skippedBlocks(p: Portfolio, at: number): { blocks: Block[]; lastRow: number } {
  const n = p.skipped.length;
  return rowListBlocks(`Skipped: ${n} row${n === 1 ? "" : "s"} not graded (totals, or not revenue)`, "skipped", p.skipped, at);
}

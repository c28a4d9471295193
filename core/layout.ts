/**
 * Portfolio → a host-neutral sheet plan (core/plan.ts): cells, number formats, colours, conditional
 * fills, a chart spec and the marker that makes the sheet the add-in's own. Every host renders the
 * same plan (ExcelJS, SpreadsheetApp, Office.js); none decides layout.
 */
import { FIELD_LABELS, FIELDS } from "./columns";
import { COVERAGE, KEY_ACCOUNT_PLAN } from "./model/actions";
import { percentText } from "./model/explain";
import { QUADRANT_ADVICE, QUADRANTS, type Quadrant } from "./model/quadrant";
import type { SnapshotRow } from "./model/history";
import type { ClientResult, Portfolio } from "./portfolio";
import { needsDataNote } from "./report";
import { FORMATS, GRADE_COLOURS, PORTFOLIO_MARKER, PORTFOLIO_SHEET, type Block, type CellStyle, type ChartSeries, type ChartSpec, type ConditionalFill, type PlanValue, type RangeRef, type SheetPlan } from "./plan";
import { GRADES, type Settings } from "./settings";

const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F4E78", fontColor: "#FFFFFF", wrap: true };
/** Summary headers stay on one line (their text may run into the empty cells beside them). */
const SUMMARY_HEADER_STYLE: CellStyle = { ...HEADER_STYLE, wrap: false };
const SECTION_STYLE: CellStyle = { bold: true, fontSize: 12, fontColor: "#1F4E78" };

interface Column {
  header: string;
  width: number;
  format: string | null;
  value: (c: ClientResult) => PlanValue;
}

const date = (iso: string | null): PlanValue => (iso === null ? null : { date: iso });
const pct = (x: number | null): PlanValue => x;

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
    { header: "Wallet share", width: 8, format: FORMATS.percent, value: (c) => pct(c.walletShare) },
    { header: "Wallet rating", width: 9, format: null, value: (c) => c.walletRating },
    { header: "Margin", width: 8, format: FORMATS.percent1, value: (c) => pct(c.margin) },
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
    }
  }
  cols.push(
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

/** One row of values per client (a plain loop: this runs once per cell, 3 million times at 100,000 clients). */
function tableRows(clients: readonly ClientResult[], cols: readonly Column[]): PlanValue[][] {
  const value = cols.map((c) => c.value);
  const width = value.length;
  const rows: PlanValue[][] = [];
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i] as ClientResult;
    const row = new Array<PlanValue>(width);
    for (let j = 0; j < width; j++) row[j] = (value[j] as Column["value"])(c);
    rows.push(row);
  }
  return rows;
}

function settingsLine(s: Settings): string {
  const w = s.weights;
  const revenue =
    s.revenueMethod === "rank"
      ? `revenue by rank: top ${s.revenueTopPct}% High, next ${s.revenueNextPct}% Medium`
      : `revenue by cumulative share: High to ${s.cumulativeHighPct}%, Medium to ${s.cumulativeMediumPct}%`;
  return (
    `Settings: weights revenue ${w.revenue} · profitability ${w.profitability} · strategic ${w.strategic} · wallet ${w.wallet} · pain ${w.pain}; ` +
    `${revenue}; margin High ≥ ${s.profitHighPct}%, Medium ≥ ${s.profitAdequatePct}%; wallet High > ${s.walletHighPct}%, Medium ≥ ${s.walletMediumPct}%; ` +
    `grade A ≥ ${s.gradeAMin}, B ≥ ${s.gradeBMin}; budget ${s.budget.A}/${s.budget.B}/${s.budget.C}; ` +
    `review every ${s.reviewDays.A}/${s.reviewDays.B}/${s.reviewDays.C} days`
  );
}

function mappingLine(p: Portfolio): string {
  const parts = FIELDS.filter((f) => p.mapping[f] !== undefined).map((f) => `${FIELD_LABELS[f]} ← “${p.headers[p.mapping[f] as number]}”`);
  return `Columns: ${parts.join(", ")}`;
}

export interface LayoutOptions {
  /** The user's sheet the portfolio was built from. */
  sourceSheet: string;
  /** ISO date of the build. */
  builtOn: string;
  /** Where to put the chart; false for none. */
  chart?: boolean;
}

/**
 * Rows 1–4: title and subtitles; rows 5–11: summary by grade, by quadrant, health; rows 11–14:
 * warnings under the grade summary; the chart in rows 1–14 right of the health block (in the
 * first screen); the table from row 15.
 */
export const TABLE_HEADER_ROW = 15;
const SUMMARY_ROW = 5;
/** Warnings: a header and up to three lines, below the grade summary. */
const WARNING_ROW = 11;
const WARNING_LINES = 4;
/** The chart floats over the top band, right of the health block and its text values. */
const CHART_COLUMN = 15;

export function layoutPortfolio(p: Portfolio, o: LayoutOptions): SheetPlan {
  const cols = tableColumns(p);
  const blocks: Block[] = [];
  const s = p.summary;
  const h = p.health;
  const rowsNote = p.mode === "orders" ? `${p.rowsRead} order rows merged into ${s.clients} clients` : `${s.clients} clients from ${p.rowsRead} rows`;
  const needs = p.needsData.length ? `${needsDataNote(p)} (listed below the table)` : "";
  blocks.push({ role: "title", row: 1, col: 1, values: [["KAM Portfolio"]], style: { bold: true, fontSize: 16, fontColor: "#1F4E78" } });
  blocks.push({
    role: "subtitle",
    row: 2,
    col: 1,
    values: [[`Built ${o.builtOn} from sheet “${o.sourceSheet}”: ${rowsNote}${needs}. Grade order: A, B, C; then score and revenue. The key-account plan checklist is below the table.`], [settingsLine(p.settings)], [mappingLine(p)]],
    style: { italic: true, fontColor: "#595959" },
  });

  // Summary: by grade, by quadrant, health, warnings.
  const total = s.revenue;
  const share = (x: number) => (total > 0 ? x / total : null);
  const gradeRows: PlanValue[][] = [["Grade", "Clients", "Revenue", "Share", "Budget"]];
  for (const g of GRADES) gradeRows.push([g, s.byGrade[g], h.revenueByGrade[g], share(h.revenueByGrade[g]), h.budgetByGrade[g]]);
  gradeRows.push(["Total", s.clients, total, share(total), GRADES.reduce((a, g) => a + h.budgetByGrade[g], 0)]);
  // Each summary block sits over table columns wide enough for its numbers (no "###").
  blocks.push({ role: "summary", row: SUMMARY_ROW, col: 2, values: gradeRows, formats: [null, FORMATS.integer, FORMATS.money, FORMATS.percent1, FORMATS.percent], headerStyle: SUMMARY_HEADER_STYLE });

  const quadrantRows: PlanValue[][] = [["Quadrant", "Clients", "Revenue"]];
  for (const q of QUADRANTS) quadrantRows.push([q, h.countByQuadrant[q as Quadrant], h.revenueByQuadrant[q as Quadrant]]);
  blocks.push({ role: "summary", row: SUMMARY_ROW, col: 7, values: quadrantRows, formats: [null, FORMATS.integer, FORMATS.money], headerStyle: SUMMARY_HEADER_STYLE });

  // Health: labels overflow into two empty cells, values in the fourth column; shares as percents,
  // the index and counts as numbers.
  const pad = (label: string, v: PlanValue): PlanValue[] => [label, null, null, v];
  blocks.push({
    role: "summary",
    row: SUMMARY_ROW,
    col: 10,
    values: [["Health", "", "", ""], pad("Top 20% of clients", s.top20Share), pad("Top client", s.topClientShare)],
    formats: [null, null, null, FORMATS.percent1],
    headerStyle: SUMMARY_HEADER_STYLE,
  });
  blocks.push({
    role: "summary",
    row: SUMMARY_ROW + 3,
    col: 10,
    values: [
      pad("HHI", s.hhi === null ? null : Math.round(s.hhi)),
      pad("Concentration", h.hhiBand ?? "–"),
      pad("Upgrades / downgrades", `▲ ${h.upgrades} / ▼ ${h.downgrades}`),
      pad("New since last build", h.newClients),
    ],
    formats: [null, null, null, FORMATS.integer],
  });

  const notes: string[] = [...h.warnings];
  if (h.industries.length) {
    const top = h.industries.slice(0, 3).map((i) => `${i.industry} ${percentText(i.share)}`).join(", ");
    notes.push(`Top industries: ${top}${h.industryHhi !== null ? ` (industry HHI ${Math.round(h.industryHhi)})` : ""}`);
  }
  if (notes.length === 0) notes.push("No concentration warnings.");
  const shown = notes.slice(0, WARNING_LINES - 1);
  if (notes.length > shown.length) shown[shown.length - 1] = `${shown[shown.length - 1]} (+${notes.length - shown.length + 1} more)`;
  // Their text runs right across the empty cells under the quadrant and health blocks.
  blocks.push({ role: "summary", row: WARNING_ROW, col: 2, values: [["Warnings"], ...shown.map((n) => [n])], headerStyle: SUMMARY_HEADER_STYLE });

  // The ranked table.
  const header = cols.map((c) => c.header);
  const body = tableRows(p.clients, cols);
  blocks.push({ role: "table", row: TABLE_HEADER_ROW, col: 1, values: [header, ...body], formats: cols.map((c) => c.format), headerStyle: HEADER_STYLE });
  const tableRange: RangeRef = { row: TABLE_HEADER_ROW, col: 1, rows: body.length + 1, cols: cols.length };
  const gradeColumn = header.indexOf("Grade") + 1;
  const firstData = TABLE_HEADER_ROW + 1;

  // Needs data, below the table.
  let lastRow = TABLE_HEADER_ROW + body.length;
  if (p.needsData.length) {
    const at = lastRow + 3;
    blocks.push({ role: "section", row: at, col: 1, values: [[`Needs data: ${p.needsData.length} row${p.needsData.length === 1 ? "" : "s"} not ranked`]], style: SECTION_STYLE });
    blocks.push({
      role: "needs-data",
      row: at + 1,
      col: 1,
      values: [["Sheet row", "Client", "Reason"], ...p.needsData.map((n) => [n.row, n.name, n.reason] as PlanValue[])],
      formats: [FORMATS.integer, FORMATS.text, null],
      headerStyle: HEADER_STYLE,
    });
    lastRow = at + 1 + p.needsData.length;
  }

  // What to do: the key-account plan every A client gets (SPEC §6) and what each quadrant asks (§5).
  const plan = whatToDo(p, lastRow + 3);
  blocks.push(...plan.blocks);
  lastRow = plan.lastRow;

  const conditionalFills: ConditionalFill[] = [];
  if (body.length > 0) {
    for (const g of GRADES) {
      conditionalFills.push({ range: { row: firstData, col: gradeColumn, rows: body.length, cols: 1 }, equals: g, fill: GRADE_COLOURS[g].fill, fontColor: GRADE_COLOURS[g].font });
    }
    const moveCol = header.indexOf("Movement") + 1;
    conditionalFills.push({ range: { row: firstData, col: moveCol, rows: body.length, cols: 1 }, equals: "▲", fontColor: "#006100" });
    conditionalFills.push({ range: { row: firstData, col: moveCol, rows: body.length, cols: 1 }, equals: "▼", fontColor: "#C00000" });
  }
  for (const g of GRADES) {
    conditionalFills.push({ range: { row: SUMMARY_ROW + 1, col: 2, rows: 3, cols: 1 }, equals: g, fill: GRADE_COLOURS[g].fill, fontColor: GRADE_COLOURS[g].font });
  }

  // Chart: one series per grade over the table's (sorted, so contiguous) rows, boundaries, labels.
  let chart: ChartSpec | null = null;
  let width = cols.length;
  if (o.chart !== false && body.length > 0) {
    const xCol = header.indexOf("Relationship") + 1;
    const yCol = header.indexOf("Benefit") + 1;
    const series: ChartSeries[] = [];
    let start = 0;
    for (const g of GRADES) {
      const n = s.byGrade[g];
      if (n > 0) {
        series.push({
          name: `${g} clients`,
          kind: "points",
          color: GRADE_COLOURS[g].point,
          x: { row: firstData + start, col: xCol, rows: n, cols: 1 },
          y: { row: firstData + start, col: yCol, rows: n, cols: 1 },
        });
      }
      start += n;
    }
    const t = p.settings.quadrantThreshold;
    const helperCol = cols.length + 2;
    const helper: PlanValue[][] = [
      ["Chart", "x", "y"],
      ["Boundary", t, 0],
      ["Boundary", t, 100],
      ["Boundary", 0, t],
      ["Boundary", 100, t],
      ["Key client", (t + 100) / 2, 92],
      ["Invest in relationship", t / 2, 92],
      ["Higher-value offers", (t + 100) / 2, 8],
      ["Rethink", t / 2, 8],
    ];
    blocks.push({ role: "chart-data", row: TABLE_HEADER_ROW, col: helperCol, values: helper, style: { fontColor: "#808080" }, headerStyle: { bold: true, fontColor: "#808080" } });
    const hr = TABLE_HEADER_ROW + 1;
    series.push({ name: "Relationship boundary", kind: "line", color: "#7F7F7F", x: { row: hr, col: helperCol + 1, rows: 2, cols: 1 }, y: { row: hr, col: helperCol + 2, rows: 2, cols: 1 } });
    series.push({ name: "Benefit boundary", kind: "line", color: "#7F7F7F", x: { row: hr + 2, col: helperCol + 1, rows: 2, cols: 1 }, y: { row: hr + 2, col: helperCol + 2, rows: 2, cols: 1 } });
    // The helper rows list the quadrant labels in QUADRANTS order.
    QUADRANTS.forEach((q, i) => {
      const row = hr + 4 + i;
      series.push({ name: q, kind: "label", color: "#404040", x: { row, col: helperCol + 1, rows: 1, cols: 1 }, y: { row, col: helperCol + 2, rows: 1, cols: 1 } });
    });
    chart = {
      title: "Relationship strength × mutual benefit",
      xTitle: "Relationship strength",
      yTitle: "Mutual benefit (score)",
      min: 0,
      max: 100,
      threshold: t,
      anchor: { row: 1, col: CHART_COLUMN, width: 600, height: (TABLE_HEADER_ROW - 1) * 20 },
      series,
    };
    width = helperCol + 2;
    // With few clients the helper block reaches below the table.
    lastRow = Math.max(lastRow, TABLE_HEADER_ROW + helper.length - 1);
  }

  return {
    name: PORTFOLIO_SHEET,
    marker: PORTFOLIO_MARKER,
    blocks,
    columnWidths: [...cols.map((c) => c.width), ...(chart ? [2, 22, 6, 6] : [])],
    freezeRows: TABLE_HEADER_ROW,
    freezeCols: 2,
    table: { name: "KAMPortfolio", range: tableRange, gradeColumn },
    conditionalFills,
    chart,
    page: { orientation: "landscape", fitToWidth: true },
    size: { rows: lastRow, cols: width },
  };
}

function whatToDo(p: Portfolio, at: number): { blocks: Block[]; lastRow: number } {
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

/** The snapshot appended to the history sheet on each build. */
export function snapshotOf(p: Portfolio, builtAt: string): SnapshotRow[] {
  return p.clients.map((c) => ({ date: builtAt, client: c.name, grade: c.grade, score: c.score, quadrant: c.quadrant }));
}

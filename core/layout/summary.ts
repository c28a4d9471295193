/**
 * The top of the portfolio tab: title, what was built from what (settings and column mapping),
 * the summary by grade and by quadrant, health, and the warnings.
 */
import { FIELD_LABELS, FIELDS } from "../columns";
import { percentText } from "../model/explain";
import { QUADRANTS } from "../model/quadrant";
import { FORMATS, GRADE_COLOURS, type Block, type ConditionalFill, type PlanValue } from "../plan";
import type { ClientResult, Portfolio } from "../portfolio";
import { rowsNote, unrankedNote } from "../report";
import { GRADES, type Settings } from "../settings";
import { SUMMARY_HEADER_STYLE, SUMMARY_ROW, WARNING_LINES, WARNING_ROW } from "./frame";
import { atRiskWarning } from "./over-time";

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
  return `Columns: ${parts.join(", ")}${p.notes.map((n) => ` ${n}`).join("")}`;
}

/** Rows 1–4: the title, then what was built from which sheet, the settings and the columns used. */
export function titleBlocks(p: Portfolio, sourceSheet: string, builtOn: string): Block[] {
  const unranked = unrankedNote(p);
  const needs = unranked ? `${unranked} (listed below the table)` : "";
  return [
    { role: "title", row: 1, col: 1, values: [["KAM Portfolio"]], style: { bold: true, fontSize: 16, fontColor: "#1F4E78" } },
    {
      role: "subtitle",
      row: 2,
      col: 1,
      values: [[`Built ${builtOn} from sheet “${sourceSheet}”: ${rowsNote(p)}${needs}. Grade order: A, B, C; then score and revenue. The key-account plan checklist is below the table.`], [settingsLine(p.settings)], [mappingLine(p)]],
      style: { italic: true, fontColor: "#595959" },
    },
  ];
}

/** Summary by grade, by quadrant, health, and the warnings below them; `atRisk`: the clients at risk, in rank order. */
export function summaryBlocks(p: Portfolio, atRisk: readonly ClientResult[]): Block[] {
  const s = p.summary;
  const h = p.health;
  const blocks: Block[] = [];
  // Shares are of the positive revenue (SPEC §2a): a credit note never makes one above 100%.
  const gradeRows: PlanValue[][] = [["Grade", "Clients", "Revenue", "Share", "Budget"]];
  for (const g of GRADES) gradeRows.push([g, s.byGrade[g], h.revenueByGrade[g], h.shareByGrade[g], h.budgetByGrade[g]]);
  const shared = GRADES.some((g) => h.shareByGrade[g] !== null);
  gradeRows.push(["Total", s.clients, s.revenue, shared ? 1 : null, GRADES.reduce((a, g) => a + h.budgetByGrade[g], 0)]);
  // Each summary block sits over table columns wide enough for its numbers (no "###").
  blocks.push({ role: "summary", row: SUMMARY_ROW, col: 2, values: gradeRows, formats: [null, FORMATS.integer, FORMATS.money, FORMATS.percent1, FORMATS.percent], headerStyle: SUMMARY_HEADER_STYLE });

  const quadrantRows: PlanValue[][] = [["Quadrant", "Clients", "Revenue"]];
  for (const q of QUADRANTS) quadrantRows.push([q, h.countByQuadrant[q], h.revenueByQuadrant[q]]);
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

  const atRiskNote = atRiskWarning(atRisk);
  const notes: string[] = atRiskNote === null ? [...h.warnings] : [atRiskNote, ...h.warnings];
  if (h.industries.length) {
    const top = h.industries.slice(0, 3).map((i) => `${i.industry} ${percentText(i.share)}`).join(", ");
    notes.push(`Top industries: ${top}${h.industryHhi !== null ? ` (industry HHI ${Math.round(h.industryHhi)})` : ""}`);
  }
  if (notes.length === 0) notes.push("No concentration warnings.");
  // The profit curve's sentence (SPEC §12) first: the summary of the chart beside the quadrant.
  if (p.profitSentence) notes.unshift(`Profit curve: ${p.profitSentence}.`);
  const shown = notes.slice(0, WARNING_LINES - 1);
  if (notes.length > shown.length) shown[shown.length - 1] = `${shown[shown.length - 1]} (+${notes.length - shown.length + 1} more)`;
  // Their text runs right across the empty cells under the quadrant and health blocks.
  blocks.push({ role: "summary", row: WARNING_ROW, col: 2, values: [["Warnings"], ...shown.map((n) => [n])], headerStyle: SUMMARY_HEADER_STYLE });
  return blocks;
}

/** The grade letters of the summary by grade, in their grade's colours. */
export function summaryFills(): ConditionalFill[] {
  return GRADES.map((g) => ({ range: { row: SUMMARY_ROW + 1, col: 2, rows: 3, cols: 1 }, equals: g, fill: GRADE_COLOURS[g].fill, fontColor: GRADE_COLOURS[g].font }));
}

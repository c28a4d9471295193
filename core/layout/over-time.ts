/**
 * What the portfolio tab shows over time: the period columns of the ranked table and the "At risk"
 * section, the first one below it and named first among the warnings (SPEC §11); the migration
 * table since the last build (SPEC §7a).
 */
import { migrationRows } from "../model/builds";
import { FORMATS, type Block, type PlanValue } from "../plan";
import type { ClientResult, Portfolio } from "../portfolio";
import { HEADER_STYLE, SECTION_STYLE, type Column } from "./frame";

/** Previous revenue, trend, growth and days since the last order, after the order columns. */
export function periodColumns(p: Portfolio): Column[] {
  if (p.period === null) return [];
  return [
    { header: "Previous revenue", width: 13, format: FORMATS.money, value: (c) => c.revenuePrevious },
    { header: "Trend", width: 10, format: null, value: (c) => c.trend },
    { header: "Growth", width: 8, format: FORMATS.percent1, value: (c) => c.growth },
    { header: "Days since last order", width: 9, format: FORMATS.integer, value: (c) => c.daysSinceLastOrder },
  ];
}

/** A client on the "At risk" list (SPEC §11). */
export function isAtRisk(c: ClientResult): boolean {
  return c.flags.includes("at-risk");
}

/** Why a client is at risk, in words: "revenue −70% on the previous 12 months", "no order for 200 days". */
function reason(c: ClientResult, p: Portfolio): string {
  const parts: string[] = [];
  const s = p.settings;
  if (c.growth !== null && c.growth <= -s.atRiskDropPct / 100) parts.push(`revenue ${Math.round(c.growth * 100)}% on the previous ${s.revenuePeriodMonths} months`);
  if (c.daysSinceLastOrder !== null && c.daysSinceLastOrder > s.atRiskDays) parts.push(`no order for ${c.daysSinceLastOrder} days`);
  return parts.join("; ");
}

/** "At risk: 2 A/B clients (listed below the table): Acme, Bolt" for the warnings, or null; `list` in rank order. */
export function atRiskWarning(list: readonly ClientResult[]): string | null {
  if (list.length === 0) return null;
  const names = list.slice(0, 5).map((c) => c.name).join(", ") + (list.length > 5 ? ", …" : "");
  return `At risk: ${list.length} A/B client${list.length === 1 ? "" : "s"} (listed below the table): ${names}`;
}

/** The at-risk clients (`list`, in rank order) from `at`, the first section below the table; none when there are none. */
export function atRiskBlocks(p: Portfolio, list: readonly ClientResult[], at: number): { blocks: Block[]; lastRow: number } | null {
  if (list.length === 0) return null;
  const rows: PlanValue[][] = list.map((c) => [c.rank, c.name, c.grade, c.trend, c.growth, c.lastDate === null ? null : { date: c.lastDate }, reason(c, p)]);
  return {
    blocks: [
      { role: "section", row: at, col: 1, values: [[`At risk: ${list.length} A or B client${list.length === 1 ? "" : "s"} slipping`]], style: SECTION_STYLE },
      {
        role: "at-risk",
        row: at + 1,
        col: 1,
        values: [["Rank", "Client", "Grade", "Trend", "Growth", "Last order", "Why"], ...rows],
        formats: [FORMATS.integer, FORMATS.text, null, null, FORMATS.percent1, FORMATS.date, null],
        headerStyle: HEADER_STYLE,
      },
    ],
    lastRow: at + 1 + list.length,
  };
}

/** The migration table (SPEC §7a) from `at`, after a rebuild; none on a first build. */
export function migrationBlocks(p: Portfolio, at: number): { blocks: Block[]; lastRow: number } | null {
  if (p.migration === null) return null;
  const rows = migrationRows(p.migration);
  return {
    blocks: [
      { role: "section", row: at, col: 1, values: [["Since the last build: clients by grade then (rows) and now (columns)"]], style: SECTION_STYLE },
      { role: "migration", row: at + 1, col: 1, values: rows, formats: [FORMATS.text, FORMATS.integer, FORMATS.integer, FORMATS.integer, FORMATS.integer], headerStyle: HEADER_STYLE },
    ],
    lastRow: at + rows.length,
  };
}

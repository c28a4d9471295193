/**
 * The readable ranked table `kam-portfolio grade` prints without --json. It explains itself: a
 * legend under the table, `incomplete` naming the inputs it lacks, the movement since the last
 * build when there was one, and the rows that need data or were skipped. Revenues are never cut;
 * names are cut with "…" and their control characters shown escaped, so no cell can redraw a
 * terminal.
 */
import type { ClientResult, Flag, Portfolio } from "../core/portfolio";
import { percentText } from "../core/model/explain";
import { mergedRows, unrankedNote } from "../core/report";
import { migrationRows } from "../core/model/builds";

/** Whole amounts with thousands separators; made when a table is first written (ICU's number data loads slowly, and `--json` and `--version` never need it). */
let moneyFormat: Intl.NumberFormat | null = null;
const money = { format: (x: number): string => (moneyFormat ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 })).format(x) };

/** Line breaks, tabs, other C0/C1 controls and bidirectional overrides: escaped, never printed raw. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED = new Map([["\n", "\\n"], ["\r", "\\r"], ["\t", "\\t"]]);

/** Text from the data with its control characters shown as escapes (`\n`, `\x1b`, `\u202e`). */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED.get(c) ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/** Characters (code points) in `s`. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `s` cut to `n` characters, the last one an ellipsis when something was cut. */
function cut(s: string, n: number): string {
  if (width(s) <= n) return s;
  let out = "";
  let kept = 0;
  for (const ch of s) {
    if (++kept >= n) break;
    out += ch;
  }
  return `${out}…`;
}

/** Pads to `n` characters; never cuts (callers cut the one column that may be cut). */
function pad(s: string, n: number, right = false): string {
  const gap = " ".repeat(Math.max(0, n - width(s)));
  return right ? gap + s : s + gap;
}

const NAME_MAX = 28;

/** "600 order rows" (and the further lines of those orders). */
function mergedRowsText(p: Portfolio): string {
  const lines = p.continuations === 0 ? "" : ` and ${p.continuations} further line${p.continuations === 1 ? "" : "s"}`;
  return `${mergedRows(p)} order rows${lines}`;
}

/** The inputs an `incomplete` client lacks, in the words of the table. */
function missingInputs(c: ClientResult): string[] {
  const missing: string[] = [];
  if (c.walletShare === null) missing.push("wallet share");
  if (c.margin === null) missing.push("margin");
  if (c.strategic === "Unknown") missing.push("strategic value");
  if (c.pain === "Unknown") missing.push("pain");
  return missing;
}

function flagText(c: ClientResult): string {
  return c.flags
    .filter((f) => f !== "estimated-relationship")
    .map((f) => (f === "incomplete" ? `incomplete (no ${missingInputs(c).join(", ")})` : f))
    .join(", ");
}

/** What each flag means, for the legend (only the flags the table shows are listed). */
const FLAG_MEANINGS: readonly [Flag, string][] = [
  ["shed", "hard to serve and unprofitable, graded C"],
  ["laggard", "negative margin, graded C"],
  ["no-revenue", "revenue zero or negative (credit notes, refunds): rated Low, left out of shares and budget"],
  ["override", "a manual grade"],
  ["duplicate", "the name appears on more than one row"],
  ["incomplete", "inputs missing, scored as Medium"],
  ["review-due", "next review date reached, or never reviewed"],
  ["lapsed", "bought before but nothing in this period"],
  ["at-risk", "an A or B client whose revenue fell sharply or who has not ordered for a long time"],
  ["sliding", "the grade fell at each of the last two builds"],
  ["override-expired", "the manual grade's end date has passed: the computed grade counts again"],
];

const LEGEND = [
  "Rev: revenue rank (High = among the top clients). Wallet: your share of the client's spend (Low = room to grow).",
  "Profit: margin (Laggard = loses money). Strat: strategic value. Pain: effort to serve (High = hard). Unknown: not given, scored as Medium.",
];
const MOVEMENT_LEGEND = "Change: the grade against the last build (▲ up, ▼ down, = same, new: not in it). Last grades: up to the last four builds, oldest first.";

const TREND_LEGEND = "Trend: this period's revenue against the previous one (New: first order in this period; Lapsed: none in this period).";

/** "Graded on 2024-11-25 – 2025-11-24 (12 months to the latest order date)". */
function periodLine(period: NonNullable<Portfolio["period"]>): string {
  return `Graded on the ${period.months} months ${period.from} – ${period.to}; the trend compares them with the ${period.months} months before.`;
}

/** "Growing +12%", "Lapsed", "New". */
function trendText(c: ClientResult): string {
  if (c.trend === null) return "";
  if (c.growth === null || c.trend === "Lapsed") return c.trend;
  return `${c.trend} ${c.growth > 0 ? "+" : c.growth < 0 ? "−" : ""}${Math.round(Math.abs(c.growth) * 100)}%`;
}

/** "▲ from B", "▼ from A", "=", "new". */
function change(c: ClientResult): string {
  return c.previousGrade === null || c.movement === "=" || c.movement === "new" ? c.movement : `${c.movement} from ${c.previousGrade}`;
}

export function renderTable(p: Portfolio): string {
  const out: string[] = [];
  const s = p.summary;
  const names = p.clients.map((c) => escapeControls(c.name));
  const revenues = p.clients.map((c) => money.format(c.revenue));
  // Widths from the data, in one pass each (no spread over rows: it would overflow the call stack).
  let nameWidth = 6;
  for (const n of names) nameWidth = Math.max(nameWidth, Math.min(NAME_MAX, width(n)));
  let revenueWidth = 12;
  for (const r of revenues) revenueWidth = Math.max(revenueWidth, r.length);
  const cols: [string, number, boolean][] = [
    ["#", 4, true], ["Client", nameWidth, false], ["Grade", 5, false], ...(p.previousBuild ? [["Change", 8, false], ["Last grades", 13, false]] as [string, number, boolean][] : []),
    ["Score", 5, true], ["Revenue", revenueWidth, true], ...(p.period ? [["Trend", 14, false] as [string, number, boolean]] : []),
    ["Rev", 7, false], ["Wallet", 7, false], ["Profit", 7, false], ["Strat", 7, false], ["Pain", 7, false], ["Quadrant", 22, false], ["Flags", 20, false],
  ];
  const rows = p.mode === "orders" ? `${mergedRowsText(p)} merged` : "one row per client";
  out.push(`KAM portfolio: ${s.clients} clients (${rows}), A ${s.byGrade.A} · B ${s.byGrade.B} · C ${s.byGrade.C}${unrankedNote(p)}`);
  if (p.period) out.push(periodLine(p.period));
  for (const n of p.notes) out.push(`Note: ${escapeControls(n)}`);
  out.push("");
  out.push(cols.map(([h, w, r]) => pad(h, w, r)).join("  ").trimEnd());
  out.push(cols.map(([, w]) => "─".repeat(w)).join("  "));
  const shownFlags = new Set<Flag>();
  p.clients.forEach((c, i) => {
    for (const f of c.flags) shownFlags.add(f);
    const cells = [
      String(c.rank), cut(names[i] ?? "", NAME_MAX), c.grade, ...(p.previousBuild ? [change(c), c.grades.join("→")] : []), c.score.toFixed(1), revenues[i] ?? "", ...(p.period ? [trendText(c)] : []),
      c.revenueRating, c.walletRating, c.profitRating, c.strategic, c.pain, c.quadrant, flagText(c),
    ];
    out.push(cols.map(([, w, r], j) => pad(cells[j] ?? "", w, r)).join("  ").trimEnd());
  });
  out.push("");
  for (const line of LEGEND) out.push(line);
  if (p.previousBuild) out.push(MOVEMENT_LEGEND);
  if (p.period) out.push(TREND_LEGEND);
  const meanings = FLAG_MEANINGS.filter(([f]) => shownFlags.has(f)).map(([f, meaning]) => `${f} = ${meaning}`);
  if (meanings.length) out.push(`Flags: ${meanings.join("; ")}.`);
  out.push("");
  out.push(
    `Revenue ${money.format(s.revenue)}; top 20% of clients ${s.top20Share === null ? "–" : percentText(s.top20Share)}; ` +
      `top client ${s.topClientShare === null ? "–" : percentText(s.topClientShare)}; HHI ${s.hhi === null ? "–" : Math.round(s.hhi)}` +
      (p.health.hhiBand ? ` (${p.health.hhiBand})` : ""),
  );
  // SPEC §12: who earns the profit, and who loses money.
  if (p.profitSentence) out.push(`Profit curve: ${p.profitSentence}.`);
  for (const w of p.health.warnings) out.push(`Warning: ${escapeControls(w)}`);
  if (p.migration) {
    out.push("");
    out.push("Since the last build (clients by grade then and now):");
    for (const r of migrationRows(p.migration)) out.push(`  ${r.map((v, j) => pad(String(v), j === 0 ? 18 : 5, j > 0)).join(" ").trimEnd()}`);
  }
  for (const [title, list] of [["Needs data:", p.needsData], ["Skipped (not graded):", p.skipped]] as const) {
    if (list.length === 0) continue;
    out.push("");
    out.push(title);
    for (const n of list) out.push(`  row ${n.row}${n.name ? ` (${escapeControls(cut(n.name, 60))})` : ""}: ${escapeControls(n.reason)}`);
  }
  return out.join("\n");
}

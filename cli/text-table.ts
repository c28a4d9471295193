/**
 * The readable ranked table `kam-portfolio grade` prints without --json.
 */
import type { Portfolio } from "../core/portfolio";
import { percentText } from "../core/model/explain";
import { needsDataNote } from "../core/report";

const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function pad(s: string, n: number, right = false): string {
  const w = [...s].length;
  if (w >= n) return [...s].slice(0, n).join("");
  return right ? " ".repeat(n - w) + s : s + " ".repeat(n - w);
}

export function renderTable(p: Portfolio): string {
  const out: string[] = [];
  const s = p.summary;
  const nameWidth = Math.min(28, Math.max(6, ...p.clients.map((c) => [...c.name].length)));
  const cols: [string, number, boolean][] = [
    ["#", 4, true], ["Client", nameWidth, false], ["Grade", 5, false], ["Score", 5, true], ["Revenue", 12, true],
    ["Rev", 7, false], ["Wallet", 7, false], ["Profit", 7, false], ["Strat", 7, false], ["Pain", 7, false], ["Quadrant", 22, false], ["Flags", 20, false],
  ];
  out.push(
    `KAM portfolio: ${s.clients} clients (${p.mode === "orders" ? `${p.rowsRead} order rows merged` : "one row per client"}), ` +
      `A ${s.byGrade.A} · B ${s.byGrade.B} · C ${s.byGrade.C}` +
      needsDataNote(p),
  );
  out.push("");
  out.push(cols.map(([h, w, r]) => pad(h, w, r)).join("  "));
  out.push(cols.map(([, w]) => "─".repeat(w)).join("  "));
  for (const c of p.clients) {
    const cells = [
      String(c.rank), c.name, c.grade, c.score.toFixed(1), money.format(c.revenue), c.revenueRating, c.walletRating,
      c.profitRating, c.strategic, c.pain, c.quadrant, c.flags.filter((f) => f !== "estimated-relationship").join(","),
    ];
    // The last column (flags) is never cut.
    out.push(cols.map(([, w, r], i) => (i === cols.length - 1 ? (cells[i] ?? "") : pad(cells[i] ?? "", w, r))).join("  ").trimEnd());
  }
  out.push("");
  out.push(
    `Revenue ${money.format(s.revenue)}; top 20% of clients ${s.top20Share === null ? "–" : percentText(s.top20Share)}; ` +
      `top client ${s.topClientShare === null ? "–" : percentText(s.topClientShare)}; HHI ${s.hhi === null ? "–" : Math.round(s.hhi)}` +
      (p.health.hhiBand ? ` (${p.health.hhiBand})` : ""),
  );
  for (const w of p.health.warnings) out.push(`Warning: ${w}`);
  if (p.needsData.length) {
    out.push("");
    out.push("Needs data:");
    for (const n of p.needsData) out.push(`  row ${n.row}${n.name ? ` (${n.name})` : ""}: ${n.reason}`);
  }
  return out.join("\n");
}

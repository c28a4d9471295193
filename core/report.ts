/**
 * The portfolio as the JSON of SPEC §10, and as a readable ranked table.
 */
import type { Portfolio } from "./portfolio";

/** "; 1 row needs data", "; 3 rows need data", or "" when every row was ranked. */
export function needsDataNote(p: Pick<Portfolio, "needsData">): string {
  const n = p.needsData.length;
  return n === 0 ? "" : `; ${n} row${n === 1 ? " needs" : "s need"} data`;
}

export interface JsonClient {
  rank: number;
  row: number;
  name: string;
  revenue: number;
  revenueRating: string;
  walletShare: number | null;
  walletRating: string;
  margin: number | null;
  profitRating: string;
  strategic: string;
  pain: string;
  score: number;
  grade: string;
  relationship: number;
  benefit: number;
  quadrant: string;
  flags: string[];
}

export interface JsonReport {
  clients: JsonClient[];
  needsData: { row: number; name: string; reason: string }[];
  summary: {
    clients: number;
    revenue: number;
    byGrade: { A: number; B: number; C: number };
    top20Share: number | null;
    topClientShare: number | null;
    hhi: number | null;
  };
}

export function toJson(p: Portfolio): JsonReport {
  return {
    clients: p.clients.map((c) => ({
      rank: c.rank,
      row: c.row,
      name: c.name,
      revenue: c.revenue,
      revenueRating: c.revenueRating,
      walletShare: c.walletShare,
      walletRating: c.walletRating,
      margin: c.margin,
      profitRating: c.profitRating,
      strategic: c.strategic,
      pain: c.pain,
      score: c.score,
      grade: c.grade,
      relationship: c.relationship,
      benefit: c.benefit,
      quadrant: c.quadrant,
      flags: [...c.flags],
    })),
    needsData: p.needsData.map((n) => ({ row: n.row, name: n.name, reason: n.reason })),
    summary: { ...p.summary, byGrade: { ...p.summary.byGrade } },
  };
}

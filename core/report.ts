/**
 * The portfolio as the JSON of SPEC §10, and the phrases every host says about the rows read
 * (how many were merged, how many need data or were skipped).
 */
import type { JsonClient, Portfolio } from "./portfolio";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "; 1 row needs data; 2 rows skipped", or "" when every row was ranked. */
export function unrankedNote(p: Pick<Portfolio, "needsData" | "skipped">): string {
  const n = p.needsData.length;
  const s = p.skipped.length;
  return (n === 0 ? "" : `; ${n} row${n === 1 ? " needs" : "s need"} data`) + (s === 0 ? "" : `; ${plural(s, "row", "rows")} skipped`);
}

/** Order-list rows merged into the clients (each client's orders). */
export function mergedRows(p: Pick<Portfolio, "clients">): number {
  let n = 0;
  for (let i = 0; i < p.clients.length; i++) n += (p.clients[i] as Portfolio["clients"][number]).orders;
  return n;
}

/** "600 order rows merged into 24 clients (and 254 further lines of those orders)" or "42 clients from 43 rows". */
export function rowsNote(p: Pick<Portfolio, "clients" | "mode" | "rowsRead" | "continuations">): string {
  const clients = plural(p.clients.length, "client", "clients");
  if (p.mode === "clients") return `${clients} from ${plural(p.rowsRead, "row", "rows")}`;
  const lines = p.continuations === 0 ? "" : ` (and ${plural(p.continuations, "further line", "further lines")} of those orders)`;
  return `${plural(mergedRows(p), "order row", "order rows")} merged into ${clients}${lines}`;
}

export interface JsonReport {
  clients: JsonClient[];
  needsData: { row: number; name: string; reason: string }[];
  /** Rows left out on purpose (SPEC §2a, §10): total rows, rows that were not revenue. */
  skipped: { row: number; name: string; reason: string }[];
  summary: {
    clients: number;
    revenue: number;
    byGrade: { A: number; B: number; C: number };
    top20Share: number | null;
    topClientShare: number | null;
    hhi: number | null;
    /** An order list graded on a period (SPEC §11): its last day, and its first and last day. */
    asOf?: string;
    period?: { from: string; to: string };
    profitTop20Share?: number | null;
    lossMakers?: number;
    lossTotal?: number;
  };
}

/** SPEC §10's JSON of the portfolio, its clients made straight from the grading (Portfolio.jsonClients). */
export function toJson(p: Portfolio): JsonReport {
  return { clients: p.jsonClients(0, p.summary.clients), ...reportBeyondClients(p) };
}

/** The report's fields after its clients: what the rows that were not ranked and the summary say. */
export function reportBeyondClients(p: Pick<Portfolio, "needsData" | "skipped" | "summary" | "period">): Omit<JsonReport, "clients"> {
  return {
    needsData: p.needsData.map((n) => ({ row: n.row, name: n.name, reason: n.reason })),
    skipped: p.skipped.map((n) => ({ row: n.row, name: n.name, reason: n.reason })),
    summary: {
      ...p.summary,
      byGrade: { ...p.summary.byGrade },
      ...(p.period !== null ? { asOf: p.period.asOf, period: { from: p.period.from, to: p.period.to } } : {}),
    },
  };
}

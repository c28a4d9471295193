/**
 * What a graded portfolio is (SPEC §10): the ranked clients, the rows that need data, the summary
 * and health, and what the build read. `gradePortfolio` (core/portfolio.ts) makes one.
 */
import type { Mapping } from "../columns";
import type { Specialist } from "../model/actions";
import type { HhiBand, IndustryShare } from "../model/concentration";
import type { Migration } from "../model/builds";
import type { Movement, SnapshotRow } from "../model/history";
import type { Quadrant } from "../model/quadrant";
import type { Trend } from "../period/trend";
import type { PeriodDates } from "../period/window";
import type { ProfitRating, Rating } from "../model/ratings";
import type { Factors, GradeRule } from "../model/score";
import type { Grade, Settings } from "../settings";
import type { ProfitCurve } from "../money/profit-curve";
import type { CellValue, Day } from "../values";

export type Flag =
  | "shed" | "laggard" | "duplicate" | "incomplete" | "estimated-relationship" | "override" | "review-due" | "no-revenue"
  | "lapsed" | "at-risk" | "sliding" | "override-expired";

/** A client as SPEC §10's JSON writes it (`grade --json`); the optional fields are there when the portfolio has them (JsonShape). */
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
  /** With an earlier build's history (SPEC §7): the grade then, and ▲ ▼ = or new. */
  previousGrade?: string | null;
  movement?: string;
  /** With an earlier build's history (SPEC §7a): the last four grades, oldest first. */
  grades?: string[];
  /** An order list graded on a period (SPEC §11). */
  revenuePrevious?: number | null;
  growth?: number | null;
  trend?: string | null;
  lastOrder?: string | null;
  daysSinceLastOrder?: number | null;
  /** SPEC §12, when the data has them: the cost to serve, and the profit after serving. */
  costToServe?: number | null;
  profit?: number | null;
}

/** Which of a JSON client's optional fields a portfolio writes, for every client alike. */
export interface JsonShape {
  /** An earlier build's history: previousGrade, movement, grades. */
  history: boolean;
  /** An order list graded on a period: revenuePrevious, growth, trend, lastOrder, daysSinceLastOrder. */
  period: boolean;
  /** A cost-to-serve column: costToServe. */
  costs: boolean;
  /** A profit curve: profit. */
  profits: boolean;
}

export interface ClientResult {
  rank: number;
  /** 1-based sheet row (for an order list, the first row the client appears on). */
  row: number;
  name: string;
  revenue: number;
  revenueRating: Rating;
  walletShare: number | null;
  walletRating: Rating;
  margin: number | null;
  profitRating: ProfitRating;
  strategic: Rating;
  pain: Rating;
  score: number;
  grade: Grade;
  relationship: number;
  benefit: number;
  quadrant: Quadrant;
  /** Shared between clients with the same flags: read-only. */
  flags: readonly Flag[];
  /** Points per factor, before weights (shared between clients with the same ratings: read-only). */
  points: Readonly<Record<keyof Factors, number>>;
  computedGrade: Grade;
  baseGrade: Grade;
  rules: readonly GradeRule[];
  overrideReason: string | null;
  relationshipEstimated: boolean;
  untappedSpend: number | null;
  /** Profit after serving (SPEC §12): the profit (revenue × margin when only a margin is given) less the cost to serve; null when neither is known. */
  profit: number | null;
  /** Σ of the client's cost-to-serve cells; null without one. */
  costToServe: number | null;
  industry: string | null;
  /** Order-list rows merged into this client (1 for a per-client sheet). */
  orders: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Over time (SPEC §11, an order list graded on a period; null otherwise): revenue of the previous period, growth, trend, days from the last order to asOf. */
  revenuePrevious: number | null;
  growth: number | null;
  trend: Trend | null;
  daysSinceLastOrder: number | null;
  lastReview: string | null;
  nextReview: string | null;
  budgetShare: number;
  specialist: Specialist;
  actions: string;
  why: string;
  previousGrade: Grade | null;
  movement: Movement;
  /** The grades of the last builds the client was in, oldest first, and this build's: at most four (SPEC §7a). */
  grades: readonly Grade[];
  /** Cells that were blank or unreadable and what was assumed, for the owner (read-only). */
  issues: readonly string[];
}

export interface NeedsData {
  row: number;
  name: string;
  reason: string;
}

/** A row left out on purpose (SPEC §2a, §10): a total row, or a row that did not happen as revenue. */
export interface Skipped {
  row: number;
  /** The client cell ("" when blank). */
  name: string;
  reason: string;
}

export interface Summary {
  clients: number;
  revenue: number;
  byGrade: Record<Grade, number>;
  top20Share: number | null;
  topClientShare: number | null;
  hhi: number | null;
  /** SPEC §12, when some client's profit or margin is known: the top 20% of clients' share of the profit (null when the total is not positive), clients losing money and their total loss. */
  profitTop20Share?: number | null;
  lossMakers?: number;
  lossTotal?: number;
}

export interface Health {
  /** Σ revenue of each grade's clients (net: a credit note subtracts). */
  revenueByGrade: Record<Grade, number>;
  /** Each grade's share of the positive revenue (SPEC §2a: never below 0 or above 100%); null when no client has a positive revenue. */
  shareByGrade: Record<Grade, number | null>;
  countByQuadrant: Record<Quadrant, number>;
  revenueByQuadrant: Record<Quadrant, number>;
  hhiBand: HhiBand | null;
  industries: IndustryShare[];
  industryHhi: number | null;
  warnings: string[];
  upgrades: number;
  downgrades: number;
  newClients: number;
  budgetByGrade: Record<Grade, number>;
}

export interface Portfolio {
  clients: ClientResult[];
  /**
   * The clients ranked from + 1 … to (0 ≤ from ≤ to; past the last, fewer) as SPEC §10's JSON
   * writes them, made straight from the grading's columns and never kept: a writer of 200,000
   * clients takes them a few hundred at a time, and never makes each client's full result
   * (`clients` would make and keep every one).
   */
  jsonClients(from: number, to: number): JsonClient[];
  needsData: NeedsData[];
  /** Rows left out on purpose, with the reason (total rows, rows that were not revenue). */
  skipped: Skipped[];
  /** Order-list rows with neither a client nor an amount: further lines of the order above (SPEC §2a). */
  continuations: number;
  /** What the grading decided about the sheet as a whole, one sentence each (a column it did not use). */
  notes: string[];
  /** An earlier build's snapshot was found in the history: `previousGrade` and `movement` compare with it. */
  previousBuild: boolean;
  /** Previous grade × current grade, new and gone clients (SPEC §7a); null on a first build. */
  migration: Migration | null;
  summary: Summary;
  /** The profit curve (SPEC §12) over the clients whose profit is known; null when none is. */
  profitCurve: ProfitCurve | null;
  /** "the top 20% of clients earn X% of profit; N clients lose money, together −Y", or null. */
  profitSentence: string | null;
  health: Health;
  mode: "clients" | "orders";
  /** The current period an order list with dates was graded on (SPEC §11), or null: every row counted. */
  period: (PeriodDates & { months: number }) | null;
  /** Non-blank data rows read. */
  rowsRead: number;
  headers: string[];
  /** 1-based sheet row of the headers. */
  headerRow: number;
  mapping: Mapping;
  settings: Settings;
  today: string;
  /** Sheet row → the client it became (every row of an order list points at its client). */
  clientByRow: Map<number, ClientResult>;
}

export interface PortfolioInput {
  /** The sheet's cells from its first used row; `firstRow` is that row's 1-based number. */
  rows: readonly (readonly CellValue[])[];
  firstRow?: number;
  settings: Settings;
  /** Today, for review dates. */
  today: Day;
  /** Snapshots of earlier builds, for movement. */
  history?: readonly SnapshotRow[];
  /** Columns (0-based) the add-in wrote itself (matrix columns): never read as inputs. */
  ownColumns?: readonly number[];
  /**
   * The file writes its numbers `1.234,56` (a semicolon-delimited CSV, SPEC §2a): every number
   * column is read with `,` as the decimal mark. Without it each column decides on its own cells.
   */
  decimalComma?: boolean;
  /**
   * The workbook counts its dates from 1904 (Excel's 1904 date system): a number in a date
   * column is a serial of that system. Hosts whose dates arrive as dates or text leave it out.
   */
  date1904?: boolean;
}

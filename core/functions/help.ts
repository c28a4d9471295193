/**
 * What the custom functions say about themselves: each function's description, its parameters'
 * help, a formula example and the type Excel's metadata gives its result. Build-time only — the
 * generators of the Sheets stubs' JSDoc, functions.json, the Sheets help dialog and the Excel
 * support page read it; no shipped bundle imports it, so the runtime table (core/functions.ts)
 * carries no help text. The descriptions state the defaults of DEFAULT_SETTINGS, written from it.
 *
 * `documented()` joins this help to the runtime table and fails on any function or parameter
 * either side lacks, so the two cannot drift.
 */
import { FUNCTIONS } from "../functions";
import { DEFAULT_SETTINGS } from "../settings";
import type { KamFunction, Param } from "./signature";

export interface FunctionHelp {
  description: string;
  /** Parameter name → its help, for every parameter of the runtime table's entry. */
  params: Readonly<Record<string, string>>;
  example: string;
  /** What the result cells hold, for the Excel metadata. */
  resultType: "string" | "number" | "any";
}

export interface DocumentedParam extends Param {
  description: string;
}

export interface DocumentedFunction extends Omit<KamFunction, "params">, Omit<FunctionHelp, "params"> {
  params: DocumentedParam[];
}

/** How a function is written in help: `KAM_WHY(revenue_r, …, [override], …)`, optional parameters in brackets. */
export function signature(f: DocumentedFunction, prefix: string): string {
  return `${prefix}${f.name}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
}

/** 25 → "25%". */
const pct = (n: number): string => `${n}%`;

const d = DEFAULT_SETTINGS;
const w = d.weights;

/** The five ratings SCORE, GRADE and WHY take first. */
const RATING_PARAMS = {
  revenue_r: "Revenue rating (High/Medium/Low), e.g. from KAM_REVENUE_RATING.",
  wallet_r: "Wallet-share rating; a Low share scores the most (upside).",
  profit_r: "Profitability rating (High/Medium/Low/Laggard).",
  strategic: "Strategic value: High/Medium/Low, H/M/L or 3/2/1; blank is Low.",
  pain: "Pain: Low/Medium/High, L/M/H or 1/2/3; blank is Unknown.",
};
const WEIGHTS = `Five weights summing to 100, in the order revenue, wallet, profitability, strategic, pain (default ${w.revenue}, ${w.wallet}, ${w.profitability}, ${w.strategic}, ${w.pain}).`;
const GRADE_PARAMS = {
  ...RATING_PARAMS,
  override: "Manual grade A/B/C that wins over the computed one.",
  weights: WEIGHTS,
  a_min: `Score from which the base grade is A (default ${d.gradeAMin}).`,
  b_min: `Score from which the base grade is B (default ${d.gradeBMin}).`,
};

export const FUNCTION_HELP: Readonly<Record<string, FunctionHelp>> = {
  // ---- ratings (functions/ratings.ts)
  REVENUE_RATING: {
    description: `Revenue rating by Pareto rank: High for the top ${pct(d.revenueTopPct)} of clients, Medium for the next ${pct(d.revenueNextPct)}, else Low.`,
    params: {
      revenue: "The revenue of one client, or a column of revenues.",
      all_revenue: "Every client's revenue (the population ranked); default: the revenue argument.",
      top_pct: `Percent of clients rated High (default ${d.revenueTopPct}).`,
      next_pct: `Percent of clients rated Medium after them (default ${d.revenueNextPct}).`,
      method: `"rank" (default) or "cumulative": High while cumulative revenue ≤ top_pct (default ${pct(d.cumulativeHighPct)}), Medium ≤ next_pct (default ${pct(d.cumulativeMediumPct)}).`,
    },
    example: "=KAM_REVENUE_RATING(C2:C500, C2:C500)",
    resultType: "string",
  },
  WALLET_RATING: {
    description: `Wallet-share rating: High above ${pct(d.walletHighPct)}, Medium from ${pct(d.walletMediumPct)} to ${pct(d.walletHighPct)}, Low below ${pct(d.walletMediumPct)} (a low share is upside).`,
    params: {
      share: "Share of wallet: 60%, 0.6 or 60 (a column where any value is above 1 is read as percents).",
      medium_pct: `Share from which the rating is Medium (default ${d.walletMediumPct}).`,
      high_pct: `Share above which the rating is High (default ${d.walletHighPct}).`,
    },
    example: "=KAM_WALLET_RATING(E2:E500)",
    resultType: "string",
  },
  PROFIT_RATING: {
    description: `Profitability rating on margin: High if ≥ ${pct(d.profitHighPct)}, Medium if ≥ ${pct(d.profitAdequatePct)}, Low if ≥ 0, Laggard if negative.`,
    params: {
      margin: "Margin: 12%, 0.12 or 12 (a column where any value is above 1 is read as percents).",
      adequate: `Margin from which the rating is Medium (default ${pct(d.profitAdequatePct)}).`,
      high: `Margin from which the rating is High (default ${pct(d.profitHighPct)}).`,
    },
    example: `=KAM_PROFIT_RATING(D2:D500, ${pct(d.profitAdequatePct)}, ${pct(d.profitHighPct)})`,
    resultType: "string",
  },
  MARGIN: {
    description: "Margin = profit ÷ revenue, as a fraction (format the cell as a percent).",
    params: { profit: "Profit amount.", revenue: "Revenue amount." },
    example: "=KAM_MARGIN(D2:D500, C2:C500)",
    resultType: "any",
  },
  LEVEL: {
    description: "A strategic-value or pain cell as High/Medium/Low (accepts H/M/L and 3/2/1).",
    params: {
      value: "High/Medium/Low, H/M/L or 3/2/1.",
      otherwise: "Used where value is blank or unreadable, e.g. KAM_PAIN(aligned, easy) for pain.",
    },
    example: "=KAM_LEVEL(F2:F500)",
    resultType: "string",
  },
  PAIN: {
    description: "Pain from two yes/no answers: aligned and easy → Low, not aligned and hard → High, otherwise Medium.",
    params: { aligned: "Are their goals aligned with what we offer? yes/no.", easy: "Are they easy to serve? yes/no." },
    example: "=KAM_PAIN(H2:H500, I2:I500)",
    resultType: "string",
  },
  // ---- grading (functions/grading.ts)
  SCORE: {
    description: `Key-account score 0–100: weighted points of the five ratings (revenue ${w.revenue}, profitability ${w.profitability}, strategic ${w.strategic}, wallet ${w.wallet}, pain ${w.pain}).`,
    params: { ...RATING_PARAMS, weights: WEIGHTS },
    example: "=KAM_SCORE(H2:H500, I2:I500, J2:J500, F2:F500, G2:G500)",
    resultType: "any",
  },
  GRADE: {
    description: "Key-account grade A/B/C from the five ratings, with the shed, laggard and strategic-floor rules and an optional manual override.",
    params: GRADE_PARAMS,
    example: "=KAM_GRADE(H2:H500, I2:I500, J2:J500, F2:F500, G2:G500)",
    resultType: "string",
  },
  WHY: {
    description: "Explains a grade: each factor's rating and points and every rule that fired.",
    params: GRADE_PARAMS,
    example: "=KAM_WHY(H2, I2, J2, F2, G2)",
    resultType: "string",
  },
  RELATIONSHIP: {
    description: "Relationship strength 0–100: from a relationship column (1–5, 0–10, 0–100, H/M/L or a stage word), or estimated from wallet share and pain when pain is given.",
    params: {
      strength_or_share: "Relationship strength; or, with pain alone, the share of wallet.",
      pain: "Pain rating: when given, strength is estimated as 100 × (½·share + ½·pain points).",
      share: "Share of wallet: with it, strength_or_share is the relationship column and blank cells are estimated from share and pain.",
    },
    example: "=KAM_RELATIONSHIP(E2:E500, G2:G500)",
    resultType: "any",
  },
  QUADRANT: {
    description: `Quadrant of relationship strength × mutual benefit (both 0–100, ${d.quadrantThreshold} and above is strong/high): Key client, Invest in relationship, Higher-value offers or Rethink.`,
    params: {
      relationship: "Relationship strength 0–100 (e.g. from KAM_RELATIONSHIP).",
      benefit: "Mutual benefit 0–100 (usually the score).",
      threshold: `Boundary on both axes (default ${d.quadrantThreshold}).`,
    },
    example: "=KAM_QUADRANT(N2:N500, L2:L500)",
    resultType: "string",
  },
  ACTIONS: {
    description: "The one-line plan for a grade: sponsor, meeting cadence, and a growth or relationship specialist by wallet share.",
    params: { grade: "A, B or C.", share: "Share of wallet, for the specialist." },
    example: "=KAM_ACTIONS(M2:M500, E2:E500)",
    resultType: "string",
  },
  // ---- portfolio (functions/portfolio.ts)
  PORTFOLIO: {
    description: "The whole ranked portfolio, live, from a table whose first row holds the headers (one row per client or per order). Review-due is flagged only when today is given.",
    params: {
      table_with_headers: "The client table including its header row.",
      today: "The date review-due is judged on: a date, or a cell holding one (without it no client is flagged review-due: a custom function does not see the date change).",
    },
    example: "=KAM_PORTFOLIO(A1:K500, M1)",
    resultType: "any",
  },
  HHI: {
    description: "Herfindahl-Hirschman index of revenue concentration (0–10,000; above 1,800 highly concentrated, 1,000–1,800 moderately).",
    params: { revenues: "Every client's revenue." },
    example: "=KAM_HHI(C2:C500)",
    resultType: "any",
  },
  TOP_SHARE: {
    description: `Share of revenue from the top ${pct(d.topSharePct)} of clients (the 80/20 check), as a fraction.`,
    params: { revenues: "Every client's revenue.", top_pct: `Percent of clients counted as the top (default ${d.topSharePct}).` },
    example: "=KAM_TOP_SHARE(C2:C500)",
    resultType: "any",
  },
  // ---- money (functions/money.ts)
  PROFIT_CURVE: {
    description:
      "The profit curve (whale curve): clients sorted by profit, highest first; per client the cumulative share of clients and the cumulative profit as a share of total profit (above 100% where later clients lose money).",
    params: { profits: "Every client's profit (after the cost to serve); blanks are skipped." },
    example: "=KAM_PROFIT_CURVE(D2:D500)",
    resultType: "any",
  },
};

/**
 * The runtime table with its help, in the table's order. Throws when a function or a parameter has
 * no help, or help names one the table does not have.
 */
export function documented(functions: readonly KamFunction[] = FUNCTIONS, help: Readonly<Record<string, FunctionHelp>> = FUNCTION_HELP): DocumentedFunction[] {
  const problems: string[] = [];
  const names = new Set(functions.map((f) => f.name));
  for (const name of Object.keys(help)) if (!names.has(name)) problems.push(`help for ${name}, which core/functions.ts does not have`);
  const out = functions.map((f): DocumentedFunction => {
    const h = Object.prototype.hasOwnProperty.call(help, f.name) ? help[f.name] : undefined;
    if (!h) {
      problems.push(`${f.name} has no help`);
      return { ...f, description: "", example: "", resultType: "any", params: f.params.map((p) => ({ ...p, description: "" })) };
    }
    const paramNames = new Set(f.params.map((p) => p.name));
    for (const p of Object.keys(h.params)) if (!paramNames.has(p)) problems.push(`${f.name}: help for a parameter ${p} it does not take`);
    const params = f.params.map((p): DocumentedParam => {
      const text = Object.prototype.hasOwnProperty.call(h.params, p.name) ? h.params[p.name] : undefined;
      if (text === undefined) problems.push(`${f.name}(${p.name}) has no help`);
      return { ...p, description: text ?? "" };
    });
    return { ...f, description: h.description, example: h.example, resultType: h.resultType, params };
  });
  if (problems.length > 0) throw new Error(`core/functions/help.ts disagrees with the function table:\n  ${problems.join("\n  ")}`);
  return out;
}

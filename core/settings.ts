/**
 * Settings: every number of SPEC §3–§7 that an owner may change, with the spec's defaults,
 * and one validator that names the setting at fault.
 */
import { FIELDS, type Field } from "./columns";
import { dayFromParts, dayToIso } from "./values";

export type Grade = "A" | "B" | "C";
export const GRADES: readonly Grade[] = ["A", "B", "C"];

export interface Weights {
  revenue: number;
  wallet: number;
  profitability: number;
  strategic: number;
  pain: number;
}

export interface Settings {
  /** Points weights; they must sum to 100. */
  weights: Weights;
  /** "rank" (Pareto rank, SPEC §3.1) or "cumulative" (ABC by cumulative revenue). */
  revenueMethod: "rank" | "cumulative";
  /** Rank method: top `revenueTopPct`% of clients are High, the next `revenueNextPct`% Medium. */
  revenueTopPct: number;
  revenueNextPct: number;
  /** Cumulative method: High while the running share is ≤ this percent, Medium while ≤ the next. */
  cumulativeHighPct: number;
  cumulativeMediumPct: number;
  /** Profitability: High if margin ≥ highPct, Medium if ≥ adequatePct, Low if ≥ 0, else Laggard. */
  profitAdequatePct: number;
  profitHighPct: number;
  /** Wallet share: High above `walletHighPct`, Medium from `walletMediumPct` to it, Low below. */
  walletMediumPct: number;
  walletHighPct: number;
  /** Base grade: A if score ≥ gradeAMin, B if score ≥ gradeBMin, else C. */
  gradeAMin: number;
  gradeBMin: number;
  /** Quadrant boundary on both axes (50 and above is strong / high). */
  quadrantThreshold: number;
  /** Share of the account-management budget per grade, in percent; must sum to 100. */
  budget: Record<Grade, number>;
  /** Review cadence in days per grade. */
  reviewDays: Record<Grade, number>;
  /** Share of revenue that counts as "the top" in the 80/20 check (percent of clients). */
  topSharePct: number;
  /** Warn when one client is above this percent of revenue. */
  clientWarningPct: number;
  /** Warn when one industry is above this percent of revenue. */
  industryWarningPct: number;
  /** Per-client sheet, order list, or detect (SPEC §2: more than 20% repeated names). */
  mode: "auto" | "clients" | "orders";
  /** Column mapping overrides: input field → header text. */
  mapping: Partial<Record<Field, string>>;
  /** How matrix columns are written by hosts that can do both. */
  matrixOutput: "formulas" | "values";
  /** Order lists with dates (SPEC §11): months graded up to asOf; 0 = every row. */
  revenuePeriodMonths: number;
  /** The last day of the current period (YYYY-MM-DD); null = the latest date among the rows that count. */
  asOf: string | null;
  /** Trend: Growing at +trendPct% or more against the previous period, Declining at −trendPct% or less. */
  trendPct: number;
  /** At risk: an A or B client whose revenue fell by atRiskDropPct% or more, or with no order for more than atRiskDays. */
  atRiskDropPct: number;
  atRiskDays: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  weights: Object.freeze({ revenue: 30, profitability: 25, strategic: 20, wallet: 15, pain: 10 }),
  revenueMethod: "rank",
  revenueTopPct: 10,
  revenueNextPct: 10,
  cumulativeHighPct: 80,
  cumulativeMediumPct: 95,
  profitAdequatePct: 10,
  profitHighPct: 25,
  walletMediumPct: 50,
  walletHighPct: 75,
  gradeAMin: 60,
  gradeBMin: 35,
  quadrantThreshold: 50,
  budget: Object.freeze({ A: 60, B: 30, C: 10 }),
  reviewDays: Object.freeze({ A: 30, B: 90, C: 365 }),
  topSharePct: 20,
  clientWarningPct: 25,
  industryWarningPct: 50,
  mode: "auto",
  mapping: Object.freeze({}),
  matrixOutput: "formulas",
  revenuePeriodMonths: 12,
  asOf: null,
  trendPct: 10,
  atRiskDropPct: 25,
  atRiskDays: 180,
}) as Settings;

export interface SettingError {
  /** The setting at fault, as a dotted path (`weights.pain`). */
  setting: string;
  message: string;
}

export class SettingsError extends Error {
  constructor(readonly errors: SettingError[]) {
    super(errors.map((e) => `${e.setting}: ${e.message}`).join("; "));
    this.name = "SettingsError";
  }
}

type Problems = SettingError[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(problems: Problems, path: string, v: unknown, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    problems.push({ setting: path, message: `must be a number (got ${JSON.stringify(v)})` });
    return fallback;
  }
  if (v < min || v > max) {
    problems.push({ setting: path, message: `must be between ${min} and ${max} (got ${v})` });
    return fallback;
  }
  return v;
}

function wholeNumber(problems: Problems, path: string, v: unknown, fallback: number, min: number, max: number): number {
  const n = num(problems, path, v, fallback, min, max);
  if (Number.isInteger(n)) return n;
  problems.push({ setting: path, message: `must be a whole number (got ${n})` });
  return fallback;
}

/** A day as YYYY-MM-DD, or null. */
function isoDay(problems: Problems, path: string, v: unknown, fallback: string | null): string | null {
  if (v === undefined || v === null) return v === null ? null : fallback;
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim()) : null;
  if (m && dayToIso(dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]))) === m[0]) return m[0];
  problems.push({ setting: path, message: `must be a date written YYYY-MM-DD (got ${JSON.stringify(v)})` });
  return fallback;
}

function choice<T extends string>(problems: Problems, path: string, v: unknown, fallback: T, allowed: readonly T[]): T {
  if (v === undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  problems.push({ setting: path, message: `must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${JSON.stringify(v)})` });
  return fallback;
}

function group<K extends string>(
  problems: Problems,
  path: string,
  v: unknown,
  fallback: Readonly<Record<K, number>>,
  min: number,
  max: number,
): Record<K, number> {
  const out = { ...fallback } as Record<K, number>;
  if (v === undefined) return out;
  if (!isRecord(v)) {
    problems.push({ setting: path, message: "must be an object" });
    return out;
  }
  for (const key of Object.keys(v)) {
    // Own keys only: `constructor` or `toString` in a settings file is an unknown setting, not Object's.
    if (!Object.hasOwn(fallback, key)) {
      problems.push({ setting: `${path}.${key}`, message: `is not a known setting (known: ${Object.keys(fallback).join(", ")})` });
      continue;
    }
    out[key as K] = num(problems, `${path}.${key}`, v[key], fallback[key as K], min, max);
  }
  return out;
}

function sumsTo100(problems: Problems, path: string, values: Record<string, number>): void {
  const total = Object.values(values).reduce((a, b) => a + b, 0);
  if (Math.abs(total - 100) > 1e-9) {
    problems.push({ setting: path, message: `must sum to 100 (they sum to ${Math.round(total * 1000) / 1000})` });
  }
}

function ordered(problems: Problems, low: [string, number], high: [string, number], strict = true): void {
  if (strict ? !(low[1] < high[1]) : !(low[1] <= high[1])) {
    problems.push({ setting: low[0], message: `(${low[1]}) must be ${strict ? "below" : "at most"} ${high[0]} (${high[1]})` });
  }
}

const KNOWN_KEYS = new Set<string>(Object.keys(DEFAULT_SETTINGS));

/** Validates a partial settings object (from a config file, document properties or the panel). */
export function checkSettings(input: unknown): { settings: Settings; errors: SettingError[] } {
  const problems: Problems = [];
  const raw: Record<string, unknown> = input === undefined || input === null ? {} : isRecord(input) ? input : {};
  if (input !== undefined && input !== null && !isRecord(input)) {
    problems.push({ setting: "settings", message: "must be a JSON object" });
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push({ setting: key, message: "is not a known setting" });
  }
  const d = DEFAULT_SETTINGS;
  const s: Settings = {
    weights: group(problems, "weights", raw.weights, d.weights as unknown as Record<keyof Weights, number>, 0, 100),
    revenueMethod: choice(problems, "revenueMethod", raw.revenueMethod, d.revenueMethod, ["rank", "cumulative"] as const),
    revenueTopPct: num(problems, "revenueTopPct", raw.revenueTopPct, d.revenueTopPct, 0, 100),
    revenueNextPct: num(problems, "revenueNextPct", raw.revenueNextPct, d.revenueNextPct, 0, 100),
    cumulativeHighPct: num(problems, "cumulativeHighPct", raw.cumulativeHighPct, d.cumulativeHighPct, 0, 100),
    cumulativeMediumPct: num(problems, "cumulativeMediumPct", raw.cumulativeMediumPct, d.cumulativeMediumPct, 0, 100),
    profitAdequatePct: num(problems, "profitAdequatePct", raw.profitAdequatePct, d.profitAdequatePct, 0, 100),
    profitHighPct: num(problems, "profitHighPct", raw.profitHighPct, d.profitHighPct, 0, 100),
    walletMediumPct: num(problems, "walletMediumPct", raw.walletMediumPct, d.walletMediumPct, 0, 100),
    walletHighPct: num(problems, "walletHighPct", raw.walletHighPct, d.walletHighPct, 0, 100),
    gradeAMin: num(problems, "gradeAMin", raw.gradeAMin, d.gradeAMin, 0, 100),
    gradeBMin: num(problems, "gradeBMin", raw.gradeBMin, d.gradeBMin, 0, 100),
    quadrantThreshold: num(problems, "quadrantThreshold", raw.quadrantThreshold, d.quadrantThreshold, 0, 100),
    budget: group(problems, "budget", raw.budget, d.budget, 0, 100),
    reviewDays: group(problems, "reviewDays", raw.reviewDays, d.reviewDays, 1, 3660),
    topSharePct: num(problems, "topSharePct", raw.topSharePct, d.topSharePct, 0, 100),
    clientWarningPct: num(problems, "clientWarningPct", raw.clientWarningPct, d.clientWarningPct, 0, 100),
    industryWarningPct: num(problems, "industryWarningPct", raw.industryWarningPct, d.industryWarningPct, 0, 100),
    mode: choice(problems, "mode", raw.mode, d.mode, ["auto", "clients", "orders"] as const),
    mapping: {},
    matrixOutput: choice(problems, "matrixOutput", raw.matrixOutput, d.matrixOutput, ["formulas", "values"] as const),
    revenuePeriodMonths: wholeNumber(problems, "revenuePeriodMonths", raw.revenuePeriodMonths, d.revenuePeriodMonths, 0, 120),
    asOf: isoDay(problems, "asOf", raw.asOf, d.asOf),
    trendPct: num(problems, "trendPct", raw.trendPct, d.trendPct, 0, 100),
    atRiskDropPct: num(problems, "atRiskDropPct", raw.atRiskDropPct, d.atRiskDropPct, 0, 100),
    atRiskDays: wholeNumber(problems, "atRiskDays", raw.atRiskDays, d.atRiskDays, 1, 3660),
  };
  if (raw.mapping !== undefined) {
    if (!isRecord(raw.mapping)) problems.push({ setting: "mapping", message: "must be an object of field → header" });
    else {
      for (const [field, header] of Object.entries(raw.mapping)) {
        if (!(FIELDS as readonly string[]).includes(field)) {
          problems.push({ setting: `mapping.${field}`, message: `is not a known field (fields: ${FIELDS.join(", ")})` });
        } else if (typeof header !== "string" || header.trim() === "") {
          problems.push({ setting: `mapping.${field}`, message: "must be a header name" });
        } else (s.mapping as Record<string, string>)[field] = header;
      }
    }
  }
  if (raw.weights !== undefined) sumsTo100(problems, "weights", s.weights as unknown as Record<string, number>);
  if (raw.budget !== undefined) sumsTo100(problems, "budget", s.budget);
  ordered(problems, ["profitAdequatePct", s.profitAdequatePct], ["profitHighPct", s.profitHighPct], false);
  ordered(problems, ["walletMediumPct", s.walletMediumPct], ["walletHighPct", s.walletHighPct], false);
  ordered(problems, ["gradeBMin", s.gradeBMin], ["gradeAMin", s.gradeAMin], false);
  ordered(problems, ["cumulativeHighPct", s.cumulativeHighPct], ["cumulativeMediumPct", s.cumulativeMediumPct], false);
  if (s.revenueTopPct + s.revenueNextPct > 100) {
    problems.push({ setting: "revenueNextPct", message: `revenueTopPct + revenueNextPct must be at most 100 (got ${s.revenueTopPct + s.revenueNextPct})` });
  }
  return { settings: s, errors: problems };
}

/** Settings from a partial object, or a `SettingsError` naming every bad setting. */
export function resolveSettings(input?: unknown): Settings {
  const { settings, errors } = checkSettings(input);
  if (errors.length > 0) throw new SettingsError(errors);
  return settings;
}

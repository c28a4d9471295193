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

/** `Object.hasOwn` as ES5 has it: Code.js is built for ES2020, and Apps Script's page promises no newer library. */
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function group<T extends { [K in keyof T]: number }>(problems: Problems, path: string, v: unknown, fallback: Readonly<T>, min: number, max: number): T {
  const out = { ...fallback } as T;
  if (v === undefined) return out;
  if (!isRecord(v)) {
    problems.push({ setting: path, message: "must be an object" });
    return out;
  }
  for (const key of Object.keys(v)) {
    // Own keys only: `constructor` or `toString` in a settings file is an unknown setting, not Object's.
    if (!hasOwn(fallback, key)) {
      problems.push({ setting: `${path}.${key}`, message: `is not a known setting (known: ${Object.keys(fallback).join(", ")})` });
      continue;
    }
    out[key as keyof T] = num(problems, `${path}.${key}`, v[key], fallback[key as keyof T], min, max) as T[keyof T];
  }
  return out;
}

/**
 * A sum as a message shows it: to 12 significant digits, so weights summing to 100.0001 are not
 * said to sum to 100, and 30.1 + 15.1 + … shows 100.2, not 100.19999999999999.
 */
export const sumText = (total: number): string => String(Number(total.toPrecision(12)));

function sumsTo100(problems: Problems, path: string, values: object): void {
  const total = (Object.values(values) as number[]).reduce((a, b) => a + b, 0);
  if (Math.abs(total - 100) > 1e-9) {
    problems.push({ setting: path, message: `must sum to 100 (they sum to ${sumText(total)})` });
  }
}

function ordered(problems: Problems, low: [string, number], high: [string, number], strict = true): void {
  if (strict ? !(low[1] < high[1]) : !(low[1] <= high[1])) {
    problems.push({ setting: low[0], message: `(${low[1]}) must be ${strict ? "below" : "at most"} ${high[0]} (${high[1]})` });
  }
}

/** The mapping, field by field: a known field to a header name; a fresh object each time (it is filled here). */
function fieldHeaders(problems: Problems, path: string, v: unknown): Settings["mapping"] {
  const out: Record<string, string> = {};
  if (v === undefined) return out;
  if (!isRecord(v)) {
    problems.push({ setting: path, message: "must be an object of field → header" });
    return out;
  }
  for (const [field, header] of Object.entries(v)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      problems.push({ setting: `${path}.${field}`, message: `is not a known field (fields: ${FIELDS.join(", ")})` });
    } else if (typeof header !== "string" || header.trim() === "") {
      problems.push({ setting: `${path}.${field}`, message: "must be a header name" });
    } else out[field] = header;
  }
  return out;
}

/** Checks one setting's value, `fallback` (its default) where the value is missing or wrong. */
type Rule<T> = (problems: Problems, path: string, v: unknown, fallback: T) => T;
const percent: Rule<number> = (problems, path, v, fallback) => num(problems, path, v, fallback, 0, 100);
const percents = <T extends { [K in keyof T]: number }>(problems: Problems, path: string, v: unknown, fallback: T): T => group(problems, path, v, fallback, 0, 100);

/**
 * How each setting is checked, in the order of `Settings` (the order a checked settings object has,
 * and its problems are listed in). No calls here: a bundle that only needs the defaults (Excel's
 * functions.js) leaves the table out.
 */
const RULES: { [K in keyof Settings]: Rule<Settings[K]> } = {
  weights: percents,
  revenueMethod: (problems, path, v, fallback) => choice(problems, path, v, fallback, ["rank", "cumulative"]),
  revenueTopPct: percent,
  revenueNextPct: percent,
  cumulativeHighPct: percent,
  cumulativeMediumPct: percent,
  profitAdequatePct: percent,
  profitHighPct: percent,
  walletMediumPct: percent,
  walletHighPct: percent,
  gradeAMin: percent,
  gradeBMin: percent,
  quadrantThreshold: percent,
  budget: percents,
  reviewDays: (problems, path, v, fallback) => group(problems, path, v, fallback, 1, 3660),
  topSharePct: percent,
  clientWarningPct: percent,
  industryWarningPct: percent,
  mode: (problems, path, v, fallback) => choice(problems, path, v, fallback, ["auto", "clients", "orders"]),
  mapping: fieldHeaders,
  matrixOutput: (problems, path, v, fallback) => choice(problems, path, v, fallback, ["formulas", "values"]),
  revenuePeriodMonths: (problems, path, v, fallback) => wholeNumber(problems, path, v, fallback, 0, 120),
  asOf: isoDay,
  trendPct: percent,
  atRiskDropPct: percent,
  atRiskDays: (problems, path, v, fallback) => wholeNumber(problems, path, v, fallback, 1, 3660),
};

function checked<K extends keyof Settings>(problems: Problems, key: K, raw: Record<string, unknown>): Settings[K] {
  return RULES[key](problems, key, raw[key], DEFAULT_SETTINGS[key]);
}

/** Validates a partial settings object (from a config file, document properties or the panel). */
export function checkSettings(input: unknown): { settings: Settings; errors: SettingError[] } {
  const problems: Problems = [];
  const raw: Record<string, unknown> = input === undefined || input === null ? {} : isRecord(input) ? input : {};
  if (input !== undefined && input !== null && !isRecord(input)) {
    problems.push({ setting: "settings", message: "must be a JSON object" });
  }
  for (const key of Object.keys(raw)) {
    if (!hasOwn(RULES, key)) problems.push({ setting: key, message: "is not a known setting" });
  }
  const s = {} as Record<keyof Settings, unknown>;
  for (const key of Object.keys(RULES) as (keyof Settings)[]) s[key] = checked(problems, key, raw);
  const settings = s as Settings;
  if (raw.weights !== undefined) sumsTo100(problems, "weights", settings.weights);
  if (raw.budget !== undefined) sumsTo100(problems, "budget", settings.budget);
  ordered(problems, ["profitAdequatePct", settings.profitAdequatePct], ["profitHighPct", settings.profitHighPct], false);
  ordered(problems, ["walletMediumPct", settings.walletMediumPct], ["walletHighPct", settings.walletHighPct], false);
  ordered(problems, ["gradeBMin", settings.gradeBMin], ["gradeAMin", settings.gradeAMin], false);
  ordered(problems, ["cumulativeHighPct", settings.cumulativeHighPct], ["cumulativeMediumPct", settings.cumulativeMediumPct], false);
  if (settings.revenueTopPct + settings.revenueNextPct > 100) {
    problems.push({ setting: "revenueNextPct", message: `revenueTopPct + revenueNextPct must be at most 100 (got ${settings.revenueTopPct + settings.revenueNextPct})` });
  }
  return { settings, errors: problems };
}

/** Settings from a partial object, or a `SettingsError` naming every bad setting. */
export function resolveSettings(input?: unknown): Settings {
  const { settings, errors } = checkSettings(input);
  if (errors.length > 0) throw new SettingsError(errors);
  return settings;
}

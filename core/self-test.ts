/**
 * The in-host self-test (Sheets: KAM Portfolio ▸ Run self-test; Excel: the pane's Self-test
 * button): on a temporary sheet, the behaviours of the real host the offline tests could only
 * assume (docs/testing.md lists them). Each host runs the steps; what it saw is judged here, the
 * same way for both, as one pass / fail / info line each, with what to report when it fails.
 * Pure: no host API.
 */
import { portfolioTable } from "./functions/portfolio-table";
import { DEFAULT_SETTINGS, type Grade } from "./settings";
import { dayFromParts, dayToIso, type CellValue, type Day } from "./values";

export type CheckStatus = "pass" | "fail" | "info";

export interface CheckLine {
  check: string;
  status: CheckStatus;
  /** What was seen. */
  detail: string;
}

/** The temporary sheet's name (a number is added when a sheet has it). */
export const SELF_TEST_SHEET = "KAM self-test";
export const line = (check: string, status: CheckStatus, detail: string): CheckLine => ({ check, status, detail });

/** A thrown error as a failing line (a step that could not run). */
export function failed(check: string, e: unknown): CheckLine {
  return line(check, "fail", `could not run: ${e instanceof Error ? e.message : String(e)}`);
}

// ---- text that looks like a formula, a number, a date or a boolean stays text

/** What every host writes through its own text path and reads back. */
export const TEXT_CASES: readonly string[] = ["=1+1", "+1", "-x", "@x", "0012", "2024-03-05", "TRUE", "'quoted", "=HYPERLINK(\"http://example.com\",\"x\")"];

export function textCheck(values: readonly unknown[], formulas: readonly string[], mechanism: string): CheckLine {
  const wrong = TEXT_CASES.map((t, i) => ({ t, v: values[i], f: formulas[i] ?? "" })).filter((x) => x.v !== x.t || x.f !== "");
  if (wrong.length === 0) return line("Text that looks like a formula stays text", "pass", `${TEXT_CASES.length} values written with ${mechanism} read back as written, no formula`);
  return line("Text that looks like a formula stays text", "fail", `${mechanism}: ${wrong.map((x) => `${JSON.stringify(x.t)} came back as ${JSON.stringify(x.v)}${x.f ? ` with formula ${x.f}` : ""}`).join("; ")}`);
}

// ---- a custom function over a range holding an error

/** The cells around the error ("=NA()") in the column a host writes; KAM_LEVEL gives them back. */
export const AROUND_ERROR = ["High", "Low"] as const;

export function errorInputCheck(results: readonly unknown[]): CheckLine {
  const [first, middle, last] = results;
  const check = "A custom function over a range holding an error";
  if (first === AROUND_ERROR[0] && last === AROUND_ERROR[1]) return line(check, "pass", `the other cells computed (the error cell gave ${JSON.stringify(middle)})`);
  return line(check, "fail", `got ${JSON.stringify(results)}: one error cell spoils the whole result`);
}

// ---- dates across time zones

export interface DateCase {
  /** [client, revenue, last review as y/m/d]. */
  client: [string, number, [number, number, number]];
  today: [number, number, number];
  /** The KAM_PORTFOLIO flags column the client gets when the dates are read as the sheet shows them. */
  flags: string;
}

/** KAM_PORTFOLIO's Flags column (0-based). */
export const FLAGS = 11;

/**
 * A client whose review-due flag turns on a day's difference: `today` is the day before its next
 * review, so a last-review date read a day early (a zone ahead of the script's) flags it. With a
 * `margin` of more days, only a date read that many days early or more does.
 */
export function dateCase(last: [number, number, number] = [2024, 3, 5], margin = 1): DateCase {
  const rows = caseRows(dayFromParts(...last)); // bounded: a [year, month, day] tuple
  const grade = portfolioTable(rows, null)[1]?.[2] as Grade;
  const today: Day = dayFromParts(...last) + DEFAULT_SETTINGS.reviewDays[grade] - margin; // bounded: a [year, month, day] tuple
  const flags = String(portfolioTable(rows, today)[1]?.[FLAGS] ?? "");
  return { client: ["Acme", 1000, last], today: dayToIso(today).split("-").map(Number) as [number, number, number], flags };
}

function caseRows(lastReview: Day): CellValue[][] {
  return [["Client", "Revenue", "Last review"], ["Acme", 1000, dayToIso(lastReview)]];
}

/** The flags the case's client gets when its last review is read `shift` days off the day the sheet shows. */
export function flagsReadOff(c: DateCase, shift: number): string {
  const rows = caseRows(dayFromParts(...c.client[2]) + shift); // bounded: a [year, month, day] tuple
  return String(portfolioTable(rows, dayFromParts(...c.today))[1]?.[FLAGS] ?? ""); // bounded: a [year, month, day] tuple
}

export function dateCheck(c: DateCase, table: readonly (readonly unknown[])[], zone: string): CheckLine {
  const check = "Dates across time zones (a date cell read by a custom function)";
  const got = table[1]?.[FLAGS];
  if (table[1]?.[1] === c.client[0] && String(got ?? "") === c.flags) return line(check, "pass", `the review date was read as the sheet shows it (zone ${zone})`);
  return line(check, "fail", `zone ${zone}: KAM_PORTFOLIO gave ${JSON.stringify(table[1] ?? table[0])}, expected the flags ${JSON.stringify(c.flags)}`);
}

// ---- settings round trip

export function settingsCheck(written: string, read: unknown): CheckLine {
  const check = "Settings round trip (saved in the document, read back)";
  return read === written
    ? line(check, "pass", `${written.length} characters written and read back unchanged`)
    : line(check, "fail", `wrote ${written.length} characters, read back ${typeof read === "string" ? `${read.length} characters` : JSON.stringify(read)}`);
}

/** A settings-like text longer than one Excel custom property holds (255 characters). */
export const SETTINGS_PROBE = JSON.stringify({ probe: "kam-portfolio self-test ".repeat(12).trim() });

// ---- the report

export function selfTestText(host: string, lines: readonly CheckLine[]): string {
  const mark = { pass: "PASS", fail: "FAIL", info: "INFO" } as const;
  const failures = lines.filter((l) => l.status === "fail").length;
  return [
    `KAM Portfolio self-test — ${host}`,
    ...lines.map((l) => `${mark[l.status]}  ${l.check}: ${l.detail}`),
    failures
      ? `${failures} check${failures === 1 ? "" : "s"} failed: copy these lines, with your ${host} version, into your problem report (docs/testing.md says what each check means).`
      : "Every check passed.",
  ].join("\n");
}

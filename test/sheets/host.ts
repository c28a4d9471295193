/**
 * What the Sheets host-rules suite shares: the pages it cites, the built add-on loaded on the fake
 * with Sheets' custom-function host installed, and dates typed into the fake as Sheets stores them.
 */
import { readFileSync } from "node:fs";
import { callFunction } from "../../core/functions";
import { DEFAULT_SETTINGS, type Grade } from "../../core/settings";
import { dayFromParts, dayToIso, type CellValue } from "../../core/values";
import { fakeGoogle, installCustomFunctions, type CustomFunctionHost, type FakeGoogle } from "../fakes/spreadsheet-app";
import { zonedMidnight } from "../fakes/sheets/zone";
import { ADDON, codeJs, loadAddon, type AddonGlobals } from "./apps-script";

/** The documentation pages the rules come from. */
export const PAGE = {
  developerMetadata: "https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.developerMetadata",
  customFunctions: "https://developers.google.com/apps-script/guides/sheets/functions",
  range: "https://developers.google.com/apps-script/reference/spreadsheet/range",
  extendedValue: "https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/other#ExtendedValue",
  valueInputOption: "https://developers.google.com/workspace/sheets/api/reference/rest/v4/ValueInputOption",
  a1Notation: "https://developers.google.com/workspace/sheets/api/guides/concepts",
  sheet: "https://developers.google.com/apps-script/reference/spreadsheet/sheet",
  lockService: "https://developers.google.com/apps-script/reference/lock/lock-service",
  lock: "https://developers.google.com/apps-script/reference/lock/lock",
  utilities: "https://developers.google.com/apps-script/reference/utilities/utilities",
  v8: "https://developers.google.com/apps-script/guides/v8-runtime",
  htmlService: "https://developers.google.com/apps-script/reference/html/html-service",
  htmlInclude: "https://developers.google.com/apps-script/guides/html/best-practices#separate_html_css_and_javascript",
  properties: "https://developers.google.com/apps-script/reference/properties/properties-service",
  quotas: "https://developers.google.com/apps-script/guides/services/quotas",
  scopes: "https://developers.google.com/workspace/add-ons/concepts/editor-scopes",
  scriptRun: "https://developers.google.com/apps-script/guides/html/reference/run",
  chartBuilder: "https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder",
  chartType: "https://developers.google.com/apps-script/reference/charts/chart-type",
  containerInfo: "https://developers.google.com/apps-script/reference/spreadsheet/container-info",
  driveLimits: "https://support.google.com/drive/answer/37603",
  authLifecycle: "https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle",
  manifest: "https://developers.google.com/apps-script/manifest",
} as const;

/** appsscript.json's timeZone: the zone of the Dates a custom function receives. */
export const SCRIPT_TIME_ZONE = (JSON.parse(readFileSync(`${ADDON}appsscript.json`, "utf8")) as { timeZone: string }).timeZone;

export interface LoadedHost {
  g: FakeGoogle;
  addon: AddonGlobals;
  host: CustomFunctionHost;
}

/** The built add-on on a fake spreadsheet holding `rows`, custom functions evaluated as Sheets does. */
export function sheetsHost(rows: unknown[][] = [], timeZone = "Europe/Paris"): LoadedHost {
  const g = fakeGoogle(rows);
  g.ss.timeZone = timeZone;
  const code = codeJs();
  const addon = loadAddon(g, code);
  const host = installCustomFunctions(g, code, { scriptTimeZone: SCRIPT_TIME_ZONE });
  return { g, addon, host };
}

/** A date cell as Sheets holds it: the instant the day starts in the spreadsheet's time zone. */
export function sheetDate(y: number, m: number, d: number, timeZone: string): Date {
  return new Date(zonedMidnight(y, m, d, timeZone));
}

/**
 * A one-client table whose review-due flag turns on a day's difference: `today` is the day before
 * the next review when the last review is read right, so reading it a day early (or `today` a day
 * late) flags the client. The expected KAM_PORTFOLIO output comes from core with ISO dates.
 */
export function reviewCase(last: [number, number, number]): { rows: CellValue[][]; today: [number, number, number]; expected: unknown[][]; wrong: unknown[][] } {
  const iso = dayToIso(dayFromParts(...last));
  const rows: CellValue[][] = [["Client", "Revenue", "Last review"], ["Acme", 1000, iso]];
  const grade = callFunction("PORTFOLIO", [rows]).result[1]?.[2] as Grade;
  const next = dayFromParts(...last) + DEFAULT_SETTINGS.reviewDays[grade];
  const todayIso = dayToIso(next - 1);
  const today = todayIso.split("-").map(Number) as [number, number, number];
  const expected = callFunction("PORTFOLIO", [rows, todayIso]).result.map((r) => r.map(String));
  const dayEarly: CellValue[][] = [rows[0] as CellValue[], ["Acme", 1000, dayToIso(dayFromParts(...last) - 1)]];
  const wrong = callFunction("PORTFOLIO", [dayEarly, todayIso]).result.map((r) => r.map(String));
  return { rows, today, expected, wrong };
}

/**
 * The pane's Self-test button: on a temporary sheet the add-in writes through its own code paths
 * (render.ts's sheet steps: text, the table, the chart, the page layout), the behaviours of Excel
 * that the offline tests could only assume from the documentation (docs/testing.md), judged by
 * core/self-test.ts (and self-test-dates.ts for the workbook's date system). The sheet is deleted
 * at the end, with the two probe properties it wrote.
 */
import { cellRef } from "../core/a1";
import { MATRIX_HEADERS } from "../core/matrix";
import { FORMATS, type SheetPlan } from "../core/plan";
import { AROUND_ERROR, dateCase, dateCheck, errorInputCheck, failed, line, SELF_TEST_SHEET, SETTINGS_PROBE, settingsCheck, textCheck, TEXT_CASES, type CheckLine } from "../core/self-test";
import { dayFromDate, dayFromParts, dayToIso, dayToSerial } from "../core/values";
import { probeAnswer, queueDateSystemProbe, systemOf } from "./date-system";
import { REQUIREMENT_SETS } from "./manifest";
import { DEFAULT_BUDGET, packSteps } from "./payload";
import { sheetSteps } from "./render";
import { dateSystemCheck, functionDatesCheck } from "./self-test-dates";

export interface SelfTestHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, minVersion: string): boolean;
  now(): Date;
  /** Waits while Excel computes the custom functions. */
  wait(ms: number): Promise<void>;
  /** navigator.userAgent: which webview runs the pane (docs/excel.md, "Which Excel runs it"). */
  userAgent: string;
}

export const WEBVIEW_CHECK = "Webview";

/**
 * The engine running the pane, from its user agent, for the report. Internet Explorer 11 and Edge
 * Legacy never get here: taskpane.html's guard stops the page first.
 */
const ENGINES: readonly [RegExp, (version: string) => string][] = [
  [/\bEdg\/(\d+)/, (v) => `Microsoft Edge ${v} on Chromium (WebView2 in Excel for Windows, or the Edge browser)`],
  [/\b(?:Headless)?Chrome\/(\d+)/, (v) => `Chromium ${v}`],
  [/\bFirefox\/(\d+)/, (v) => `Firefox ${v}`],
  [/\bVersion\/([\d.]+).*\bSafari\//, (v) => `Safari ${v}`],
  [/\bAppleWebKit\/([\d.]+)/, (v) => `WebKit ${v} (Safari's WKWebView in Excel for Mac)`],
];
export function webviewOf(userAgent: string): string {
  for (const [pattern, name] of ENGINES) {
    const version = pattern.exec(userAgent)?.[1];
    if (version) return name(version);
  }
  return "not recognised";
}

const PROBE = "KAMPortfolio.selftest";
const BUSY = "#BUSY!";
const WAITS = 20;

/** A small plan through the portfolio's own writer: a text column, a table, both charts (the quadrant's and the profit curve's line), the page. */
function probePlan(name: string): SheetPlan {
  const rows = TEXT_CASES.length;
  return {
    name,
    marker: "",
    blocks: [{ role: "table", row: 1, col: 1, values: [["Text", "x", "y"], ...TEXT_CASES.map((t, i) => [t, 10 + i * 9, 20 + i * 8])], formats: [null, FORMATS.integer, FORMATS.integer], headerStyle: { bold: true } }],
    columnWidths: [20, 8, 8],
    freezeRows: 1,
    freezeCols: 0,
    table: { name: "KAMSelfTest", range: { row: 1, col: 1, rows: rows + 1, cols: 3 }, gradeColumn: 1 },
    conditionalFills: [],
    chart: { title: "KAM self-test", xTitle: "x", yTitle: "y", min: 0, max: 100, threshold: 50, anchor: { row: 2, col: 6, width: 240, height: 160 }, series: [{ name: "points", x: { row: 2, col: 2, rows, cols: 1 }, y: { row: 2, col: 3, rows, cols: 1 }, color: "#2E7D32", kind: "points" }] },
    profitChart: { title: "KAM self-test curve", xTitle: "x", yTitle: "y", x: { row: 2, col: 2, rows, cols: 1 }, y: { row: 2, col: 3, rows, cols: 1 }, name: "y", color: "#1565C0", format: "0%", anchor: { row: 12, col: 6, width: 240, height: 160 } },
    page: { orientation: "landscape", fitToWidth: true },
    size: { rows: rows + 1, cols: 3 },
  };
}

export async function runSelfTest(host: SelfTestHost): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const missing = Object.entries(REQUIREMENT_SETS).filter(([set, v]) => !host.isSetSupported(set, v));
  lines.push(missing.length === 0
    ? line("Requirement sets", "pass", `${Object.entries(REQUIREMENT_SETS).map(([s, v]) => `${s} ${v}`).join(", ")} supported (ExcelApi 1.12: ${host.isSetSupported("ExcelApi", "1.12")}, 1.16: ${host.isSetSupported("ExcelApi", "1.16")})`)
    : line("Requirement sets", "fail", `missing ${missing.map(([s, v]) => `${s} ${v}`).join(", ")}: Office should not have loaded the add-in`));
  lines.push(line("Document lock", "info", "Office.js has no document lock: two panes building at once each write their own temporary sheet, and the last swap wins"));
  lines.push(line(WEBVIEW_CHECK, "info", `${webviewOf(host.userAgent)}; user agent ${JSON.stringify(host.userAgent)}`));
  const name = `${SELF_TEST_SHEET} ${Math.random().toString(36).slice(2, 6)}`;
  await host.run(async (ctx) => {
    const wb = ctx.workbook;
    try {
      // 1. The portfolio writer's own steps: text as text, the table, the chart, the page layout; the
      // workbook's date system asked in the first sync, as a build asks it (the probe plan holds no date).
      const dateSystem = queueDateSystemProbe(wb);
      const { steps, sheet } = sheetSteps(wb, name, `KAMSelfTest_${name.slice(-4)}`, probePlan(name), { budget: DEFAULT_BUDGET, date1904: false });
      for (const batch of packSteps(steps, DEFAULT_BUDGET)) {
        for (const s of batch) s.run();
        await ctx.sync();
      }
      const ws = sheet();
      // An answer naming neither system is reported by the date-system line below; the other checks count from 1900.
      const date1904 = systemOf(probeAnswer(dateSystem)) === "1904";
      // 2. Formulas the add-in does not write itself: an error cell under a custom function, dates
      // (serials of the workbook's date system, as a build writes them).
      const c = dateCase();
      const serial = (d: [number, number, number]) => dayToSerial(dayFromParts(...d), date1904); // bounded: a [year, month, day] tuple
      ws.getRange("K1:K3").formulas = [[AROUND_ERROR[0]], ["=NA()"], [AROUND_ERROR[1]]];
      ws.getRange("L1").formulas = [["=KAM.LEVEL(K1:K3)"]];
      ws.getRange("N1:P2").values = [["Client", "Revenue", "Last review"], [c.client[0], c.client[1], serial(c.client[2])]];
      ws.getRange("R1").values = [[serial(c.today)]];
      ws.getRange("T1:V1").formulas = [["=TODAY()", null, "=DATE(1904,1,1)"]];
      ws.getRange("A20").formulas = [["=KAM.PORTFOLIO(N1:P2, R1)"]];
      // The same client two days before its review, today as text: only a serial read in another
      // date system (not a zone's day) flags it.
      const system = dateCase(c.client[2], 2);
      ws.getRange("N4:P5").values = [["Client", "Revenue", "Last review"], [system.client[0], system.client[1], serial(system.client[2])]];
      ws.getRange("A24").formulas = [[`=KAM.PORTFOLIO(N4:P5, "${dayToIso(dayFromParts(...system.today))}")`]]; // bounded: a [year, month, day] tuple
      await ctx.sync();
      const read = async (address: string) => {
        const r = ws.getRange(address);
        r.load("values,formulas");
        await ctx.sync();
        return r;
      };
      const tables = () => read(`A20:${cellRef(25, MATRIX_HEADERS.length + 4)}`);
      let errors = await read("L1:L3");
      let table = await tables();
      const computing = () => [errors.values, table.values.slice(0, 2), table.values.slice(4)].some((g) => g.some((r) => r.some((v) => v === BUSY)) || g[0]?.[0] === "");
      for (let i = 0; i < WAITS && computing(); i++) {
        await host.wait(500);
        errors = await read("L1:L3");
        table = await tables();
      }
      const text = await read(`A2:A${TEXT_CASES.length + 1}`);
      lines.push(textCheck(text.values.map((r) => r[0]), text.formulas.map((r) => String(r[0] ?? "")).map((f, i) => (f === text.values[i]?.[0] ? "" : f)), "the text number format (@) before the values"));
      lines.push(errorInputCheck(errors.values.map((r) => r[0])));
      lines.push(dateCheck(c, table.values.slice(0, 2), "the workbook's"));
      const dateCells = await read("T1:V1");
      lines.push(dateSystemCheck(dateSystem, dateCells.values[0]?.[2]));
      lines.push(functionDatesCheck(system, table.values.slice(4), date1904));
      const mine = dayToSerial(dayFromDate(host.now()), date1904);
      const excel = dateCells.values[0]?.[0];
      lines.push(excel === mine
        ? line("Today in Excel and in the pane", "pass", `both ${mine}: a build's "today" is Excel's`)
        : line("Today in Excel and in the pane", "fail", `TODAY() gave ${JSON.stringify(excel)}, the pane's clock ${mine} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`));
      lines.push(await chartAndPage(ctx, ws));
      lines.push(await settingsRoundTrip(ctx));
      lines.push(await nameFollowsSheet(ctx, ws, name));
    } catch (e) {
      lines.push(failed("Self-test", e));
    } finally {
      const t = wb.worksheets.getItemOrNullObject(name);
      t.load("name");
      await ctx.sync();
      if (!t.isNullObject) {
        t.delete();
        await ctx.sync();
      }
    }
  });
  return lines;
}

async function chartAndPage(ctx: Excel.RequestContext, ws: Excel.Worksheet): Promise<CheckLine> {
  ws.charts.load("count");
  ws.pageLayout.load("orientation");
  await ctx.sync();
  // Two charts: the quadrant's scatter and the profit curve's line.
  const ok = ws.charts.count === 2 && ws.pageLayout.orientation === "Landscape";
  return line("Chart and page layout", ok ? "pass" : "fail", `${ws.charts.count} chart(s), orientation ${ws.pageLayout.orientation}`);
}

/** A property of 255 characters comes back whole (the settings' pieces are that long at most). */
async function settingsRoundTrip(ctx: Excel.RequestContext): Promise<CheckLine> {
  const custom = ctx.workbook.properties.custom;
  const piece = SETTINGS_PROBE.slice(0, 255);
  custom.add(PROBE, piece);
  custom.add(`${PROBE}.long`, SETTINGS_PROBE);
  await ctx.sync();
  const back = custom.getItem(PROBE);
  const long = custom.getItem(`${PROBE}.long`);
  back.load("value");
  long.load("value");
  await ctx.sync();
  const result = settingsCheck(piece, back.value);
  const longLength = String(long.value).length;
  back.delete();
  long.delete();
  await ctx.sync();
  return { ...result, detail: `${result.detail}; a ${SETTINGS_PROBE.length}-character value came back with ${longLength} (the add-in splits its settings at 255)` };
}

/** The add-in finds its sheets by workbook names: a name must follow its sheet when it is renamed. */
async function nameFollowsSheet(ctx: Excel.RequestContext, ws: Excel.Worksheet, name: string): Promise<CheckLine> {
  const check = "A workbook name follows its sheet (how the add-in finds its sheets)";
  const probe = `KAM_SelfTest_${name.slice(-4)}`;
  ctx.workbook.names.add(probe, ws.getRange("A1"));
  ws.name = `${name} renamed`;
  await ctx.sync();
  const n = ctx.workbook.names.getItem(probe);
  n.load("formula");
  await ctx.sync();
  const formula = n.formula;
  n.delete();
  ws.name = name;
  await ctx.sync();
  return formula.includes("renamed") ? line(check, "pass", `the name now reads ${formula}`) : failed(check, new Error(`the name reads ${formula}`));
}

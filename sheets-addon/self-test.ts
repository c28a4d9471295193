/**
 * KAM Portfolio ▸ Run self-test: on a temporary sheet, each behaviour of Google Sheets that the
 * offline tests could only assume from the documentation (docs/testing.md), done through the
 * add-on's own code paths; core/self-test.ts judges what came back. The sheet is deleted at the
 * end and nothing else of the document changes (a document property written for the settings
 * check is removed again).
 */
import { MATRIX_MARKER, type ChartSpec, type LineChartSpec } from "../core/plan";
import type { MatrixPlan } from "../core/matrix";
import { AROUND_ERROR, dateCase, dateCheck, errorInputCheck, failed, line, SELF_TEST_SHEET, SETTINGS_PROBE, settingsCheck, textCheck, TEXT_CASES, type CheckLine } from "../core/self-test";
import { insertChart, insertLineChart } from "./chart";
import type { Services, Sheet } from "./gas";
import { asText, growColumns, sheetValue } from "./grid";
import { renderMatrix } from "./render";
import { SAMPLE_FILE, sampleRows } from "./sample";

/** How long the checks wait for Sheets to compute the custom functions (seconds, one read each). */
const WAIT_SECONDS = 20;
const LOADING = "Loading...";
const PROBE_KEY = "kam-portfolio:self-test";
const PROBE_MARKER = "kam-portfolio:self-test";

/** Where each check writes on the temporary sheet (1-based rows and columns). */
const AT = {
  text: { row: 1, col: 1 },
  errorInput: { col: 11 }, // K1:K3, the formula in L1
  dates: { table: "N1:P2", today: "R1", formula: { row: 10, col: 1 } },
  spill: { values: 22, matrix: 25, note: 14 }, // V2:V4, the matrix column Y, a note on Y14
  chart: { col: 19 },
  todayArgument: { row: 20, col: 1 },
};

function spillPlan(): MatrixPlan {
  return {
    marker: MATRIX_MARKER, headerRow: 1, firstDataRow: 2, lastDataRow: 4, column: AT.spill.matrix, headers: ["KAM level"],
    cells: [[{ formula: "=KAM_LEVEL(V2:V)" }], [null], [null]], spill: true, formats: [null], previous: null,
  };
}

const CHART: ChartSpec = {
  title: "KAM self-test", xTitle: "x", yTitle: "y", min: 0, max: 100, threshold: 50,
  anchor: { row: 5, col: 1, width: 200, height: 150 },
  series: [{ name: "A clients", x: { row: 6, col: AT.chart.col, rows: 2, cols: 1 }, y: { row: 6, col: AT.chart.col + 1, rows: 2, cols: 1 }, color: "#2E7D32", kind: "points" }],
};

export function runSelfTest(gas: Services): CheckLine[] {
  const app = gas.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const zone = ss.getSpreadsheetTimeZone();
  const lines: CheckLine[] = [];
  const lock = gas.LockService.getDocumentLock();
  const locked = lock !== null && lock.tryLock(1000);
  lines.push(lock === null
    ? line("Document lock", "fail", "LockService.getDocumentLock() gave null: builds run without a lock here")
    : locked ? line("Document lock", "pass", "getDocumentLock() then tryLock(1000) acquired the lock") : line("Document lock", "fail", "another execution holds the lock (is a build running?)"));
  let name = SELF_TEST_SHEET;
  for (let i = 2; ss.getSheetByName(name); i++) name = `${SELF_TEST_SHEET} (${i})`;
  const sheet = ss.insertSheet(name, ss.getSheets().length);
  try {
    growColumns(sheet, LAST_COLUMN);
    const write = (row: number, col: number, values: unknown[][]) => sheet.getRange(row, col, values.length, values[0]?.length ?? 1).setValues(values);
    // 1. Text through the add-on's text path (grid.ts).
    write(AT.text.row, AT.text.col, [TEXT_CASES.map(sheetValue)]);
    // 2. A custom function over a column holding an error.
    write(1, AT.errorInput.col, [[AROUND_ERROR[0]], ["=NA()"], [AROUND_ERROR[1]]]);
    write(1, AT.errorInput.col + 1, [["=KAM_LEVEL(K1:K3)"]]);
    // 3. Dates: a date cell and a today cell read by KAM_PORTFOLIO.
    const c = dateCase();
    write(1, 14, [["Client", "Revenue", "Last review"].map(asText), [asText(c.client[0]), c.client[1], `=DATE(${c.client[2].join(",")})`]]);
    sheet.getRange(AT.dates.today).setValues([[`=DATE(${c.today.join(",")})`]]);
    write(AT.dates.formula.row, AT.dates.formula.col, [[`=KAM_PORTFOLIO(${AT.dates.table}, ${AT.dates.today})`]]);
    // 4. The matrix's own path: an open-ended formula into a column the user formatted as plain text, a note below.
    write(2, AT.spill.values, [["H"], ["M"], ["L"]]);
    sheet.getRange(2, AT.spill.matrix, 3, 1).setNumberFormat("@");
    write(AT.spill.note, AT.spill.matrix, [[asText("a note below the table")]]);
    renderMatrix(gas, sheet, spillPlan());
    // 5. TODAY() as an argument (Google: volatile functions are not allowed as arguments).
    write(AT.todayArgument.row, AT.todayArgument.col, [[`=KAM_PORTFOLIO(${AT.dates.table}, TODAY())`]]);
    app.flush();

    const read = (a1: string) => sheet.getRange(a1).getValues();
    const pending = () => [read("L1:L3"), read("A10:A11"), read("Y2:Y4")].some((g) => g.some((r) => r[0] === LOADING || r[0] === ""));
    for (let i = 0; i < WAIT_SECONDS && pending(); i++) gas.Utilities.sleep(1000);

    const text = sheet.getRange(AT.text.row, AT.text.col, 1, TEXT_CASES.length);
    lines.push(textCheck(text.getValues()[0] ?? [], text.getFormulas()[0] ?? [], "an apostrophe (setValues)"));
    lines.push(guard("Formulas written into a plain-text column", () => {
      const f = sheet.getRange(2, AT.spill.matrix).getFormulas()[0]?.[0] ?? "";
      return f.startsWith("=KAM_LEVEL") ? line("Formulas written into a plain-text column", "pass", `stored as a formula: ${f}`) : line("Formulas written into a plain-text column", "fail", `stored as ${JSON.stringify(f)} with value ${JSON.stringify(read("Y2")[0]?.[0])}`);
    }));
    lines.push(guard("A custom function over a range holding an error", () => errorInputCheck(read("L1:L3").map((r) => r[0]))));
    lines.push(guard("Dates across time zones", () => dateCheck(c, read("A10:M11"), zone)));
    lines.push(guard("An open-ended range with a note below the table", () => {
      const got = read("Y2:Y4").map((r) => r[0]);
      return got.join(",") === "High,Medium,Low" ? line("An open-ended range with a note below the table", "pass", "=KAM_LEVEL(V2:V) spilled over the three rows, the note stayed") : line("An open-ended range with a note below the table", "fail", `got ${JSON.stringify(got)}`);
    }));
    const today = read("A20")[0]?.[0];
    lines.push(line("TODAY() as a custom-function argument", "info", today === LOADING ? `still "${LOADING}" after ${WAIT_SECONDS} s, as Google documents` : `computed (${JSON.stringify(today)}): Sheets accepted it here, although the guide forbids it`));
    lines.push(line("Time zones", "info", `spreadsheet ${zone} (today ${gas.Utilities.formatDate(new Date(), zone, "yyyy-MM-dd")}); custom functions receive dates in the script's zone (appsscript.json)`));
    lines.push(guard("Chart", () => chartCheck(gas, sheet)));
    lines.push(guard(LINE_CHECK, () => lineChartCheck(gas, sheet)));
    lines.push(line("Page layout", "info", "SpreadsheetApp has no print setup: the portfolio's landscape / fit-to-width is not set in Sheets"));
    lines.push(guard("Settings round trip", () => {
      const props = gas.PropertiesService.getDocumentProperties();
      if (!props) return line("Settings round trip", "fail", "document properties are not available");
      props.setProperties({ [PROBE_KEY]: SETTINGS_PROBE });
      const back = props.getProperties()[PROBE_KEY];
      props.deleteProperty(PROBE_KEY);
      return settingsCheck(SETTINGS_PROBE, back);
    }));
    lines.push(guard("Developer metadata on one whole column", () => metadataCheck(gas, sheet)));
    lines.push(guard("The sample clients read from Sample.html", () => sampleCheck(gas)));
  } catch (e) {
    lines.push(failed("Self-test", e));
  } finally {
    try {
      ss.deleteSheet(sheet);
    } finally {
      if (locked && lock) {
        app.flush();
        lock.releaseLock();
      }
    }
  }
  return lines;
}

function guard(check: string, f: () => CheckLine): CheckLine {
  try {
    return f();
  } catch (e) {
    return failed(check, e);
  }
}

/** "Add sample sheet" reads its rows from Sample.html with getContent: the text must come back as the build wrote it. */
function sampleCheck(gas: Services): CheckLine {
  const check = "The sample clients read from Sample.html";
  const rows = sampleRows(gas.HtmlService.createHtmlOutputFromFile(SAMPLE_FILE).getContent());
  const width = rows[0]?.length ?? 0;
  return rows.length > 1 && rows[0]?.[0] === "Client" && rows.every((r) => r.length === width)
    ? line(check, "pass", `${rows.length} rows of ${width} cells, headed “Client”, as the build writes them`)
    : line(check, "fail", `read ${rows.length} rows; the first: ${JSON.stringify(rows[0]?.slice(0, 3))}`);
}

const LINE_CHECK = "Line chart (the profit curve)";
/** The profit curve's chart over two free columns (W:X), its headers in row 1. */
const LINE: LineChartSpec = {
  title: "KAM self-test curve", xTitle: "x", yTitle: "y", name: "y", color: "#1565C0", format: "0%",
  x: { row: 2, col: 23, rows: 2, cols: 1 }, y: { row: 2, col: 24, rows: 2, cols: 1 },
  anchor: { row: 12, col: 1, width: 200, height: 150 },
};
/** The last column the checks write in (the matrix column Y), made sure of on the new sheet. */
const LAST_COLUMN = Math.max(AT.spill.matrix, AT.chart.col + 1, LINE.y.col);

function lineChartCheck(gas: Services, sheet: Sheet): CheckLine {
  sheet.getRange(1, LINE.x.col, 3, 2).setValues([["x", "y"].map(asText), [0.5, 0.8], [1, 1]]);
  insertLineChart(gas.Charts, sheet, LINE);
  // ChartOptions.get documents an option's name, not a path into one ("vAxis.format"): the title is read back, as for the scatter chart.
  const charts = sheet.getCharts();
  return charts.some((c) => c.getOptions().get("title") === LINE.title)
    ? line(LINE_CHECK, "pass", "a line chart was inserted and kept its title")
    : line(LINE_CHECK, "fail", `no chart titled ${JSON.stringify(LINE.title)} among ${charts.length}`);
}

function chartCheck(gas: Services, sheet: Sheet): CheckLine {
  sheet.getRange(5, AT.chart.col, 3, 2).setValues([["x", "A clients"].map(asText), [20, 30], [70, 80]]);
  insertChart(gas.Charts, sheet, CHART, { rows: [["x", "A clients"], [20, 30], [70, 80]], series: CHART.series }, AT.chart.col);
  const charts = sheet.getCharts();
  const title = charts[0]?.getOptions().get("title");
  return charts.length === 1 && title === CHART.title
    ? line("Chart", "pass", "a scatter chart was inserted and kept its options")
    : line("Chart", "fail", `${charts.length} chart(s), title option ${JSON.stringify(title)}`);
}

function metadataCheck(gas: Services, sheet: Sheet): CheckLine {
  const check = "Developer metadata on one whole column";
  const visibility = gas.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  sheet.getRange("B:B").addDeveloperMetadata(PROBE_MARKER, "1", visibility);
  let refused = false;
  try {
    sheet.getRange("B:C").addDeveloperMetadata(PROBE_MARKER, "2", visibility);
  } catch {
    refused = true;
  }
  sheet.insertColumnsBefore(1, 1);
  const found = sheet.createDeveloperMetadataFinder().withKey(PROBE_MARKER).find();
  const col = found[0]?.getLocation().getColumn()?.getColumn();
  if (found.length === 1 && col === 3 && refused) return line(check, "pass", "one column accepted, two refused, the marker followed an inserted column");
  return line(check, "fail", `two-column metadata ${refused ? "refused" : "accepted"}; ${found.length} marker(s) found, on column ${String(col)} (expected 3)`);
}

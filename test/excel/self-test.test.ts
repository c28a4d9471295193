// The pane's Self-test (excel-addin/self-test.ts) on the fake Excel with its custom-function host:
// every check passes where the fake behaves as Microsoft documents, the temporary sheet and the
// probe properties are gone afterwards; a host that misbehaves shows a failing line.
import { describe, expect, it } from "vitest";
import { dateCase, flagsReadOff, type CheckLine } from "../../core/self-test";
import { runSelfTest, WEBVIEW_CHECK, webviewOf, type SelfTestHost } from "../../excel-addin/self-test";
import { DATE_SYSTEM_CHECK, dateSystemCheck, FUNCTION_DATES_CHECK, functionDatesCheck } from "../../excel-addin/self-test-dates";
import { FakeContext, FakeWorkbookState } from "../fakes/excel";
import { ExcelFunctionsHost } from "../fakes/excel/custom-functions";
import { installEvaluator } from "../fakes/excel/evaluate";
import { declared, isSetSupported, type Supported } from "../fakes/excel/requirements";
import { ROOT } from "../helpers";
import { csvSheet } from "./sheets";
import { UA } from "./user-agents";

const NOW = new Date(2026, 10, 22, 12, 0, 0);

function setup(supported: Supported = declared(), date1904 = false) {
  const st = new FakeWorkbookState();
  st.date1904 = date1904;
  st.addSheet("Clients", csvSheet("examples/clients.csv", date1904));
  installEvaluator(st, new ExcelFunctionsHost(`${ROOT}dist/excel-addin/`, supported), () => NOW);
  let syncs = 0;
  const host: SelfTestHost = {
    run: async (batch) => {
      const ctx = new FakeContext(st, { supported });
      try {
        return await batch(ctx.asRequestContext());
      } finally {
        syncs += ctx.syncs.length;
      }
    },
    isSetSupported: (name, v) => isSetSupported(supported, name, v),
    now: () => NOW,
    wait: async () => undefined,
    userAgent: UA.webView2,
  };
  return { st, host, syncs: () => syncs };
}

const byCheck = (lines: CheckLine[]) => Object.fromEntries(lines.map((l) => [l.check, l.status]));
const ALL_PASS = {
  "Requirement sets": "pass",
  "Document lock": "info",
  [WEBVIEW_CHECK]: "info",
  "Text that looks like a formula stays text": "pass",
  "A custom function over a range holding an error": "pass",
  "Dates across time zones (a date cell read by a custom function)": "pass",
  [DATE_SYSTEM_CHECK]: "pass",
  [FUNCTION_DATES_CHECK]: "pass",
  "Today in Excel and in the pane": "pass",
  "Chart and page layout": "pass",
  "Settings round trip (saved in the document, read back)": "pass",
  "A workbook name follows its sheet (how the add-in finds its sheets)": "pass",
};

describe("Self-test (Excel pane)", () => {
  it("passes every check on a host that keeps the documented rules, and leaves the workbook as it was", async () => {
    const { st, host } = setup();
    const before = { sheets: st.sheets.map((s) => s.name), cells: JSON.stringify([...(st.sheet("Clients")?.cells ?? [])]), props: [...st.customProperties], names: [...st.names.keys()] };
    const lines = await runSelfTest(host);
    expect(byCheck(lines)).toEqual(ALL_PASS);
    expect(lines.find((l) => l.check === DATE_SYSTEM_CHECK)?.detail).toMatch(/^1900 date system/);
    expect(st.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(JSON.stringify([...(st.sheet("Clients")?.cells ?? [])])).toBe(before.cells);
    expect([...st.customProperties]).toEqual(before.props);
    expect([...st.names.keys()]).toEqual(before.names);
    // The long probe is trimmed to 255 characters as Office does outside the web: reported, not failed.
    expect(lines.find((l) => l.check.startsWith("Settings"))?.detail).toMatch(/came back with 255/);
  });

  it("in a 1904 workbook: the date system is reported, today and dates are its serials, and the functions' reading of them is reported as docs/excel.md says", async () => {
    const { st, host } = setup(declared(), true);
    const lines = await runSelfTest(host);
    expect(byCheck(lines)).toEqual({ ...ALL_PASS, [FUNCTION_DATES_CHECK]: "info" });
    expect(lines.find((l) => l.check === DATE_SYSTEM_CHECK)?.detail).toMatch(/^1904 date system/);
    expect(lines.find((l) => l.check === FUNCTION_DATES_CHECK)?.detail).toMatch(/1,462 days .* early, as docs\/excel.md says/);
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });

  it("the date checks fail on what the add-in does not expect: the probe and a DATE cell disagreeing, a function reading a date some other way", () => {
    expect(dateSystemCheck({ value: 1462 }, 1462).status).toBe("pass");
    expect(dateSystemCheck({ value: 0 }, 0).status).toBe("pass");
    expect(dateSystemCheck({ value: 0 }, 1462).status).toBe("fail");
    expect(dateSystemCheck({ value: 1461 }, 1461)).toMatchObject({ status: "fail", detail: expect.stringMatching(/gave 1461/) });
    expect(dateSystemCheck({ value: 0, error: "#NUM!" }, 0)).toMatchObject({ status: "fail", detail: expect.stringMatching(/gave "#NUM!"/) });
    const c = dateCase([2024, 3, 5], 2);
    const table = (flags: string) => [["Rank", "Client"], [1, c.client[0], "", "", "", "", "", "", "", "", "", flags]];
    expect(functionDatesCheck(c, table(c.flags), false).status).toBe("pass");
    expect(functionDatesCheck(c, table(c.flags), true).status).toBe("pass");
    const early = flagsReadOff(c, -1462);
    expect(early).not.toBe(c.flags);
    expect(functionDatesCheck(c, table(early), true).status).toBe("info");
    // In a 1900 workbook nothing should read a date 1,462 days early; nor any other shift in a 1904 one.
    expect(functionDatesCheck(c, table(early), false).status).toBe("fail");
    expect(flagsReadOff(c, -1)).toBe(c.flags); // a zone's day is not this check's (Dates across time zones)
    expect(functionDatesCheck(c, table("shed"), true).status).toBe("fail");
    expect(functionDatesCheck(c, [["#BUSY!"]], true).status).toBe("fail");
  });

  it("reports the webview from the user agent: WebView2, a Mac's WKWebView, the browsers of Excel on the web", async () => {
    const { host } = setup();
    const lines = await runSelfTest(host);
    expect(lines.find((l) => l.check === WEBVIEW_CHECK)?.detail).toBe(`Microsoft Edge 120 on Chromium (WebView2 in Excel for Windows, or the Edge browser); user agent ${JSON.stringify(UA.webView2)}`);
    expect(webviewOf(UA.wkWebView)).toBe("WebKit 605.1.15 (Safari's WKWebView in Excel for Mac)");
    expect(webviewOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15")).toBe("Safari 17.2");
    expect(webviewOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe("Chromium 131");
    expect(webviewOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe("Firefox 133");
    expect(webviewOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")).toBe("Chromium 131");
    expect(webviewOf("")).toBe("not recognised");
  });

  it("a host below the declared sets shows failing lines, and the temporary sheet is still removed", async () => {
    const { st, host } = setup({ ...declared(), ExcelApi: "1.8" });
    const lines = await runSelfTest(host);
    expect(lines.find((l) => l.check === "Requirement sets")).toMatchObject({ status: "fail", detail: expect.stringContaining("missing ExcelApi 1.9") });
    expect(lines.find((l) => l.check === "Self-test")).toMatchObject({ status: "fail", detail: expect.stringMatching(/ApiNotFound/) });
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });
});

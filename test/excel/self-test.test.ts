// The pane's Self-test (excel-addin/self-test.ts) on the fake Excel with its custom-function host:
// every check passes where the fake behaves as Microsoft documents, the temporary sheet and the
// probe properties are gone afterwards; a host that misbehaves shows a failing line.
import { describe, expect, it } from "vitest";
import type { CheckLine } from "../../core/self-test";
import { runSelfTest, type SelfTestHost } from "../../excel-addin/self-test";
import { FakeContext, FakeWorkbookState } from "../fakes/excel";
import { ExcelFunctionsHost } from "../fakes/excel/custom-functions";
import { installEvaluator } from "../fakes/excel/evaluate";
import { declared, isSetSupported, type Supported } from "../fakes/excel/requirements";
import { ROOT } from "../helpers";
import { csvSheet } from "./sheets";

const NOW = new Date(2026, 10, 22, 12, 0, 0);

function setup(supported: Supported = declared()) {
  const st = new FakeWorkbookState();
  st.addSheet("Clients", csvSheet("examples/clients.csv"));
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
  };
  return { st, host, syncs: () => syncs };
}

const byCheck = (lines: CheckLine[]) => Object.fromEntries(lines.map((l) => [l.check, l.status]));

describe("Self-test (Excel pane)", () => {
  it("passes every check on a host that keeps the documented rules, and leaves the workbook as it was", async () => {
    const { st, host } = setup();
    const before = { sheets: st.sheets.map((s) => s.name), cells: JSON.stringify([...(st.sheet("Clients")?.cells ?? [])]), props: [...st.customProperties], names: [...st.names.keys()] };
    const lines = await runSelfTest(host);
    expect(byCheck(lines)).toEqual({
      "Requirement sets": "pass",
      "Document lock": "info",
      "Text that looks like a formula stays text": "pass",
      "A custom function over a range holding an error": "pass",
      "Dates across time zones (a date cell read by a custom function)": "pass",
      "Today in Excel and in the pane": "pass",
      "Chart and page layout": "pass",
      "Settings round trip (saved in the document, read back)": "pass",
      "A workbook name follows its sheet (how the add-in finds its sheets)": "pass",
    });
    expect(st.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(JSON.stringify([...(st.sheet("Clients")?.cells ?? [])])).toBe(before.cells);
    expect([...st.customProperties]).toEqual(before.props);
    expect([...st.names.keys()]).toEqual(before.names);
    // The long probe is trimmed to 255 characters as Office does outside the web: reported, not failed.
    expect(lines.find((l) => l.check.startsWith("Settings"))?.detail).toMatch(/came back with 255/);
  });

  it("a host below the declared sets shows failing lines, and the temporary sheet is still removed", async () => {
    const { st, host } = setup({ ...declared(), ExcelApi: "1.8" });
    const lines = await runSelfTest(host);
    expect(lines.find((l) => l.check === "Requirement sets")).toMatchObject({ status: "fail", detail: expect.stringContaining("missing ExcelApi 1.9") });
    expect(lines.find((l) => l.check === "Self-test")).toMatchObject({ status: "fail", detail: expect.stringMatching(/ApiNotFound/) });
    expect(st.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });
});

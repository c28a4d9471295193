// KAM Portfolio ▸ Run self-test on the fake Sheets with its custom-function host: every check
// passes where the fake behaves as the documentation says, the temporary sheet is gone afterwards
// and nothing else of the document changed; a host that misbehaves shows a failing line.
import { describe, expect, it } from "vitest";
import type { CheckLine } from "../../core/self-test";
import { call } from "./apps-script";
import { csvSheet } from "./data";
import { sheetsHost } from "./host";

const byCheck = (lines: CheckLine[]) => Object.fromEntries(lines.map((l) => [l.check, l.status]));

describe("Run self-test (Sheets)", () => {
  it("runs every check on a temporary sheet, passes on a host that keeps the documented rules, and leaves the document as it was", () => {
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    g.properties.store.set("kam-portfolio:settings", '{"gradeAMin":70}');
    const before = { sheets: g.ss.sheets.map((s) => s.name), data: g.ss.active.snapshot(), props: [...g.properties.store], metadata: g.ss.metadata.length };
    const lines = call(addon, "runSelfTest") as CheckLine[];
    expect(byCheck(lines)).toEqual({
      "Document lock": "pass",
      "Text that looks like a formula stays text": "pass",
      "Formulas written into a plain-text column": "pass",
      "A custom function over a range holding an error": "fail",
      "Dates across time zones (a date cell read by a custom function)": "pass",
      "An open-ended range with a note below the table": "pass",
      "TODAY() as a custom-function argument": "info",
      "Time zones": "info",
      Chart: "pass",
      "Line chart (the profit curve)": "pass",
      "Page layout": "info",
      "Settings round trip (saved in the document, read back)": "pass",
      "Developer metadata on one whole column": "pass",
      "The sample clients read from Sample.html": "pass",
    });
    expect(lines.find((l) => l.check.startsWith("The sample clients"))?.detail).toBe("44 rows of 13 cells, headed “Client”, as the build writes them");
    // The fake assumes the worst where Google is silent: an error cell spoils the whole result.
    expect(lines.find((l) => l.check.startsWith("A custom function"))?.detail).toMatch(/#N\/A/);
    expect(lines.find((l) => l.check.startsWith("TODAY()"))?.detail).toMatch(/Loading\.\.\./);
    expect(g.ss.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(g.ss.active.snapshot()).toBe(before.data);
    expect([...g.properties.store]).toEqual(before.props);
    expect(g.ss.metadata).toHaveLength(before.metadata);
    expect(g.lock.held).toBe(false);
    const dialog = g.ui.dialogs.at(-1);
    expect(dialog?.title).toBe("KAM Portfolio — Self-test");
    expect(dialog?.html.getContent()).toContain("FAIL  A custom function over a range holding an error");
    expect(dialog?.html.getContent()).toContain("copy these lines");
  });

  it("on a new sheet with fewer columns than the checks use, it adds them first: every line as on the usual sheet (a new sheet's size is not assumed)", () => {
    const usual = byCheck(call(sheetsHost(csvSheet("examples/clients.csv")).addon, "runSelfTest") as CheckLine[]);
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    const insert = g.ss.insertSheet.bind(g.ss);
    g.ss.insertSheet = (name: string, index: number) => {
      const sheet = insert(name, index) as typeof g.ss.active;
      sheet.maxCols = 10;
      return sheet;
    };
    expect(byCheck(call(addon, "runSelfTest") as CheckLine[])).toEqual(usual);
    expect(usual["Line chart (the profit curve)"]).toBe("pass");
  });

  it("a Sample.html that does not come back as written fails its line (a host that wrapped or escaped it)", () => {
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    g.files.set("Sample", `<html><body>${g.files.get("Sample")}</body></html>`);
    const lines = call(addon, "runSelfTest") as CheckLine[];
    expect(lines.find((l) => l.check.startsWith("The sample clients"))).toMatchObject({ status: "fail", detail: expect.stringMatching(/^read 44 rows; the first: \["<html><body>Client"/) });
  });

  it("a host that cannot draw the profit curve's line chart fails that line only, and the document is left as it was", () => {
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    delete (g.Charts.ChartType as { LINE?: unknown }).LINE;
    const lines = call(addon, "runSelfTest") as CheckLine[];
    expect(lines.find((l) => l.check === "Line chart (the profit curve)")).toMatchObject({ status: "fail", detail: expect.stringMatching(/^could not run: .*not a Charts\.ChartType/) });
    expect(lines.find((l) => l.check === "Chart")?.status).toBe("pass");
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });

  it("a check the host fails shows as a failing line: the lock held by another execution", () => {
    const { g, addon } = sheetsHost(csvSheet("examples/clients.csv"));
    g.lock.heldElsewhere = true;
    const lines = call(addon, "runSelfTest") as CheckLine[];
    expect(lines.find((l) => l.check === "Document lock")).toMatchObject({ status: "fail", detail: expect.stringMatching(/another execution holds the lock/) });
    expect(g.ss.sheets.map((s) => s.name)).toEqual(["Clients"]);
  });
});

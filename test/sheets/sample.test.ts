// sheets-addon/sample.ts: the sample clients travel in Sample.html as lines of `|`-separated
// cells; what the build writes must read back cell for cell.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { sampleRows, sampleText } from "../../sheets-addon/sample";
import { ROOT } from "../helpers";

describe("the sample clients' file", () => {
  it("reads back examples/clients.csv cell for cell, blank cells and a formula-like name included", () => {
    const rows = Papa.parse<string[]>(readFileSync(`${ROOT}examples/clients.csv`, "utf8").trim(), { skipEmptyLines: true }).data;
    const text = sampleText(rows);
    expect(sampleRows(text)).toEqual(rows);
    expect(rows.flat()).toContain("");
    expect(rows.flat().some((c) => c.startsWith("=HYPERLINK("))).toBe(true);
  });

  it("ignores line breaks an editor adds at the end, and reads Windows line ends", () => {
    expect(sampleRows("Client|Revenue\nAcme|100\n")).toEqual([["Client", "Revenue"], ["Acme", "100"]]);
    expect(sampleRows("Client|Revenue\r\nAcme|100\r\n\r\n")).toEqual([["Client", "Revenue"], ["Acme", "100"]]);
  });

  it("refuses a cell that holds the separator or a line break (the build fails rather than shift cells)", () => {
    expect(() => sampleText([["Client"], ["A|B"]])).toThrow(/"A\|B" holds \|/);
    expect(() => sampleText([["Client"], ["two\nlines"]])).toThrow(/line break/);
  });
});

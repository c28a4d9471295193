// Words are data (SPEC §2a): no cell text crashes any output. fast-check over sheets whose cells
// (headers too) hold words that are code elsewhere (`constructor`, `__proto__`), control
// characters, formula-looking text (`=cmd|' /C calc'!A0`), 10,000-character strings and lone
// surrogates, through the three outputs of the command:
// - the JSON of SPEC §10: it parses back to the same names and reasons;
// - the text table: a string with no raw control character (each shown escaped);
// - the build: the written .xlsx opens with our reader, and its text cells hold exactly the input
//   text (the data sheet field for field; the portfolio's client names as graded, trimmed).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FilePort } from "../../cli/port";
import { openSource, type Source } from "../../cli/read";
import { renderTable } from "../../cli/text-table";
import { writeWorkbook } from "../../cli/write";
import { EmptySheetError, gradePortfolio, MissingColumnsError, type Portfolio } from "../../core/portfolio";
import { toJson } from "../../core/report";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { EXCEL_DIALECT } from "../../core/matrix";
import { buildMatrixAndPortfolio } from "../../core/use-cases/build-both";
import { dayFromParts, type CellValue } from "../../core/values";

const dir = mkdtempSync(join(tmpdir(), "kam-any-text-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const today = dayFromParts(2026, 6, 30);

const SPECIAL = [
  "constructor", "__proto__", "toString", "hasOwnProperty", "prototype", "valueOf",
  "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@risk", "\tTabbed", "\rCR", "a\r\nb", "bell\u0007", "nul\u0000x", "esc\u001b[31mred",
  "\u202eevil", "\u0085next", "\ufffe\uffff", "_x0041_", "_x005F_x0041_", "\ud800", "a\udc00b", "\udbff\udbff", "😀", "Total", "Refunded", "Closed Won",
  "#N/A", "(500)", "1.234,56", "  spaced  ", "",
];
const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.tuple(fc.constantFrom(...SPECIAL), fc.string({ unit: "binary", maxLength: 3 })).map(([a, b]) => a + b),
  fc.constantFrom("x", "constructor ", "\ud800").map((s) => s.repeat(Math.ceil(10_000 / s.length)).slice(0, 10_000)),
);
const HEADERS = ["Client", "Revenue", "Strategic", "Pain", "Industry", "Status", "Relationship"];
/** A CSV-like sheet: every cell a string (as a CSV gives), revenues mostly numbers so clients get graded. */
const sheet = fc.record({
  extraHeader: text,
  rows: fc.array(
    fc.tuple(text, fc.oneof(fc.integer({ min: -1000, max: 100_000 }).map(String), text), text, text, text, text, text, text),
    { minLength: 1, maxLength: 12 },
  ),
}).map(({ extraHeader, rows }) => [[...HEADERS, extraHeader], ...rows.map((r) => [...r])] as string[][]);

function grade(rows: CellValue[][]): Portfolio | null {
  try {
    return gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today });
  } catch (e) {
    // The two documented refusals: no data rows, or (an extra header taking a column) none to grade.
    if (e instanceof EmptySheetError || e instanceof MissingColumnsError) return null;
    throw e;
  }
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("no cell text can crash any output", () => {
  it("JSON (SPEC §10) and the text table", () => {
    fc.assert(
      fc.property(sheet, (rows) => {
        const p = grade(rows);
        if (p === null) return;
        const json = JSON.parse(JSON.stringify(toJson(p))) as ReturnType<typeof toJson>;
        expect(json.clients.map((c) => c.name)).toEqual(p.clients.map((c) => c.name));
        expect(json.needsData).toEqual(p.needsData.map((n) => ({ ...n })));
        expect(json.skipped).toEqual(p.skipped.map((n) => ({ ...n })));
        for (const c of json.clients) expect(["A", "B", "C"]).toContain(c.grade);
        const table = renderTable(p);
        expect(typeof table).toBe("string");
        for (const line of table.split("\n")) expect(line).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 200 },
    );
  });

  it("build: the .xlsx written opens with our reader and holds exactly the input text", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(sheet, async (rows) => {
        const p = grade(rows);
        if (p === null) return;
        const file = join(dir, `in-${n}.csv`);
        const source: Source = {
          file, sheetName: "Clients", rows, xlsx: null, isOwnSheet: false, matrix: null, history: [], historyRows: 0, settings: null, notes: [], decimalComma: false,
        };
        const port = new FilePort(source);
        await buildMatrixAndPortfolio(port, { today, builtAt: "2026-06-30T12:00:00.000Z", dialect: EXCEL_DIALECT, valuesOnly: true });
        const out = join(dir, `out-${n++}.xlsx`);
        writeFileSync(out, await (await writeWorkbook(source, port)).generate());
        const back = await openSource(out, "Clients");
        // The data sheet: every field as it was (a field that prints back as the same number is that number).
        rows.forEach((row, r) => row.forEach((field, c) => {
          const got = back.rows[r]?.[c];
          expect(field === "" ? (got ?? "") : typeof got === "number" ? String(got) : got, `R${r + 1}C${c + 1}`).toBe(field);
        }));
        // The portfolio tab: the graded names, in rank order, exactly.
        const tab = await openSource(out, "KAM Portfolio");
        const header = tab.rows.findIndex((r) => r[0] === "Rank" && r[1] === "Client");
        expect(header).toBeGreaterThan(0);
        expect(tab.rows.slice(header + 1, header + 1 + p.clients.length).map((r) => r[1])).toEqual(p.clients.map((c) => c.name));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

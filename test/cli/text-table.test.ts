// cli/text-table.ts: the table `grade` prints explains itself, never cuts a revenue, never prints a
// control character from the data, and has no limit from the call stack.
import { describe, expect, it } from "vitest";
import { escapeControls, renderTable } from "../../cli/text-table";
import type { SnapshotRow } from "../../core/model/history";
import { gradePortfolio, type Portfolio } from "../../core/portfolio";
import { DEFAULT_SETTINGS, resolveSettings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";

const today = dayFromParts(2026, 1, 1);
const HEADERS = ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain", "Last Review"];
const grade = (rows: CellValue[][]): Portfolio => gradePortfolio({ rows: [HEADERS, ...rows], settings: DEFAULT_SETTINGS, today });
const full = (name: string, revenue: CellValue = 1000): CellValue[] => [name, revenue, "20%", "40%", "High", "Low", "2025-12-20"];
const lineOf = (table: string, name: string) => table.split("\n").find((l) => l.includes(name)) ?? "";
/** What a terminal would act on: C0/C1 controls and bidirectional overrides. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("the table explains itself", () => {
  it("a legend says what the ratings mean, Wallet Low = room to grow", () => {
    const table = renderTable(grade([full("Acme"), full("Bolt")]));
    expect(table).toContain("Wallet: your share of the client's spend (Low = room to grow)");
    expect(table).toContain("Unknown: not given, scored as Medium");
    expect(table).toMatch(/Pain: effort to serve \(High = hard\)/);
  });

  it.each<[string, CellValue[], string]>([
    ["no wallet share", ["Acme", 1000, "20%", "", "High", "Low", "2025-12-20"], "incomplete (no wallet share)"],
    ["no margin", ["Acme", 1000, "", "40%", "High", "Low", "2025-12-20"], "incomplete (no margin)"],
    ["neither", ["Acme", 1000, "lots", "", "High", "Low", "2025-12-20"], "incomplete (no wallet share, margin)"],
    ["an unknown strategic value", ["Acme", 1000, "20%", "40%", "Huge", "Low", "2025-12-20"], "incomplete (no strategic value)"],
    ["a strategic cell reading constructor", ["Acme", 1000, "20%", "40%", "constructor", "Low", "2025-12-20"], "incomplete (no strategic value)"],
    ["no pain", ["Acme", 1000, "20%", "40%", "High", "", "2025-12-20"], "incomplete (no pain)"],
    ["a pain cell reading __proto__", ["Acme", 1000, "20%", "40%", "High", "__proto__", "2025-12-20"], "incomplete (no pain)"],
    ["everything", ["Acme", 1000, "", "", "toString", "hasOwnProperty", "2025-12-20"], "incomplete (no wallet share, margin, strategic value, pain)"],
  ])("incomplete names the missing inputs: %s", (_what, row, flag) => {
    const line = lineOf(renderTable(grade([row, full("Bolt")])), "Acme");
    expect(line.endsWith(flag)).toBe(true);
  });

  it("the flags legend lists the flags shown, and only those", () => {
    const table = renderTable(grade([["Acme", 1000, "", "40%", "High", "Low", "2025-12-20"], full("Bolt")]));
    expect(table).toContain("Flags: incomplete = inputs missing, scored as Medium.");
    expect(renderTable(grade([full("Acme"), full("Bolt")]))).not.toContain("Flags:");
  });
});

describe("cells are shown whole and safe", () => {
  it.each<[number, string]>([
    [1_234_567_890_123, "1,234,567,890,123"],
    [999_999_999_999_999, "999,999,999,999,999"],
    [-98_765_432_109, "-98,765,432,109"],
    [12, "12"],
  ])("revenue %d is printed whole: %s", (revenue, text) => {
    const table = renderTable(grade([full("Acme", revenue), full("Bolt", 5)]));
    expect(lineOf(table, "Acme")).toContain(` ${text}  `);
    // and the columns still line up: the Rev rating starts under its header on every line
    const rev = (table.split("\n")[2] ?? "").indexOf(" Rev ") + 1;
    for (const name of ["Acme", "Bolt"]) expect(lineOf(table, name).slice(rev, rev + 4)).toMatch(/^(High|Medi|Low )$/);
  });

  it.each<[string, string]>([
    ["Acme\nInc", "Acme\\nInc"],
    ["Acme\r\nInc", "Acme\\r\\nInc"],
    ["Tab\there", "Tab\\there"],
    ["\u001b[31mRed\u001b[0m", "\\x1b[31mRed\\x1b[0m"],
    ["Bell\u0007", "Bell\\x07"],
    ["Evil\u202eexe.txt", "Evil\\u202eexe.txt"],
    ["C1\u0085next", "C1\\x85next"],
    ["Del\u007f", "Del\\x7f"],
  ])("control characters in %j are shown escaped", (name, shown) => {
    expect(escapeControls(name)).toBe(shown);
    const table = renderTable(grade([full(name), full("Bolt")]));
    expect(table).toContain(shown);
    for (const line of table.split("\n")) expect(line).not.toMatch(RAW_CONTROL);
  });

  it("names in Needs data are escaped too", () => {
    const table = renderTable(grade([["Bad\u001bName", "lots", "", "", "", "", ""], full("Bolt")]));
    expect(table).toContain("(Bad\\x1bName)");
    for (const line of table.split("\n")) expect(line).not.toMatch(RAW_CONTROL);
  });

  it("long names are cut to 28 characters with an ellipsis; short ones are not", () => {
    const long = "Incorporated Society of Very Long Names Ltd";
    const table = renderTable(grade([full(long), full("Bolt")]));
    expect(lineOf(table, "Incorporated")).toContain(`${long.slice(0, 27)}…  A`);
    expect(renderTable(grade([full("Exactly twenty-eight chars!!"), full("Bolt")]))).toContain("Exactly twenty-eight chars!!  ");
  });

  it("text that is not code: names reading __proto__ or constructor are plain clients", () => {
    const table = renderTable(grade([full("__proto__", 2000), full("constructor", 1000)]));
    expect(lineOf(table, "__proto__")).toMatch(/^ {3}1 {2}__proto__/);
    expect(lineOf(table, "constructor")).toMatch(/^ {3}2 {2}constructor/);
  });
});

describe("no limit from the call stack", () => {
  it("300,000 clients render (no spread of rows into Math.max)", () => {
    const p = grade([full("Acme"), full("Bolt")]);
    const base = p.clients[0] as Portfolio["clients"][number];
    const clients = Array.from({ length: 300_000 }, (_, i) => ({ ...base, rank: i + 1, name: `Client ${i + 1}`, revenue: 300_000 - i }));
    const table = renderTable({ ...p, clients });
    const lines = table.split("\n");
    expect(lines.filter((l) => /^\s*\d+ {2}Client \d+ /.test(l))).toHaveLength(300_000);
    expect(lineOf(table, "Client 300000")).toContain("Client 300000");
  });
});

describe("what moved, and the rows not graded", () => {
  const history: SnapshotRow[] = [
    { date: "2025-10-01T09:00:00Z", client: "Acme", grade: "C", score: 20, quadrant: "Rethink" },
    { date: "2025-10-01T09:00:00Z", client: "Bolt", grade: "A", score: 80, quadrant: "Key client" },
    { date: "2025-10-01T09:00:00Z", client: "Cobalt", grade: "B", score: 50, quadrant: "Rethink" },
  ];
  const rows = [full("Acme", 5000), ["Bolt", 100, "-5%", "90%", "Low", "High", "2025-12-20"], ["Cobalt", 3000, "12%", "60%", "Medium", "Medium", "2025-12-20"], full("Dyn", 1000), ["TOTAL", 9100], ["", 10]];
  const withHistory = gradePortfolio({ rows: [HEADERS, ...rows], settings: DEFAULT_SETTINGS, today, history });

  it("after a build: a Change column (▲ from C, ▼ from A, =, new) and its legend", () => {
    const table = renderTable(withHistory);
    const by = (name: string) => withHistory.clients.find((c) => c.name === name);
    expect([by("Acme")?.grade, by("Bolt")?.grade, by("Cobalt")?.grade]).toEqual(["A", "C", "B"]);
    expect(table.split("\n")[2]).toMatch(/^ {3}# {2}Client +Grade {2}Change {4}Last grades {4}Score/);
    expect(lineOf(table, "Acme")).toMatch(/ A {6}▲ from C /);
    expect(lineOf(table, "Bolt")).toMatch(/ C {6}▼ from A /);
    expect(lineOf(table, "Cobalt")).toMatch(/ B {6}= {8}/);
    expect(lineOf(table, "Dyn")).toMatch(/ new {6}/);
    // SPEC §7a: the grades of the builds the client was in, then this one's.
    expect(lineOf(table, "Acme")).toMatch(/▲ from C  C→A /);
    expect(lineOf(table, "Dyn")).toMatch(/ B {6}new {7}B {15}57\.5/);
    expect(table).toContain("Change: the grade against the last build (▲ up, ▼ down, = same, new: not in it). Last grades: up to the last four builds, oldest first.");
  });

  it("without a history there is no Change column", () => {
    const table = renderTable(grade(rows));
    expect(table).not.toMatch(/Change/);
  });

  it("the rows that need data and the rows skipped are listed apart, with their reasons", () => {
    const table = renderTable(withHistory);
    expect(table.split("\n")[0]).toMatch(/; 1 row needs data; 1 row skipped$/);
    expect(table).toContain("\nNeeds data:\n  row 7: no client name");
    expect(table).toContain("\nSkipped (not graded):\n  row 6 (TOTAL): total row");
  });
});

describe("the profit curve's sentence (SPEC §12)", () => {
  it("follows the revenue line when a profit or margin is known, and is absent otherwise", () => {
    const withMargin = renderTable(gradePortfolio({ rows: [["Client", "Revenue", "Margin", "Cost to serve"], ["Acme", 1000, "20%", 300], ["Bolt", 1000, "30%", 0]], settings: resolveSettings({}), today: dayFromParts(2026, 6, 30) }));
    expect(withMargin).toContain("Profit curve: the top 20% of clients earn 150% of profit; 1 client loses money, together −100.");
    const without = renderTable(gradePortfolio({ rows: [["Client", "Revenue"], ["Acme", 1000]], settings: resolveSettings({}), today: dayFromParts(2026, 6, 30) }));
    expect(without).not.toContain("Profit curve");
  });
});

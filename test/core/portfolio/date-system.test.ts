// A workbook in Excel's 1904 date system (PortfolioInput.date1904): its date serials are read in
// that system, so the same sheet grades the same in either system — order dates (SPEC §11's
// period), last reviews (review-due, next review) and override-until dates alike.
import { describe, expect, it } from "vitest";
import { gradePortfolio } from "../../../core/portfolio";
import { toJson } from "../../../core/report";
import { DEFAULT_SETTINGS } from "../../../core/settings";
import { dayFromParts, type CellValue } from "../../../core/values";
import { csvSheet, excelLike } from "../../excel/sheets";

const today = dayFromParts(2026, 11, 22);
const grade = (rows: readonly (readonly CellValue[])[], date1904?: boolean) =>
  toJson(gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today, ...(date1904 === undefined ? {} : { date1904 }) }));

/** Manual grades with an end date on either side of today, and last reviews due and not. */
const OVERRIDES = [
  ["Client", "Revenue", "Manual Grade", "Override until", "Last review"],
  ["Acme", 900000, "C", "2026-12-31", "2026-10-01"],
  ["Bolt", 500000, "A", "2026-11-21", "2024-01-05"],
  ["Cobalt", 20000, "A", "2026-11-22", "2026-11-22"],
  ["Dune", 10000, "", "", "2025-11-22"],
];

describe("the 1904 date system", () => {
  for (const [name, at1900, at1904] of [
    ["an order list with dates (test/vectors/orders-dated.csv)", csvSheet("test/vectors/orders-dated.csv"), csvSheet("test/vectors/orders-dated.csv", true)],
    ["a client list with last reviews (examples/clients.csv)", csvSheet("examples/clients.csv"), csvSheet("examples/clients.csv", true)],
    ["manual grades with an end date", excelLike(OVERRIDES), excelLike(OVERRIDES, true)],
  ] as const) {
    it(`${name}: its serials read in the 1904 system grade as the same sheet in 1900; read as 1900 serials they would not`, () => {
      expect(at1904).not.toEqual(at1900);
      const expected = grade(at1900);
      expect(grade(at1904, true)).toEqual(expected);
      expect(grade(at1904)).not.toEqual(expected);
    });
  }

  it("the flags that hang on a date are the same: override-expired, review-due; the order list's period too", () => {
    const p = grade(excelLike(OVERRIDES, true), true);
    const flags = Object.fromEntries(p.clients.map((c) => [c.name, c.flags]));
    expect(flags.Bolt).toContain("override-expired");
    expect(flags.Bolt).toContain("review-due");
    expect(flags.Acme).not.toContain("override-expired");
    expect(flags.Cobalt).not.toContain("override-expired");
    expect(flags.Dune).toContain("review-due");
    const orders = grade(csvSheet("test/vectors/orders-dated.csv", true), true).summary;
    expect(orders.asOf).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect([orders.asOf, orders.period]).toEqual([grade(csvSheet("test/vectors/orders-dated.csv")).summary.asOf, grade(csvSheet("test/vectors/orders-dated.csv")).summary.period]);
  });
});

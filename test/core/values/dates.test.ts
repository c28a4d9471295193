// core/values/ (dates): dates as day numbers, table-driven.
import { describe, expect, it } from "vitest";
import { dayFromDate, dayFromParts, dayToIso, dayToSerial, Invalid, parseDate, type CellValue } from "../../../core/values";

const reasonOf = (v: unknown): string => (v instanceof Invalid ? v.reason : `not Invalid: ${JSON.stringify(v)}`);

describe("dates, as day numbers", () => {
  const jan15 = dayFromParts(2025, 1, 15);

  it("day numbers are days since 1970-01-01 and round-trip", () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(dayToIso(dayFromParts(2024, 2, 29))).toBe("2024-02-29");
    expect(dayToSerial(dayFromParts(2025, 1, 1))).toBe(45658);
  });

  it.each<[CellValue, string]>([
    [45658, "2025-01-01"], // spreadsheet serial numbers (Sheets and Excel)
    [45658.75, "2025-01-01"], // a time of day is dropped
    ["45658", "2025-01-01"],
    [25569, "1970-01-01"],
    [61, "1900-03-01"],
    ["2025-01-15", "2025-01-15"],
    ["2025-1-5", "2025-01-05"],
    ["2025-01-15T10:30:00Z", "2025-01-15"],
    ["1/15/2025", "2025-01-15"],
    ["15/1/2025", "2025-01-15"],
    ["15.01.2025", "2025-01-15"],
    ["15 Jan 2025", "2025-01-15"],
    ["15 January 2025", "2025-01-15"],
    ["Jan 15, 2025", "2025-01-15"],
    ["January 15, 2025", "2025-01-15"],
    ["15-Jan-2025", "2025-01-15"],
  ])("%j → %s", (cell, iso) => {
    const d = parseDate(cell);
    expect(typeof d).toBe("number");
    expect(dayToIso(d as number)).toBe(iso);
  });

  it("a Date is the calendar day it shows", () => {
    expect(parseDate(new Date(2025, 0, 15))).toBe(jan15);
    expect(parseDate(new Date(2025, 0, 15, 23, 59))).toBe(jan15);
    expect(dayFromDate(new Date(2025, 0, 15, 0, 1))).toBe(jan15);
  });

  it("blank → null", () => {
    expect(parseDate("")).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it.each<[CellValue, RegExp]>([
    ["2025-02-30", /is not a date/],
    ["2025-13-01", /is not a date/],
    ["soon", /^"soon" is not a date$/],
    [-5, /is not a date/],
    [0, /is not a date/],
    [true, /is not a date/],
    ["#N/A", /^the cell holds the error #N\/A$/],
  ])("%j is invalid", (cell, reason) => {
    expect(reasonOf(parseDate(cell))).toMatch(reason);
  });

  it("an invalid Date object is invalid", () => {
    expect(reasonOf(parseDate(new Date(NaN)))).toBe("an invalid date");
  });

  it("a Date outside the days a spreadsheet holds (1899-12-31 … 9999-12-31) is not a date", () => {
    expect(dayToIso(parseDate(new Date(9999, 11, 31)) as number)).toBe("9999-12-31");
    expect(dayToIso(parseDate(new Date(1899, 11, 31)) as number)).toBe("1899-12-31");
    expect(reasonOf(parseDate(new Date(Date.UTC(10000, 0, 1))))).toMatch(/is not a date$/);
    expect(reasonOf(parseDate(new Date(8.64e15)))).toMatch(/is not a date$/);
    expect(reasonOf(parseDate(new Date(Date.UTC(1800, 0, 1))))).toMatch(/is not a date$/);
  });
});

// core/values/ (dates): dates as day numbers, table-driven.
import { describe, expect, it } from "vitest";
import { DAYS_1900_TO_1904, dayFromDate, dayFromParts, dayToIso, dayToSerial, Invalid, isoToSerial, parseDate, writesDayFirst, type CellValue } from "../../../core/values";

/** writesDayFirst over a column given as a list. */
const dayFirst = (cells: readonly CellValue[]): boolean => writesDayFirst(cells.length, (i) => cells[i]);

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

// The text dates are read by core itself (no date library in the bundles): each format, its limits.
describe("text dates, format by format", () => {
  it.each<[string, string]>([
    ["1/2/2025", "2025-01-02"], // M/d/yyyy before d/M/yyyy
    ["13/1/2025", "2025-01-13"], // no 13th month: d/M/yyyy
    ["01/02/2025", "2025-01-02"],
    ["1/2/25", "2025-01-02"], // yyyy would be the year 25: M/d/yy
    ["1/2/49", "2049-01-02"], // two-digit years: 00–49 are 2000s …
    ["1/2/50", "1950-01-02"], // … 50–99 are 1900s
    ["1/2/00", "2000-01-02"],
    ["29.2.2024", "2024-02-29"],
    ["5-1-2025", "2025-01-05"], // d-M-yyyy: day first
    ["2025/1/15", "2025-01-15"],
    ["15 jan 2025", "2025-01-15"],
    ["15 SEPTEMBER 2025", "2025-09-15"],
    ["15 Sep 2025", "2025-09-15"],
    ["Sep 15 2025", "2025-09-15"],
    ["may 1, 2025", "2025-05-01"],
    ["15-Jan-25", "2025-01-15"],
    ["15-jan-99", "1999-01-15"],
    ["Mar 2025", "2025-03-01"], // a month alone is its first day
    ["31/12/9999", "9999-12-31"],
    ["1/1/1900", "1900-01-01"],
  ])("%j → %s", (text, iso) => {
    const d = parseDate(text);
    expect(typeof d === "number" ? dayToIso(d) : reasonOf(d)).toBe(iso);
  });

  it.each([
    "29/2/2025", // not a leap year
    "31/4/2025", // April has 30 days
    "0/1/2025",
    "1/0/2025",
    "32/1/2025",
    "1/1/1899", // before 1900, and not a two-digit year either
    "1/2/202", // a three-digit year
    "1/2/20255",
    "1 2 2025",
    "1//2/2025",
    "15 Sept 2025", // the three letters or the full name, nothing between
    "J 2025", // one letter names no month (June? July?)
    "1-M-2025",
    "15 Jan 2025 extra",
    "15 Janu 2025",
  ])("%j is not a date", (text) => {
    expect(reasonOf(parseDate(text))).toMatch(/is not a date$/);
  });
});

describe("text dates read again", () => {
  it("a text read once more (an order list's dates) gives the same day or error, past the texts remembered", () => {
    // 6,000 texts (more than are remembered), each read twice in a row and again after the others:
    // ISO, day-first, invalid days (30 February), years Date.UTC would shift (0050), not dates.
    const texts: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const d = dayFromParts(2000, 1, 1) + i * 7;
      const iso = dayToIso(d);
      texts.push(i % 5 === 0 ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : i % 5 === 1 ? `${iso.slice(0, 8)}30` /* the 30th: no such day in February */ : i % 5 === 2 ? `0050${iso.slice(4)}` : i % 5 === 3 ? `${iso}x` : iso);
    }
    const first = texts.map((t) => parseDate(t));
    expect(texts.map((t) => parseDate(t))).toEqual(first);
    expect(texts.map((t) => parseDate(t))).toEqual(first);
    expect(first.filter((d) => typeof d === "number").length).toBeGreaterThan(2000);
    expect(first.filter((d) => d instanceof Invalid).length).toBeGreaterThan(1000);
    expect(parseDate("2025-02-30")).toBeInstanceOf(Invalid);
    expect(parseDate("2025-02-30")).toBeInstanceOf(Invalid);
    expect(parseDate("0050-01-01")).toBeInstanceOf(Invalid);
    expect(parseDate(" 2025-02-28 ")).toBe(parseDate("2025-02-28"));
  });
});

// Excel's 1904 date system: serial 0 is 1904-01-01, every serial 1,462 days below the 1900 system's
// (support.microsoft.com "Date systems in Excel"; ECMA-376 Part 1 §18.17.4.1: 0 … 2,957,003).
describe("serial numbers in the 1904 date system", () => {
  it("a serial is read in the system the host names; a Date or a date text is the day it shows in either", () => {
    const day = dayFromParts(2025, 1, 1);
    expect(DAYS_1900_TO_1904).toBe(1462);
    expect(dayToSerial(day, true)).toBe(45658 - 1462);
    expect(isoToSerial("2025-01-01", true)).toBe(44196);
    expect(isoToSerial("2025-01-01")).toBe(45658);
    expect(parseDate(44196, true)).toBe(day);
    expect(parseDate(44196.5, true)).toBe(day);
    expect(parseDate(44196)).toBe(day - 1462); // the same number read in the 1900 system: 4 years and a day early
    expect(parseDate(new Date(2025, 0, 1), true)).toBe(day);
    expect(parseDate("2025-01-01", true)).toBe(day);
    expect(parseDate("1/1/2025", true)).toBe(day);
  });

  it("a serial typed as text is read in the system too, whichever system read it first", () => {
    const day = dayFromParts(2025, 1, 1);
    expect(parseDate("44196")).toBe(day - 1462);
    expect(parseDate("44196", true)).toBe(day);
    expect(parseDate(" 44196 ", true)).toBe(day);
    expect(parseDate("44196")).toBe(day - 1462);
  });

  it("the days each system holds: 1904-01-01 (0) … 9999-12-31 (2,957,003); 0 is no date in the 1900 system", () => {
    expect(dayToIso(parseDate(0, true) as number)).toBe("1904-01-01");
    expect(dayToIso(parseDate(2957003, true) as number)).toBe("9999-12-31");
    expect(dayToIso(parseDate(2958465) as number)).toBe("9999-12-31");
    expect(reasonOf(parseDate(2957004, true))).toMatch(/is not a date/);
    expect(reasonOf(parseDate(2958466))).toMatch(/is not a date/);
    expect(reasonOf(parseDate(-1, true))).toMatch(/is not a date/);
    expect(reasonOf(parseDate(0))).toMatch(/is not a date/);
  });
});

// A UK or European export writes every date day first; only the days above 12 show it.
describe("a column written day first", () => {
  const iso = (v: CellValue, dayFirst: boolean) => {
    const d = parseDate(v, false, dayFirst);
    return typeof d === "number" ? dayToIso(d) : reasonOf(d);
  };

  it("is told by a cell whose first number can only be a day (13–31, then a month)", () => {
    expect(dayFirst(["01/02/2025", "31/12/2025"])).toBe(true);
    expect(dayFirst(["1/2/2025", " 13/1/25 "])).toBe(true);
    expect(dayFirst(["01/02/2025", "12/31/2025", "12/12/2025"])).toBe(false); // month first, or no telling
    expect(dayFirst(["32/1/2025", "13/13/2025", "13.1.2025", "2025-01-13", 45658, null])).toBe(false);
    // The order more cells show beyond doubt: a stray cell of the other order does not turn a column.
    expect(dayFirst(["13/1/2025", "1/15/2025", "2/20/2025", "3/3/2025"])).toBe(false);
    expect(dayFirst(["12/31/2025", "13/1/2025", "20/2/2025", "3/3/2025"])).toBe(true);
    expect(dayFirst(["12/31/2025", "13/1/2025"])).toBe(false); // as many each way: month first, as a cell alone
  });

  it.each<[string, string, string]>([
    ["01/02/2025", "2025-02-01", "2025-01-02"],
    ["1/2/25", "2025-02-01", "2025-01-02"],
    ["12/11/2024", "2024-11-12", "2024-12-11"],
    ["31/12/2025", "2025-12-31", "2025-12-31"], // no 31st month: day first either way
    ["12/31/2025", "2025-12-31", "2025-12-31"], // no 31st month: a stray month-first cell still reads
    ["5.1.2025", "2025-01-05", "2025-01-05"],
    ["2025-01-05", "2025-01-05", "2025-01-05"],
  ])("%j reads %s day first (month first: %s)", (text, dayFirst, monthFirst) => {
    expect(iso(text, true)).toBe(dayFirst);
    expect(iso(text, false)).toBe(monthFirst);
    expect(iso(text, true)).toBe(dayFirst); // each order remembers its own reading
  });
});

// A spreadsheet writes a date-time cell to CSV with its time of day (Excel in the US: 1/15/2025 9:12).
describe("a date text with a time of day", () => {
  it.each<[string, string]>([
    ["1/15/2025 9:12", "2025-01-15"],
    ["1/15/2025 09:12:38", "2025-01-15"],
    ["2/3/2025 10:00 AM", "2025-02-03"],
    ["2/3/2025 11:59:59 p.m.", "2025-02-03"],
    ["31/12/2025 23:59", "2025-12-31"],
    ["15.01.2025 08:00", "2025-01-15"],
    ["Jan 15, 2025 9:12 PM", "2025-01-15"],
    ["15 Jan 2025 09:12 UTC", "2025-01-15"],
    ["1/15/2025 9:12 +01:00", "2025-01-15"],
    ["2025-01-15 09:12:38 +0100", "2025-01-15"],
  ])("%j is %s: the day shown", (text, iso) => {
    const d = parseDate(text);
    expect(typeof d === "number" ? dayToIso(d) : reasonOf(d)).toBe(iso);
  });

  it.each(["9:12", "1/15/2025 9", "1/15/2025 25:00 extra", "1/15/2025 9:12 tomorrow", "32/1/2025 9:12", "1/15/2025T9:12"])("%j is not a date", (text) => {
    expect(reasonOf(parseDate(text))).toBe(`${JSON.stringify(text)} is not a date`);
  });

  it("a day-first cell with a time tells its column is day first", () => {
    expect(dayFirst(["01/02/2025 10:00", "13/02/2025 09:30"])).toBe(true);
    expect(dayToIso(parseDate("01/02/2025 10:00", false, true) as number)).toBe("2025-02-01");
  });
});

// core/period/window.ts: calendar months back from asOf, clamped to the end of the month (SPEC §11).
import { describe, expect, it } from "vitest";
import { monthsBefore, periodDates, periodEnding, placeOf } from "../../../core/period/window";
import { dayFromParts, dayToIso } from "../../../core/values";

const day = (iso: string) => dayFromParts(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

describe("monthsBefore: calendar months, clamped to the end of the month", () => {
  it.each<[string, number, string]>([
    ["2025-11-24", 12, "2024-11-24"],
    ["2024-02-29", 12, "2023-02-28"], // no 29 February in 2023
    ["2025-02-28", 12, "2024-02-28"],
    ["2024-03-31", 1, "2024-02-29"],
    ["2023-03-31", 1, "2023-02-28"],
    ["2025-05-31", 1, "2025-04-30"],
    ["2025-01-15", 1, "2024-12-15"],
    ["2025-01-31", 13, "2023-12-31"],
    ["2025-06-30", 0, "2025-06-30"],
    ["2025-11-24", 24, "2023-11-24"],
  ])("%s − %i months = %s", (from, months, want) => {
    expect(dayToIso(monthsBefore(day(from), months))).toBe(want);
  });
});

describe("placeOf: the current period is asOf − 12 months < d ≤ asOf, the previous one the 12 months before", () => {
  const p = periodEnding(day("2025-06-30"), 12);
  it.each<[string, string]>([
    ["2025-06-30", "current"], // exactly asOf: included
    ["2025-07-01", "after"],
    ["2024-07-01", "current"],
    ["2024-06-30", "previous"], // exactly asOf − 12 months: excluded from the current period
    ["2023-07-01", "previous"],
    ["2023-06-30", "earlier"], // exactly asOf − 24 months: excluded from the previous period
  ])("%s is %s", (d, place) => {
    expect(placeOf(p, day(d))).toBe(place);
  });

  it("29 February as asOf: the period starts after 28 February of the year before", () => {
    const leap = periodEnding(day("2024-02-29"), 12);
    expect(placeOf(leap, day("2023-02-28"))).toBe("previous");
    expect(placeOf(leap, day("2023-03-01"))).toBe("current");
    expect(periodDates(leap)).toEqual({ asOf: "2024-02-29", from: "2023-03-01", to: "2024-02-29" });
  });

  it("another period length: 3 months", () => {
    const q = periodEnding(day("2025-05-31"), 3);
    expect(dayToIso(q.start)).toBe("2025-02-28");
    expect(dayToIso(q.previousStart)).toBe("2024-11-30");
    expect(placeOf(q, day("2025-03-01"))).toBe("current");
    expect(placeOf(q, day("2025-02-28"))).toBe("previous");
  });
});

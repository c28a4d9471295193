// core/model/review.ts: review cadence A 30 / B 90 / C 365 days and review-due (SPEC §6).
import { describe, expect, it } from "vitest";
import { reviewStatus } from "../../../core/model/review";
import { DEFAULT_SETTINGS, resolveSettings } from "../../../core/settings";
import { dayFromParts } from "../../../core/values";

const last = dayFromParts(2026, 1, 1);

describe("next review = last review + cadence; due on and after that day", () => {
  it.each([
    ["A", 30, 29, false],
    ["A", 30, 30, true],
    ["A", 30, 45, true],
    ["B", 90, 89, false],
    ["B", 90, 90, true],
    ["C", 365, 364, false],
    ["C", 365, 365, true],
  ] as const)("grade %s (every %i days), %i days later: due %s", (g, days, later, due) => {
    expect(reviewStatus(g, last, last + later, DEFAULT_SETTINGS)).toEqual({ next: last + days, due });
  });

  it("never reviewed: due today", () => {
    const today = dayFromParts(2026, 5, 1);
    expect(reviewStatus("B", null, today, DEFAULT_SETTINGS)).toEqual({ next: today, due: true });
  });

  it("the cadence is a setting", () => {
    const s = resolveSettings({ reviewDays: { A: 7 } });
    expect(reviewStatus("A", last, last + 7, s)).toEqual({ next: last + 7, due: true });
    expect(reviewStatus("B", last, last + 7, s).next).toBe(last + 90);
  });
});

/**
 * Review cadence (SPEC §6): A every 30 days, B 90, C 365; next review = last review + cadence.
 */
import type { Grade, Settings } from "../settings";
import type { Day } from "../values";

export interface ReviewStatus {
  /** Next review day; today when the client was never reviewed. */
  next: Day;
  due: boolean;
}

export function reviewStatus(grade: Grade, lastReview: Day | null, today: Day, s: Pick<Settings, "reviewDays">): ReviewStatus {
  if (lastReview === null) return { next: today, due: true };
  const next = lastReview + s.reviewDays[grade];
  return { next, due: next <= today };
}

/** A manual grade's end (SPEC §4): after its `override until` date the computed grade stands again. */
import type { Day } from "../values";

/** The override has ended: today is after its last day. */
export function overrideExpired(until: Day | null, today: Day): boolean {
  return until !== null && today > until;
}

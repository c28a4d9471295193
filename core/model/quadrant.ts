/**
 * The relationship strength × mutual benefit quadrant (SPEC §5).
 */
import type { Rating } from "./ratings";
import { painPoints, round1 } from "./score";

export type Quadrant = "Key client" | "Invest in relationship" | "Higher-value offers" | "Rethink";
export const QUADRANTS: readonly Quadrant[] = ["Key client", "Invest in relationship", "Higher-value offers", "Rethink"];

/** What each quadrant asks of the owner. */
export const QUADRANT_ADVICE: Record<Quadrant, string> = {
  "Key client": "Manage as a key account",
  "Invest in relationship": "Invest in the relationship: they value what you do",
  "Higher-value offers": "Show them the rest of what you offer: loyal, but doesn't know all you offer",
  Rethink: "Rethink the account: weak relationship, little benefit",
};

/** Strong (x) and high (y) from the threshold up: the quadrant's index in QUADRANTS. */
export function quadrantIndex(relationship: number, benefit: number, threshold = 50): number {
  const strong = relationship >= threshold;
  const high = benefit >= threshold;
  if (strong) return high ? 0 : 2;
  return high ? 1 : 3;
}

export function quadrant(relationship: number, benefit: number, threshold = 50): Quadrant {
  return QUADRANTS[quadrantIndex(relationship, benefit, threshold)] as Quadrant;
}

/**
 * Relationship strength estimated without a relationship column:
 * 100 × (½·share + ½·pain points), an unknown share or pain counting ½.
 */
export function estimatedRelationship(share: number | null, pain: Rating): number {
  const s = share === null ? 0.5 : share;
  return round1((s * 100 + painPoints(pain) * 100) / 2);
}

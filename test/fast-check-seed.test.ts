// test/fast-check-seed.ts: `npm test` draws every property's cases from one fixed seed; `npm run fuzz` from fresh ones.
import fc from "fast-check";
import { expect, it } from "vitest";

it("property tests run from the fixed seed, or from fresh seeds under KAM_FUZZ", () => {
  const { seed } = fc.readConfigureGlobal();
  if (process.env.KAM_FUZZ) expect(seed).toBeUndefined();
  else expect(seed).toBe(20261201);
  // Two runs of one property draw the same values from the global seed, and different ones from another.
  const draw = (s?: number) => fc.sample(fc.integer(), { numRuns: 5, ...(s === undefined ? {} : { seed: s }) });
  if (!process.env.KAM_FUZZ) expect(draw()).toEqual(draw());
  expect(draw(1)).not.toEqual(draw(2));
});

// Every property test (fast-check) runs from one fixed seed, so `npm test` and CI check the same
// cases on every run: a failure is the code's, not the draw's. `npm run fuzz` runs the properties
// from fresh seeds (KAM_FUZZ=1) to look for new counterexamples; a failure prints its seed and
// path, which reproduce it (`fc.assert(…, { seed, path })`). Tests that pass their own seed keep it.
import fc from "fast-check";

if (!process.env.KAM_FUZZ) fc.configureGlobal({ seed: 20261201 });

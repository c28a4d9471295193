// Not a benchmark (run.mjs only runs *.bench.mjs): profiles the core portfolio build.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.mjs [clients]
// then open the .cpuprofile in Chrome DevTools (Performance ▸ Load profile).
import { loadTs } from "./lib.mjs";
import { syntheticSheet } from "./synthetic.mjs";

const { gradePortfolio, layoutPortfolio, DEFAULT_SETTINGS, dayFromParts } = await loadTs("bench/portfolio-entry.ts", "portfolio-core");
const rows = syntheticSheet(Number(process.argv[2] ?? 100_000));
const today = dayFromParts(2026, 6, 30);
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today });
  const t1 = performance.now();
  layoutPortfolio(p, { sourceSheet: "Clients", builtOn: "2026-06-30" });
  console.log(`grade ${(t1 - t0).toFixed(0)} ms, layout ${(performance.now() - t1).toFixed(0)} ms`);
}

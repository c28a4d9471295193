// `npm run fuzz`: every property test (each test file that imports fast-check) from fresh seeds,
// to look for counterexamples the fixed seed of `npm test` does not draw (test/fast-check-seed.ts).
// Run it as often as you like; a failure prints the seed and path that reproduce it.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const files = readdirSync(join(root, "test"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => join(root, "test", f))
  .filter((f) => /from "fast-check"/.test(readFileSync(f, "utf8")))
  .map((f) => relative(root, f))
  .sort();
const r = spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", ...files], { cwd: root, stdio: "inherit", env: { ...process.env, KAM_FUZZ: "1" } });
process.exit(r.status ?? 1);

// `npm run bench`: runs every bench/*.bench.mjs file, one after another, each in its own node
// process (so one benchmark's heap and JIT state never colour another's figures).
//
// Convention for a bench file: a standalone ES module named `<topic>.bench.mjs` in this folder
// that does its own set-up (bench/lib.mjs has loadTs to import TypeScript via esbuild, a seeded
// generator and median timing) and prints its figures to stdout. It is run with --expose-gc from
// the repository root; a non-zero exit fails `npm run bench`. Figures are reported, never asserted.
//
// `npm run bench -- portfolio` runs only the files whose name contains "portfolio".
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const dir = new URL(".", import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.mjs file${filters.length ? ` matching ${filters.join(", ")}` : ""}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ["--expose-gc", `${dir}${f}`], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`bench: ${f} failed (exit ${r.status ?? r.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);

// The add-ins' shipped bundles (issue 10, item 5): bytes and gzip bytes of each, printed beside its
// goal. Builds the Sheets and Excel targets first, so the figures are of the current sources.
//
// KAM_BENCH_DIST=/other/dist reports another build (e.g. an older commit's) without building.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib.mjs";

const dist = process.env.KAM_BENCH_DIST ?? `${ROOT}dist`;
if (!process.env.KAM_BENCH_DIST) {
  const b = spawnSync(process.execPath, ["scripts/build.mjs", "sheets", "excel"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(1);
}

const KB = 1024;
const BUNDLES = [
  { file: "sheets-addon/Code.js", goal: 120 * KB },
  { file: "sheets-addon/Sidebar.html", goal: null },
  { file: "excel-addin/functions.js", goal: 50 * KB },
  { file: "excel-addin/taskpane.js", goal: 100 * KB },
];

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
console.log(`Bundle sizes${process.env.KAM_BENCH_DIST ? ` of ${dist}` : ""} (1 KB = 1024 bytes)`);
for (const { file, goal } of BUNDLES) {
  const bytes = readFileSync(`${dist}/${file}`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const beside = goal === null ? "" : ` | goal ≤ ${kb(goal)}: ${bytes.length <= goal ? "met" : `over by ${kb(bytes.length - goal)}`} (×${(bytes.length / goal).toFixed(2)})`;
  const text = bytes.toString("utf8");
  const libraries = /date-fns|dateFns/.test(text) ? " | date-fns inside" : "";
  console.log(`  ${file.padEnd(28)} ${kb(bytes.length).padStart(9)}  gzip ${kb(gz).padStart(8)}${beside}${libraries}`);
}

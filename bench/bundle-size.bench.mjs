// The add-ins' shipped bundles (issue 10, item 5): bytes and gzip bytes of each, printed beside its
// goal, then what each bundle holds (the sources adding most to it, from the build's esbuild
// metafiles in dist/.gen). Builds the Sheets and Excel targets first, so the figures are of the
// current sources.
//
// Excel's shared runtime loads functions.js and taskpane.js into one page, taskpane.js taking the
// core functions.js carries from it (scripts/lib/shared-core.mjs): their sum is printed too.
//
// KAM_BENCH_DIST=/other/dist reports another build (e.g. an older commit's) without building.
// KAM_BENCH_TOP=n lists n sources per bundle (default 12; 0: none).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib.mjs";

const dist = process.env.KAM_BENCH_DIST ?? `${ROOT}dist`;
if (!process.env.KAM_BENCH_DIST) {
  const b = spawnSync(process.execPath, ["scripts/build.mjs", "sheets", "excel"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(1);
}
const TOP = Number(process.env.KAM_BENCH_TOP ?? 12);

const KB = 1024;
const BUNDLES = [
  { file: "sheets-addon/Code.js", goal: 120 * KB, meta: ".gen/sheets/Code.meta.json" },
  { file: "sheets-addon/Sidebar.html", goal: null },
  { file: "sheets-addon/Help.html", goal: null },
  { file: "sheets-addon/Sample.html", goal: null },
  { file: "excel-addin/functions.js", goal: 50 * KB, meta: ".gen/excel/functions.meta.json" },
  { file: "excel-addin/taskpane.js", goal: 100 * KB, meta: ".gen/excel/taskpane.meta.json" },
];

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const sizes = new Map();
console.log(`Bundle sizes${process.env.KAM_BENCH_DIST ? ` of ${dist}` : ""} (1 KB = 1024 bytes)`);
for (const { file, goal } of BUNDLES) {
  if (!existsSync(`${dist}/${file}`)) {
    console.log(`  ${file.padEnd(28)} (not in this build)`);
    continue;
  }
  const bytes = readFileSync(`${dist}/${file}`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  sizes.set(file, { bytes: bytes.length, gz });
  const beside = goal === null ? "" : ` | goal ≤ ${kb(goal)}: ${bytes.length <= goal ? "met" : `over by ${kb(bytes.length - goal)}`} (×${(bytes.length / goal).toFixed(2)})`;
  const text = bytes.toString("utf8");
  const libraries = /date-fns|dateFns/.test(text) ? " | date-fns inside" : "";
  console.log(`  ${file.padEnd(28)} ${kb(bytes.length).padStart(9)}  gzip ${kb(gz).padStart(8)}${beside}${libraries}`);
}
const pane = ["excel-addin/functions.js", "excel-addin/taskpane.js"].map((f) => sizes.get(f));
if (pane.every(Boolean)) {
  const sum = (k) => pane.reduce((a, s) => a + s[k], 0);
  console.log(`  ${"Excel page (both scripts)".padEnd(28)} ${kb(sum("bytes")).padStart(9)}  gzip ${kb(sum("gz")).padStart(8)}`);
}

// What each bundle holds: bytes each source adds to it (minified), largest first, and per folder.
for (const { file, meta } of BUNDLES) {
  if (!meta || TOP <= 0 || !existsSync(`${dist}/${meta}`)) continue;
  const outputs = Object.entries(JSON.parse(readFileSync(`${dist}/${meta}`, "utf8")).outputs);
  const [, output] = outputs.find(([name]) => !name.endsWith(".map")) ?? [];
  if (!output) continue;
  const inputs = Object.entries(output.inputs).map(([source, v]) => [source.replace(/^(\.\.\/)+/, ""), v.bytesInOutput]);
  const folders = new Map();
  for (const [source, bytes] of inputs) {
    // kam-core:<file>: the stub reading <file>'s exports from functions.js (scripts/lib/shared-core.mjs).
    const folder = source.startsWith("kam-core:") ? "taken from functions.js" : source.includes("/") ? source.slice(0, source.lastIndexOf("/")) : source;
    folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  const byFolder = [...folders].sort((a, b) => b[1] - a[1]).map(([f, b]) => `${f} ${kb(b)}`).join(", ");
  const around = (sizes.get(file)?.bytes ?? output.bytes) - output.bytes;
  console.log(`\n${file}: ${kb(output.bytes)} bundled${around >= 100 ? `, ${kb(around)} generated around it (top-level stubs, header)` : ""}`);
  console.log(`  by folder: ${byFolder}`);
  for (const [source, bytes] of inputs.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${kb(bytes).padStart(9)}  ${source}`);
}

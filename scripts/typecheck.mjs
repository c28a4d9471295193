// Type-checks every project: tsconfig.json and each tsconfig.<host>.json at the root.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { uselessCasts } from "./lib/useless-casts.mjs";

const root = new URL("..", import.meta.url).pathname;
const configs = readdirSync(root).filter((f) => /^tsconfig(\.[a-z-]+)?\.json$/.test(f) && f !== "tsconfig.base.json").sort();
let failed = false;
for (const config of configs) {
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", config, "--noEmit"], { cwd: root, stdio: "inherit" });
  } catch {
    console.error(`typecheck: ${config} has errors`);
    failed = true;
  }
}
// Casts that do nothing (issue 12), in the sources each project compiles, reported once each.
const casts = new Set(configs.flatMap((config) => uselessCasts(`${root}${config}`, root)));
for (const cast of casts) console.error(`typecheck: a cast that does nothing: ${cast}`);
process.exit(failed || casts.size > 0 ? 1 : 0);

// Type-checks every project: tsconfig.json and each tsconfig.<host>.json at the root.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

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
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// The `kam-portfolio` command. The bundle is built by `npm install` (prepare) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = fileURLToPath(new URL("../dist/cli/kam-portfolio.mjs", import.meta.url));
if (!existsSync(bundle)) {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url)), "cli"], { stdio: "inherit" });
}
await import(bundle);

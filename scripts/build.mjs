// Builds the shipped bundles: `node scripts/build.mjs [target...]` (default: every target).
// Each target is a module in scripts/build/ exporting `name` and `run(root)`.
import { readdir } from "node:fs/promises";

const root = new URL("..", import.meta.url).pathname;
const dir = new URL("./build/", import.meta.url);
const targets = new Map();
for (const file of (await readdir(dir)).filter((f) => f.endsWith(".mjs")).sort()) {
  const mod = await import(new URL(file, dir).href);
  targets.set(mod.name, mod.run);
}

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : [...targets.keys()]) {
  const run = targets.get(name);
  if (!run) {
    console.error(`build: unknown target ${name} (known: ${[...targets.keys()].join(", ")})`);
    process.exit(1);
  }
  try {
    await run(root);
  } catch (e) {
    console.error(`build ${name} failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

// Builds the shipped bundles with esbuild: `node scripts/build.mjs [target...]` (default: all).
import { build } from "esbuild";
import { mkdir } from "node:fs/promises";

const root = new URL("..", import.meta.url).pathname;

const targets = {
  async cli() {
    await mkdir(`${root}dist/cli`, { recursive: true });
    await build({
      entryPoints: [`${root}cli/main.ts`],
      outfile: `${root}dist/cli/kam-portfolio.mjs`,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: true,
      logLevel: "warning",
    });
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(targets)) {
  const t = targets[name];
  if (!t) {
    console.error(`build: unknown target ${name} (known: ${Object.keys(targets).join(", ")})`);
    process.exit(1);
  }
  await t();
}

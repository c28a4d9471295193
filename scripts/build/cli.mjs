// The kam-portfolio command: dist/cli/kam-portfolio.mjs, the package's `bin`. Its dependencies are
// bundled in, so start-up reads one file. Workbooks are read by the command's own streaming reader
// (cli/xlsx/), not ExcelJS, which only the tests and scripts/make-examples.mjs use.
import { chmod, rm } from "node:fs/promises";
import { build } from "esbuild";

export const name = "cli";
export async function run(root) {
  const outdir = `${root}dist/cli`;
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { "kam-portfolio": `${root}cli/kam-portfolio.ts` },
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    sourcemap: true,
    // The CommonJS dependencies (yauzl, yazl, Papa Parse) call require() for node's own modules.
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as kamRequire } from "node:module";\nconst require = kamRequire(import.meta.url);' },
    logLevel: "warning",
  });
  await chmod(`${outdir}/kam-portfolio.mjs`, 0o755);
}

// The kam-portfolio command: dist/cli/kam-portfolio.cjs, the package's `bin`. Its dependencies are
// bundled in, so start-up reads one file. Workbooks are read by the command's own streaming reader
// (cli/xlsx/), not ExcelJS, which only the tests and scripts/make-examples.mjs use. CommonJS, not
// an ES module: node then loads it without starting its ES module loader, about 15 ms less at
// every start (bench/cli.bench.mjs, `kam-portfolio --version`).
import { chmod, rm } from "node:fs/promises";
import { build } from "esbuild";

export const name = "cli";
export async function run(root) {
  const outdir = `${root}dist/cli`;
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { "kam-portfolio": `${root}cli/kam-portfolio.ts` },
    outdir,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    sourcemap: true,
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
  });
  await chmod(`${outdir}/kam-portfolio.cjs`, 0o755);
}

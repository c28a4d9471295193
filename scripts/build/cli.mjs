// The kam-portfolio command: dist/cli/kam-portfolio.mjs (node, dependencies left external).
import { build } from "esbuild";

export const name = "cli";
export async function run(root) {
  await build({
    entryPoints: [`${root}cli/kam-portfolio.ts`],
    outfile: `${root}dist/cli/kam-portfolio.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

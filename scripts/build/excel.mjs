// The Excel add-in: dist/excel-addin/ with manifest.xml, functions.json (custom-functions-metadata
// over JSDoc'd TypeScript generated from core/functions.ts), functions.js (the functions and their
// CustomFunctions.associate calls, generated from the same metadata), the task pane, icons and a
// support page.
//
// Production: KAM_EXCEL_BASE_URL=https://addin.example.com npm run build
// (default https://localhost:3000, the dev server of `npm run excel:serve`).
import { build } from "esbuild";
import { mkdir, rm, writeFile, readFile } from "node:fs/promises";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { functionsMetadata } from "../lib/excel-metadata.mjs";
import { drawIcon } from "../lib/icons.mjs";
import { planSharedCore } from "../lib/shared-core.mjs";

/** Both browser bundles (the functions runtime and the task pane) are built alike. */
const BROWSER = {
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
};

export const name = "excel";

export async function run(root) {
  const out = `${root}dist/excel-addin`;
  const gen = `${root}dist/.gen/excel`;
  await rm(out, { recursive: true, force: true });
  await rm(gen, { recursive: true, force: true });
  await mkdir(`${out}/assets`, { recursive: true });
  await mkdir(gen, { recursive: true });

  // 1. The generators, bundled for node from TypeScript.
  await build({
    entryPoints: [`${root}excel-addin/generate.ts`],
    outfile: `${gen}/generate.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  const g = await import(pathToFileURL(`${gen}/generate.mjs`).href);

  // 2. JSDoc'd TypeScript from the function table → functions.json via the metadata API.
  const runtimeImport = relative(gen, `${root}excel-addin/functions-runtime`).replace(/\\/g, "/");
  const functionsTs = `${gen}/functions.ts`;
  await writeFile(functionsTs, g.functionsSource(runtimeImport.startsWith(".") ? runtimeImport : `./${runtimeImport}`));
  const { metadata, associate } = await functionsMetadata(functionsTs);
  const problems = g.checkMetadata(metadata);
  if (problems.length > 0) throw new Error(`functions.json disagrees with core/functions.ts:\n  ${problems.join("\n  ")}`);
  await writeFile(`${out}/functions.json`, `${JSON.stringify(metadata, null, 2)}\n`);

  // 3. functions.js's entry: the generated functions and one associate call per metadata id.
  await writeFile(`${gen}/functions-entry.ts`, g.associateSource("./functions", associate));

  // 4. What the task pane takes from functions.js (scripts/lib/shared-core.mjs): the page loads
  //    both, so the core modules functions.js carries are not bundled a second time in taskpane.js.
  await writeFile(`${gen}/functions-main.ts`, 'import "./core-exports";\nimport "./functions-entry";\n');
  const taskpane = {
    ...BROWSER,
    entryPoints: [`${root}excel-addin/taskpane.ts`],
    // The what-if worker (this script started again) loads functions.js before anything else runs.
    banner: { js: `typeof document>"u"&&typeof importScripts=="function"&&importScripts(${JSON.stringify(g.PAGES.functionsScript)});` },
  };
  const shared = await planSharedCore(build, root, {
    functions: { ...BROWSER, entryPoints: [`${gen}/functions-entry.ts`] },
    functionsMain: `${gen}/functions-main.ts`,
    taskpane,
    exportsFile: `${gen}/core-exports.ts`,
  });

  // 5. functions.js (publishing KAM_CORE) and the task pane, the shared panel (panel/) on the Office
  //    bridge; its CSS lands in taskpane.css.
  // Their metafiles (what each source adds) are kept in dist/.gen for bench/bundle-size.bench.mjs.
  const functionsJs = await build({ ...BROWSER, entryPoints: [`${gen}/functions-main.ts`], outfile: `${out}/functions.js`, metafile: true });
  const taskpaneJs = await build({ ...taskpane, outfile: `${out}/taskpane.js`, plugins: [shared], metafile: true });
  await writeFile(`${gen}/functions.meta.json`, JSON.stringify(functionsJs.metafile));
  await writeFile(`${gen}/taskpane.meta.json`, JSON.stringify(taskpaneJs.metafile));
  await writeFile(`${out}/taskpane.html`, g.taskpaneHtml());

  // 6. Manifest, support page, icons.
  const pkg = JSON.parse(await readFile(`${root}package.json`, "utf8"));
  const baseUrl = g.checkBaseUrl(process.env.KAM_EXCEL_BASE_URL || g.DEV_BASE_URL);
  await writeFile(`${out}/manifest.xml`, g.manifestXml({ baseUrl, version: pkg.version }));
  await writeFile(`${out}/${g.PAGES.support}`, g.supportHtml());
  for (const size of g.ICON_SIZES) await writeFile(`${out}/${g.iconFile(size)}`, drawIcon(size));
}

// The Google Sheets add-on: dist/sheets-addon/ = Code.js + Sidebar.html + appsscript.json, ready
// for `clasp push` (.clasp.json at the repo root points its rootDir here).
//
// Code.js is the add-on bundled and minified by esbuild as an IIFE (global KAM_ADDON) followed by generated
// top-level stubs, because esbuild drops comments and an IIFE hides functions from Apps Script:
// - one stub per function exported by sheets-addon/entry-points.ts, carrying its JSDoc and
//   parameter names (read with the TypeScript compiler API);
// - one `KAM_*` stub per custom function of core/functions.ts's table, with @customfunction JSDoc
//   from its help (core/functions/help.ts) and the table's parameter names (Sheets shows them in
//   autocomplete): sheets-addon/functions-source.ts.
// The help itself is build-time only: the Help dialog is Help.html, generated beside Code.js
// (sheets-addon/help-page.ts), so the script every execution loads does not carry it; nor the
// sample clients, which are Sample.html (sheets-addon/sample.ts).
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import vm from "node:vm";
import { build } from "esbuild";
import Papa from "papaparse";
import ts from "typescript";

export const name = "sheets";
const GLOBAL = "KAM_ADDON";
const FORBIDDEN = [/\bUrlFetchApp\b/, /\bXMLHttpRequest\b/, /\bfetch\s*\(/, /\bWebSocket\b/, /\bnavigator\.sendBeacon\b/];
// What the Apps Script V8 runtime lacks ("V8 runtime limitations", developers.google.com/apps-script/guides/v8-runtime),
// and Intl, which it does not promise (dates go through Utilities.formatDate).
const UNAVAILABLE_IN_V8 = [/\bsetTimeout\s*\(/, /\bsetInterval\s*\(/, /\bTextEncoder\b/, /\bTextDecoder\b/, /\bnew URL\(/, /\bURLSearchParams\b/, /\batob\(/, /\bbtoa\(/, /\bstructuredClone\(/, /\bIntl\./];

/** The exported functions of entry-points.ts with their JSDoc text and parameter names. */
async function entryPoints(root) {
  const file = `${root}sheets-addon/entry-points.ts`;
  const text = await readFile(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out = [];
  for (const st of source.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name) continue;
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const docs = ts.getJSDocCommentsAndTags(st).filter(ts.isJSDoc);
    if (docs.length === 0) throw new Error(`sheets-addon/entry-points.ts: ${st.name.text} has no JSDoc`);
    const doc = text.slice(docs[0].pos, docs[0].end).trim();
    out.push({ name: st.name.text, params: st.parameters.map((p) => p.name.getText(source)), doc });
  }
  return out;
}

/** sheets-addon/generate.ts (the generators over core/functions.ts's table and its help), compiled now. */
async function generators(root) {
  const result = await build({
    entryPoints: [`${root}sheets-addon/generate.ts`],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

function entryPointStub(e) {
  return `${e.doc}\nfunction ${e.name}(${e.params.join(", ")}) {\n  return ${GLOBAL}.${e.name}.apply(this, arguments);\n}`;
}

/** Fails the build when Code.js would not load as an Apps Script file. */
function checkAppsScript(code) {
  const moduleSyntax = code.split("\n").findIndex((l) => /^\s*(export|import)\b[\s{*]/.test(l));
  if (moduleSyntax >= 0) throw new Error(`Code.js line ${moduleSyntax + 1} has module syntax (Apps Script has no modules)`);
  if (/\bimport\s*\(/.test(code)) throw new Error("Code.js has a dynamic import (Apps Script has no modules)");
  for (const re of FORBIDDEN) if (re.test(code)) throw new Error(`Code.js uses ${re} (no network in the add-on)`);
  for (const re of UNAVAILABLE_IN_V8) if (re.test(code)) throw new Error(`Code.js uses ${re}, which Apps Script's V8 runtime does not offer`);
  new vm.Script(code, { filename: "Code.js" }); // a classic script, as Apps Script loads it
}

function escapeScript(js) {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

export async function run(root) {
  const out = `${root}dist/sheets-addon/`;
  const gen = `${root}dist/.gen/sheets/`;
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await mkdir(gen, { recursive: true });

  const g = await generators(root);
  const bundle = await build({
    entryPoints: [`${root}sheets-addon/main.ts`],
    bundle: true,
    write: false,
    format: "iife",
    globalName: GLOBAL,
    platform: "neutral",
    mainFields: ["module", "main"],
    // ES2020 (`?.` and `??` kept as written, 2.5 KB less than lowering them): the V8 runtime takes
    // "modern ECMAScript syntax" (developers.google.com/apps-script/guides/v8-runtime), and Google's
    // own Apps Script samples use both (googleworkspace/apps-script-samples, e.g.
    // adminSDK/directory/quickstart.gs `user.name?.fullName`, advanced/adsense.gs `?? "None"`).
    // Nothing newer: class fields, for one, are reported missing (google/clasp#935).
    target: "es2020",
    // The core and the add-on are minified; the top-level stubs appended below stay readable,
    // with the JSDoc Apps Script shows (autocomplete, parameter names).
    minify: true,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  // What each source adds to Code.js, for bench/bundle-size.bench.mjs.
  await writeFile(`${gen}Code.meta.json`, JSON.stringify(bundle.metafile));
  const entries = await entryPoints(root);
  const functionStubs = g.customFunctionStubs(GLOBAL);
  const header = [
    "/**",
    " * KAM Portfolio for Google Sheets. Generated by scripts/build/sheets.mjs from the TypeScript",
    " * sources (sheets-addon/, core/); do not edit — edit the sources and run `npm run build`.",
    " * @OnlyCurrentDoc",
    " */",
  ].join("\n");
  const stubs = [
    "// ---- Top-level functions Apps Script calls by name (triggers, menu, google.script.run) ----",
    ...entries.map(entryPointStub),
    "// ---- Custom functions (core/functions.ts) ----",
    ...functionStubs,
  ].join("\n\n");
  const code = `${header}\n${bundle.outputFiles[0].text}\n${stubs}\n`;
  checkAppsScript(code);
  await writeFile(`${out}Code.js`, code);

  const sidebar = await build({
    entryPoints: [`${root}sheets-addon/sidebar/main.ts`],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2019",
    minify: true,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const js = sidebar.outputFiles[0].text;
  for (const re of FORBIDDEN) if (re.test(js)) throw new Error(`Sidebar script uses ${re} (no network in the add-on)`);
  const css = await readFile(`${root}panel/panel.css`, "utf8");
  const html = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<base target="_top">',
    '<meta charset="utf-8">',
    "<title>KAM Portfolio</title>",
    `<style>\n${css}</style>`,
    "</head>",
    "<body>",
    '<div id="app"></div>',
    `<script>\n${escapeScript(js)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
  await writeFile(`${out}Sidebar.html`, html);
  await writeFile(`${out}Help.html`, `${g.helpHtml()}\n`);
  // The sample clients, read by "Add sample sheet" only (sheets-addon/sample.ts).
  const { data, errors } = Papa.parse((await readFile(`${root}examples/clients.csv`, "utf8")).trim(), { skipEmptyLines: true });
  if (errors.length) throw new Error(`examples/clients.csv: ${errors[0].message}`);
  await writeFile(`${out}Sample.html`, g.sampleText(data));

  const manifest = JSON.parse(await readFile(`${root}sheets-addon/appsscript.json`, "utf8"));
  await writeFile(`${out}appsscript.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}

// One copy of the core in Excel's shared runtime. taskpane.html loads functions.js and then
// taskpane.js into the same page (the manifest's shared runtime), and both bundled the core's
// grading: the page loaded and parsed it twice. Now functions.js publishes, on one global
// (`KAM_CORE`), the exports the task pane imports from the core modules it carries anyway, and
// taskpane.js takes them from there instead of bundling a second copy. The what-if worker
// (taskpane.js started again) loads functions.js first with importScripts (the build's banner).
//
// `planSharedCore` decides which modules are taken: a module of functions.js is taken when
// functions.js already carries what the task pane takes from it — publishing those exports grows
// that module's bytes in functions.js by no more than renaming noise. A module the pane needs more
// of (the settings validator, the A1 helpers…) stays in taskpane.js, as its own copy, so
// functions.js carries nothing only the pane uses. What the pane takes from each module is read
// from its import statements with the TypeScript compiler.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

const GLOBAL = "KAM_CORE";
const NAMESPACE = "kam-core";
/** The one module of the task pane that reads KAM_CORE (a name no import of the source can have). */
const TAKE = "kam-core:take";
/** Bytes a module may grow in functions.js by publishing exports it already carries (bindings kept, renamed). */
const NOISE = 32;

/** What the import (or re-export) statements of `file` take from `specifier`: names, or every export ("*"). */
function importedNames(file, specifier) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set();
  let all = false;
  for (const st of source.statements) {
    const isImport = ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly;
    const isReexport = ts.isExportDeclaration(st) && !st.isTypeOnly;
    if (!isImport && !isReexport) continue;
    if (!st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== specifier) continue;
    if (isImport) {
      const clause = st.importClause;
      if (!clause) continue; // a side-effect import: the module runs in functions.js already
      if (clause.name) names.add("default");
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) all = true;
      else if (bindings) for (const el of bindings.elements) if (!el.isTypeOnly) names.add((el.propertyName ?? el.name).text);
    } else {
      const clause = st.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) all = true;
      else for (const el of clause.elements) if (!el.isTypeOnly) names.add((el.propertyName ?? el.name).text);
    }
  }
  return { names, all };
}

/**
 * esbuild plugin: an import that resolves to one of `shared` (absolute paths) reads `KAM_CORE`.
 * `needs()` then gives, per module (path relative to root), the names imported or "*".
 */
function sharedCorePlugin(root, shared) {
  const sites = new Map(); // module (relative) → [{ importer, specifier }]
  return {
    needs() {
      const out = new Map();
      for (const [module, list] of sites) {
        const names = new Set();
        let all = false;
        for (const { importer, specifier } of list) {
          const got = importedNames(importer, specifier);
          all ||= got.all;
          for (const n of got.names) names.add(n);
        }
        out.set(module, all ? "*" : [...names].sort()); // no names: imported for its effects, which run in functions.js
      }
      return out;
    },
    plugin: {
      name: "shared-core",
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, async (args) => {
          if (args.pluginData === NAMESPACE || args.namespace !== "file") return undefined;
          const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: NAMESPACE });
          if (resolved.errors.length > 0 || !shared.has(resolved.path)) return undefined;
          const module = relative(root, resolved.path).replace(/\\/g, "/");
          if (!sites.has(module)) sites.set(module, []);
          sites.get(module).push({ importer: args.importer, specifier: args.path });
          return { path: module, namespace: NAMESPACE };
        });
        // One module reads KAM_CORE and says why when it cannot; each taken module is one call of it.
        b.onResolve({ filter: new RegExp(`^${TAKE}$`) }, () => ({ path: TAKE, namespace: NAMESPACE }));
        b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
          contents:
            args.path === TAKE
              ? [
                  "module.exports = function (file) {",
                  `  var core = typeof ${GLOBAL} === "object" ? ${GLOBAL}[file] : undefined;`,
                  "  if (core) return core;",
                  // Said in the pane too (not only the console): the page would otherwise stay on "Loading…".
                  '  var root = typeof document === "object" && document.getElementById ? document.getElementById("kam-root") : null;',
                  '  if (root) root.textContent = "KAM Portfolio could not start: part of the add-in (functions.js) did not load. Close the pane and open it again; if this stays, remove the add-in and add it again.";',
                  '  throw new Error("KAM Portfolio: functions.js must load before taskpane.js (the task pane takes the core from it)");',
                  "};",
                ].join("\n")
              : `module.exports = require(${JSON.stringify(TAKE)})(${JSON.stringify(args.path)});`,
          loader: "js",
        }));
      },
    },
  };
}

/** The module functions.js adds: `KAM_CORE[<file>]` = the exports the task pane takes from that file. */
function coreExportsSource(root, needs) {
  const lines = ["// Generated by scripts/build/excel.mjs (scripts/lib/shared-core.mjs). Do not edit."];
  const entries = [];
  [...needs].sort(([a], [b]) => a.localeCompare(b)).forEach(([module, names], i) => {
    const from = JSON.stringify(resolve(root, module));
    if (names === "*") {
      lines.push(`import * as m${i} from ${from};`);
      entries.push(`  ${JSON.stringify(module)}: m${i},`);
    } else {
      if (names.length > 0) lines.push(`import { ${names.map((n, j) => `${n} as m${i}_${j}`).join(", ")} } from ${from};`);
      entries.push(`  ${JSON.stringify(module)}: { ${names.map((n, j) => `${JSON.stringify(n)}: m${i}_${j}`).join(", ")} },`);
    }
  });
  lines.push(`(globalThis as unknown as Record<string, unknown>).${GLOBAL} = {`, ...entries, "};", "");
  return lines.join("\n");
}

/** Bytes each input (repository-relative) occupies in one build's output. */
async function bytesPerInput(build, root, options) {
  const result = await build({ ...options, absWorkingDir: root, write: false, sourcemap: false, metafile: true, logLevel: "silent" });
  const [output] = Object.values(result.metafile.outputs);
  return new Map(Object.entries(output.inputs).map(([file, v]) => [relative(root, resolve(root, file)).replace(/\\/g, "/"), v.bytesInOutput]));
}

/**
 * Decides what the task pane takes from functions.js and writes the generated module to
 * `exportsFile`. `functions` and `taskpane` are the esbuild options of the two bundles, entry points
 * included; `functionsMain` is functions.js's final entry, which imports `exportsFile` first and then
 * the entry of `functions`. Returns the plugin for the task pane's build.
 */
export async function planSharedCore(build, root, { functions, functionsMain, taskpane, exportsFile }) {
  const base = await bytesPerInput(build, root, functions);
  const shared = new Set([...base.keys()].filter((f) => f.startsWith("core/")).map((f) => resolve(root, f)));
  for (;;) {
    const plan = sharedCorePlugin(root, shared);
    // Not written: an output path only because the pane imports its CSS.
    await build({ ...taskpane, absWorkingDir: root, outfile: resolve(dirname(exportsFile), "taskpane-plan.js"), write: false, sourcemap: false, logLevel: "silent", plugins: [plan.plugin] });
    const needs = plan.needs();
    await writeFile(exportsFile, coreExportsSource(root, needs));
    const published = await bytesPerInput(build, root, { ...functions, entryPoints: [functionsMain] });
    const grown = [...needs.keys()].filter((m) => (published.get(m) ?? 0) - (base.get(m) ?? 0) > NOISE);
    if (grown.length === 0) return sharedCorePlugin(root, shared).plugin;
    for (const m of grown) shared.delete(resolve(root, m));
  }
}

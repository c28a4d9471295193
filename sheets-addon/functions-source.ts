/**
 * Generates the custom functions' top-level stubs of Code.js from the one table in
 * core/functions.ts and its help (core/functions/help.ts; scripts/build/sheets.mjs bundles this
 * for node; nothing here ships): one `KAM_<NAME>` function per table row with @customfunction
 * JSDoc, the table's parameter names (Sheets shows them in autocomplete) and the descriptions,
 * which state DEFAULT_SETTINGS.
 */
import type { Param } from "../core/functions";
import { documented, type DocumentedFunction } from "../core/functions/help";

const jsdocText = (s: string) => s.replace(/\*\//g, "*\\/");

function paramType(p: Param): string {
  return p.kind === "range" ? "{string|number|Array<Array<string|number>>}" : "{string|number}";
}

function returnsDoc(f: DocumentedFunction): string {
  const type = f.returns === "scalar" ? "{number|string}" : "{Array<Array<string|number>>}";
  const text = f.returns === "table" ? "A table, headers first (it spills)." : f.returns === "matrix" ? "One result per input cell (a range spills)." : "One value.";
  return `${type} ${text}`;
}

/** One stub forwarding to `<globalName>.customFunction(name, arguments)`. */
export function customFunctionStub(f: DocumentedFunction, globalName: string): string {
  return [
    "/**",
    ` * ${jsdocText(f.description)}`,
    " *",
    ...f.params.map((p) => ` * @param ${paramType(p)} ${p.name} ${jsdocText(p.optional ? `Optional. ${p.description}` : p.description)}`),
    ` * @return ${returnsDoc(f)}`,
    ` * @example ${jsdocText(f.example)}`,
    " * @customfunction",
    " */",
    `function KAM_${f.name}(${f.params.map((p) => p.name).join(", ")}) {`,
    `  return ${globalName}.customFunction(${JSON.stringify(f.name)}, Array.prototype.slice.call(arguments));`,
    "}",
  ].join("\n");
}

export function customFunctionStubs(globalName: string, functions: readonly DocumentedFunction[] = documented()): string[] {
  return functions.map((f) => customFunctionStub(f, globalName));
}

/**
 * Loads the built add-on the way Apps Script's V8 runtime does: dist/sheets-addon/Code.js run as
 * one classic script in a fresh global scope whose only services are the in-memory fakes. Its
 * top-level functions become globals of that scope, as in an Apps Script project. The scope has no
 * `Intl`: the V8 runtime page does not promise it (the add-on formats dates with Utilities).
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { ROOT } from "../helpers";
import type { FakeGoogle } from "../fakes/spreadsheet-app";

export const ADDON = `${ROOT}dist/sheets-addon/`;
export const codeJs = (): string => readFileSync(`${ADDON}Code.js`, "utf8");

export type AddonGlobals = Record<string, unknown> & {
  KAM_ADDON: Record<string, unknown> & { populationSorts(): number };
};

export function loadAddon(g: FakeGoogle, code = codeJs()): AddonGlobals {
  const context = vm.createContext({
    SpreadsheetApp: g.SpreadsheetApp,
    PropertiesService: g.PropertiesService,
    HtmlService: g.HtmlService,
    Charts: g.Charts,
    LockService: g.LockService,
    Utilities: g.Utilities,
    console,
  });
  vm.runInContext("delete globalThis.Intl;", context);
  vm.runInContext(code, context, { filename: "Code.js" });
  const VmDate = vm.runInContext("Date", context) as DateConstructor;
  g.ss.makeDate = (ms) => new VmDate(ms);
  for (const file of ["Sidebar", "Help", "Sample"]) g.files.set(file, readFileSync(`${ADDON}${file}.html`, "utf8"));
  return context as AddonGlobals;
}

/** Calls a top-level function of the loaded add-on by name, as a trigger or google.script.run would. */
export function call(addon: AddonGlobals, name: string, ...args: unknown[]): unknown {
  const f = addon[name];
  if (typeof f !== "function") throw new Error(`${name} is not a top-level function of Code.js`);
  return (f as (...a: unknown[]) => unknown)(...args);
}

/** Top-level function names declared in Code.js (what Apps Script lists and can call). */
export function topLevelFunctions(code: string): string[] {
  return [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1] as string);
}

/**
 * The same Code.js compiled as a classic script body in this realm, with the same fake services as
 * its free variables. Only for loops of thousands of calls: node's vm routes every global lookup
 * (Math, Number…) of code in a context through an interceptor, about 10× slower than Apps Script.
 */
export function loadAddonFast(g: FakeGoogle, code = codeJs()): AddonGlobals {
  const names = [...topLevelFunctions(code), "KAM_ADDON"];
  const body = `${code}\nreturn { ${names.join(", ")} };`;
  const factory = new Function("SpreadsheetApp", "PropertiesService", "HtmlService", "Charts", "LockService", "Utilities", body) as (...a: unknown[]) => AddonGlobals;
  return factory(g.SpreadsheetApp, g.PropertiesService, g.HtmlService, g.Charts, g.LockService, g.Utilities);
}

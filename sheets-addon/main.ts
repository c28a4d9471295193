/**
 * The Apps Script bundle's namespace (esbuild IIFE, global `KAM_ADDON`). Code.js appends a
 * top-level stub per entry point and per custom function that forwards here.
 */
export * from "./entry-points";
export { customFunction } from "./custom-functions";
/** For tests: how many revenue populations were sorted (the content cache keeps it at one). */
export { populationSorts } from "../core/functions";

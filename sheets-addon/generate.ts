/**
 * Build-time entry (bundled for node by scripts/build/sheets.mjs): the generators the build needs,
 * over the core function table and its help. Nothing here ships.
 */
export { customFunctionStubs } from "./functions-source";
export { helpHtml } from "./help-page";
export { sampleText } from "./sample";

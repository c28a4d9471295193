/**
 * The Help dialog's list of custom functions (signature and description), generated at build time
 * from core/functions/help.ts by scripts/build/sheets.mjs (sheets-addon/functions-source.ts's
 * `functionHelpLines`): Code.js carries these lines, not the whole help.
 */
declare module "help:functions" {
  const lines: readonly { signature: string; description: string }[];
  export default lines;
}

/**
 * Build-time entry (bundled for node by scripts/build/excel.mjs): the generators the build needs,
 * over the core function table. Nothing here ships.
 */
export { associateSource, checkMetadata, functionsSource } from "./functions-source";
export { manifestXml, checkBaseUrl, DEV_BASE_URL, ICON_SIZES, iconFile, PAGES } from "./manifest";
export { supportHtml } from "./support-page";
export { taskpaneHtml } from "./taskpane-page";

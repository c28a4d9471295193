/**
 * The marker convention of core/markers.ts in an .xlsx package: hidden defined names
 * (`KAM_Portfolio`, `KAM_History`, `KAM_HistoryLast`, `KAM_Matrix`) and the settings in the
 * custom document property `KAMPortfolio.settings` (docProps/custom.xml), the same as the Excel
 * add-in writes them, so either host rebuilds what the other built.
 *
 * Files built before this convention carry `_KAM.Portfolio`, `_KAM.History` (workbook names
 * pointing at A1 of the owned sheets) and `_KAM.Matrix` (local to the data sheet): they are still
 * read, so an old output rebuilds in place, and replaced by the new names on the next build.
 */
import { parseAreaRef, sheetRange } from "../../core/a1";
import { historyMarks, isSettingsProperty, MARKER_NAMES, settingsFromProperties, settingsProperties } from "../../core/markers";
import type { Settings } from "../../core/settings";
import { CONTENT_TYPE, REL, resolveTarget, type OoxmlPackage } from "./package";
import type { WorkbookPart } from "./workbook";
import { attributes, escapeXml, findElement, findElements, rootPrefix, unescapeXml } from "./xml";

/** The names the file command wrote before the convention was shared with the Excel add-in. */
export const LEGACY_MARKER_NAMES = {
  portfolio: "_KAM.Portfolio",
  history: "_KAM.History",
  matrix: "_KAM.Matrix",
} as const;

export interface Markers {
  /** Name of the sheet carrying the portfolio marker, if any. */
  portfolio: string | null;
  history: string | null;
  /** Per data sheet: the matrix header row, first column and count. */
  matrix: Map<string, { row: number; column: number; count: number }>;
}

/** The sheet a workbook-level name points at, if it still exists. */
function namedSheet(wb: WorkbookPart, name: string): string | null {
  const n = wb.names.find((d) => d.name.toLowerCase() === name.toLowerCase() && d.localSheetId === null);
  const ref = n ? parseAreaRef(n.formula) : null;
  return ref && wb.sheet(ref.sheet)?.path ? ref.sheet : null;
}

export function readMarkers(wb: WorkbookPart): Markers {
  const matrix = new Map<string, { row: number; column: number; count: number }>();
  // The legacy name first, so the current one wins where a sheet has both.
  for (const marker of [LEGACY_MARKER_NAMES.matrix, MARKER_NAMES.matrix]) {
    for (const n of wb.names) {
      if (n.name.toLowerCase() !== marker.toLowerCase() || n.localSheetId === null) continue;
      const sheet = wb.sheets[n.localSheetId];
      const ref = parseAreaRef(n.formula);
      if (sheet && ref && ref.sheet === sheet.name) matrix.set(sheet.name, { row: ref.row, column: ref.col, count: ref.cols });
    }
  }
  return {
    portfolio: namedSheet(wb, MARKER_NAMES.portfolio) ?? namedSheet(wb, LEGACY_MARKER_NAMES.portfolio),
    history: namedSheet(wb, MARKER_NAMES.history) ?? namedSheet(wb, LEGACY_MARKER_NAMES.history),
    matrix,
  };
}

/** `KAM_Portfolio` → A1 of the portfolio sheet (and no legacy name beside it). */
export function markPortfolio(wb: WorkbookPart, sheet: string): void {
  wb.removeName(LEGACY_MARKER_NAMES.portfolio, null);
  wb.setName({ name: MARKER_NAMES.portfolio, localSheetId: null, hidden: true, formula: sheetRange(sheet, { row: 1, col: 1, rows: 1, cols: 1 }) });
}

/**
 * `KAM_History` → the header and every snapshot row after this build appended `added` rows below
 * `lastRow`; `KAM_HistoryLast` → those rows (kept as it was when the build added none).
 */
export function markHistory(wb: WorkbookPart, sheet: string, lastRow: number, added: number): void {
  const marks = historyMarks(lastRow, added);
  wb.removeName(LEGACY_MARKER_NAMES.history, null);
  wb.setName({ name: MARKER_NAMES.history, localSheetId: null, hidden: true, formula: sheetRange(sheet, marks.history) });
  if (marks.last) wb.setName({ name: MARKER_NAMES.historyLast, localSheetId: null, hidden: true, formula: sheetRange(sheet, marks.last) });
}

export function markMatrix(wb: WorkbookPart, sheet: string, row: number, column: number, count: number): void {
  const index = wb.indexOf(sheet);
  wb.removeName(LEGACY_MARKER_NAMES.matrix, index);
  wb.setName({ name: MARKER_NAMES.matrix, localSheetId: index, hidden: true, formula: sheetRange(sheet, { row, col: column, rows: 1, cols: count }) });
}

// ---- custom document properties --------------------------------------------------------------

const FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
const NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
const NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";

async function customPropertiesPath(pkg: OoxmlPackage): Promise<string | null> {
  const rel = (await pkg.rels("")).find((r) => r.type === REL.customProperties);
  return rel ? resolveTarget("", rel.target) : null;
}

/** Every custom property's name and text value. */
export async function readCustomProperties(pkg: OoxmlPackage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const path = await customPropertiesPath(pkg);
  if (!path || !pkg.has(path)) return out;
  const xml = await pkg.text(path);
  const p = rootPrefix(xml, "Properties");
  for (const f of findElements(xml, "property", p)) {
    const name = attributes(f.tag).get("name");
    const value = /<[\w]+:lpwstr>([\s\S]*?)<\/[\w]+:lpwstr>/.exec(f.inner ?? "");
    if (name !== undefined && value) out.set(name, unescapeXml(value[1] as string));
  }
  return out;
}

/** The settings saved in the document, unvalidated, or null (core/markers.ts reassembles them). */
export async function readSavedSettings(pkg: OoxmlPackage): Promise<unknown> {
  return settingsFromProperties(await readCustomProperties(pkg));
}

/** Writes the settings into docProps/custom.xml, keeping every other custom property as it was. */
export async function writeSavedSettings(pkg: OoxmlPackage, settings: Settings): Promise<void> {
  const pieces = settingsProperties(settings);
  let path = await customPropertiesPath(pkg);
  let xml: string;
  if (path && pkg.has(path)) xml = await pkg.text(path);
  else {
    path = "docProps/custom.xml";
    xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${NS_CUSTOM}" xmlns:vt="${NS_VT}"></Properties>`;
    const rels = await pkg.rels("");
    if (!rels.some((r) => r.type === REL.customProperties)) pkg.setRels("", [...rels, { id: freeId(rels.map((r) => r.id)), type: REL.customProperties, target: path, external: false }]);
    await pkg.setContentType(path, CONTENT_TYPE.customProperties);
  }
  const p = rootPrefix(xml, "Properties");
  const vt = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/docPropsVTypes"/.exec(xml)?.[1];
  if (!vt) xml = xml.replace(new RegExp(`<${p}Properties(?=[\\s>])`), `$& xmlns:vt="${NS_VT}"`);
  const vtp = vt ?? "vt";
  // Drop our old chunks, keep the rest.
  const props = findElements(xml, "property", p);
  let maxPid = 1;
  for (const f of [...props].reverse()) {
    const a = attributes(f.tag);
    const name = a.get("name") ?? "";
    if (isSettingsProperty(name)) xml = xml.slice(0, f.start) + xml.slice(f.end);
    else maxPid = Math.max(maxPid, Number(a.get("pid") ?? 1));
  }
  const added = pieces
    .map((c, i) => `<${p}property fmtid="${FMTID}" pid="${maxPid + 1 + i}" name="${escapeXml(c.name)}"><${vtp}:lpwstr>${escapeXml(c.value)}</${vtp}:lpwstr></${p}property>`)
    .join("");
  const root = findElement(xml, "Properties", p);
  if (root && root.inner === null) xml = xml.slice(0, root.start) + root.tag.replace(/\/>$/, ">") + added + `</${p}Properties>` + xml.slice(root.end);
  else xml = xml.replace(`</${p}Properties>`, `${added}</${p}Properties>`);
  pkg.set(path, xml);
}

function freeId(ids: string[]): string {
  let n = ids.length + 1;
  while (ids.includes(`rId${n}`)) n++;
  return `rId${n}`;
}

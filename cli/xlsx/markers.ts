/**
 * How a file remembers what the add-in owns, in ways that survive Excel, LibreOffice and us:
 * - hidden defined names: `_KAM.Portfolio` and `_KAM.History` (workbook names pointing at A1 of
 *   the owned sheets) and `_KAM.Matrix` (local to the data sheet, spanning the matrix headers).
 *   Excel keeps them pointing at the right cells when sheets are renamed or columns inserted, and
 *   a user's own sheet that happens to be called "KAM Portfolio" carries no such name;
 * - the settings, as JSON in the custom document property `KAMPortfolio.settings` (split into
 *   `KAMPortfolio.settings.2`, `.3`, … past 255 characters, the limit Office shows and edits).
 */
import { HISTORY_MARKER, MATRIX_MARKER, PORTFOLIO_MARKER } from "../../core/layout";
import { DEFAULT_SETTINGS, type Settings } from "../../core/settings";
import { CONTENT_TYPE, REL, resolveTarget, type OoxmlPackage, type WorkbookPart } from "./package";
import { attributes, escapeXml, findElement, findElements, parseAreaRef, quoteSheet, rootPrefix, unescapeXml, columnName } from "./xml";

export const MARKER_NAMES: Record<string, string> = {
  [PORTFOLIO_MARKER]: "_KAM.Portfolio",
  [HISTORY_MARKER]: "_KAM.History",
  [MATRIX_MARKER]: "_KAM.Matrix",
};
export const SETTINGS_PROPERTY = "KAMPortfolio.settings";
const CHUNK = 255;

export interface Markers {
  /** Name of the sheet carrying the portfolio marker, if any. */
  portfolio: string | null;
  history: string | null;
  /** Per data sheet: the matrix header row, first column and count. */
  matrix: Map<string, { row: number; column: number; count: number }>;
}

/** The sheet a workbook-level marker name points at, if it still exists. */
function markedSheet(wb: WorkbookPart, marker: string): string | null {
  const name = wb.names.find((n) => n.name === MARKER_NAMES[marker] && n.localSheetId === null);
  const ref = name ? parseAreaRef(name.formula) : null;
  return ref && wb.sheet(ref.sheet)?.path ? ref.sheet : null;
}

export function readMarkers(wb: WorkbookPart): Markers {
  const matrix = new Map<string, { row: number; column: number; count: number }>();
  for (const n of wb.names) {
    if (n.name !== MARKER_NAMES[MATRIX_MARKER] || n.localSheetId === null) continue;
    const sheet = wb.sheets[n.localSheetId];
    const ref = parseAreaRef(n.formula);
    if (sheet && ref && ref.sheet === sheet.name) matrix.set(sheet.name, { row: ref.first.row, column: ref.first.col, count: ref.last.col - ref.first.col + 1 });
  }
  return { portfolio: markedSheet(wb, PORTFOLIO_MARKER), history: markedSheet(wb, HISTORY_MARKER), matrix };
}

/** Points a workbook-level marker at A1 of a sheet. */
export function markSheet(wb: WorkbookPart, marker: string, sheet: string): void {
  wb.setName({ name: MARKER_NAMES[marker] as string, localSheetId: null, hidden: true, formula: `${quoteSheet(sheet)}!$A$1` });
}

export function markMatrix(wb: WorkbookPart, sheet: string, row: number, column: number, count: number): void {
  const index = wb.indexOf(sheet);
  wb.setName({
    name: MARKER_NAMES[MATRIX_MARKER] as string,
    localSheetId: index,
    hidden: true,
    formula: `${quoteSheet(sheet)}!$${columnName(column)}$${row}:$${columnName(column + count - 1)}$${row}`,
  });
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

/** The settings saved in the document, unvalidated, or null. */
export async function readSavedSettings(pkg: OoxmlPackage): Promise<unknown> {
  const props = await readCustomProperties(pkg);
  const first = props.get(SETTINGS_PROPERTY);
  if (first === undefined) return null;
  let json = first;
  for (let i = 2; props.has(`${SETTINGS_PROPERTY}.${i}`); i++) json += props.get(`${SETTINGS_PROPERTY}.${i}`);
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** Settings as the keys that differ from the defaults (what a person would have chosen). */
export function settingsDelta(s: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (JSON.stringify(v) !== JSON.stringify((DEFAULT_SETTINGS as unknown as Record<string, unknown>)[k])) out[k] = v;
  }
  return out;
}

/** Writes the settings into docProps/custom.xml, keeping every other custom property as it was. */
export async function writeSavedSettings(pkg: OoxmlPackage, settings: Settings): Promise<void> {
  const json = JSON.stringify(settingsDelta(settings));
  const points = Array.from(json);
  const chunks: string[] = [];
  for (let i = 0; i < points.length; i += CHUNK) chunks.push(points.slice(i, i + CHUNK).join(""));
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
    if (name === SETTINGS_PROPERTY || name.startsWith(`${SETTINGS_PROPERTY}.`)) xml = xml.slice(0, f.start) + xml.slice(f.end);
    else maxPid = Math.max(maxPid, Number(a.get("pid") ?? 1));
  }
  const added = chunks
    .map((c, i) => `<${p}property fmtid="${FMTID}" pid="${maxPid + 1 + i}" name="${i === 0 ? SETTINGS_PROPERTY : `${SETTINGS_PROPERTY}.${i + 1}`}"><${vtp}:lpwstr>${escapeXml(c)}</${vtp}:lpwstr></${p}property>`)
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

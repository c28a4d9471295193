/**
 * The .xlsx package (OPC zip) edited in place: parts, relationships, content types, and the
 * workbook part's sheets and defined names. Everything we do not touch stays byte for byte as the
 * user's file had it: charts, pivot tables, macros, comments, styles, other sheets.
 */
import JSZip from "jszip";
import { zipEntries } from "./zip";
import { attributes, escapeXml, findElement, findElements, insertBefore, prefixFor, rootPrefix, unescapeXml, withAttribute } from "./xml";

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL = {
  officeDocument: `${R}/officeDocument`,
  worksheet: `${R}/worksheet`,
  drawing: `${R}/drawing`,
  chart: `${R}/chart`,
  customProperties: `${R}/custom-properties`,
  styles: `${R}/styles`,
  sharedStrings: `${R}/sharedStrings`,
  relationships: R,
} as const;
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  customProperties: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The target of `to` relative to the folder of `from`. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export class PackageError extends Error {}

export class OoxmlPackage {
  private changed = new Map<string, string | Uint8Array | null>();
  private constructor(readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<OoxmlPackage> {
    return new OoxmlPackage(await JSZip.loadAsync(bytes));
  }

  /** The stored path of a part (part names are case-insensitive), or null. */
  find(path: string): string | null {
    if (this.changed.has(path)) return this.changed.get(path) === null ? null : path;
    if (this.zip.file(path)) return path;
    const lower = path.toLowerCase();
    for (const [p, v] of this.changed) if (p.toLowerCase() === lower) return v === null ? null : p;
    const hit = Object.keys(this.zip.files).find((p) => p.toLowerCase() === lower && !this.zip.files[p]?.dir);
    return hit ?? null;
  }

  has(path: string): boolean {
    return this.find(path) !== null;
  }

  paths(): string[] {
    const all = new Set(Object.keys(this.zip.files).filter((p) => !this.zip.files[p]?.dir));
    for (const [p, v] of this.changed) {
      if (v === null) all.delete(p);
      else all.add(p);
    }
    return [...all];
  }

  async text(path: string): Promise<string> {
    const p = this.find(path);
    if (p === null) throw new PackageError(`missing part ${path}`);
    const v = this.changed.get(p);
    if (typeof v === "string") return v;
    if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
    return (this.zip.file(p) as JSZip.JSZipObject).async("string");
  }

  async bytes(path: string): Promise<Uint8Array> {
    const p = this.find(path);
    if (p === null) throw new PackageError(`missing part ${path}`);
    const v = this.changed.get(p);
    if (typeof v === "string") return Buffer.from(v, "utf8");
    if (v instanceof Uint8Array) return v;
    return (this.zip.file(p) as JSZip.JSZipObject).async("uint8array");
  }

  set(path: string, content: string | Uint8Array): void {
    this.changed.set(this.find(path) ?? path, content);
  }

  remove(path: string): void {
    const p = this.find(path);
    if (p !== null) this.changed.set(p, null);
  }

  /** A part name not yet used: `xl/charts/chart{n}.xml`. */
  freePath(pattern: (n: number) => string): string {
    for (let n = 1; ; n++) if (!this.has(pattern(n))) return pattern(n);
  }

  async rels(part: string): Promise<Relationship[]> {
    const path = relsPath(part);
    if (!this.has(path)) return [];
    const xml = await this.text(path);
    const prefix = rootPrefix(xml, "Relationships");
    return findElements(xml, "Relationship", prefix).map((f) => {
      const a = attributes(f.tag);
      return { id: a.get("Id") ?? "", type: a.get("Type") ?? "", target: a.get("Target") ?? "", external: a.get("TargetMode") === "External" };
    });
  }

  setRels(part: string, rels: readonly Relationship[]): void {
    const path = relsPath(part);
    if (rels.length === 0) {
      this.remove(path);
      return;
    }
    const body = rels
      .map((r) => `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`)
      .join("");
    this.set(path, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`);
  }

  /** Adds a relationship from `part` to `target` (a part path) and returns its id. */
  async addRel(part: string, type: string, target: string): Promise<string> {
    const rels = await this.rels(part);
    const ids = new Set(rels.map((r) => r.id));
    let n = rels.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.setRels(part, [...rels, { id, type, target: relativeTarget(part, target), external: false }]);
    return id;
  }

  async setContentType(part: string, type: string | null): Promise<void> {
    let xml = await this.text("[Content_Types].xml");
    const prefix = rootPrefix(xml, "Types");
    const name = `/${part}`;
    for (const f of findElements(xml, "Override", prefix)) {
      if ((attributes(f.tag).get("PartName") ?? "").toLowerCase() === name.toLowerCase()) {
        xml = xml.slice(0, f.start) + xml.slice(f.end);
        break;
      }
    }
    if (type !== null) xml = insertBefore(xml, "Types", prefix, [], `<${prefix}Override PartName="${escapeXml(name)}" ContentType="${escapeXml(type)}"/>`);
    this.set("[Content_Types].xml", xml);
  }

  async contentType(part: string): Promise<string | null> {
    const xml = await this.text("[Content_Types].xml");
    const prefix = rootPrefix(xml, "Types");
    for (const f of findElements(xml, "Override", prefix)) {
      const a = attributes(f.tag);
      if ((a.get("PartName") ?? "").toLowerCase() === `/${part}`.toLowerCase()) return a.get("ContentType") ?? null;
    }
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    for (const f of findElements(xml, "Default", prefix)) {
      const a = attributes(f.tag);
      if ((a.get("Extension") ?? "").toLowerCase() === ext) return a.get("ContentType") ?? null;
    }
    return null;
  }

  /** The zip with every change applied, deflated by zlib; content types first, as Office writes. */
  async generate(): Promise<Buffer> {
    const order = (p: string) => (p === "[Content_Types].xml" ? 0 : p === "_rels/.rels" ? 1 : 2);
    const paths = this.paths().sort((a, b) => order(a) - order(b));
    const entries: [string, Uint8Array][] = [];
    for (const p of paths) entries.push([p, await this.bytes(p)]);
    return zipEntries(entries);
  }
}

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetInfo {
  name: string;
  sheetId: number;
  rId: string;
  state: SheetState;
  /** The worksheet part; null for a chart sheet or dialog sheet. */
  path: string | null;
}

export interface DefinedName {
  name: string;
  /** Index of the sheet the name is local to, or null for a workbook name. */
  localSheetId: number | null;
  hidden: boolean;
  formula: string;
  /** The original element, kept for names we do not change. */
  xml: string | null;
}

/** The workbook part: its sheets (in tab order) and defined names. */
export class WorkbookPart {
  private constructor(
    readonly pkg: OoxmlPackage,
    readonly path: string,
    public xml: string,
    readonly prefix: string,
    public sheets: SheetInfo[],
    public names: DefinedName[],
  ) {}

  static async read(pkg: OoxmlPackage): Promise<WorkbookPart> {
    const root = (await pkg.rels("")).find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    if (!root) throw new PackageError("no workbook part");
    const path = resolveTarget("", root.target);
    if (!pkg.has(path)) throw new PackageError(`no workbook part ${path}`);
    const xml = await pkg.text(path);
    const prefix = rootPrefix(xml, "workbook");
    const rels = await pkg.rels(path);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheetsEl = findElement(xml, "sheets", prefix);
    const sheets: SheetInfo[] = (sheetsEl?.inner ? findElements(sheetsEl.inner, "sheet", prefix) : []).map((f) => {
      const a = attributes(f.tag);
      const rId = [...a.entries()].find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1] ?? "";
      const rel = byId.get(rId);
      const isWorksheet = rel !== undefined && (rel.type === REL.worksheet || rel.type.endsWith("/worksheet"));
      const state = a.get("state");
      return {
        name: a.get("name") ?? "",
        sheetId: Number(a.get("sheetId") ?? 0),
        rId,
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
        path: isWorksheet ? pkg.find(resolveTarget(path, rel.target)) : null,
      };
    });
    const namesEl = findElement(xml, "definedNames", prefix);
    const names: DefinedName[] = (namesEl?.inner ? findElements(namesEl.inner, "definedName", prefix) : []).map((f) => {
      const a = attributes(f.tag);
      const local = a.get("localSheetId");
      return {
        name: a.get("name") ?? "",
        localSheetId: local === undefined ? null : Number(local),
        hidden: a.get("hidden") === "1" || a.get("hidden") === "true",
        formula: unescapeXml(f.inner ?? ""),
        xml: f.xml,
      };
    });
    return new WorkbookPart(pkg, path, xml, prefix, sheets, names);
  }

  sheet(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  indexOf(name: string): number {
    return this.sheets.findIndex((s) => s.name === name);
  }

  /** Adds a worksheet part at the end of the tab order (or after `after`). */
  async addSheet(name: string, xml: string, state: SheetState, at?: number): Promise<SheetInfo> {
    const path = this.pkg.freePath((n) => `xl/worksheets/sheet${n}.xml`);
    this.pkg.set(path, xml);
    await this.pkg.setContentType(path, CONTENT_TYPE.worksheet);
    const rId = await this.pkg.addRel(this.path, REL.worksheet, path);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const info: SheetInfo = { name, sheetId, rId, state, path };
    const index = at ?? this.sheets.length;
    // Names local to sheets after the insertion point move with their sheets.
    for (const n of this.names) {
      if (n.localSheetId !== null && n.localSheetId >= index) {
        n.localSheetId++;
        n.xml = null;
      }
    }
    this.sheets.splice(index, 0, info);
    return info;
  }

  /** Removes a sheet entry, its part, its relationships' owned parts are left to the caller. */
  async removeSheet(name: string): Promise<void> {
    const index = this.indexOf(name);
    if (index < 0) return;
    const info = this.sheets[index] as SheetInfo;
    this.sheets.splice(index, 1);
    this.names = this.names.filter((n) => n.localSheetId !== index);
    for (const n of this.names) {
      if (n.localSheetId !== null && n.localSheetId > index) {
        n.localSheetId--;
        n.xml = null;
      }
    }
    const rels = (await this.pkg.rels(this.path)).filter((r) => r.id !== info.rId);
    this.pkg.setRels(this.path, rels);
    if (info.path) {
      this.pkg.remove(info.path);
      this.pkg.remove(relsPath(info.path));
      await this.pkg.setContentType(info.path, null);
    }
  }

  setName(n: Omit<DefinedName, "xml">): void {
    this.names = this.names.filter((x) => !(x.name.toLowerCase() === n.name.toLowerCase() && x.localSheetId === n.localSheetId));
    this.names.push({ ...n, xml: null });
  }

  removeName(name: string, localSheetId: number | null): void {
    this.names = this.names.filter((x) => !(x.name.toLowerCase() === name.toLowerCase() && x.localSheetId === localSheetId));
  }

  /** Writes the sheets and names back into the workbook part. */
  save(): void {
    const p = this.prefix;
    let xml = this.xml;
    let rPrefix = prefixFor(xml, REL.relationships);
    if (rPrefix === null) {
      rPrefix = "kamr:";
      xml = xml.replace(new RegExp(`<${p}workbook(?=[\\s>])`), `$& xmlns:kamr="${REL.relationships}"`);
    }
    const sheetsEl = findElement(xml, "sheets", p);
    const oldSheets = new Map((sheetsEl?.inner ? findElements(sheetsEl.inner, "sheet", p) : []).map((f) => [attributes(f.tag).get("name") ?? "", f.xml]));
    const sheetXml = this.sheets
      .map((s) => {
        const old = oldSheets.get(s.name);
        if (old) {
          const was = attributes(old).get("state") ?? "visible";
          return was === s.state ? old : withAttribute(old, "state", s.state === "visible" ? null : s.state);
        }
        return `<${p}sheet name="${escapeXml(s.name)}" sheetId="${s.sheetId}"${s.state === "visible" ? "" : ` state="${s.state}"`} ${rPrefix}id="${escapeXml(s.rId)}"/>`;
      })
      .join("");
    const newSheets = `<${p}sheets>${sheetXml}</${p}sheets>`;
    if (sheetsEl) xml = xml.slice(0, sheetsEl.start) + newSheets + xml.slice(sheetsEl.end);
    else throw new PackageError("workbook has no <sheets>");
    const namesXml = this.names
      .map((n) =>
        n.xml ??
        `<${p}definedName name="${escapeXml(n.name)}"${n.localSheetId !== null ? ` localSheetId="${n.localSheetId}"` : ""}${n.hidden ? ' hidden="1"' : ""}>${escapeXml(n.formula)}</${p}definedName>`,
      )
      .join("");
    const namesEl = findElement(xml, "definedNames", p);
    const newNames = namesXml ? `<${p}definedNames>${namesXml}</${p}definedNames>` : "";
    if (namesEl) xml = xml.slice(0, namesEl.start) + newNames + xml.slice(namesEl.end);
    else if (newNames) {
      xml = insertBefore(xml, "workbook", p, ["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"], newNames);
    }
    this.xml = xml;
    this.pkg.set(this.path, xml);
  }
}

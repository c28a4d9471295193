/**
 * The workbook part of a package: its sheets (in tab order) and defined names, read and written
 * back in place (sheets and names we do not change keep their elements as they were).
 */
import { CONTENT_TYPE, PackageError, REL, relsPath, resolveTarget, type OoxmlPackage } from "./package";
import { attributes, escapeXml, findElement, findElements, insertBefore, prefixFor, rootPrefix, unescapeXml, withAttribute } from "./xml";

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

  /** The workbook counts its dates from 1904 (`<workbookPr date1904="1"/>`). */
  get date1904(): boolean {
    const pr = findElement(this.xml, "workbookPr", this.prefix);
    const v = pr ? attributes(pr.tag).get("date1904") : undefined;
    return v === "1" || v === "true";
  }

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
    const sheetId = this.sheets.reduce((max, s) => Math.max(max, s.sheetId), 0) + 1;
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

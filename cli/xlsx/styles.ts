/**
 * The workbook's styles part, appended to (never rewritten): number formats, fonts, fills,
 * borders, cell formats (xfs) and differential formats (dxfs) for the cells and sheets we add.
 * Entries equal to an existing one are reused, so a rebuild does not grow the part.
 */
import { attributes, escapeXml, findElement, findElements, insertBefore, rootPrefix, withAttribute } from "./xml";

/** Section name → child element name, in the order CT_Stylesheet requires. */
const SECTIONS = [
  ["numFmts", "numFmt"],
  ["fonts", "font"],
  ["fills", "fill"],
  ["borders", "border"],
  ["cellStyleXfs", "xf"],
  ["cellXfs", "xf"],
  ["cellStyles", "cellStyle"],
  ["dxfs", "dxf"],
  ["tableStyles", "tableStyle"],
  ["colors", ""],
  ["extLst", ""],
] as const;
type Section = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs" | "dxfs";

/** Adds `prefix` to every unprefixed element name of a fragment written without one. */
export function prefixElements(xml: string, prefix: string): string {
  return prefix ? xml.replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, `<$1${prefix}$2`) : xml;
}

/** Removes `prefix` from element names (for comparing fragments across parts). */
function unprefix(xml: string, prefix: string): string {
  return prefix ? xml.split(`<${prefix}`).join("<").split(`</${prefix}`).join("</") : xml;
}

export interface StyleMaps {
  xf: number[];
  dxf: number[];
}

export class StyleSheet {
  readonly prefix: string;
  constructor(public xml: string) {
    this.prefix = rootPrefix(xml, "styleSheet");
  }

  /** The children of a section, unprefixed. */
  children(section: Section | "cellStyleXfs"): string[] {
    const child = SECTIONS.find(([s]) => s === section)?.[1] as string;
    const el = findElement(this.xml, section, this.prefix);
    if (!el?.inner) return [];
    return findElements(el.inner, child, this.prefix).map((f) => unprefix(f.xml, this.prefix));
  }

  /** Appends a child (unprefixed XML) to a section, creating the section if needed; returns its index. */
  private append(section: Section, child: string): number {
    const p = this.prefix;
    const el = findElement(this.xml, section, p);
    const item = prefixElements(child, p);
    if (!el) {
      const after = SECTIONS.slice(SECTIONS.findIndex(([s]) => s === section) + 1).map(([s]) => s);
      this.xml = insertBefore(this.xml, "styleSheet", p, after, `<${p}${section} count="1">${item}</${p}${section}>`);
      return 0;
    }
    const count = this.children(section).length;
    const open = withAttribute(el.tag.replace(/\/>$/, ">"), "count", String(count + 1));
    this.xml = `${this.xml.slice(0, el.start)}${open}${el.inner ?? ""}${item}</${p}${section}>${this.xml.slice(el.end)}`;
    return count;
  }

  /** The index of an equal child, or a new one. */
  private intern(section: Section, child: string): number {
    const i = this.children(section).indexOf(child);
    return i >= 0 ? i : this.append(section, child);
  }

  numFmtId(code: string): number {
    const builtin: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };
    if (code in builtin) return builtin[code] as number;
    let max = 163;
    for (const f of this.children("numFmts")) {
      const a = attributes(f);
      const id = Number(a.get("numFmtId"));
      if (a.get("formatCode") === code) return id;
      max = Math.max(max, id);
    }
    this.append("numFmts", `<numFmt numFmtId="${max + 1}" formatCode="${escapeXml(code)}"/>`);
    return max + 1;
  }

  /** A cell format on the default font, fill and border; `bold` clones font 0 with bold. */
  cellFormat(o: { numFmt?: string | null; bold?: boolean }): number {
    const numFmtId = o.numFmt ? this.numFmtId(o.numFmt) : 0;
    let fontId = 0;
    if (o.bold) {
      const base = this.children("fonts")[0] ?? "<font/>";
      const bold = base.includes("<b/>") ? base : base === "<font/>" ? "<font><b/></font>" : base.replace(/^<font([^>]*)>/, "<font$1><b/>");
      fontId = this.intern("fonts", bold);
    }
    return this.intern(
      "cellXfs",
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}/>`,
    );
  }

  /** Copies every cell format and differential format of another styles part into this one. */
  merge(other: StyleSheet): StyleMaps {
    const numFmt = new Map<string, number>();
    for (const f of other.children("numFmts")) {
      const a = attributes(f);
      numFmt.set(a.get("numFmtId") as string, this.numFmtId(a.get("formatCode") ?? "General"));
    }
    const fonts = other.children("fonts").map((f) => this.intern("fonts", f));
    const fills = other.children("fills").map((f) => this.intern("fills", f));
    const borders = other.children("borders").map((f) => this.intern("borders", f));
    const xf = other.children("cellXfs").map((x) => {
      const a = attributes(x.slice(0, x.indexOf(">") + 1));
      const id = (key: string, map: number[]) => String(map[Number(a.get(key) ?? 0)] ?? 0);
      let tag = x.slice(0, x.indexOf(">") + 1);
      const n = a.get("numFmtId") ?? "0";
      tag = withAttribute(tag, "numFmtId", String(numFmt.get(n) ?? n));
      tag = withAttribute(tag, "fontId", id("fontId", fonts));
      tag = withAttribute(tag, "fillId", id("fillId", fills));
      tag = withAttribute(tag, "borderId", id("borderId", borders));
      tag = withAttribute(tag, "xfId", "0");
      return this.intern("cellXfs", tag + x.slice(x.indexOf(">") + 1));
    });
    const dxf = other.children("dxfs").map((d) => this.intern("dxfs", d));
    return { xf, dxf };
  }
}

/** Rewrites style references (`s`, `style`, `dxfId`) of a worksheet written against another styles part. */
export function remapStyles(sheetXml: string, maps: StyleMaps): string {
  return sheetXml
    .replace(/<(c|row)\s[^>]*>/g, (tag) => tag.replace(/\ss="(\d+)"/, (_, i: string) => ` s="${maps.xf[Number(i)] ?? 0}"`))
    .replace(/<col\s[^>]*>/g, (tag) => tag.replace(/\sstyle="(\d+)"/, (_, i: string) => ` style="${maps.xf[Number(i)] ?? 0}"`))
    .replace(/<cfRule\s[^>]*>/g, (tag) => tag.replace(/\sdxfId="(\d+)"/, (_, i: string) => ` dxfId="${maps.dxf[Number(i)] ?? 0}"`));
}

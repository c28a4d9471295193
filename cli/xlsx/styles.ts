/**
 * The workbook's styles part, appended to (never rewritten): number formats, fonts, fills,
 * borders, cell formats (xfs) and differential formats (dxfs) for the cells and sheets we add.
 * Entries equal to an existing one are reused, so a rebuild does not grow the part.
 */
import type { CellStyle } from "../../core/plan";
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

/** The styles part of a new workbook: Calibri 11, no fill, no border, one cell format. */
export const NEW_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** How a cell looks (core/plan.ts's CellStyle) and its number format. */
export interface CellFormat extends CellStyle {
  numFmt?: string | null;
}

/** The number formats every spreadsheet has built in (ECMA-376 §18.8.30), by format code. */
const BUILTIN_FORMATS = new Map<string, number>([["General", 0], ["0", 1], ["0.00", 2], ["#,##0", 3], ["#,##0.00", 4], ["0%", 9], ["0.00%", 10], ["@", 49]]);

/** The order Excel writes a font's children in. */
const FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];
const fontRank = (name: string) => {
  const i = FONT_ORDER.indexOf(name);
  return i < 0 ? FONT_ORDER.length : i;
};

/** "#1f4e78" → "FF1F4E78" */
const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** A font: `base` (the workbook's default font) with the style's bold, italic, size and colour. */
function fontXml(base: string, o: CellStyle): string {
  const inner = /^<font(?:\s[^>]*)?>([\s\S]*)<\/font>$/.exec(base)?.[1] ?? "";
  const children = new Map<string, string>();
  for (const m of inner.matchAll(/<(\w+)(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/\1>)/g)) children.set(m[1] as string, m[0]);
  if (o.bold) children.set("b", "<b/>");
  if (o.italic) children.set("i", "<i/>");
  if (o.fontSize) children.set("sz", `<sz val="${o.fontSize}"/>`);
  if (o.fontColor) children.set("color", `<color rgb="${argb(o.fontColor)}"/>`);
  const sorted = [...children].sort((a, b) => fontRank(a[0]) - fontRank(b[0]));
  return `<font>${sorted.map(([, x]) => x).join("")}</font>`;
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
    const builtin = BUILTIN_FORMATS.get(code);
    if (builtin !== undefined) return builtin;
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

  /**
   * A cell format (xf): the workbook's default font with the style's changes, a solid fill, text
   * wrapped and top-aligned, a number format. Equal formats are reused.
   */
  cellFormat(o: CellFormat): number {
    const numFmtId = o.numFmt ? this.numFmtId(o.numFmt) : 0;
    const fontId = o.bold || o.italic || o.fontSize || o.fontColor ? this.intern("fonts", fontXml(this.children("fonts")[0] ?? "<font/>", o)) : 0;
    const fillId = o.fill ? this.intern("fills", `<fill><patternFill patternType="solid"><fgColor rgb="${argb(o.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const apply = `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${o.wrap ? ' applyAlignment="1"' : ""}`;
    const tag = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${apply}`;
    return this.intern("cellXfs", o.wrap ? `${tag}><alignment vertical="top" wrapText="1"/></xf>` : `${tag}/>`);
  }

  /** A differential format (dxf) for a conditional format: font colour and fill. */
  differentialFormat(o: { fill?: string; fontColor?: string }): number {
    const font = o.fontColor ? `<font><color rgb="${argb(o.fontColor)}"/></font>` : "";
    const fill = o.fill ? `<fill><patternFill patternType="solid"><bgColor rgb="${argb(o.fill)}"/></patternFill></fill>` : "";
    return this.intern("dxfs", `<dxf>${font}${fill}</dxf>`);
  }
}

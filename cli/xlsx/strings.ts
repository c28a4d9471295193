/**
 * The workbook's shared strings, appended to: text cells we write refer to an entry (reusing an
 * equal plain entry already there), which keeps a 10,000-row matrix small. Existing entries never
 * change, so the user's cells keep pointing at their own text.
 */
import { decodeCellText, findElement, rootPrefix, textElement, unescapeXml, withAttribute } from "./xml";

export class SharedStrings {
  private readonly prefix: string;
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private existing: number;
  private refs = 0;

  constructor(private xml: string | null) {
    this.prefix = xml ? rootPrefix(xml, "sst") : "";
    this.existing = 0;
    if (!xml) return;
    const p = this.prefix;
    const re = new RegExp(`<${p}si>([\\s\\S]*?)</${p}si>|<${p}si/>`, "g");
    for (let m = re.exec(xml); m; m = re.exec(xml)) {
      const inner = m[1] ?? "";
      // Only plain entries (one <t>) are reused; rich text keeps its own entry.
      const plain = new RegExp(`^<${p}t(?:\\s[^>]*)?>([\\s\\S]*?)</${p}t>$`).exec(inner);
      if (plain) {
        const text = decodeCellText(unescapeXml(plain[1] as string));
        if (!this.index.has(text)) this.index.set(text, this.existing);
      } else if (inner === "") {
        if (!this.index.has("")) this.index.set("", this.existing);
      }
      this.existing++;
    }
  }

  /** The entry for a text, added if new; counts one more reference. */
  ref(text: string): number {
    this.refs++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.existing + this.added.length;
      this.added.push(`<${this.prefix}si>${textElement(text, this.prefix)}</${this.prefix}si>`);
      this.index.set(text, i);
    }
    return i;
  }

  get changed(): boolean {
    return this.added.length > 0 || this.refs > 0;
  }

  /**
   * The part's XML with the new entries appended and the counts updated, in pieces (a sheet of
   * 100,000 clients adds as many entries). Made once every text cell has taken its entry.
   */
  *chunks(): Generator<string> {
    const p = this.prefix;
    const base = this.xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;
    const root = findElement(base, "sst", p);
    if (!root) throw new Error("no <sst>");
    const oldCount = Number(/\scount="(\d+)"/.exec(root.tag)?.[1] ?? this.existing);
    let tag = withAttribute(root.tag.replace(/\/>$/, ">"), "count", String(oldCount + this.refs));
    tag = withAttribute(tag, "uniqueCount", String(this.existing + this.added.length));
    yield `${base.slice(0, root.start)}${tag}${root.inner ?? ""}`;
    for (let i = 0; i < this.added.length; i += 4096) yield this.added.slice(i, i + 4096).join("");
    yield `</${p}sst>${base.slice(root.end)}`;
  }

  toXml(): string {
    return [...this.chunks()].join("");
  }
}

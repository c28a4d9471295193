/**
 * The workbook's shared strings, appended to: text cells we write refer to an entry (reusing an
 * equal plain entry already there), which keeps a 10,000-row matrix small. Existing entries never
 * change, so the user's cells keep pointing at their own text.
 *
 * The part is read in pieces, twice: once for its plain entries' texts, once when it is written
 * again, so its text (10 MB for 100,000 clients) is never held (issue 10).
 */
import { ElementSplitter, sinkOf } from "./elements";
import { decodeCellText, ownString, textElement, unescapeXml, withAttribute } from "./xml";

/** A part's text, in pieces, as often as asked for. */
type Source = () => AsyncIterable<string> | Iterable<string>;

const NEW_PART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`;

export class SharedStrings {
  private prefix = "";
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private existing = 0;
  /** The `count` the part says (references to its entries), or null without one. */
  private oldCount: number | null = null;
  private refs = 0;

  private constructor(private readonly source: Source) {}

  /** The shared strings of a part given in pieces; `source` is read again when the part is written. */
  static async read(source: Source): Promise<SharedStrings> {
    const s = new SharedStrings(source);
    const splitter = s.indexer();
    for await (const piece of source()) splitter.push(piece);
    splitter.end();
    return s;
  }

  /** The shared strings of a part's text, or of a new part (null). */
  static of(xml: string | null): SharedStrings {
    const text = xml ?? NEW_PART;
    const s = new SharedStrings(() => [text]);
    const splitter = s.indexer();
    splitter.push(text);
    splitter.end();
    return s;
  }

  /** Reads the part's plain entries (one <t>) into the index; rich text keeps its own entry. */
  private indexer(): ElementSplitter {
    let plain = /^$/;
    return new ElementSplitter(
      "sst",
      "sst",
      "si",
      sinkOf({
        head: (text, p) => {
          this.prefix = p;
          const count = /\scount="(\d+)"/.exec(text.slice(text.lastIndexOf(`<${p}sst`)))?.[1];
          this.oldCount = count === undefined ? null : Number(count);
          plain = new RegExp(`^<${p}si>(?:<${p}t(?:\\s[^>]*)?>([\\s\\S]*?)</${p}t>)?</${p}si>$|^<${p}si/>$`);
        },
        item: (_gap, xml) => {
          const m = plain.exec(xml);
          if (m) {
            // Its own copy: a key cut from a piece of the part would keep the whole piece.
            const text = m[1] === undefined ? "" : ownString(decodeCellText(unescapeXml(m[1])));
            if (!this.index.has(text)) this.index.set(text, this.existing);
          }
          this.existing++;
        },
        missing: () => {
          throw new Error("no <sst>");
        },
      }),
    );
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

  /**
   * The part's XML with the new entries appended and the counts updated, in pieces as the part is
   * read again (a sheet of 100,000 clients adds as many entries). Made once every text cell has
   * taken its entry.
   */
  async *chunks(): AsyncGenerator<string> {
    const p = this.prefix;
    const out: string[] = [];
    /** Where in `out` the part's last entry ends: the new entries go there. */
    let closeAt: number | null = null;
    const splitter = new ElementSplitter(
      "sst",
      "sst",
      "si",
      sinkOf({
        head: (text) => {
          const at = text.lastIndexOf(`<${p}sst`);
          let tag = withAttribute(text.slice(at).replace(/\/>$/, ">"), "count", String((this.oldCount ?? this.existing) + this.refs));
          tag = withAttribute(tag, "uniqueCount", String(this.existing + this.added.length));
          out.push(text.slice(0, at), tag);
        },
        item: (gap, xml) => out.push(gap, xml),
        close: (gap) => {
          out.push(gap);
          closeAt = out.length;
        },
        tail: (text) => out.push(text),
        missing: () => {
          throw new Error("no <sst>");
        },
      }),
    );
    const added = this.added;
    const take = function* (): Generator<string> {
      if (closeAt === null) yield out.join("");
      else {
        yield out.slice(0, closeAt).join("");
        for (let i = 0; i < added.length; i += 4096) yield added.slice(i, i + 4096).join("");
        yield `</${p}sst>${out.slice(closeAt).join("")}`;
        closeAt = null;
      }
      out.length = 0;
    };
    for await (const piece of this.source()) {
      splitter.push(piece);
      yield* take();
    }
    splitter.end();
    yield* take();
  }

  async toXml(): Promise<string> {
    let xml = "";
    for await (const c of this.chunks()) xml += c;
    return xml;
  }
}

/**
 * A large part's repeated elements read from its XML in pieces, one element held at a time: a
 * worksheet's `<row>`s inside its `<sheetData>`, the shared strings' `<si>`s inside `<sst>`. A
 * 100,000-row sheet is ~60 MB of XML; it is never one string (issue 10).
 *
 * Like the finders of xml.ts, this is for machine-written SpreadsheetML: the repeated element never
 * contains one of its own name, and text holds no `<` (XML escapes it).
 */

export interface ElementSink {
  /**
   * The text before the elements: up to and including the container's start tag, which is
   * `empty` when written `<sheetData/>`; `prefix` is the part's namespace prefix (`x:` or "").
   */
  head(text: string, prefix: string, empty: boolean): void;
  /** One element, and the text between it and the one before (or the head). */
  item(gap: string, xml: string): void;
  /** The text after the last element, before the container's end tag; once, before the tail. */
  close(gap: string): void;
  /** The rest of the part after the container's end tag (or after `<sheetData/>`), piece by piece. */
  tail(text: string): void;
  /** A part without the container (or without the root element): its whole text. */
  missing(text: string): void;
}

/** A sink that does nothing with what it is not given a function for. */
export function sinkOf(s: Partial<ElementSink>): ElementSink {
  return { head: () => {}, item: () => {}, close: () => {}, tail: () => {}, missing: () => {}, ...s };
}

const enum State {
  Head,
  Items,
  Tail,
}

/** Is the character at `i` one that may end an element name (whitespace, `>`, `/`)? */
function endsName(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Splits a part given in pieces (`push` each, then `end`) into the calls of an ElementSink. */
export class ElementSplitter {
  private state = State.Head;
  private buf = "";
  /** Where the scan resumes in `buf`, and where the text not yet given to the sink starts. */
  private pos = 0;
  private gapStart = 0;
  private prefix: string | null = null;
  private openItem = "";
  private closeItem = "";
  private closeContainer = "";

  /**
   * `root` is the part's root element (its prefix is the part's), `container` the element holding
   * the `item`s (it may be the root itself).
   */
  constructor(
    private readonly root: string,
    private readonly container: string,
    private readonly itemName: string,
    private readonly sink: ElementSink,
  ) {}

  push(text: string): void {
    if (this.state === State.Tail) {
      if (text) this.sink.tail(text);
      return;
    }
    this.buf = this.gapStart > 0 ? this.buf.slice(this.gapStart) + text : this.buf + text;
    this.pos -= this.gapStart;
    this.gapStart = 0;
    if (this.state === State.Head) this.findHead(false);
    if (this.state === State.Items) this.scanItems(false);
  }

  end(): void {
    if (this.state === State.Head) this.findHead(true);
    if (this.state === State.Items) this.scanItems(true);
    this.buf = "";
  }

  private findHead(last: boolean): void {
    const buf = this.buf;
    if (this.prefix === null) {
      const m = new RegExp(`<(\\w+:)?${this.root}[\\s>/]`).exec(buf);
      if (m) this.prefix = m[1] ?? "";
      else if (last) return this.whole();
      else return;
    }
    const p = this.prefix;
    const open = `<${p}${this.container}`;
    let at = buf.indexOf(open);
    while (at >= 0 && at + open.length < buf.length && !endsName(buf, at + open.length)) at = buf.indexOf(open, at + 1);
    const tagEnd = at < 0 ? -1 : buf.indexOf(">", at);
    if (tagEnd < 0 || (at + open.length >= buf.length && !last)) {
      if (last) this.whole();
      return;
    }
    const empty = buf.charCodeAt(tagEnd - 1) === 47;
    this.openItem = `<${p}${this.itemName}`;
    this.closeItem = `</${p}${this.itemName}>`;
    this.closeContainer = `</${p}${this.container}>`;
    this.sink.head(buf.slice(0, tagEnd + 1), p, empty);
    this.pos = this.gapStart = tagEnd + 1;
    if (empty) {
      this.sink.close("");
      this.toTail(tagEnd + 1);
    } else this.state = State.Items;
  }

  private whole(): void {
    this.state = State.Tail;
    const text = this.buf;
    this.buf = "";
    this.sink.missing(text);
  }

  private toTail(from: number): void {
    this.state = State.Tail;
    const rest = this.buf.slice(from);
    this.buf = "";
    this.pos = this.gapStart = 0;
    if (rest) this.sink.tail(rest);
  }

  private scanItems(last: boolean): void {
    const buf = this.buf;
    const { openItem, closeItem, closeContainer } = this;
    const lookahead = Math.max(openItem.length + 1, closeContainer.length);
    let pos = this.pos;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0 || (lt + lookahead > buf.length && !last)) break;
      if (buf.startsWith(openItem, lt) && endsName(buf, lt + openItem.length)) {
        const tagEnd = buf.indexOf(">", lt);
        if (tagEnd < 0) break;
        let end: number;
        if (buf.charCodeAt(tagEnd - 1) === 47) end = tagEnd + 1;
        else {
          const c = buf.indexOf(closeItem, tagEnd);
          if (c < 0) break;
          end = c + closeItem.length;
        }
        this.sink.item(buf.slice(this.gapStart, lt), buf.slice(lt, end));
        pos = this.gapStart = end;
        continue;
      }
      if (buf.startsWith(closeContainer, lt)) {
        this.sink.close(buf.slice(this.gapStart, lt));
        this.toTail(lt + closeContainer.length);
        return;
      }
      // Other markup between the elements (a comment): part of the gap.
      pos = lt + 1;
    }
    this.pos = pos;
    if (last) throw new Error(`unclosed <${this.prefix ?? ""}${this.container}>`);
  }
}

/** Runs a splitter over pieces of text, to the end or until `done()` says so (the rest is not read). */
export async function splitPieces(pieces: AsyncIterable<string> | Iterable<string>, splitter: ElementSplitter, done: () => boolean = () => false): Promise<void> {
  for await (const piece of pieces) {
    splitter.push(piece);
    if (done()) return;
  }
  splitter.end();
}

/**
 * The first start tag of element `name` in a part given in pieces, read until it is found (an
 * element after the rows, such as `<sheetProtection>`), or null. Text never holds a `<`, so any
 * `<name` is the element.
 */
export async function findStartTag(pieces: AsyncIterable<string> | Iterable<string>, root: string, name: string): Promise<string | null> {
  let text = "";
  let open: string | null = null;
  for await (const piece of pieces) {
    text += piece;
    if (open === null) {
      const m = new RegExp(`<(\\w+:)?${root}[\\s>/]`).exec(text);
      if (!m) continue;
      open = `<${m[1] ?? ""}${name}`;
    }
    // Kept for the next piece: what may be the start of the tag.
    let keep = Math.max(0, text.length - open.length);
    for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
      if (at + open.length < text.length && !endsName(text, at + open.length)) continue;
      const end = text.indexOf(">", at);
      if (end >= 0 && at + open.length < text.length) return text.slice(at, end + 1);
      keep = Math.min(keep, at);
      break;
    }
    text = text.slice(keep);
  }
  return null;
}

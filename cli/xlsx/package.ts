/**
 * The .xlsx package (OPC zip) edited in place: parts, relationships and content types. yauzl reads
 * the zip (each part inflated when asked for, its CRC-32 checked), yazl writes it. Every part we do
 * not touch is copied with the same bytes: charts, pivot tables, macros, comments, other sheets.
 */
import { Readable } from "node:stream";
import { TextDecoder } from "node:util";
import zlib from "node:zlib";
import yauzl from "yauzl";
import yazl from "yazl";
import { attributes, escapeXml, findElements, insertBefore, rootPrefix } from "./xml";

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
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
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

/**
 * A part written piece by piece when the package is (a sheet's rows, or a sheet edited as it is
 * read): `chunks` is called once; `large` parts are deflated at zlib's fastest level.
 */
export interface ChunkedPart {
  chunks: () => Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
  large?: boolean;
}
export type PartContent = string | Uint8Array | ChunkedPart;

/** Parts larger than this (a 100,000-row sheet is ~100 MB of XML) are deflated at level 1: 4× faster, 30% larger. */
const LARGE_PART = 8_000_000;

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

/** The zip cannot be read, or a part is missing or damaged. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

const isChunked = (v: PartContent): v is ChunkedPart => typeof v === "object" && !(v instanceof Uint8Array);

export class OoxmlPackage {
  private changed = new Map<string, PartContent | null>();
  private constructor(
    private readonly zip: yauzl.ZipFile | null,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(bytes: Uint8Array): Promise<OoxmlPackage> {
    const entries = new Map<string, yauzl.Entry>();
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true });
      for await (const e of zip.eachEntry()) if (!e.fileName.endsWith("/")) entries.set(e.fileName, e);
    } catch (e) {
      throw new PackageError(`not a zip file: ${(e as Error).message}`);
    }
    return new OoxmlPackage(zip, entries);
  }

  /**
   * A package read from its file as parts are asked for, never held whole (a 100,000-client
   * workbook is 30 MB); `close` it when done.
   */
  static async openFile(path: string): Promise<OoxmlPackage> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (e) {
      throw new PackageError(`not a zip file: ${(e as Error).message}`);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const e of zip.eachEntry()) if (!e.fileName.endsWith("/")) entries.set(e.fileName, e);
    } catch (e) {
      zip.close();
      throw new PackageError(`not a zip file: ${(e as Error).message}`);
    }
    return new OoxmlPackage(zip, entries);
  }

  /** Lets go of the file a package was read from (`openFile`); its stored parts cannot be read after. */
  close(): void {
    this.zip?.close();
  }

  /** A package with no parts yet (a workbook made from a CSV). */
  static empty(): OoxmlPackage {
    return new OoxmlPackage(null, new Map());
  }

  /** The stored path of a part (part names are case-insensitive), or null. */
  find(path: string): string | null {
    if (this.changed.has(path)) return this.changed.get(path) === null ? null : path;
    if (this.entries.has(path)) return path;
    const lower = path.toLowerCase();
    for (const [p, v] of this.changed) if (p.toLowerCase() === lower) return v === null ? null : p;
    for (const p of this.entries.keys()) if (p.toLowerCase() === lower) return p;
    return null;
  }

  has(path: string): boolean {
    return this.find(path) !== null;
  }

  paths(): string[] {
    const all = new Set(this.entries.keys());
    for (const [p, v] of this.changed) {
      if (v === null) all.delete(p);
      else all.add(p);
    }
    return [...all];
  }

  /**
   * A stored part's bytes as they inflate, piece by piece, checked against its CRC-32 at the end
   * (a damaged part fails after its last piece: whoever reads it must not have acted on it yet).
   */
  private async *inflated(path: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(path);
    if (!entry || !this.zip) throw new PackageError(`missing part ${path}`);
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw new PackageError(`part ${path} cannot be read (${(e as Error).message})`);
    }
    let crc = 0;
    const pieces = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await pieces.next();
        } catch (e) {
          throw new PackageError(`part ${path} cannot be read (${(e as Error).message})`);
        }
        if (next.done) break;
        crc = zlib.crc32(next.value, crc);
        yield next.value;
      }
    } finally {
      stream.destroy();
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw new PackageError(`part ${path} is damaged (CRC-32 mismatch)`);
  }

  /** A stored part's bytes, inflated and checked against its CRC-32. */
  private async inflate(path: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.inflated(path)) chunks.push(c);
    return Buffer.concat(chunks);
  }

  /**
   * A part's text in pieces (UTF-8, as `text` reads it), for parts too large to hold as one
   * string: a stored part as it inflates (see `inflated`), a part set as text or bytes at once.
   */
  textPieces(path: string): AsyncGenerator<string> {
    return this.source(path)();
  }

  /**
   * The part's content as it is now, to read in pieces (`textPieces`) later — when the part may
   * have been set to what is made from it (a sheet edited as the package is written).
   */
  source(path: string): () => AsyncGenerator<string> {
    const p = this.find(path);
    if (p === null) throw new PackageError(`missing part ${path}`);
    const v = this.changed.get(p);
    if (v === null || (v !== undefined && isChunked(v))) throw new PackageError(`part ${path} is written with the package and cannot be read back`);
    if (v !== undefined) {
      const text = typeof v === "string" ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("utf8");
      return async function* () {
        yield text;
      };
    }
    const inflated = () => this.inflated(p);
    return async function* () {
      const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      for await (const piece of inflated()) {
        const text = decoder.decode(piece, { stream: true });
        if (text) yield text;
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    };
  }

  /** Is the stored part large (deflated at zlib's fastest level when written again)? */
  isLarge(path: string): boolean {
    const p = this.find(path);
    return p !== null && (this.entries.get(p)?.uncompressedSize ?? 0) > LARGE_PART;
  }

  async bytes(path: string): Promise<Buffer> {
    const p = this.find(path);
    if (p === null) throw new PackageError(`missing part ${path}`);
    const v = this.changed.get(p);
    if (v === undefined) return this.inflate(p);
    if (typeof v === "string") return Buffer.from(v, "utf8");
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    if (v === null) throw new PackageError(`missing part ${path}`);
    // Written only when the package is: its chunks may be made once.
    throw new PackageError(`part ${path} is written with the package and cannot be read back`);
  }

  async text(path: string): Promise<string> {
    const p = this.find(path);
    const v = p === null ? undefined : this.changed.get(p);
    return typeof v === "string" ? v : (await this.bytes(path)).toString("utf8");
  }

  /** Sets a part's content; chunked parts are written in the order they were last set. */
  set(path: string, content: PartContent): void {
    const p = this.find(path) ?? path;
    this.changed.delete(p);
    this.changed.set(p, content);
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

  /**
   * The zip with every change applied, as a stream: content types first, as Office writes them;
   * parts written in chunks last, in the order they were set (a sheet's rows before the shared
   * strings they add to). Parts are read, made and deflated one after another; with `deflate`
   * false they are stored (a copy read back at once). Nothing starts until the stream is read: a
   * damaged part it copies fails as an error of the stream, never before anything listens.
   */
  stream(deflate = true): Readable {
    const zipped = () => this.zipStream(deflate) as AsyncIterable<Buffer>;
    return Readable.from((async function* () {
      yield* zipped();
    })(), { objectMode: false });
  }

  private zipStream(deflate: boolean): Readable {
    const zip = new yazl.ZipFile();
    const mtime = new Date();
    const chunked = [...this.changed].filter(([, v]) => v !== null && isChunked(v)).map(([p]) => p);
    const first = (p: string) => (p === "[Content_Types].xml" ? 0 : p === "_rels/.rels" ? 1 : 2);
    const rest = this.paths().filter((p) => !chunked.includes(p)).sort((a, b) => first(a) - first(b));
    const paths = [...rest, ...chunked];
    const level = (large: boolean) => (!deflate ? 0 : large ? 1 : 6);
    const out = zip.outputStream as Readable;
    zip.on("error", (e: Error) => out.destroy(e));
    // yazl pipes a part's stream without listening to its errors: a part failing half-way (a
    // damaged stored part, a cell in the way of an edit) fails the zip.
    const piped = (pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Readable =>
      Readable.from(pieces, { objectMode: false }).once("error", (e: Error) => zip.emit("error", e));
    for (const p of paths) {
      const v = this.changed.get(p);
      if (v === undefined || v === null) {
        // Untouched: the stored bytes as they inflate, when the zip gets to them.
        const large = (this.entries.get(p)?.uncompressedSize ?? 0) > LARGE_PART;
        zip.addReadStreamLazy(p, { mtime, compressionLevel: level(large) }, (cb) => cb(null, piped(this.inflated(p))));
      } else if (isChunked(v)) {
        zip.addReadStreamLazy(p, { mtime, compressionLevel: level(v.large ?? false) }, (cb) => cb(null, piped(v.chunks())));
      } else {
        const b = typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        zip.addBuffer(b, p, { mtime, compressionLevel: level(b.length > LARGE_PART) });
      }
    }
    zip.end();
    return out;
  }

  /** The whole zip in memory. */
  async generate(deflate = true): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.stream(deflate) as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  }
}

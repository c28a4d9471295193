/**
 * Small, exact helpers for the SpreadsheetML we edit in place: escaping, attributes, elements.
 * The parts we touch are machine-written XML (no DTDs); element names may carry a namespace
 * prefix (`x:row` from Open XML SDK writers), so every finder takes the prefix of the part.
 */

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

export function unescapeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") {
      // A damaged part may name no character at all (`&#x110000;`): kept as written, never a crash.
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : `&${e};`;
    }
    return e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : "'";
  });
}

/**
 * Cell text as SpreadsheetML stores it (ST_Xstring): characters XML cannot hold (controls, U+FFFE,
 * U+FFFF, and lone surrogates, which UTF-8 cannot hold either), and CR (which XML readers turn
 * into LF), become `_xHHHH_`; a literal `_xHHHH_` in the text is protected by escaping its
 * underscore (`_x005F_`), as Excel does. Then XML-escaped.
 */
export function encodeCellText(s: string): string {
  const protectedText = s
    // Every underscore that starts `_xHHHH_`, overlapping ones too (`_x005F_x0041_`).
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(protectedText);
}

/** The inverse of encodeCellText after XML unescaping (what Excel and ExcelJS do on reading). */
export function decodeCellText(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A copy of a string that holds no piece of a larger one: V8 keeps a piece of 13 characters or
 * more cut from a string as a view of the whole, so one cell's text kept from a 64 KB piece of a
 * sheet's XML (or a line of a CSV file) would keep the whole piece. `" " + v` is a rope of the two;
 * slicing a rope makes V8 flatten it into a new string first, and the slice views that copy, not
 * the piece (test/cli/own-string.test.ts measures it). A third of the time a copy through a
 * Buffer took, which was a quarter of reading a sheet of 10,000 clients.
 */
export function ownString(v: string): string {
  return v.length < 13 ? v : (" " + v).slice(1);
}

/** A `<t>` element for cell text, preserving leading/trailing whitespace. */
export function textElement(s: string, prefix = ""): string {
  const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : "";
  return `<${prefix}t${space}>${encodeCellText(s)}</${prefix}t>`;
}

/** Attributes of a start tag (`<c r="A1" s="2">` → {r: "A1", s: "2"}), values unescaped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return out;
  re.lastIndex = start;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1] as string, unescapeXml(m[2] ?? m[3] ?? ""));
  return out;
}

/** Sets (or, with null, removes) one attribute of a start tag. */
export function withAttribute(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  const without = tag.replace(re, "");
  if (value === null) return without;
  const close = without.endsWith("/>") ? without.length - 2 : without.length - 1;
  return `${without.slice(0, close)} ${name}="${escapeXml(value)}"${without.slice(close)}`;
}

/** The namespace prefix (with its colon, or "") of a part's root element. */
export function rootPrefix(xml: string, localName: string): string {
  const m = new RegExp(`<(\\w+:)?${localName}[\\s>/]`).exec(xml);
  if (!m) throw new Error(`no <${localName}> root element`);
  return m[1] ?? "";
}

/** The prefix bound to a namespace URI on the root element, or null. */
export function prefixFor(xml: string, uri: string): string | null | "" {
  const re = /\sxmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g;
  const head = xml.slice(0, xml.indexOf(">", xml.indexOf("<", xml.startsWith("<?") ? xml.indexOf("?>") + 2 : 0)) + 1);
  for (let m = re.exec(head); m; m = re.exec(head)) if (m[2] === uri) return m[1] ? `${m[1]}:` : "";
  return null;
}

export interface Found {
  /** Offset of `<` and the offset just after the element's end. */
  start: number;
  end: number;
  /** The whole element, its start tag, and its content (null for an empty element). */
  xml: string;
  tag: string;
  inner: string | null;
}

/**
 * Finds the first element named `name` (with the given prefix) at or after `from`. Only for
 * elements that never contain an element of the same name (rows, cells, fonts, xfs, sections).
 */
export function findElement(xml: string, name: string, prefix = "", from = 0): Found | null {
  const open = `<${prefix}${name}`;
  let at = xml.indexOf(open, from);
  while (at >= 0) {
    const next = xml.charCodeAt(at + open.length);
    // The name must end here: whitespace, '>' or '/'.
    if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13) break;
    at = xml.indexOf(open, at + 1);
  }
  if (at < 0) return null;
  const tagEnd = xml.indexOf(">", at);
  if (tagEnd < 0) return null;
  const tag = xml.slice(at, tagEnd + 1);
  if (tag.endsWith("/>")) return { start: at, end: tagEnd + 1, xml: tag, tag, inner: null };
  const close = `</${prefix}${name}>`;
  const closeAt = xml.indexOf(close, tagEnd);
  if (closeAt < 0) throw new Error(`unclosed <${prefix}${name}>`);
  const end = closeAt + close.length;
  return { start: at, end, xml: xml.slice(at, end), tag, inner: xml.slice(tagEnd + 1, closeAt) };
}

/** Every element named `name` in `xml` (same restriction as findElement). */
export function findElements(xml: string, name: string, prefix = ""): Found[] {
  const out: Found[] = [];
  for (let f = findElement(xml, name, prefix); f; f = findElement(xml, name, prefix, f.end)) out.push(f);
  return out;
}

/**
 * Inserts `insert` before the first of the named child elements found (searching from `from`),
 * else before `</root>`.
 */
export function insertBefore(xml: string, root: string, prefix: string, candidates: readonly string[], insert: string, from = 0): string {
  let at = -1;
  for (const c of candidates) {
    const f = findElement(xml, c, prefix, from);
    if (f && (at < 0 || f.start < at)) at = f.start;
  }
  if (at < 0) at = xml.lastIndexOf(`</${prefix}${root}>`);
  if (at < 0) throw new Error(`no </${prefix}${root}>`);
  return xml.slice(0, at) + insert + xml.slice(at);
}

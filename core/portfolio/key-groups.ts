/**
 * Rows grouped by client (SPEC §2: names matched ignoring case and surrounding spaces, the
 * `clientKey` of model/history): which rows name the same client. An open-addressing table over
 * typed arrays, sized once for every row: at 100,000 rows a JS Set or Map spends most of its time
 * growing and rehashing. A plain ASCII name with nothing to trim is hashed and compared with its
 * case folded as it is read, so no lower-case copy of it is made; any other name goes through
 * `clientKey` itself.
 */
import { clientKey } from "../model/history";
import { rowAt, type RowList } from "../values";

export interface KeyGroups {
  /** Per row: its client's group (0, 1, … in order of first appearance), or -1 for a row with no name. */
  group: Int32Array;
  /** Distinct clients. */
  distinct: number;
  /** Rows with a name. */
  nonBlank: number;
}

/** FNV-1a's last step: a final mix so the low bits (the table index) spread; 30 bits, never -1. */
function mixed(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) & 0x3fffffff;
}

/** FNV-1a over the UTF-16 code units of a key. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < key.length; c++) h = Math.imul(h ^ key.charCodeAt(c), 0x01000193);
  return mixed(h);
}

/**
 * The hash of `clientKey(name)` for a plain name (ASCII, no space or control character at either
 * end: its key is its letters in lower case), without making the key; -1 for any other name.
 */
export function plainHash(name: string): number {
  const n = name.length;
  if (n === 0 || name.charCodeAt(0) <= 0x20 || name.charCodeAt(n - 1) <= 0x20) return -1;
  let h = 0x811c9dc5;
  for (let c = 0; c < n; c++) {
    let u = name.charCodeAt(c);
    if (u >= 0x80) return -1;
    if (u >= 0x41 && u <= 0x5a) u += 0x20;
    h = Math.imul(h ^ u, 0x01000193);
  }
  return mixed(h);
}

/** Two plain names with the same key: the same letters, case folded. */
function samePlain(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  for (let c = 0; c < a.length; c++) {
    let x = a.charCodeAt(c);
    let y = b.charCodeAt(c);
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

/** Groups the rows by client; a row whose name is null, or that `nameless(i)` says names no client (a total row), has none. */
export function groupNames(names: RowList<string | null>, nameless: ((i: number) => boolean) | null = null): KeyGroups {
  const group = new Int32Array(names.length);
  const distinct = fillGroups(names, nameless, group);
  return { group, distinct, nonBlank: named(group) };
}

/*
 * Each pass over the rows is a function that returns a number as its loop ends: V8 compiles a long
 * loop while it runs, before the code after it has ever run, and an object made there would send
 * the compiled loop back to the interpreter on every grading (see portfolio/health.ts).
 */

/** Rows with a group. */
function named(group: Int32Array): number {
  let n = 0;
  for (let i = 0; i < group.length; i++) if ((group[i] as number) >= 0) n++;
  return n;
}

/** Puts each row's group (or -1) into `group`; returns the number of groups. */
function fillGroups(names: RowList<string | null>, nameless: ((i: number) => boolean) | null, group: Int32Array): number {
  const n = names.length;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  // Slot s is table[2s] (its group, -1 for none) and table[2s + 1] (its hash) side by side: one
  // trip to memory at random reads both. A name is compared with a slot's only when their hashes
  // match (reading the other name is another such trip).
  const table = new Int32Array(2 * size).fill(-1);
  // Each group's first row (its name is row firstRow[g] of names), and that name's key when it is not plain.
  const firstRow = new Int32Array(n);
  const keyOfGroup: (string | undefined)[] = [];
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const name = rowAt(names, i);
    if (name === null || name === undefined || (nameless !== null && nameless(i))) {
      group[i] = -1;
      continue;
    }
    let h = plainHash(name);
    const key = h < 0 ? clientKey(name) : undefined;
    if (key !== undefined) h = hashOf(key);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const g = table[2 * s] as number;
      if (g < 0) {
        table[2 * s] = distinct;
        table[2 * s + 1] = h;
        firstRow[distinct] = i;
        if (key !== undefined) keyOfGroup[distinct] = key;
        group[i] = distinct++;
        break;
      }
      if (table[2 * s + 1] !== h) continue;
      const other = rowAt(names, firstRow[g] as number) as string;
      const otherKey = keyOfGroup[g];
      // A plain name's key is its letters folded: compared folded with the other plain name, or with
      // the other name's key (a name with spaces around, or `\u212A` for K, can have a plain key).
      if (key === undefined ? samePlain(name, otherKey ?? other) : key === (otherKey ?? clientKey(other))) {
        group[i] = g;
        break;
      }
    }
  }
  return distinct;
}

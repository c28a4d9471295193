/**
 * Rows grouped by client key (SPEC §2: names matched ignoring case and surrounding spaces): which
 * rows name the same client. An open-addressing table over typed arrays, sized once for every row:
 * at 100,000 rows a JS Set or Map spends most of its time growing and rehashing.
 */
export interface KeyGroups {
  /** Per row: its key's group (0, 1, … in order of first appearance), or -1 for a row with no key. */
  group: Int32Array;
  /** Distinct keys. */
  distinct: number;
  /** Rows with a key. */
  nonBlank: number;
}

/** FNV-1a over the UTF-16 code units, then a final mix so the low bits (the table index) spread. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < key.length; c++) h = Math.imul(h ^ key.charCodeAt(c), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export function groupKeys(keys: readonly (string | null)[]): KeyGroups {
  const n = keys.length;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  // Each group's first row: its key is keys[firstRow[g]].
  const firstRow = new Int32Array(n);
  const group = new Int32Array(n);
  let distinct = 0;
  let nonBlank = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key === null || key === undefined) {
      group[i] = -1;
      continue;
    }
    nonBlank++;
    for (let s = hashOf(key) & mask; ; s = (s + 1) & mask) {
      const g = slots[s] as number;
      if (g < 0) {
        slots[s] = distinct;
        firstRow[distinct] = i;
        group[i] = distinct++;
        break;
      }
      if (keys[firstRow[g] as number] === key) {
        group[i] = g;
        break;
      }
    }
  }
  return { group, distinct, nonBlank };
}

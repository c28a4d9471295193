// The client-key table (core/portfolio/key-groups): rows naming the same client share a group, in
// order of first appearance; blanks have none. Checked against a JS Map on random keys, including
// keys chosen to collide in the table.
import { describe, expect, it } from "vitest";
import { groupKeys } from "../../../core/portfolio/key-groups";

/** The same grouping with a Map: the reference. */
function reference(keys: readonly (string | null)[]) {
  const ids = new Map<string, number>();
  const group = keys.map((k) => {
    if (k === null) return -1;
    let g = ids.get(k);
    if (g === undefined) ids.set(k, (g = ids.size));
    return g;
  });
  return { group, distinct: ids.size, nonBlank: keys.filter((k) => k !== null).length };
}

describe("groupKeys", () => {
  it("groups equal keys in order of first appearance; blanks are -1", () => {
    const g = groupKeys(["acme", null, "beta", "acme", "", "beta", "acme", ""]);
    expect(Array.from(g.group)).toEqual([0, -1, 1, 0, 2, 1, 0, 2]);
    expect(g.distinct).toBe(3);
    expect(g.nonBlank).toBe(7);
  });

  it("no keys at all", () => {
    const g = groupKeys([]);
    expect(g.distinct).toBe(0);
    expect(g.nonBlank).toBe(0);
    expect(groupKeys([null, null]).group).toEqual(new Int32Array([-1, -1]));
  });

  it("agrees with a Map on 20,000 random keys with many repeats, non-ASCII and lone surrogates", () => {
    let seed = 7;
    const rnd = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    const alphabet = ["a", "b", "é", "ß", "\u{1F600}", "\ud800", " ", "0"];
    const pool = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(""));
    const keys = Array.from({ length: 20_000 }, () => (rnd() < 0.05 ? null : (pool[Math.floor(rnd() * pool.length)] as string)));
    const g = groupKeys(keys);
    const r = reference(keys);
    expect(Array.from(g.group)).toEqual(r.group);
    expect(g.distinct).toBe(r.distinct);
    expect(g.nonBlank).toBe(r.nonBlank);
  });

  it("keys that differ only where a weak hash would not look still get groups of their own", () => {
    // Same length, same characters in another order, and prefixes of each other.
    const keys = ["ab", "ba", "abab", "baba", "aabb", "abba", "a", "aa", "aaa", "ab", "ba", "aaa"];
    expect(Array.from(groupKeys(keys).group)).toEqual(reference(keys).group);
  });
});

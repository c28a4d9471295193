// The client table (core/portfolio/key-groups): rows naming the same client (the same clientKey:
// case and surrounding spaces ignored) share a group, in order of first appearance; blanks and
// rows said to name no client have none. Checked against a JS Map of clientKey on random names:
// plain ASCII ones read without a lower-case copy, and every other kind (spaces around, non-ASCII,
// letters whose lower case is ASCII such as the Kelvin sign, lone surrogates, control characters).
import { describe, expect, it } from "vitest";
import { clientKey } from "../../../core/model/history";
import { groupNames as groupRows, plainHash } from "../../../core/portfolio/key-groups";
import { rowListOf } from "../../../core/values";

/** The rows of a list grouped (the portfolio's names are a row list). */
const groupNames = (names: readonly (string | null)[], nameless: ((i: number) => boolean) | null = null) => groupRows(rowListOf(names), nameless);

/** The same grouping with a Map of clientKey: the reference. */
function reference(names: readonly (string | null)[], nameless: (i: number) => boolean = () => false) {
  const ids = new Map<string, number>();
  let nonBlank = 0;
  const group = names.map((n, i) => {
    if (n === null || nameless(i)) return -1;
    nonBlank++;
    const k = clientKey(n);
    let g = ids.get(k);
    if (g === undefined) ids.set(k, (g = ids.size));
    return g;
  });
  return { group, distinct: ids.size, nonBlank };
}

describe("groupNames", () => {
  it("groups names with one key in order of first appearance; blanks are -1", () => {
    const g = groupNames(["Acme", null, "beta", "ACME", "", "Beta ", " acme", ""]);
    expect(Array.from(g.group)).toEqual([0, -1, 1, 0, 2, 1, 0, 2]);
    expect(g.distinct).toBe(3);
    expect(g.nonBlank).toBe(7);
  });

  it("no names at all; rows said to name no client (a total row) have no group", () => {
    expect(groupNames([]).distinct).toBe(0);
    expect(groupNames([null, null]).group).toEqual(new Int32Array([-1, -1]));
    const g = groupNames(["Acme", "Total", "acme"], (i) => i === 1);
    expect(Array.from(g.group)).toEqual([0, -1, 0]);
    expect(g.nonBlank).toBe(2);
  });

  it("a plain name and a name whose key is plain meet, whichever comes first", () => {
    for (const names of [
      ["Kelvin", "\u212Aelvin", " KELVIN"],
      ["\u212Aelvin", "kelvin"],
      [" Acme ", "ACME", "acme\t"],
      ["Straße", "STRASSE", "straße"],
      ["İstanbul", "istanbul", "i\u0307stanbul"],
    ]) {
      expect(Array.from(groupNames(names).group), names.join("|")).toEqual(reference(names).group);
    }
  });

  it("agrees with a Map of clientKey on 20,000 random names with many repeats", () => {
    let seed = 7;
    const rnd = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    const alphabet = ["a", "A", "b", "B", "k", "\u212A", "é", "É", "ß", "\u{1F600}", "\ud800", " ", "\t", "\u0001", "0", "İ"];
    const pool = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(""));
    const names = Array.from({ length: 20_000 }, () => (rnd() < 0.05 ? null : (pool[Math.floor(rnd() * pool.length)] as string)));
    const nameless = (i: number) => i % 97 === 0;
    for (const skip of [undefined, nameless]) {
      const g = groupNames(names, skip ?? null);
      const r = reference(names, skip);
      expect(Array.from(g.group)).toEqual(r.group);
      expect(g.distinct).toBe(r.distinct);
      expect(g.nonBlank).toBe(r.nonBlank);
    }
  });

  it("names that differ only where a weak hash would not look still get groups of their own", () => {
    // Same length, same characters in another order, prefixes of each other, case only.
    const names = ["ab", "ba", "abab", "baba", "aabb", "abba", "a", "aa", "aaa", "AB", "bA", "aaa", "Ab"];
    expect(Array.from(groupNames(names).group)).toEqual(reference(names).group);
  });

  it("two names whose hashes are equal are still told apart, and each still finds its own group", () => {
    // Search for two plain names with the same hash (30 bits: a pair turns up within ~100,000 names).
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null && i < 1_000_000; i++) {
      const name = `Client ${i}`;
      const h = plainHash(name);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, name];
      else seen.set(h, name);
    }
    expect(pair).not.toBeNull();
    const [a, b] = pair as [string, string];
    expect(plainHash(a)).toBe(plainHash(b));
    const names = [a, b, a.toUpperCase(), ` ${b} `, b.toLowerCase(), a];
    const g = groupNames(names);
    expect(Array.from(g.group)).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(g.group)).toEqual(reference(names).group);
  });
});


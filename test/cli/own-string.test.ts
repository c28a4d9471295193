// cli/xlsx/xml.ts `ownString`: a cell's text kept from a large piece of a file (a 64 KB piece of
// a CSV, a sheet's XML as it inflates) must not keep the piece alive. Measured on the heap: 2,000
// pieces of 64 KB each (128 MB), a 20-character cell kept from each, everything else dropped; and
// the same for two-byte (non-Latin) text, which V8 keeps in a string of its own kind.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ownString } from "../../cli/xlsx/xml";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Heap bytes still used, after a full collection, by the cells `keep` makes of `pieces` pieces of
 * 64K characters of `fill` (a Latin character: a byte each; another: two bytes each, as V8 keeps
 * any text with a character past U+00FF).
 */
function heldBy(keep: (cell: string) => string, fill = "x", pieces = 2000): { bytes: number; cells: string[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const cells: string[] = [];
  for (let i = 0; i < pieces; i++) {
    // A flat string of 64K characters, different each time (as pieces of a file are).
    const piece = `${i}:${fill.repeat(65536)}`.split("").reverse().join("");
    cells.push(keep(piece.slice(100 + (i % 50), 120 + (i % 50))));
  }
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, cells };
}

describe("ownString", () => {
  it("keeps a cell's text without the 64 KB piece it was cut from", () => {
    const own = heldBy(ownString);
    expect(own.bytes).toBeLessThan(16 << 20);
    // The same characters.
    expect(own.cells[7]).toBe(`${7}:${"x".repeat(65536)}`.split("").reverse().join("").slice(107, 127));
    expect(own.cells.every((c) => c.length === 20)).toBe(true);
  });

  it("keeps two-byte (non-Latin) text without its piece too, and as the same characters", () => {
    // 500 pieces of 128 KB (64 MB): making two-byte pieces is slow.
    const own = heldBy(ownString, "株", 500);
    expect(own.bytes).toBeLessThan(16 << 20);
    expect(own.cells[7]).toBe(`${7}:${"株".repeat(65536)}`.split("").reverse().join("").slice(107, 127));
    expect(own.cells.every((c) => c.length === 20 && /^株+$/.test(c))).toBe(true);
    // The cut text alone keeps every two-byte piece: the measure can tell.
    expect(heldBy((cell) => cell, "株", 500).bytes).toBeGreaterThan(50 << 20);
  });

  it("is needed: the cut text alone keeps every piece (V8 keeps a cut of 13 characters or more as a view)", () => {
    const cut = heldBy((cell) => cell);
    expect(cut.bytes).toBeGreaterThan(100 << 20);
    expect(cut.cells).toHaveLength(2000);
  });

  it("leaves short texts and non-Latin text as they are", () => {
    expect(ownString("")).toBe("");
    expect(ownString("Acme")).toBe("Acme");
    expect(ownString("Société Générale ✓ 株式会社")).toBe("Société Générale ✓ 株式会社");
    expect(ownString(" padded cell name ")).toBe(" padded cell name ");
  });
});

// core/values/row-list.ts: a list of one value per row in blocks of 8,192 must read back exactly
// what was set, at every row, across the blocks' edges.
import { describe, expect, it } from "vitest";
import { rowAt, rowList, rowListOf, rowValues, setRow } from "../../../core/values/row-list";

describe("row lists", () => {
  it("hold `length` rows of the fill value, in blocks of 8,192 with a shorter last one", () => {
    for (const [length, sizes] of [[0, []], [1, [1]], [8191, [8191]], [8192, [8192]], [8193, [8192, 1]], [20_000, [8192, 8192, 3616]]] as const) {
      const list = rowList<string | null>(length, null);
      expect(list.length).toBe(length);
      expect(list.blocks.map((b) => b.length)).toEqual(sizes);
      expect(rowValues(list).every((v) => v === null)).toBe(true);
    }
  });

  it("read back each row as set, on both sides of each block's edge", () => {
    const list = rowList<number>(20_000, -1);
    for (let i = 0; i < 20_000; i++) setRow(list, i, i * 3);
    for (const i of [0, 8191, 8192, 8193, 16_383, 16_384, 19_999]) expect(rowAt(list, i)).toBe(i * 3);
    expect(rowValues(list)).toEqual(Array.from({ length: 20_000 }, (_, i) => i * 3));
  });

  it("are made from a list and give it back unchanged (holes and undefined kept as undefined)", () => {
    const values = Array.from({ length: 9000 }, (_, i) => (i % 7 === 0 ? null : `Client ${i}`));
    expect(rowValues(rowListOf(values))).toEqual(values);
    expect(rowValues(rowListOf([undefined, "a"]))).toEqual([undefined, "a"]);
  });
});

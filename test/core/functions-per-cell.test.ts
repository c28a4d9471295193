// Per-cell custom functions (issue 10): `=KAM_REVENUE_RATING(C2, C$2:C$10001)` filled down calls the
// function once per cell with the same population. After the first call the population is
// recognised without parsing it again — by identity, or (both hosts hand each call a fresh copy)
// cell by cell — and an edited population is never served stale.
import { describe, expect, it, vi } from "vitest";
import * as values from "../../core/values";
import { callFunction, populationReads, populationSorts, toMatrix } from "../../core/functions";
import { recognised, sameCells, SMALL_RANGE } from "../../core/functions/recognise";
import { seeded } from "../helpers";

// Every parseAmount call of core counted, the real function still doing the work.
vi.mock("../../core/values", async (importOriginal) => {
  const real = await importOriginal<typeof values>();
  return { ...real, parseAmount: vi.fn(real.parseAmount) };
});
const parseAmount = vi.mocked(values.parseAmount);

const call = (...args: unknown[]) => callFunction("REVENUE_RATING", args).result[0]?.[0];
const copy = (m: unknown[][]) => m.map((row) => [...row]);
const column = (n: number, seed: number) => {
  const rnd = seeded(seed);
  return Array.from({ length: n }, () => [Math.round(rnd() * 1e6) + 1]);
};

describe("the population of a per-cell call", () => {
  it("is parsed once: later calls parse only their own cell, with the same array or a fresh copy of it", () => {
    const pop = column(2_000, 21);
    call(pop[0]?.[0], pop);
    const reads = populationReads();
    parseAmount.mockClear();
    for (let i = 1; i < 200; i++) call(pop[i]?.[0], pop);
    expect(parseAmount).toHaveBeenCalledTimes(199); // the revenue argument of each call, nothing more
    parseAmount.mockClear();
    for (let i = 0; i < 200; i++) call(pop[i]?.[0], copy(pop)); // as Sheets and Excel hand it: a new array each call
    expect(parseAmount).toHaveBeenCalledTimes(200);
    expect(populationReads()).toBe(reads);
  });

  it("parse work per call does not grow with the number of calls or the population's size", () => {
    for (const n of [100, 10_000]) {
      const pop = column(n, n);
      call(pop[0]?.[0], copy(pop));
      parseAmount.mockClear();
      for (let i = 0; i < 50; i++) call(pop[i]?.[0], copy(pop));
      expect(parseAmount.mock.calls.length).toBe(50);
    }
  });

  it("one cell edited (same length): the next call ranks against the edited population", () => {
    const pop = Array.from({ length: 10 }, (_, i) => [100 - i * 10]); // 100 … 10
    expect(call(100, copy(pop))).toBe("High"); // rank 1 of 10: the top 10%
    const reads = populationReads();
    const edited = copy(pop);
    (edited[5] as number[])[0] = 500; // 50 → 500: 100 now ranks second
    expect(call(100, edited)).toBe("Medium");
    expect(populationReads()).toBe(reads + 1);
    expect(call(100, copy(edited))).toBe("Medium");
    expect(call(100, copy(pop))).toBe("High"); // the first population is still known, and still right
    expect(populationReads()).toBe(reads + 1);
    const last = copy(pop);
    (last[9] as number[])[0] = 150; // the last cell: 10 → 150
    expect(call(100, last)).toBe("Medium");
  });

  it("an edit the parse would read alike is still a different population (a number typed as text, a blank)", () => {
    const pop = [[100], [90], [80]];
    call(80, copy(pop));
    const reads = populationReads();
    const sorts = populationSorts();
    expect(call(80, [[100], ["90"], [80]])).toBe(call(80, copy(pop)));
    expect(populationReads()).toBe(reads + 1); // "90" is not 90: read again, never assumed equal
    expect(populationSorts()).toBe(sorts); // the same numbers share one sort
    expect(call(80, [[100], [""], [80]])).toBe("Low"); // rank 2 of 2
    expect(populationReads()).toBe(reads + 2);
    expect(populationSorts()).toBe(sorts + 1); // other numbers, another sort
  });

  it("rows added: the longer population is read, the ranks move", () => {
    const pop = Array.from({ length: 10 }, (_, i) => [100 - i * 10]); // 100 … 10
    expect(call(100, copy(pop))).toBe("High"); // rank 1 of 10: the top 10%
    const longer = [...copy(pop), [1000], [2000]];
    expect(call(100, longer)).toBe("Medium"); // rank 3 of 12: the next 10% reaches rank 3
    expect(call(100, copy(pop))).toBe("High");
  });

  it("Dates are compared by their time, a different Date is a different population", () => {
    expect(sameCells([[new Date(2026, 0, 1)], [5]], [[new Date(2026, 0, 1)], [5]])).toBe(true);
    expect(sameCells([[new Date(2026, 0, 1)], [5]], [[new Date(2026, 0, 2)], [5]])).toBe(false);
    expect(sameCells([[1], [2]], [[1], [2], [3]])).toBe(false);
    expect(sameCells([[1, 2]], [[1]])).toBe(false);
    expect(sameCells([[1]], [["1"]])).toBe(false);
    expect(sameCells([[null]], [[""]])).toBe(false);
  });
});

describe("recognised", () => {
  const big = (f: (i: number) => unknown) => Array.from({ length: SMALL_RANGE + 10 }, (_, i) => [f(i)]);

  it("gives back the range seen before with the same cells, and a changed range as itself", () => {
    const first = big((i) => i * 2);
    expect(recognised(first)).toBe(first);
    expect(recognised(copy(first))).toBe(first);
    const edited = copy(first);
    (edited[SMALL_RANGE] as unknown[])[0] = "64"; // the same number, typed as text
    expect(recognised(edited)).toBe(edited);
    expect(recognised(copy(first))).toBe(first);
    const longer = [...copy(first), [1]];
    expect(recognised(longer)).toBe(longer);
  });

  it("a range whose rows are not arrays is never taken for another", () => {
    const a = Array.from({ length: SMALL_RANGE + 10 }, (_, i) => i);
    const b = Array.from({ length: SMALL_RANGE + 10 }, (_, i) => i + 1);
    expect(sameCells(a as never, b as never)).toBe(false);
  });

  it("small ranges are not remembered", () => {
    const small = [[1], [2]];
    expect(recognised(copy(small))).not.toBe(recognised(copy(small)));
  });
});

describe("toMatrix", () => {
  it("does not scan a range: only its first row is looked at", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i]);
    const read = new Set<string>();
    const watched = new Proxy(rows, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) read.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(toMatrix(watched)).toBe(watched);
    expect([...read]).toEqual(["0"]);
  });
});

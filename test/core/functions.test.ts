// core/functions.ts: the custom-function table (SPEC §8). Blank in → blank out, a bad cell is an
// error in that cell alone, shapes are kept, scalars broadcast, and results agree with the portfolio.
import { describe, expect, it } from "vitest";
import { callFunction, FUNCTIONS, isKamError, KamError, PORTFOLIO_COLUMNS, populationSorts, toMatrix, type Out } from "../../core/functions";
import { documented, FUNCTION_HELP } from "../../core/functions/help";
import { gradePortfolio } from "../../core/portfolio";
import { DEFAULT_SETTINGS, resolveSettings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";
import { seeded } from "../helpers";

const today = dayFromParts(2026, 6, 30);
const call = (name: string, ...args: unknown[]) => callFunction(name, args).result;
const col = (...xs: CellValue[]) => xs.map((x) => [x]);
const flat = (m: Out[][]) => m.map((r) => r[0]);

/**
 * Per function: the arguments of three rows as columns — a blank row, a good row, a row whose
 * driving cell is bad — and what the good row gives. Scalar-result functions are listed apart.
 */
const ROWS: Record<string, { args: CellValue[][]; good: Out | RegExp }> = {
  REVENUE_RATING: { args: [["", 100, "abc"]], good: "High" },
  WALLET_RATING: { args: [["", "60%", "lots"]], good: "Medium" },
  PROFIT_RATING: { args: [["", "12%", "#N/A"]], good: "Medium" },
  MARGIN: { args: [["", 100, "x"], ["", 1000, 1000]], good: 0.1 },
  LEVEL: { args: [["", "h", "zzz"]], good: "High" },
  PAIN: { args: [["", "no", "maybe"], ["", "yes", "yes"]], good: "Medium" },
  SCORE: { args: [["", "High", "zzz"], ["", "Low", "Low"], ["", "Medium", "Medium"], ["", "High", "High"], ["", "Low", "Low"]], good: 87.5 },
  GRADE: { args: [["", "High", "zzz"], ["", "Low", "Low"], ["", "Medium", "Medium"], ["", "High", "High"], ["", "Low", "Low"]], good: "A" },
  WHY: {
    args: [["", "High", "zzz"], ["", "Low", "Low"], ["", "Medium", "Medium"], ["", "High", "High"], ["", "Low", "Low"]],
    good: "A — revenue High +30, margin Medium +12.5, wallet Low +15, strategic High +20, pain Low +10 = 87.5",
  },
  RELATIONSHIP: { args: [["", "Cooperative", "friendly"]], good: 50 },
  QUADRANT: { args: [["", 60, "zzz"], ["", 40, 50]], good: "Higher-value offers" },
  ACTIONS: { args: [["", "C", "Z"], ["", "90%", ""]], good: "Sponsor: none: great customer service; meet: on request; assign a relationship specialist" },
};
const SCALAR = ["HHI", "TOP_SHARE", "PORTFOLIO", "PROFIT_CURVE"];

describe("the table", () => {
  it("lists every function of SPEC §8 (and the helpers MARGIN, LEVEL, RELATIONSHIP)", () => {
    const names = FUNCTIONS.map((f) => f.name).sort();
    expect(names).toEqual([...Object.keys(ROWS), ...SCALAR].sort());
    for (const want of ["REVENUE_RATING", "WALLET_RATING", "PROFIT_RATING", "PAIN", "SCORE", "GRADE", "WHY", "QUADRANT", "ACTIONS", "PORTFOLIO", "HHI", "TOP_SHARE"]) {
      expect(names).toContain(want);
    }
  });

  it("every function documents itself and each parameter", () => {
    for (const f of documented()) {
      expect(f.description.length, f.name).toBeGreaterThan(20);
      expect(f.example, f.name).toMatch(new RegExp(`^=KAM_${f.name}\\(`));
      for (const p of f.params) expect(p.description.length, `${f.name}(${p.name})`).toBeGreaterThan(5);
      // optional parameters come last
      const firstOptional = f.params.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.params.slice(firstOptional).every((p) => p.optional), f.name).toBe(true);
    }
  });

  it("the help (build-time only) covers exactly the table's functions and parameters, in the table's order", () => {
    const functions = documented();
    expect(functions.map((f) => f.name)).toEqual(FUNCTIONS.map((f) => f.name));
    for (const [i, f] of functions.entries()) expect(f.params.map((p) => [p.name, p.kind, p.optional])).toEqual(FUNCTIONS[i]?.params.map((p) => [p.name, p.kind, p.optional]));
    const level = FUNCTION_HELP.LEVEL as (typeof FUNCTION_HELP)[string];
    expect(() => documented(FUNCTIONS, { ...FUNCTION_HELP, NOPE: level })).toThrow(/help for NOPE, which core\/functions.ts does not have/);
    const { LEVEL: _, ...withoutLevel } = FUNCTION_HELP;
    expect(() => documented(FUNCTIONS, withoutLevel)).toThrow(/LEVEL has no help/);
    expect(() => documented(FUNCTIONS, { ...FUNCTION_HELP, LEVEL: { ...level, params: { value: "x" } } })).toThrow(/LEVEL\(otherwise\) has no help/);
    expect(() => documented(FUNCTIONS, { ...FUNCTION_HELP, LEVEL: { ...level, params: { ...level.params, constructor: "x" } } })).toThrow(/LEVEL: help for a parameter constructor it does not take/);
  });

  it("an unknown function is an error value, not a throw", () => {
    expect(isKamError(call("NOPE", 1)[0]?.[0])).toBe(true);
  });
});

describe.each(Object.entries(ROWS))("KAM_%s", (name, { args, good }) => {
  const columns = args.map((a) => col(...a));
  const out = call(name, ...columns);

  it("a column in → a column of the same height out", () => {
    expect(out).toHaveLength(3);
    expect(out.every((r) => r.length === 1)).toBe(true);
  });

  it("a blank row gives a blank cell", () => {
    expect(out[0]?.[0]).toBe("");
  });

  it("a good row gives its value", () => {
    if (good instanceof RegExp) expect(String(out[1]?.[0])).toMatch(good);
    else expect(out[1]?.[0]).toEqual(good);
  });

  it("a bad cell gives an error in that cell alone", () => {
    const bad = out[2]?.[0];
    expect(bad).toBeInstanceOf(KamError);
    expect((bad as KamError).message.length).toBeGreaterThan(5);
    expect(String(bad)).toMatch(/^⚠ /);
    expect(isKamError(out[1]?.[0])).toBe(false);
  });

  it("a single blank cell in → a single blank out", () => {
    expect(call(name, ...args.map(() => null))).toEqual([[""]]);
    expect(call(name, ...args.map(() => ""))).toEqual([[""]]);
  });

  it("a 2D range in → the same shape out, cell by cell", () => {
    // 2 rows × 3 columns: the good, blank and bad values laid out across
    const ranges = args.map((a) => [[a[1], a[0], a[2]], [a[0], a[1], a[1]]]);
    const m = call(name, ...ranges);
    expect(m.map((r) => r.length)).toEqual([3, 3]);
    expect(m[0]?.[1]).toBe("");
    expect(m[1]?.[0]).toBe("");
    expect(m[0]?.[2]).toBeInstanceOf(KamError);
    for (const [r, c] of [[0, 0], [1, 1], [1, 2]] as const) {
      if (good instanceof RegExp) expect(String(m[r]?.[c])).toMatch(good);
      else if (name !== "REVENUE_RATING") expect(m[r]?.[c]).toEqual(good);
    }
  });

  it("the same as one call per cell", () => {
    for (let i = 0; i < 3; i++) {
      if (name === "REVENUE_RATING" || name === "RELATIONSHIP") continue; // these read the whole column
      const single = call(name, ...args.map((a) => a[i]));
      expect(single).toHaveLength(1);
      const want = out[i]?.[0];
      if (want instanceof KamError) expect(single[0]?.[0]).toBeInstanceOf(KamError);
      else expect(single[0]?.[0]).toEqual(want);
    }
  });
});

describe("broadcasting", () => {
  it("a single cell applies to every row", () => {
    expect(flat(call("PAIN", col("yes", "no", "yes"), "yes"))).toEqual(["Low", "Medium", "Low"]);
    expect(flat(call("SCORE", col("High", "Medium", "Low"), "Low", "High", "High", "Low"))).toEqual([100, 85, 70]);
    expect(flat(call("QUADRANT", col(10, 60, 90), 55))).toEqual(["Invest in relationship", "Key client", "Key client"]);
  });

  it("a column applies row by row across a 2D driver", () => {
    const m = call("PAIN", [["yes", "no"], ["no", "yes"]], col("yes", "no"));
    expect(m).toEqual([["Low", "Medium"], ["High", "Medium"]]);
  });

  it("ranges of different sizes: the cells without a partner are errors, the others are computed", () => {
    const m = call("PAIN", col("yes", "no", "yes"), col("yes", "no"));
    expect(m[0]?.[0]).toBe("Low");
    expect(m[1]?.[0]).toBe("High");
    expect(m[2]?.[0]).toBeInstanceOf(KamError);
    expect((m[2]?.[0] as KamError).message).toBe("the ranges differ in size (2×1)");
  });

  it("a bad optional scalar spoils every cell with a clear message", () => {
    const m = call("WALLET_RATING", col("60%", "20%"), "lots");
    expect(m.every((r) => r[0] instanceof KamError)).toBe(true);
    expect((m[0]?.[0] as KamError).message).toMatch(/^medium_pct: /);
    expect((call("GRADE", "High", "Low", "High", "High", "Low", "", [[50, 10, 10, 10, 10]])[0]?.[0] as KamError).message).toBe("weights must sum to 100 (they sum to 90)");
    // A sum off in its last bits is shown as typed: 30.1 + 15.1 + 25 + 20 + 9.9 is 100.10000000000001 in floating point.
    expect((call("GRADE", "High", "Low", "High", "High", "Low", "", [[30.1, 15.1, 25, 20, 9.9]])[0]?.[0] as KamError).message).toBe("weights must sum to 100 (they sum to 100.1)");
  });
});

describe("results agree with the SPEC and the portfolio", () => {
  it("wallet and profit ratings at their boundaries", () => {
    expect(flat(call("WALLET_RATING", col("75%", "50%", "49%", "76%")))).toEqual(["Medium", "Medium", "Low", "High"]);
    expect(flat(call("WALLET_RATING", col(75, 50, 49, 76)))).toEqual(["Medium", "Medium", "Low", "High"]);
    expect(flat(call("WALLET_RATING", col(0.75, 0.5, 0.49, 0.76)))).toEqual(["Medium", "Medium", "Low", "High"]);
    expect(flat(call("PROFIT_RATING", col("25%", "10%", "0%", "-0.1%")))).toEqual(["High", "Medium", "Low", "Laggard"]);
    expect(flat(call("PROFIT_RATING", col(0.3, 0.1), "20%", "30%"))).toEqual(["High", "Low"]);
    expect(call("PROFIT_RATING", 60)).toEqual([["High"]]); // a lone 60 is 60%
    expect(call("PROFIT_RATING", 0.6)).toEqual([["High"]]);
    expect(call("MARGIN", 1234.57, 12345.7)).toEqual([[0.1]]);
  });

  it("grade rules: shed, laggard, strategic floor, override", () => {
    expect(call("GRADE", "High", "Low", "Low", "Low", "High")).toEqual([["C"]]); // shed
    expect(call("GRADE", "High", "Low", "Laggard", "Low", "Low")).toEqual([["C"]]); // laggard
    expect(call("GRADE", "High", "Low", "Laggard", "High", "Low")).toEqual([["B"]]); // floor
    expect(call("GRADE", "Low", "High", "Low", "Low", "High", "a")).toEqual([["A"]]); // override
    expect(call("WHY", "Low", "High", "Low", "Low", "High", "A")[0]?.[0]).toMatch(/manual override C → A$/);
    expect(call("GRADE", "High", "Low", "High", "High", "Low", "Q")[0]?.[0]).toBeInstanceOf(KamError);
  });

  it("KAM_RELATIONSHIP estimates from share and pain; KAM_QUADRANT splits at exactly 50", () => {
    expect(call("RELATIONSHIP", "60%", "Low")).toEqual([[80]]);
    expect(call("RELATIONSHIP", "", "Low")).toEqual([[75]]);
    expect(flat(call("QUADRANT", col(50, 49.9, 50, 49.9), col(50, 50, 49.9, 49.9)))).toEqual(["Key client", "Invest in relationship", "Higher-value offers", "Rethink"]);
  });

  it("KAM_REVENUE_RATING over a population agrees with the portfolio's revenue ratings, both methods, credit notes too", () => {
    for (const [seed, n] of [[1, 7], [2, 11], [3, 30], [4, 95], [5, 200], [6, 3]] as const) {
      const rnd = seeded(seed);
      // revenues with many ties, zeros and credit notes (SPEC §2a: Low, ranked among the positive only)
      const revenues = Array.from({ length: n }, () => Math.round(rnd() * 24 - 4) * 500);
      const rows: CellValue[][] = [["Client", "Revenue"], ...revenues.map((r, i) => [`C${i}`, r])];
      for (const method of ["rank", "cumulative"] as const) {
        const p = gradePortfolio({ rows, settings: resolveSettings({ revenueMethod: method }), today });
        const byRow = new Map(p.clients.map((c) => [c.row, c.revenueRating]));
        const column = flat(call("REVENUE_RATING", col(...revenues), col(...revenues), null, null, method));
        expect(column, `seed ${seed} n ${n} ${method}`).toEqual(revenues.map((_, i) => byRow.get(i + 2)));
        // one cell at a time against the population gives the same
        const i = Math.floor(rnd() * n);
        expect(call("REVENUE_RATING", revenues[i], col(...revenues), "", "", method)[0]?.[0]).toBe(byRow.get(i + 2));
      }
    }
  });

  it("KAM_REVENUE_RATING and KAM_TOP_SHARE count zero revenues in n, as the portfolio does (SPEC §3.1, §7)", () => {
    const column = [[500], [400], [300], [200], [100], [0], [0], [0], [0], [0]];
    expect(call("REVENUE_RATING", column, column)).toEqual([["High"], ["Medium"], ["Low"], ["Low"], ["Low"], ["Low"], ["Low"], ["Low"], ["Low"], ["Low"]]);
    expect(call("TOP_SHARE", column)[0]?.[0]).toBeCloseTo(900 / 1500, 12);
    // The same positive revenues without the zeros: n = 5, the second is Low, the top 20% one client.
    const positive = column.slice(0, 5);
    expect(call("REVENUE_RATING", positive, positive)[1]).toEqual(["Low"]);
    expect(call("TOP_SHARE", positive)[0]?.[0]).toBeCloseTo(500 / 1500, 12);
  });

  it("KAM_REVENUE_RATING takes top/next percents as 10, 10% or 0.1", () => {
    const revenues = col(...Array.from({ length: 10 }, (_, i) => (10 - i) * 100));
    for (const top of [20, "20%", 0.2]) {
      expect(flat(call("REVENUE_RATING", revenues, revenues, top, 30)).filter((r) => r === "High")).toHaveLength(2);
    }
    expect(flat(call("REVENUE_RATING", revenues, revenues, 20, 30)).filter((r) => r === "Medium")).toHaveLength(3);
  });

  it("10,000 per-cell calls over the same population sort it once", () => {
    const rnd = seeded(9);
    const population = Array.from({ length: 10_000 }, () => [Math.round(rnd() * 1e6)]);
    const before = populationSorts();
    for (let i = 0; i < 10_000; i++) {
      const out = call("REVENUE_RATING", population[i]?.[0], population);
      if (typeof out[0]?.[0] !== "string") throw new Error(`call ${i}: ${String(out[0]?.[0])}`);
    }
    expect(populationSorts() - before).toBe(1);
    // a host that passes a fresh copy of the same values each call (as Apps Script does) still sorts once
    for (let i = 0; i < 50; i++) call("REVENUE_RATING", population[i]?.[0], population.map((r) => [...r]));
    expect(populationSorts() - before).toBe(1);
    // a different population is sorted again
    call("REVENUE_RATING", 5, [[1], [5], [9]]);
    expect(populationSorts() - before).toBe(2);
  });

  it("one call over a 10,000-row column sorts the column once", () => {
    const rnd = seeded(10);
    const column = Array.from({ length: 10_000 }, () => [Math.round(rnd() * 1e6) + 0.5]);
    const before = populationSorts();
    const out = call("REVENUE_RATING", column, column);
    expect(out).toHaveLength(10_000);
    expect(populationSorts() - before).toBe(1);
    expect(flat(out).filter((r) => r === "High")).toHaveLength(1000);
  });
});

describe("KAM_PORTFOLIO, KAM_HHI and KAM_TOP_SHARE", () => {
  const table: CellValue[][] = [
    ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
    ["Acme", "$12,000", "30%", "20%", "High", "Low"],
    ["Bolt", 8000, "12%", "80%", "Low", "Medium"],
    ["Cobalt", 3000, "-5%", "60%", "Low", "High"],
    ["", 500, "", "", "", ""],
    ["Dyn", 3000, "15%", "40%", "Medium", "Low"],
    ["Eon", 1000, "8%", "", "", ""],
    ["Credit Co", "(2,500)", "", "", "", ""],
  ];
  const p = gradePortfolio({ rows: table, settings: DEFAULT_SETTINGS, today });

  it("KAM_PORTFOLIO returns the ranked table with its headers, then the rows that need data", () => {
    const out = call("PORTFOLIO", table);
    expect(out[0]).toEqual([...PORTFOLIO_COLUMNS]);
    expect(out.slice(1, 1 + p.clients.length).map((r) => [r[0], r[1], r[2], r[3]])).toEqual(p.clients.map((c) => [c.rank, c.name, c.grade, c.score]));
    expect(out[1 + p.clients.length]).toEqual(["", "(row 5)", "Needs data", "", "", "", "", "", "", "", "", "row 5: no client name", ""]);
    expect(out).toHaveLength(1 + p.clients.length + 1);
    expect(out.every((r) => r.length === PORTFOLIO_COLUMNS.length)).toBe(true);
  });

  it("KAM_PORTFOLIO of a blank range is blank; of a table without client/revenue, an error naming the headers", () => {
    expect(call("PORTFOLIO", [[null, null], ["", ""]])).toEqual([[""]]);
    const out = call("PORTFOLIO", [["Product", "Price"], ["Pen", 2]]);
    expect(out).toHaveLength(1);
    expect((out[0]?.[0] as KamError).message).toMatch(/headers seen: Product, Price/);
  });

  it("KAM_HHI and KAM_TOP_SHARE agree with the summary (of the positive revenues: a credit note is in the column)", () => {
    const revenues = col(...table.slice(1).map((r) => (r[0] === "" ? null : r[1] as CellValue)));
    const hhi = call("HHI", revenues)[0]?.[0] as number;
    expect(hhi).toBeCloseTo(p.summary.hhi as number, 9);
    expect(call("TOP_SHARE", revenues)[0]?.[0]).toBeCloseTo(p.summary.top20Share as number, 12);
    expect(call("TOP_SHARE", col(50, 30, 20), 50)[0]?.[0]).toBeCloseTo(0.8, 12);
    expect(call("HHI", col(50, 50))).toEqual([[5000]]);
    expect(call("HHI", col(100, -50))).toEqual([[10_000]]);
    expect(call("TOP_SHARE", col(100, -50, 0), 50)).toEqual([[1]]);
  });

  it("KAM_HHI / KAM_TOP_SHARE: blank in → blank out; a bad cell or a zero total is an error", () => {
    for (const name of ["HHI", "TOP_SHARE"]) {
      expect(call(name, col(null, ""))).toEqual([[""]]);
      expect(call(name, null)).toEqual([[""]]);
      expect((call(name, col(10, "abc"))[0]?.[0] as KamError).message).toBe('revenue: "abc" is not an amount');
      expect((call(name, col(0, 0))[0]?.[0] as KamError).message).toBe("total revenue is not positive");
      // Two amounts whose sum would pass the largest number: refused, not NaN.
      expect((call(name, col(10, 1e308, 1e308))[0]?.[0] as KamError).message).toBe("revenue: 1e+308 is too large to be an amount (more than 15 digits)");
    }
  });
});

describe("toMatrix", () => {
  it("wraps values, keeps 2D arrays, turns a 1D array into a column", () => {
    expect(toMatrix(5)).toEqual([[5]]);
    const m = [[1, 2], [3, 4]];
    expect(toMatrix(m)).toBe(m);
    expect(toMatrix([1, 2])).toEqual([[1], [2]]);
    expect(toMatrix([])).toEqual([[null]]);
  });
});

// The built functions.js, loaded into a node vm the way Excel's shared runtime loads it, with a fake
// CustomFunctions (typed against @types/custom-functions-runtime): every id in functions.json is
// associated exactly once, none extra, and the functions compute the shared vector's ratings.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../core/functions";
import { documented } from "../../core/functions/help";
import { parseCsv } from "../../cli/read";
import { ROOT } from "../helpers";

const DIST = `${ROOT}dist/excel-addin/`;

/** CustomFunctions.Error as the runtime defines it: a code and an optional message. */
class FakeError implements CustomFunctions.Error {
  constructor(
    public code: CustomFunctions.ErrorCode,
    public message?: string,
  ) {}
}
const ErrorCode: Record<keyof typeof CustomFunctions.ErrorCode, string> = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

type Fn = (...args: unknown[]) => unknown;
interface Loaded {
  associations: [string, Fn][];
  byId: Map<string, Fn>;
}

function load(): Loaded {
  const associations: [string, Fn][] = [];
  const fake: Pick<typeof CustomFunctions, "associate"> & { Error: typeof FakeError; ErrorCode: typeof ErrorCode } = {
    associate(idOrMap: string | Record<string, Function>, fn?: Function) {
      if (typeof idOrMap !== "string") throw new Error("the bundle must associate one id at a time");
      associations.push([idOrMap, fn as Fn]);
    },
    Error: FakeError,
    ErrorCode,
  };
  const context = vm.createContext({ CustomFunctions: fake });
  vm.runInContext(readFileSync(`${DIST}functions.js`, "utf8"), context, { filename: "functions.js" });
  return { associations, byId: new Map(associations) };
}

const metadata = JSON.parse(readFileSync(`${DIST}functions.json`, "utf8")) as { functions: { id: string; name: string; parameters: { name: string; optional?: boolean; dimensionality?: string }[]; result: { dimensionality?: string; type?: string } }[] };

/** A CSV column as Excel hands a range: a 2D array, one row per cell. */
function column(rows: string[][], header: string): string[][] {
  const j = (rows[0] as string[]).indexOf(header);
  return rows.slice(1).map((r) => [r[j] ?? ""]);
}

describe("functions.js in a vm with a fake CustomFunctions", () => {
  let loaded: Loaded;
  beforeAll(() => {
    loaded = load();
  });
  const call = (id: string, ...args: unknown[]) => (loaded.byId.get(id) as Fn)(...args);

  it("associates every id of functions.json exactly once, and nothing else", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect(loaded.associations.map(([id]) => id).sort()).toEqual(ids);
    expect(new Set(loaded.associations.map(([id]) => id)).size).toBe(loaded.associations.length);
    for (const [, fn] of loaded.associations) expect(typeof fn).toBe("function");
  });

  it("functions.json holds exactly the core table, parameters in order, with their kinds", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.name));
    for (const f of FUNCTIONS) {
      const m = metadata.functions.find((x) => x.id === f.name);
      expect(m?.name).toBe(f.name);
      expect(m?.parameters.map((p) => p.name)).toEqual(f.params.map((p) => p.name));
      expect(m?.parameters.map((p) => Boolean(p.optional))).toEqual(f.params.map((p) => Boolean(p.optional)));
      expect(m?.parameters.map((p) => p.dimensionality ?? "scalar")).toEqual(f.params.map((p) => (p.kind === "range" ? "matrix" : "scalar")));
      expect(m?.result.dimensionality ?? "scalar").toBe(f.returns === "scalar" ? "scalar" : "matrix");
      // Each associated function declares the table's parameters (Excel passes them positionally).
      expect((loaded.byId.get(f.name) as Fn).length).toBe(f.params.length);
    }
  });

  it("computes the shared vector's ratings, score, grade, relationship and quadrant (clients-60)", () => {
    const rows = parseCsv(readFileSync(`${ROOT}test/vectors/clients-60.csv`, "utf8")) as string[][];
    const expected = JSON.parse(readFileSync(`${ROOT}test/vectors/clients-60.expected.json`, "utf8")) as { clients: Record<string, unknown>[] };
    const revenue = column(rows, "Revenue");
    const margin = column(rows, "Gross Margin");
    const share = column(rows, "Share of Wallet");
    // Omitted optional arguments arrive as null from Excel.
    const revenueR = call("REVENUE_RATING", revenue, null, null, null, null) as unknown[][];
    const walletR = call("WALLET_RATING", share, null, null) as unknown[][];
    const profitR = call("PROFIT_RATING", margin, null, null) as unknown[][];
    const strategic = call("LEVEL", column(rows, "Strategic Value")) as unknown[][];
    const pain = call("LEVEL", column(rows, "Pain")) as unknown[][];
    const score = call("SCORE", revenueR, walletR, profitR, strategic, pain, null) as unknown[][];
    const grade = call("GRADE", revenueR, walletR, profitR, strategic, pain, null, null, null, null) as unknown[][];
    const relationship = call("RELATIONSHIP", share, pain) as unknown[][];
    const quadrant = call("QUADRANT", relationship, score, null) as unknown[][];
    for (const out of [revenueR, walletR, profitR, strategic, pain, score, grade, relationship, quadrant]) expect(out).toHaveLength(60);
    for (const c of expected.clients) {
      const i = (c.row as number) - 2;
      const got = {
        revenueRating: revenueR[i]?.[0], walletRating: walletR[i]?.[0], profitRating: profitR[i]?.[0],
        // KAM.LEVEL keeps a blank cell blank; SCORE and GRADE read a blank strategic value as Low (SPEC §2).
        strategic: strategic[i]?.[0] === "" ? "Low" : strategic[i]?.[0],
        pain: pain[i]?.[0], score: score[i]?.[0], grade: grade[i]?.[0], relationship: relationship[i]?.[0], quadrant: quadrant[i]?.[0],
      };
      expect(got, String(c.name)).toEqual({
        revenueRating: c.revenueRating, walletRating: c.walletRating, profitRating: c.profitRating, strategic: c.strategic,
        pain: c.pain, score: c.score, grade: c.grade, relationship: c.relationship, quadrant: c.quadrant,
      });
    }
    expect(call("HHI", revenue)).toBeCloseTo(773.5182033406816, 9);
    expect(call("TOP_SHARE", revenue, null)).toBeCloseTo(0.6337263874222692, 12);
  });

  it("puts a CustomFunctions.Error with the reason in the bad cell only, and keeps blanks blank", () => {
    const out = call("REVENUE_RATING", [[100], ["abc"], [""], [50]], null, null, null, null) as unknown[][];
    expect(out[0]?.[0]).toBe("High");
    expect(out[1]?.[0]).toBeInstanceOf(FakeError);
    expect((out[1]?.[0] as FakeError).code).toBe("#VALUE!");
    expect((out[1]?.[0] as FakeError).message).toMatch(/revenue: "abc" is not an amount/);
    expect(out[2]?.[0]).toBe("");
    expect(out[3]?.[0]).toBe("Low"); // 2 valid revenues: the top ⌈2·10%⌉ = 1 is High, rank 2 is past ⌈2·20%⌉ = 1
    // An error value inside an argument (a cell showing #N/A) is named in the message.
    const withError = call("WALLET_RATING", [[0.6], [new FakeError("#N/A" as CustomFunctions.ErrorCode)]], null, null) as unknown[][];
    expect(withError[0]?.[0]).toBe("Medium");
    expect((withError[1]?.[0] as FakeError).message).toMatch(/#N\/A/);
  });

  it("a bad scalar argument spoils every cell with one clear message; a scalar function throws it", () => {
    const out = call("PROFIT_RATING", [[0.3], [0.05]], 0.3, 0.2) as FakeError[][];
    expect(out.flat().every((e) => e instanceof FakeError && /adequate must be at most high/.test(e.message ?? ""))).toBe(true);
    expect(() => call("HHI", [["x"]])).toThrow(FakeError);
    expect(() => call("HHI", [[0], [0]])).toThrowError(/total revenue is not positive/);
  });

  it("KAM.PORTFOLIO spills the ranked table with headers, Needs-data rows last", () => {
    const table = [["Client", "Revenue"], ["Ann", 300], ["Bob", 100], ["", 50], ["Cy", "n/a"]];
    const out = call("PORTFOLIO", table) as unknown[][];
    expect(out[0]?.slice(0, 3)).toEqual(["Rank", "Client", "Grade"]);
    expect(out[1]?.[1]).toBe("Ann");
    expect(out[2]?.[1]).toBe("Bob");
    expect(out.slice(3).map((r) => r[2])).toEqual(["Needs data", "Needs data"]);
    expect(new Set(out.map((r) => r.length)).size).toBe(1);
  });
});

describe("the function help is build-time only", () => {
  it("functions.js and taskpane.js carry no description or parameter help; functions.json does", () => {
    const bundles = ["functions.js", "taskpane.js"].map((f) => [f, readFileSync(`${DIST}${f}`, "utf8")] as const);
    const json = JSON.parse(readFileSync(`${DIST}functions.json`, "utf8")) as { functions: { name: string; description: string }[] };
    for (const f of documented()) {
      expect(json.functions.find((m) => m.name === f.name)?.description.length, f.name).toBeGreaterThan(20);
      for (const [file, code] of bundles) {
        expect(code, `${file}: ${f.name}`).not.toContain(f.description);
        for (const p of f.params) if (p.description.length > 20) expect(code, `${file}: ${f.name}(${p.name})`).not.toContain(p.description);
      }
    }
  });
});

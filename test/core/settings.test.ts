// core/settings.ts: defaults and validation; every error names its setting.
import { describe, expect, it } from "vitest";
import { checkSettings, DEFAULT_SETTINGS, resolveSettings, SettingsError } from "../../core/settings";

const errorsOf = (input: unknown) => checkSettings(input).errors;
const settingsNamed = (input: unknown) => errorsOf(input).map((e) => e.setting);

describe("defaults (SPEC §3–§7)", () => {
  it("are the spec's numbers", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      weights: { revenue: 30, profitability: 25, strategic: 20, wallet: 15, pain: 10 },
      revenueMethod: "rank", revenueTopPct: 10, revenueNextPct: 10, cumulativeHighPct: 80, cumulativeMediumPct: 95,
      profitAdequatePct: 10, profitHighPct: 25, walletMediumPct: 50, walletHighPct: 75, gradeAMin: 60, gradeBMin: 35,
      quadrantThreshold: 50, budget: { A: 60, B: 30, C: 10 }, reviewDays: { A: 30, B: 90, C: 365 },
      topSharePct: 20, clientWarningPct: 25, industryWarningPct: 50, mode: "auto",
    });
  });

  it.each([undefined, null, {}])("%j gives the defaults without errors", (input) => {
    const { settings, errors } = checkSettings(input);
    expect(errors).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, mapping: {} });
  });

  it("a partial group keeps the other defaults", () => {
    expect(resolveSettings({ reviewDays: { A: 14 } }).reviewDays).toEqual({ A: 14, B: 90, C: 365 });
  });

  it("are frozen, so nobody changes them by accident", () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.weights)).toBe(true);
  });
});

describe("validation names the setting at fault", () => {
  it.each<[string, unknown, string[], RegExp]>([
    ["weights must sum to 100", { weights: { revenue: 40 } }, ["weights"], /must sum to 100 \(they sum to 110\)/],
    ["weights must sum to 100 (under)", { weights: { revenue: 20 } }, ["weights"], /sum to 90/],
    // Not "they sum to 100" for 100.0001 (rounded to three decimals it was), nor 100.19999999999999 for 100.2.
    ["weights off 100 in the fourth decimal", { weights: { revenue: 30.0001 } }, ["weights"], /must sum to 100 \(they sum to 100\.0001\)$/],
    ["weights with decimals", { weights: { revenue: 30.1, wallet: 15.1 } }, ["weights"], /must sum to 100 \(they sum to 100\.2\)$/],
    ["a weight must be a number", { weights: { pain: "ten" } }, ["weights.pain"], /must be a number \(got "ten"\)/],
    ["a weight must be 0–100", { weights: { pain: -10, revenue: 50 } }, ["weights.pain", "weights"], /between 0 and 100 \(got -10\)/],
    ["an unknown weight", { weights: { loyalty: 5 } }, ["weights.loyalty"], /is not a known setting \(known: revenue, profitability, strategic, wallet, pain\)/],
    ["weights must be an object", { weights: 100 }, ["weights"], /must be an object/],
    ["an unknown key", { colour: "blue" }, ["colour"], /^is not a known setting$/],
    ["revenueMethod", { revenueMethod: "abc" }, ["revenueMethod"], /must be one of "rank", "cumulative" \(got "abc"\)/],
    ["mode", { mode: "orderz" }, ["mode"], /must be one of "auto", "clients", "orders"/],
    ["matrixOutput", { matrixOutput: "pictures" }, ["matrixOutput"], /must be one of "formulas", "values"/],
    ["a percent above 100", { revenueTopPct: 150 }, ["revenueTopPct"], /between 0 and 100 \(got 150\)/],
    ["a number given as text", { gradeAMin: "60" }, ["gradeAMin"], /must be a number \(got "60"\)/],
    ["NaN is not a number", { gradeBMin: Number.NaN }, ["gradeBMin"], /must be a number/],
    ["profit thresholds ordered", { profitAdequatePct: 30 }, ["profitAdequatePct"], /\(30\) must be at most profitHighPct \(25\)/],
    ["wallet thresholds ordered", { walletMediumPct: 80 }, ["walletMediumPct"], /\(80\) must be at most walletHighPct \(75\)/],
    ["grade thresholds ordered", { gradeBMin: 70 }, ["gradeBMin"], /\(70\) must be at most gradeAMin \(60\)/],
    ["cumulative thresholds ordered", { cumulativeHighPct: 96 }, ["cumulativeHighPct"], /must be at most cumulativeMediumPct \(95\)/],
    ["top + next ≤ 100", { revenueTopPct: 60, revenueNextPct: 50 }, ["revenueNextPct"], /at most 100 \(got 110\)/],
    ["budget must sum to 100", { budget: { A: 70 } }, ["budget"], /must sum to 100 \(they sum to 110\)/],
    ["budget grades are A, B, C", { budget: { D: 0 } }, ["budget.D"], /is not a known setting/],
    ["review days at least 1", { reviewDays: { A: 0 } }, ["reviewDays.A"], /between 1 and 3660/],
    ["settings must be an object", [1, 2], ["settings"], /must be a JSON object/],
    ["mapping must be an object", { mapping: "Customer" }, ["mapping"], /field → header/],
    ["a mapped header must be text", { mapping: { client: 3 } }, ["mapping.client"], /must be a header name/],
    ["a mapping names a known field", { mapping: { customer: "Customer Name" } }, ["mapping.customer"], /is not a known field \(fields: client, revenue, /],
  ])("%s", (_title, input, settings, message) => {
    const errors = errorsOf(input);
    expect(errors.map((e) => e.setting)).toEqual(settings);
    expect(errors[0]?.message).toMatch(message);
    expect(() => resolveSettings(input)).toThrow(SettingsError);
    expect(() => resolveSettings(input)).toThrow(new RegExp(`^${settings[0]!.replace(".", "\\.")}: `));
  });

  it("equal thresholds are allowed", () => {
    expect(errorsOf({ profitAdequatePct: 25, walletMediumPct: 75, gradeBMin: 60 })).toEqual([]);
  });

  it("problems are listed in the order of Settings, the mapping's in its place; the mapping is a fresh object each time", () => {
    const input = { matrixOutput: "x", mapping: { customer: "A" }, mode: "x", weights: { nope: 1 } };
    expect(settingsNamed(input)).toEqual(["weights.nope", "mode", "mapping.customer", "matrixOutput"]);
    const a = checkSettings({ mapping: { client: "Customer" } }).settings.mapping;
    const b = checkSettings({}).settings.mapping;
    expect(a).toEqual({ client: "Customer" });
    expect(b).toEqual({});
    expect(b).not.toBe(DEFAULT_SETTINGS.mapping);
  });

  it("every bad setting is reported, not only the first", () => {
    expect(settingsNamed({ colour: 1, mode: "x", weights: { pain: 20 } }).sort()).toEqual(["colour", "mode", "weights"]);
    const e = (() => {
      try {
        resolveSettings({ colour: 1, mode: "x" });
      } catch (err) {
        return err as SettingsError;
      }
      return null;
    })();
    expect(e?.errors.map((x) => x.setting)).toEqual(["colour", "mode"]);
    expect(e?.message).toBe('colour: is not a known setting; mode: must be one of "auto", "clients", "orders" (got "x")');
  });

  it("valid settings are taken", () => {
    const s = resolveSettings({
      weights: { revenue: 20, profitability: 20, strategic: 20, wallet: 20, pain: 20 },
      revenueMethod: "cumulative", mode: "orders", mapping: { client: "Customer Name" }, budget: { A: 50, B: 40, C: 10 },
    });
    expect(s.weights).toEqual({ revenue: 20, profitability: 20, strategic: 20, wallet: 20, pain: 20 });
    expect(s.revenueMethod).toBe("cumulative");
    expect(s.mode).toBe("orders");
    expect(s.mapping).toEqual({ client: "Customer Name" });
    expect(s.budget).toEqual({ A: 50, B: 40, C: 10 });
  });
});

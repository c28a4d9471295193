// Words are data, not code (SPEC §2a), in every table core looks text up in: the rating words of
// the custom functions, the input labels, the settings' keys. A cell or setting reading
// `constructor` or `__proto__` is an unknown word, never one of Object's properties.
import { describe, expect, it } from "vitest";
import { FIELD_LABELS, headerScore } from "../../core/columns";
import { factorsOf, ratingOf } from "../../core/functions/arguments";
import { checkSettings } from "../../core/settings";

const WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"];

describe.each(WORDS)("%j", (word) => {
  it("is an unknown rating for the custom functions (before, `constructor` gave Object's function as a rating)", () => {
    expect(ratingOf(word, "Low")).toBe("Unknown");
    expect(ratingOf(` ${word.toUpperCase()} `, "Low")).toBe("Unknown");
    expect(factorsOf(["High", word, word, word, word])).toEqual({ revenue: "High", wallet: "Unknown", profitability: "Unknown", strategic: "Unknown", pain: "Unknown" });
  });

  it("names no input", () => {
    expect((FIELD_LABELS as Record<string, string | undefined>)[word]).toBeUndefined();
    expect(headerScore("client", word)).toBe(0);
  });

  it("is an unknown setting inside a group of settings", () => {
    const { errors } = checkSettings({ weights: { [word]: 5 }, budget: JSON.parse(`{"${word}": 1}`) as unknown });
    expect(errors.map((e) => e.setting)).toEqual(expect.arrayContaining([`weights.${word}`, `budget.${word}`]));
    expect(errors.find((e) => e.setting === `weights.${word}`)?.message).toMatch(/^is not a known setting/);
  });
});

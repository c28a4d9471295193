// core/model/explain.ts: every grade explained (SPEC §4).
import { describe, expect, it } from "vitest";
import { explain } from "../../../core/model/explain";
import { grade, score, type Factors } from "../../../core/model/score";
import { DEFAULT_SETTINGS } from "../../../core/settings";

const S = DEFAULT_SETTINGS;
function why(factors: Factors, margin: number | null, share: number | null, override: "A" | "B" | "C" | null = null, overrideReason: string | null = null) {
  const sc = score(factors, S.weights);
  return explain({ factors, weights: S.weights, score: sc, result: grade(factors, sc, margin, S, override), margin, share, overrideReason });
}

describe("the explanation", () => {
  it("is the SPEC §4 example, word for word", () => {
    const text = why({ revenue: "High", wallet: "High", profitability: "Medium", strategic: "Low", pain: "Medium" }, 0.12, 0.8);
    expect(text).toBe("B — revenue High +30, margin 12% Medium +12.5, wallet 80% High +0, strategic Low +0, pain Medium +5 = 47.5");
  });

  it("leaves out a margin or share that is unknown", () => {
    const text = why({ revenue: "Low", wallet: "Unknown", profitability: "Unknown", strategic: "Low", pain: "Unknown" }, null, null);
    expect(text).toBe("C — revenue Low +0, margin Unknown +12.5, wallet Unknown +7.5, strategic Low +0, pain Unknown +5 = 25");
  });

  it("names the shed rule", () => {
    const text = why({ revenue: "High", wallet: "Low", profitability: "Low", strategic: "Low", pain: "High" }, 0.05, 0.3);
    expect(text).toBe(
      "C — revenue High +30, margin 5% Low +0, wallet 30% Low +15, strategic Low +0, pain High +0 = 45; base B; shed rule: pain High and profitability Low → C",
    );
  });

  it("names the laggard and strategic-floor rules, in order", () => {
    const text = why({ revenue: "High", wallet: "Low", profitability: "Laggard", strategic: "High", pain: "Low" }, -0.04, 0.2);
    expect(text).toBe(
      "B — revenue High +30, margin -4% Laggard +0, wallet 20% Low +15, strategic High +20, pain Low +10 = 75; base A; laggard rule: negative margin → C; strategic floor: strategic Medium or High → at least B",
    );
  });

  it("says Laggard in the shed rule when profitability is Laggard", () => {
    const text = why({ revenue: "Low", wallet: "Medium", profitability: "Laggard", strategic: "Low", pain: "High" }, -0.1, 0.6);
    expect(text).toContain("shed rule: pain High and profitability Laggard → C; laggard rule: negative margin → C");
  });

  it("shows a manual override with its reason", () => {
    const text = why({ revenue: "Low", wallet: "High", profitability: "Low", strategic: "Low", pain: "Medium" }, 0.05, 0.9, "A", "founder's first client");
    expect(text).toMatch(/^A — revenue Low \+0, .* = 5; manual override C → A \(founder's first client\)$/);
  });

  it("points follow the weights", () => {
    const factors: Factors = { revenue: "Medium", wallet: "Medium", profitability: "High", strategic: "Medium", pain: "Low" };
    const weights = { revenue: 40, wallet: 10, profitability: 20, strategic: 20, pain: 10 };
    const sc = score(factors, weights);
    expect(explain({ factors, weights, score: sc, result: grade(factors, sc, 0.3, S), margin: 0.3, share: 0.55 })).toBe(
      "A — revenue Medium +20, margin 30% High +20, wallet 55% Medium +5, strategic Medium +10, pain Low +10 = 65",
    );
  });
});

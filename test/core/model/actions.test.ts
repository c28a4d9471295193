// core/model/actions.ts: SPEC §6 coverage, specialists, shed/laggard notes, the key-account plan.
import { describe, expect, it } from "vitest";
import { actionLine, COVERAGE, KEY_ACCOUNT_PLAN, specialist } from "../../../core/model/actions";
import { DEFAULT_SETTINGS } from "../../../core/settings";

const S = DEFAULT_SETTINGS;

describe("specialist by wallet share", () => {
  it.each<[number | null, string | null]>([
    [0.49, "growth"], // < 50%
    [0, "growth"],
    [0.5, null], // exactly 50%: none
    [0.6, null],
    [0.75, null], // exactly 75%: none
    [0.76, "relationship"], // > 75%
    [1, "relationship"],
    [null, null],
  ])("%s → %s", (share, want) => {
    expect(specialist(share, S)).toBe(want);
  });
});

describe("the coverage table (SPEC §6)", () => {
  it.each([
    ["A", "sponsor", /owner|most senior/i], ["A", "meetings", /monthly.*in person.*their site/i], ["A", "newProducts", /early access.*priority/i],
    ["A", "monitoring", /news alerts.*purchase-pattern/i], ["A", "advisoryBoard", /invite/i], ["A", "reporting", /analysis/i],
    ["B", "sponsor", /project manager/i], ["B", "meetings", /quarterly.*video or in person/i], ["B", "newProducts", /after A/i],
    ["B", "monitoring", /^purchase-pattern watch$/i], ["B", "advisoryBoard", /consider/i], ["B", "reporting", /report with summary/i],
    ["C", "sponsor", /none.*customer service/i], ["C", "meetings", /on request/i], ["C", "newProducts", /standard/i],
    ["C", "monitoring", /^—$/], ["C", "advisoryBoard", /^—$/], ["C", "reporting", /standard/i],
  ] as const)("%s %s", (g, key, want) => {
    expect(COVERAGE[g][key]).toMatch(want);
  });
});

describe("the one-line plan", () => {
  it("A: senior sponsor, monthly meetings, a key-account plan", () => {
    const line = actionLine({ grade: "A", share: 0.6, flags: [] }, S);
    expect(line).toBe("Sponsor: owner / most senior person; meet: monthly, in person, at their site; write a key-account plan");
  });

  it("specialists follow the share", () => {
    expect(actionLine({ grade: "B", share: 0.3, flags: [] }, S)).toContain("assign a growth specialist");
    expect(actionLine({ grade: "B", share: 0.9, flags: [] }, S)).toContain("assign a relationship specialist");
    expect(actionLine({ grade: "B", share: 0.5, flags: [] }, S)).not.toContain("specialist");
    expect(actionLine({ grade: "B", share: null, flags: [] }, S)).not.toContain("specialist");
  });

  it("shed and laggard come first", () => {
    expect(actionLine({ grade: "C", share: 0.5, flags: ["shed"] }, S)).toMatch(/^Shed, or refer to a competitor; /);
    expect(actionLine({ grade: "C", share: 0.5, flags: ["laggard"] }, S)).toMatch(/^Reprice or exit; /);
    expect(actionLine({ grade: "C", share: 0.5, flags: ["shed", "laggard"] }, S)).toMatch(/^Shed, or refer to a competitor; Reprice or exit; /);
  });

  it("only A clients get a key-account plan", () => {
    expect(actionLine({ grade: "B", share: 0.6, flags: [] }, S)).not.toContain("key-account plan");
    expect(actionLine({ grade: "C", share: 0.6, flags: [] }, S)).not.toContain("key-account plan");
  });

  it("the key-account plan checklist has the nine items of SPEC §6", () => {
    const want = [/top five problems/i, /how we help/i, /different/i, /decision-maker/i, /relationships to build/i, /positioning/i, /time and money/i, /success measure/i, /revenue target/i];
    expect(KEY_ACCOUNT_PLAN).toHaveLength(9);
    want.forEach((re, i) => expect(KEY_ACCOUNT_PLAN[i]).toMatch(re));
  });
});

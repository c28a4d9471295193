// core/self-test.ts: how each host's self-test judges what it saw (the same for Sheets and Excel).
import { describe, expect, it } from "vitest";
import { callFunction } from "../../core/functions";
import { dateCase, dateCheck, errorInputCheck, selfTestText, SETTINGS_PROBE, settingsCheck, textCheck, TEXT_CASES } from "../../core/self-test";
import { dayFromParts, dayToIso } from "../../core/values";

describe("self-test checks", () => {
  it("text: passes only when every value comes back as written, with no formula", () => {
    expect(textCheck([...TEXT_CASES], TEXT_CASES.map(() => ""), "x").status).toBe("pass");
    const coerced = TEXT_CASES.map((t) => (t === "0012" ? 12 : t));
    expect(textCheck(coerced, TEXT_CASES.map(() => ""), "x")).toMatchObject({ status: "fail", detail: expect.stringContaining('"0012" came back as 12') });
    expect(textCheck([...TEXT_CASES], TEXT_CASES.map((t) => (t === "=1+1" ? "=1+1" : "")), "x").detail).toContain("with formula =1+1");
  });

  it("an error cell must spoil its own cell only", () => {
    expect(errorInputCheck(["High", "#N/A", "Low"]).status).toBe("pass");
    expect(errorInputCheck(["#N/A", "#N/A", "#N/A"]).status).toBe("fail");
  });

  it("dates: the case turns on one day, and the check compares the flags", () => {
    const c = dateCase([2024, 3, 5]);
    const table = (last: string, today: string) => callFunction("PORTFOLIO", [[["Client", "Revenue", "Last review"], ["Acme", 1000, last]], today]).result;
    const today = dayToIso(dayFromParts(...c.today));
    expect(dateCheck(c, table("2024-03-05", today), "Europe/Paris").status).toBe("pass");
    expect(dateCheck(c, table("2024-03-04", today), "Europe/Paris").status).toBe("fail");
    expect(c.flags).not.toContain("review-due");
  });

  it("settings: the probe is longer than one Excel custom property and must come back whole", () => {
    expect(SETTINGS_PROBE.length).toBeGreaterThan(255);
    expect(settingsCheck(SETTINGS_PROBE, SETTINGS_PROBE).status).toBe("pass");
    expect(settingsCheck(SETTINGS_PROBE, SETTINGS_PROBE.slice(0, 255)).detail).toMatch(/read back 255 characters/);
  });

  it("the report says what failed and what to do", () => {
    const text = selfTestText("Excel", [{ check: "A", status: "pass", detail: "ok" }, { check: "B", status: "fail", detail: "no" }]);
    expect(text.split("\n")).toEqual(["KAM Portfolio self-test — Excel", "PASS  A: ok", "FAIL  B: no", expect.stringMatching(/^1 check failed: copy these lines, with your Excel version/)]);
    expect(selfTestText("Excel", [{ check: "A", status: "info", detail: "x" }])).toMatch(/Every check passed\.$/);
  });
});

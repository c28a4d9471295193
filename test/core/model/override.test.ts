// SPEC §4 override until: after the date the computed grade stands again, flagged override-expired.
import { describe, expect, it } from "vitest";
import { overrideExpired } from "../../../core/model/override";
import { dayFromParts } from "../../../core/values";
import { byName, grade, today } from "../portfolio/grade";

describe("overrideExpired", () => {
  it("ends after the last day, not on it", () => {
    expect(overrideExpired(today, today)).toBe(false);
    expect(overrideExpired(today - 1, today)).toBe(true);
    expect(overrideExpired(null, today)).toBe(false);
  });
});

describe("through gradePortfolio (today 2026-06-30)", () => {
  const rows = [
    ["Client", "Revenue", "Override", "Override reason", "Override until"],
    ["Expired", 10, "A", "board member", "2026-06-29"],
    ["Last day", 10, "A", "board member", "2026-06-30"],
    ["No end", 10, "A", "", ""],
    ["Bad date", 10, "A", "", "someday"],
    ["Big", 1000, "", "", ""],
  ];
  const p = grade(rows);
  it("maps the column", () => {
    expect(p.mapping.overrideUntil).toBe(4);
    expect(p.mapping.override).toBe(2);
  });
  it("an expired override stops counting and is flagged override-expired", () => {
    const c = byName(p.clients, "Expired");
    expect(c.grade).toBe(c.computedGrade);
    expect(c.grade).toBe("C");
    expect(c.flags).toContain("override-expired");
    expect(c.flags).not.toContain("override");
    expect(c.why).not.toContain("board member");
  });
  it("on its last day, without an end, or with an unreadable end (noted), it still counts", () => {
    for (const name of ["Last day", "No end", "Bad date"]) {
      expect(byName(p.clients, name).grade).toBe("A");
      expect(byName(p.clients, name).flags).toContain("override");
      expect(byName(p.clients, name).flags).not.toContain("override-expired");
    }
    expect(byName(p.clients, "Bad date").issues.join(" ")).toMatch(/override until: .*the override has no end/);
  });
  it("a later today expires it", () => {
    const later = grade(rows, {}, { today: dayFromParts(2026, 7, 1) });
    expect(byName(later.clients, "Last day").flags).toContain("override-expired");
  });
});

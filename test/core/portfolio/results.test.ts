// core/portfolio/grade-clients.ts and results.ts: ratings, grades and rank order through the sheet,
// rules, quadrant, review cadence, movement against history.
import { describe, expect, it } from "vitest";
import { byName, grade, type Rows } from "./grade";

describe("the portfolio's ratings, grades and order", () => {
  it("revenue ratings over the ranked clients: n=30 → 3 High, 3 Medium", () => {
    const rows: Rows = [["Client", "Revenue"], ...Array.from({ length: 30 }, (_, i) => [`C${String(i).padStart(2, "0")}`, (30 - i) * 100])];
    const p = grade(rows);
    const count = (r: string) => p.clients.filter((c) => c.revenueRating === r).length;
    expect([count("High"), count("Medium"), count("Low")]).toEqual([3, 3, 24]);
  });

  it("rows in needs data are not part of the revenue population", () => {
    // 10 valid revenues → 1 High; with the invalid row counted it would be n=11 → 2 High
    const rows: Rows = [["Client", "Revenue"], ...Array.from({ length: 10 }, (_, i) => [`C${i}`, (10 - i) * 100]), ["Bad", "n/a"]];
    expect(grade(rows).clients.filter((c) => c.revenueRating === "High")).toHaveLength(1);
  });

  it("rank order: grade, then score, revenue (descending), then name in code-unit order", () => {
    const rows: Rows = [
      ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
      ["b", 10, "5%", "60%", "Low", "Medium"],
      ["B", 10, "5%", "60%", "Low", "Medium"],
      ["a", 10, "5%", "60%", "Low", "Medium"],
      ["Zed", 20, "5%", "60%", "Low", "Medium"],
      ["Top", 1000, "30%", "20%", "High", "Low"],
      ["Mid", 500, "15%", "60%", "Medium", "Medium"],
    ];
    const p = grade(rows);
    expect(p.clients.map((c) => c.name)).toEqual(["Top", "Mid", "Zed", "B", "a", "b"]);
    expect(p.clients.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("shed, laggard, strategic floor and override through the sheet", () => {
    const rows: Rows = [
      ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain", "Manual grade", "Override reason"],
      ["Shed", 1000, "5%", "20%", "Low", "High", "", ""],
      ["Lag", 900, "-0.1%", "20%", "Low", "Low", "", ""],
      ["Brand", 800, "-10%", "20%", "High", "Low", "", ""],
      ["Friend", 1, "5%", "90%", "Low", "High", "a", "founder's first client"],
      ["BadOverride", 2, "30%", "20%", "Low", "Low", "Z", ""],
      ...Array.from({ length: 8 }, (_, i) => [`Other ${i}`, 100 + i, "15%", "60%", "Low", "Medium", "", ""]),
    ];
    const p = grade(rows);
    expect(byName(p.clients, "Shed")).toMatchObject({ grade: "C", baseGrade: "B", rules: ["shed"] });
    expect(byName(p.clients, "Shed").flags).toContain("shed");
    expect(byName(p.clients, "Shed").actions).toMatch(/^Shed, or refer to a competitor/);
    expect(byName(p.clients, "Lag")).toMatchObject({ grade: "C", profitRating: "Laggard", rules: ["laggard"] });
    expect(byName(p.clients, "Lag").actions).toMatch(/^Reprice or exit/);
    expect(byName(p.clients, "Brand")).toMatchObject({ grade: "B", rules: ["laggard", "strategic-floor"] });
    expect(byName(p.clients, "Brand").flags).toContain("laggard");
    const friend = byName(p.clients, "Friend");
    expect(friend).toMatchObject({ grade: "A", computedGrade: "C", overrideReason: "founder's first client" });
    expect(friend.flags).toContain("override");
    expect(friend.why).toContain("manual override C → A (founder's first client)");
    const bad = byName(p.clients, "BadOverride");
    expect(bad.flags).not.toContain("override");
    expect(bad.issues).toContain('manual grade "Z" is not A, B or C; ignored');
  });

  it("the override survives every rebuild: it is read from the sheet each time", () => {
    const rows: Rows = [["Client", "Revenue", "Override"], ["Acme", 1, "A"], ["Bolt", 2, ""]];
    const first = grade(rows);
    const history = first.clients.map((c) => ({ date: "2026-01-01", client: c.name, grade: c.grade, score: c.score, quadrant: c.quadrant }));
    const second = grade(rows, {}, { history });
    expect(byName(second.clients, "Acme").grade).toBe("A");
    expect(byName(second.clients, "Acme").movement).toBe("=");
  });

  it("the explanation of every client ends with its score and starts with its grade", () => {
    const p = grade([["Client", "Revenue", "Margin", "Share of Wallet"], ["Acme", 100, "12%", "80%"], ["Bolt", 50, "30%", "10%"]]);
    for (const c of p.clients) {
      expect(c.why.startsWith(`${c.grade} — revenue ${c.revenueRating} `)).toBe(true);
      expect(c.why).toContain(`= ${c.score}`);
    }
  });
});

describe("quadrant placement", () => {
  it("a relationship column is used and not flagged; without one it is estimated and flagged", () => {
    const withColumn = grade([["Client", "Revenue", "Relationship Stage"], ["Acme", 100, "Cooperative"], ["Bolt", 50, "Exploratory"]]);
    expect(byName(withColumn.clients, "Acme")).toMatchObject({ relationship: 50, relationshipEstimated: false });
    expect(byName(withColumn.clients, "Acme").flags).not.toContain("estimated-relationship");
    const without = grade([["Client", "Revenue", "Share of Wallet", "Pain"], ["Acme", 100, "60%", "Low"]]);
    expect(without.clients[0]).toMatchObject({ relationship: 80, relationshipEstimated: true });
    expect(without.clients[0]?.flags).toContain("estimated-relationship");
  });

  it("benefit is the score unless a benefit column is mapped; the quadrant follows both at the 50 boundary", () => {
    const p = grade([
      ["Client", "Revenue", "Relationship", "Mutual Benefit"],
      ["Key", 100, 50, 50],
      ["Invest", 90, 49, 50],
      ["Offers", 80, 50, 49],
      ["Rethink", 70, 10, 10],
    ]);
    expect(p.clients.map((c) => [c.name, c.quadrant]).sort()).toEqual([
      ["Invest", "Invest in relationship"], ["Key", "Key client"], ["Offers", "Higher-value offers"], ["Rethink", "Rethink"],
    ]);
    const q = grade([["Client", "Revenue"], ["Acme", 100]]);
    expect(q.clients[0]?.benefit).toBe(q.clients[0]?.score);
  });
});

describe("review cadence", () => {
  const rows: Rows = [
    ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain", "Last Review"],
    ["Alpha", 1000, "30%", "20%", "High", "Low", "2026-06-01"], // A: next 07-01, not due on 06-30
    ["Beta", 900, "30%", "20%", "High", "Low", "2026-05-31"], // A: next 06-30 = today: due
    ["Gamma", 10, "12%", "60%", "Medium", "Medium", "2026-01-01"], // B: next 04-01: due
    ["Delta", 5, "5%", "90%", "Low", "High", ""], // never reviewed: due today
  ];
  const p = grade(rows);

  it("next review = last review + 30/90/365 days by grade, flagged review-due from that day", () => {
    expect(byName(p.clients, "Alpha")).toMatchObject({ grade: "A", nextReview: "2026-07-01" });
    expect(byName(p.clients, "Alpha").flags).not.toContain("review-due");
    expect(byName(p.clients, "Beta")).toMatchObject({ grade: "A", nextReview: "2026-06-30" });
    expect(byName(p.clients, "Beta").flags).toContain("review-due");
    expect(byName(p.clients, "Gamma")).toMatchObject({ grade: "B", nextReview: "2026-04-01" });
    expect(byName(p.clients, "Gamma").flags).toContain("review-due");
    expect(byName(p.clients, "Delta")).toMatchObject({ grade: "C", nextReview: "2026-06-30", lastReview: null });
  });

  it("a last-review date far outside the usual years does not stop the build", () => {
    const q = grade([["Client", "Revenue", "Last Review"], ["Acme", 100, new Date(Date.UTC(10000, 0, 1))], ["Bolt", 50, new Date(Date.UTC(-1, 11, 31))]]);
    expect(q.clients).toHaveLength(2);
    expect(byName(q.clients, "Bolt").flags).toContain("review-due");
  });

  it("without a last-review column there is no next review and no flag", () => {
    const q = grade([["Client", "Revenue"], ["Acme", 100]]);
    expect(q.clients[0]?.nextReview).toBeNull();
    expect(q.clients[0]?.flags).not.toContain("review-due");
  });
});

describe("history", () => {
  const rows: Rows = [
    ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
    ["Up", 1000, "30%", "20%", "High", "Low"],
    ["Down", 10, "5%", "90%", "Low", "High"],
    ["Same", 500, "15%", "60%", "Medium", "Medium"],
    ["Fresh", 400, "15%", "60%", "Medium", "Medium"],
  ];
  const history = [
    { date: "2026-03-01", client: "up", grade: "C" as const, score: 10, quadrant: "Rethink" },
    { date: "2026-03-01", client: "Down", grade: "A" as const, score: 90, quadrant: "Key client" },
    { date: "2026-03-01", client: "Same", grade: "B" as const, score: 50, quadrant: "Rethink" },
    { date: "2026-01-01", client: "Fresh", grade: "A" as const, score: 90, quadrant: "Key client" },
  ];
  const p = grade(rows, {}, { history });

  it("movement per client against the previous build (matched by name, any case)", () => {
    expect(p.clients.map((c) => [c.name, c.previousGrade, c.movement]).sort()).toEqual([
      ["Down", "A", "▼"], ["Fresh", null, "new"], ["Same", "B", "="], ["Up", "C", "▲"],
    ]);
  });

  it("the summary counts upgrades, downgrades and new clients", () => {
    expect(p.health).toMatchObject({ upgrades: 1, downgrades: 1, newClients: 1 });
  });

  it("a first build has no new clients to count", () => {
    expect(grade(rows).health.newClients).toBe(0);
    expect(grade(rows).clients.every((c) => c.movement === "new")).toBe(true);
  });
});

// core/portfolio.ts: a sheet of cells → ranked portfolio, needs-data, order lists, flags, health.
import { describe, expect, it } from "vitest";
import { EmptySheetError, gradePortfolio, looksLikeOrderList, type ClientResult, type PortfolioInput } from "../../core/portfolio";
import { resolveSettings } from "../../core/settings";
import { dayFromParts, type CellValue } from "../../core/values";

const today = dayFromParts(2026, 6, 30);
type Rows = CellValue[][];

function grade(rows: Rows, settings: Record<string, unknown> = {}, extra: Partial<PortfolioInput> = {}) {
  return gradePortfolio({ rows, settings: resolveSettings(settings), today, ...extra });
}
const byName = (clients: readonly ClientResult[], name: string) => {
  const c = clients.find((x) => x.name === name);
  if (!c) throw new Error(`no client ${name}`);
  return c;
};

describe("order-list detection (SPEC §2: more than 20% of client cells repeat an earlier name)", () => {
  const names = (n: number, repeats: number) => [
    ...Array.from({ length: n - repeats }, (_, i) => `Client ${i}`),
    ...Array.from({ length: repeats }, () => "Client 0"),
  ];

  it.each([
    [10, 2, false], // exactly 20%: a per-client sheet
    [10, 3, true], // 30%
    [5, 1, false], // 20%
    [5, 2, true],
    [100, 20, false],
    [100, 21, true],
    [1, 0, false],
  ])("%i names, %i repeats → order list %s", (n, repeats, want) => {
    expect(looksLikeOrderList(names(n, repeats))).toBe(want);
  });

  it("blanks do not count; repeats ignore case and surrounding spaces", () => {
    expect(looksLikeOrderList(["Acme", null, null, null, " acme ", "Bolt", "Cobalt"])).toBe(true); // 1 of 4
    expect(looksLikeOrderList(["Acme", "ACME", "Bolt", "Cobalt", "Dyn", "Eon"])).toBe(false); // 1 of 6
    expect(looksLikeOrderList([null, null])).toBe(false);
  });

  it("gradePortfolio picks the mode, and --mode overrides it", () => {
    const rows: Rows = [["Client", "Sales"], ["Acme", 1], ["Acme", 2], ["Bolt", 3]];
    expect(grade(rows).mode).toBe("orders");
    expect(grade(rows, { mode: "clients" }).mode).toBe("clients");
    const perClient: Rows = [["Client", "Sales"], ["Acme", 1], ["Bolt", 2], ["Cobalt", 3]];
    expect(grade(perClient).mode).toBe("clients");
    expect(grade(perClient, { mode: "orders" }).mode).toBe("orders");
  });
});

describe("order-list aggregation", () => {
  const orders: Rows = [
    ["Order", "Order Date", "Customer Name", "Segment", "Sales", "Profit"],
    ["SO-1", "2025-03-05", "Acme", "Retail", 1000, 300],
    ["SO-2", "2025-01-10", "Bolt", "Food", "$2,000.00", 100],
    ["SO-3", "2025-02-01", "acme ", "", 500, -150],
    ["SO-4", "2025-06-30", "Bolt", "Food", 1000, 50],
    ["SO-5", "2025-04-01", "Acme", "Retail", "lots", 10],
    ["SO-6", "not a date", "Acme", "Retail", 500, 100],
    ["SO-7", 45658, "Cobalt", "Tech", 100, 20],
  ];
  const p = grade(orders);

  it("is an order list", () => {
    expect(p.mode).toBe("orders");
    expect(p.rowsRead).toBe(7);
  });

  it("revenue = Σ amount, profit = Σ profit, margin = Σ profit ÷ Σ revenue, orders = count", () => {
    const acme = byName(p.clients, "Acme");
    expect(acme.revenue).toBe(2000); // 1000 + 500 + 500; the "lots" row is not merged
    expect(acme.profit).toBe(250);
    expect(acme.margin).toBe(0.125);
    expect(acme.orders).toBe(3);
    const bolt = byName(p.clients, "Bolt");
    expect(bolt.revenue).toBe(3000);
    expect(bolt.profit).toBe(150);
    expect(bolt.margin).toBe(0.05);
    expect(bolt.orders).toBe(2);
  });

  it("first and last date; `row` is the first row the client appears on; the first spelling names it", () => {
    const acme = byName(p.clients, "Acme");
    expect([acme.firstDate, acme.lastDate]).toEqual(["2025-02-01", "2025-03-05"]);
    expect(acme.row).toBe(2);
    expect(byName(p.clients, "Bolt")).toMatchObject({ row: 3, firstDate: "2025-01-10", lastDate: "2025-06-30" });
    expect(byName(p.clients, "Cobalt")).toMatchObject({ row: 8, firstDate: "2025-01-01", lastDate: "2025-01-01", orders: 1 });
  });

  it("a row with a bad amount is listed under needs data with its sheet row; the client's other rows still count", () => {
    expect(p.needsData).toEqual([{ row: 6, name: "Acme", reason: 'revenue: "lots" is not an amount' }]);
  });

  it("every order row points at its client", () => {
    expect([...p.clientByRow.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(p.clientByRow.get(4)?.name).toBe("Acme");
  });

  it("no duplicate flag in an order list", () => {
    expect(p.clients.every((c) => !c.flags.includes("duplicate"))).toBe(true);
  });

  it("the margin column wins over profit, weighted by revenue across orders", () => {
    const rows: Rows = [["Client", "Sales", "Profit", "Margin"], ["Acme", 100, 90, "10%"], ["Acme", 300, 0, "30%"], ["Bolt", 50, 5, ""]];
    const q = grade(rows);
    expect(byName(q.clients, "Acme").margin).toBe(0.25); // (10·100 + 30·300) / 400
    expect(byName(q.clients, "Bolt").margin).toBe(0.1); // no margin cell: profit ÷ revenue
  });

  it("a wallet share given on a later order fills the client's, without a stale 'missing' note or flag", () => {
    const q = grade([
      ["Client", "Sales", "Share of Wallet", "Pain", "Margin"],
      ["Acme", 1, "", "Low", "20%"],
      ["Acme", 2, "40%", "", "20%"],
      ["Bolt", 3, "", "Low", "20%"],
      ["Bolt", 4, "", "Low", "20%"],
    ]);
    const acme = byName(q.clients, "Acme");
    expect(acme).toMatchObject({ walletShare: 0.4, walletRating: "Low" });
    expect(acme.flags).not.toContain("incomplete");
    expect(acme.issues).toEqual([]);
    const bolt = byName(q.clients, "Bolt");
    expect(bolt.walletRating).toBe("Unknown");
    expect(bolt.flags).toContain("incomplete");
    expect(bolt.issues).toEqual(["share of wallet missing; scored as Unknown"]);
  });

  it("the same sheet with --mode clients is not merged: each row is a client, repeats flagged duplicate", () => {
    const q = grade(orders, { mode: "clients" });
    expect(q.clients).toHaveLength(6);
    expect(q.clients.filter((c) => c.flags.includes("duplicate")).map((c) => c.row).sort()).toEqual([2, 3, 4, 5, 7]);
    expect(byName(q.clients, "Cobalt").flags).not.toContain("duplicate");
  });
});

describe("margins computed from amounts are exact at the boundaries", () => {
  it.each([
    [1234.57, 12345.7, "Medium"], // exactly 10%: 1234.57 / 12345.7 is 0.09999999999999999 in floating point
    [2469.14, 9876.56, "High"], // exactly 25%
    [0, 500, "Low"],
  ])("profit %d on revenue %d → %s", (profit, revenue, want) => {
    const p = grade([["Client", "Revenue", "Profit"], ["Acme", revenue, profit]]);
    expect(p.clients[0]?.profitRating).toBe(want);
  });

  it("Σ profit ÷ Σ revenue of an order list that is exactly 25%", () => {
    const profits = [236.32, 112.6, 184.23, 39.53, 9.77, 211.15];
    const revenues = [945.31, 450.38, 736.93, 158.1, 39.07, 844.61]; // Σ 3174.40, Σ profit 793.60
    const rows: Rows = [["Client", "Sales", "Profit"], ...profits.map((x, i) => ["Acme", revenues[i], x])];
    const c = grade(rows).clients[0]!;
    expect(c.margin).toBe(0.25);
    expect(c.profitRating).toBe("High");
  });

  it("profits that cancel to zero are not a laggard", () => {
    // 0.3 − 0.1 − 0.2 is −2.8e-17 in floating point
    const rows: Rows = [["Client", "Sales", "Profit"], ["Acme", 10, 0.3], ["Acme", 10, -0.1], ["Acme", 10, -0.2]];
    const c = grade(rows).clients[0]!;
    expect(c.margin).toBe(0);
    expect(c.profitRating).toBe("Low");
    expect(c.flags).not.toContain("laggard");
  });
});

describe("rows that cannot be ranked: needs data, with the sheet row number", () => {
  const rows: Rows = [
    ["Client", "Revenue", "Share of Wallet"],
    ["Acme", 100, "50%"],
    ["", 200, "10%"],
    ["Bolt", "", "10%"],
    [null, null, null],
    ["Cobalt", "#N/A", ""],
    ["  ", "  ", "20%"],
    ["Dyn", "(300)", "90%"],
  ];
  const p = grade(rows);

  it("a missing client, a missing or invalid revenue", () => {
    expect(p.needsData).toEqual([
      { row: 3, name: "", reason: "no client name" },
      { row: 4, name: "Bolt", reason: "no revenue" },
      { row: 6, name: "Cobalt", reason: "revenue: the cell holds the error #N/A" },
      { row: 7, name: "", reason: "no client name" },
    ]);
  });

  it("fully blank rows are ignored; every other row is ranked or listed", () => {
    expect(p.rowsRead).toBe(6);
    expect(p.clients.length + p.needsData.length).toBe(6);
  });

  it("a negative revenue is a valid revenue", () => {
    expect(byName(p.clients, "Dyn").revenue).toBe(-300);
  });

  it("a sheet with headers only, or nothing at all, is an error", () => {
    expect(() => grade([["Client", "Revenue"]])).toThrow(EmptySheetError);
    expect(() => grade([["Client", "Revenue"], [null, ""]])).toThrow("the sheet has headers but no data rows");
    expect(() => grade([])).toThrow("the sheet is empty");
    expect(() => grade([[null], [""]])).toThrow("the sheet is empty");
  });
});

describe("missing and unreadable factors (SPEC §2)", () => {
  const rows: Rows = [
    ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
    ["Full", 100, "30%", "40%", "High", "Low"],
    ["NoWallet", 90, "30%", "", "High", "Low"],
    ["BadWallet", 80, "30%", "lots", "High", "Low"],
    ["NoMargin", 70, "", "40%", "High", "Low"],
    ["BadMargin", 60, "#DIV/0!", "40%", "High", "Low"],
    ["NoPain", 50, "30%", "40%", "High", ""],
    ["BadPain", 40, "30%", "40%", "High", "ouch"],
    ["NoStrategic", 30, "30%", "40%", "", "Low"],
    ["BadStrategic", 20, "30%", "40%", "maybe", "Low"],
    ["Last", 10, "30%", "40%", "Low", "Low"],
  ];
  const p = grade(rows);

  it.each([
    ["Full", {}, false],
    ["NoWallet", { walletRating: "Unknown", walletShare: null }, true],
    ["BadWallet", { walletRating: "Unknown", walletShare: null }, true],
    ["NoMargin", { profitRating: "Unknown", margin: null }, true],
    ["BadMargin", { profitRating: "Unknown", margin: null }, true],
    ["NoPain", { pain: "Unknown" }, true],
    ["BadPain", { pain: "Unknown" }, true],
    ["NoStrategic", { strategic: "Low" }, false], // blank strategic = no strategic value
    ["BadStrategic", { strategic: "Unknown" }, true],
  ] as const)("%s → %o, incomplete %s", (name, want, incomplete) => {
    const c = byName(p.clients, name);
    expect(c).toMatchObject(want);
    expect(c.flags.includes("incomplete")).toBe(incomplete);
  });

  it("Unknown is scored as Medium (½)", () => {
    const full = byName(p.clients, "Full");
    const noWallet = byName(p.clients, "NoWallet");
    expect(full.points.wallet).toBe(1);
    expect(noWallet.points.wallet).toBe(0.5);
    expect(byName(p.clients, "NoPain").points.pain).toBe(0.5);
    expect(byName(p.clients, "BadStrategic").points.strategic).toBe(0.5);
  });

  it("the issues say which cell and what was assumed", () => {
    expect(byName(p.clients, "BadWallet").issues).toContain('share of wallet: "lots" is not a wallet share (a percent or a fraction); scored as Unknown');
    expect(byName(p.clients, "BadMargin").issues).toContain("margin: the cell holds the error #DIV/0!");
    expect(byName(p.clients, "BadPain").issues.join(" ")).toMatch(/pain: "ouch" is not a level.*scored as Unknown/);
  });

  it("without a pain column, pain comes from aligned/easy", () => {
    const q = grade([
      ["Client", "Revenue", "Aligned", "Easy to serve"],
      ["A1", 100, "yes", "yes"],
      ["A2", 90, "yes", "no"],
      ["A3", 80, "no", "no"],
      ["A4", 70, "no", "yes"],
      ["A5", 60, "", "yes"],
    ]);
    expect(q.clients.map((c) => [c.name, c.pain]).sort()).toEqual([["A1", "Low"], ["A2", "Medium"], ["A3", "High"], ["A4", "Medium"], ["A5", "Unknown"]]);
    expect(byName(q.clients, "A5").flags).toContain("incomplete");
  });

  it("without wallet, margin or pain columns everything is Unknown and flagged incomplete", () => {
    const q = grade([["Client", "Revenue"], ["Acme", 100]]);
    expect(q.clients[0]).toMatchObject({ walletRating: "Unknown", profitRating: "Unknown", pain: "Unknown", strategic: "Low" });
    expect(q.clients[0]?.flags).toContain("incomplete");
  });
});

describe("duplicates in a per-client sheet are flagged, not merged", () => {
  it("both rows are ranked and flagged", () => {
    const p = grade([["Client", "Revenue"], ["Acme", 100], ["Bolt", 50], ["ACME", 70], ["Cobalt", 10], ["Dyn", 5], ["Eon", 1]]);
    expect(p.mode).toBe("clients");
    expect(p.clients).toHaveLength(6);
    expect(p.clients.filter((c) => c.flags.includes("duplicate")).map((c) => c.name).sort()).toEqual(["ACME", "Acme"]);
  });
});

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

describe("portfolio health (SPEC §7)", () => {
  it("summary: counts, revenue, byGrade, top-20% share, top client share, HHI", () => {
    const p = grade([["Client", "Revenue"], ["A1", 50], ["A2", 20], ["A3", 10], ["A4", 10], ["A5", 5], ["A6", 5]]);
    expect(p.summary.clients).toBe(6);
    expect(p.summary.revenue).toBe(100);
    expect(p.summary.byGrade.A + p.summary.byGrade.B + p.summary.byGrade.C).toBe(6);
    expect(p.summary.top20Share).toBeCloseTo(0.7, 12); // ⌈1.2⌉ = 2 clients
    expect(p.summary.topClientShare).toBeCloseTo(0.5, 12);
    expect(p.summary.hhi).toBeCloseTo(2500 + 400 + 100 + 100 + 25 + 25, 9);
    expect(p.health.hhiBand).toBe("highly concentrated");
  });

  it("warns about a client above 25% of revenue, not at exactly 25%", () => {
    const even = grade([["Client", "Revenue"], ["A", 25], ["B", 25], ["C", 25], ["D", 25]]);
    expect(even.health.warnings).toEqual([]);
    const top = grade([["Client", "Revenue"], ["A", 26], ["B", 25], ["C", 25], ["D", 24]]);
    expect(top.health.warnings).toEqual(["A is 26% of revenue (above 25%)"]);
  });

  it("warns about an industry above 50% of revenue, not at exactly 50%; counts revenue by industry", () => {
    const rows = (retail: number): Rows => [
      ["Client", "Revenue", "Industry"], ["A", retail, "Retail"], ["B", 20, "Food"], ["C", 20, "Food"], ["D", 20, "Tech"], ["E", 20, "Tech"], ["F", 20, "Legal"], ["G", 20, "Legal"],
    ];
    const at50 = grade(rows(120)); // 120 of 240
    expect(at50.health.warnings.filter((w) => w.startsWith("Retail"))).toEqual([]);
    const above = grade(rows(130));
    expect(above.health.warnings).toContain("Retail is 52% of revenue (above 50%)");
    expect(above.health.industries[0]).toMatchObject({ industry: "Retail", revenue: 130, clients: 1 });
  });

  it("no industry figures when no industry column is mapped", () => {
    const p = grade([["Client", "Revenue"], ["A", 1]]);
    expect(p.health.industries).toEqual([]);
    expect(p.health.industryHhi).toBeNull();
  });

  it("budget: 60/30/10 by grade, split evenly; an empty grade's share goes to the others", () => {
    const p = grade([
      ["Client", "Revenue", "Margin", "Share of Wallet", "Strategic", "Pain"],
      ["A1", 1000, "30%", "20%", "High", "Low"],
      ["B1", 10, "15%", "60%", "Medium", "Medium"],
      ["B2", 9, "15%", "60%", "Medium", "Medium"],
    ]);
    expect(p.summary.byGrade).toEqual({ A: 1, B: 2, C: 0 });
    expect(byName(p.clients, "A1").budgetShare).toBeCloseTo(60 / 90, 12);
    expect(byName(p.clients, "B1").budgetShare).toBeCloseTo(15 / 90, 12);
    expect(p.clients.reduce((a, c) => a + c.budgetShare, 0)).toBeCloseTo(1, 12);
    expect(p.health.budgetByGrade.C).toBe(0);
  });

  it("revenue and counts by grade and by quadrant add up", () => {
    const p = grade([["Client", "Revenue", "Strategic"], ["A", 100, "High"], ["B", 50, "Low"], ["C", 25, "Medium"]]);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(p.health.revenueByGrade)).toBe(175);
    expect(sum(p.health.revenueByQuadrant)).toBe(175);
    expect(sum(p.health.countByQuadrant)).toBe(3);
  });
});

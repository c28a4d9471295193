// SPEC §11 through gradePortfolio: an order list with dates is graded on the 12 months to asOf;
// every client that ever ordered is listed; trend, growth, recency, lapsed and at risk.
import { describe, expect, it } from "vitest";
import { toJson } from "../../../core/report";
import { checkSettings } from "../../../core/settings";
import { byName, grade, type Rows } from "../portfolio/grade";

const HEAD = ["Date", "Customer", "Amount", "Profit"];
/** Enough repeated names to be an order list (SPEC §2: more than 20% repeats). */
function orders(...rows: [string, string, number | string | null, number?][]): Rows {
  return [HEAD, ...rows.map(([d, c, a, p]) => [d, c, a, p ?? null])];
}

describe("the current period (asOf − 12 months < d ≤ asOf)", () => {
  const rows = orders(
    ["2025-06-30", "Acme", 100], // asOf: the latest date
    ["2024-06-30", "Acme", 1000], // exactly asOf − 12 months: previous period
    ["2024-07-01", "Acme", 10], // the first day of the current period
    ["2023-06-30", "Acme", 5000], // exactly asOf − 24 months: neither period
    ["2023-07-01", "Bolt", 300], // previous period only: lapsed
    ["2024-01-15", "Bolt", 200],
    ["2025-03-01", "Cobalt", 50], // new
    ["2025-04-01", "Cobalt", 50],
  );
  const p = grade(rows);

  it("asOf is the latest date; the period is 2024-07-01 – 2025-06-30", () => {
    expect(p.period).toEqual({ asOf: "2025-06-30", from: "2024-07-01", to: "2025-06-30", months: 12 });
  });

  it("sums revenue over the current period only: asOf included, asOf − 12 months excluded", () => {
    expect(byName(p.clients, "Acme").revenue).toBe(110);
    expect(byName(p.clients, "Acme").revenuePrevious).toBe(1000);
    expect(byName(p.clients, "Acme").growth).toBe(-0.89);
    expect(byName(p.clients, "Acme").trend).toBe("Declining");
    expect(byName(p.clients, "Acme").daysSinceLastOrder).toBe(0);
    expect(byName(p.clients, "Acme").lastDate).toBe("2025-06-30");
  });

  it("lists a client with nothing in the period: revenue 0, Lapsed, flags no-revenue and lapsed", () => {
    const bolt = byName(p.clients, "Bolt");
    expect(bolt.revenue).toBe(0);
    expect(bolt.revenuePrevious).toBe(500);
    expect(bolt.growth).toBe(-1);
    expect(bolt.trend).toBe("Lapsed");
    expect(bolt.flags).toEqual(expect.arrayContaining(["no-revenue", "lapsed"]));
    expect(bolt.daysSinceLastOrder).toBe(532); // 2024-01-15 → 2025-06-30
    expect(bolt.rank).toBe(3);
  });

  it("a client whose first order is inside the period is New, with no growth", () => {
    const cobalt = byName(p.clients, "Cobalt");
    expect(cobalt.trend).toBe("New");
    expect(cobalt.growth).toBeNull();
    expect(cobalt.revenuePrevious).toBe(0);
  });

  it("the summary is of the current period; every row still merged", () => {
    expect(p.summary.revenue).toBe(210);
    expect(p.clients.reduce((n, c) => n + c.orders, 0)).toBe(8);
  });

  it("--json carries the fields of SPEC §10", () => {
    const j = toJson(p);
    expect(j.summary.asOf).toBe("2025-06-30");
    expect(j.summary.period).toEqual({ from: "2024-07-01", to: "2025-06-30" });
    const bolt = j.clients.find((c) => c.name === "Bolt");
    expect(bolt).toMatchObject({ revenuePrevious: 500, growth: -1, trend: "Lapsed", lastOrder: "2024-01-15", daysSinceLastOrder: 532 });
  });
});

describe("asOf on 29 February: the period starts after 28 February (clamped to the month's end)", () => {
  const p = grade(orders(["2024-02-29", "Acme", 1], ["2023-02-28", "Acme", 20], ["2023-03-01", "Acme", 300], ["2023-03-01", "Bolt", 4000]));
  it("2023-02-28 is the previous period, 2023-03-01 the current one", () => {
    expect(p.period?.from).toBe("2023-03-01");
    expect(byName(p.clients, "Acme").revenue).toBe(301);
    expect(byName(p.clients, "Acme").revenuePrevious).toBe(20);
  });
});

describe("growth at the thresholds", () => {
  // Each client: 100 in the previous period, then its current amount.
  const names: [string, number][] = [["Up10", 110], ["Down10", 90], ["Down25", 75], ["Down24", 76]];
  const rows = orders(["2025-06-30", "Anchor", 1], ...names.flatMap(([n, now]): [string, string, number][] => [["2024-01-01", n, 100], ["2025-06-01", n, now]]));
  const p = grade(rows, { weights: { revenue: 0, profitability: 0, strategic: 100, wallet: 0, pain: 0 } });
  it("exactly +10% is Growing, exactly −10% Declining", () => {
    expect(byName(p.clients, "Up10").trend).toBe("Growing");
    expect(byName(p.clients, "Up10").growth).toBe(0.1);
    expect(byName(p.clients, "Down10").trend).toBe("Declining");
    expect(byName(p.clients, "Down10").growth).toBe(-0.1);
  });
  it("exactly −25% is at risk for a B client, −24% is not", () => {
    const strategic = [["Date", "Customer", "Amount", "Strategic"], ...rows.slice(1).map((r) => [r[0], r[1], r[2], "Medium"])];
    const q = grade(strategic);
    expect(byName(q.clients, "Down25").grade).toBe("B");
    expect(byName(q.clients, "Down25").flags).toContain("at-risk");
    expect(byName(q.clients, "Down24").grade).toBe("B");
    expect(byName(q.clients, "Down24").flags).not.toContain("at-risk");
    // A C client is never at risk.
    expect(byName(p.clients, "Down25").flags).not.toContain("at-risk");
  });
});

describe("at risk after more than 180 days without an order", () => {
  const rows: Rows = [
    ["Date", "Customer", "Amount", "Strategic"],
    ["2025-06-30", "Anchor", 1, "Low"],
    ["2025-01-01", "Day180", 100, "High"], // 180 days before 2025-06-30
    ["2024-12-31", "Day181", 100, "High"],
    ["2024-12-31", "Day181", 100, "High"],
    ["2025-01-01", "Day180", 100, "High"],
  ];
  const p = grade(rows);
  it("exactly 180 days is not at risk, 181 is", () => {
    expect(byName(p.clients, "Day180").daysSinceLastOrder).toBe(180);
    expect(byName(p.clients, "Day180").flags).not.toContain("at-risk");
    expect(byName(p.clients, "Day181").daysSinceLastOrder).toBe(181);
    expect(byName(p.clients, "Day181").flags).toContain("at-risk");
  });
});

describe("rows and settings", () => {
  const rows = orders(["2025-06-30", "Acme", 100], ["", "Acme", 50], ["not a date", "Bolt", 70], ["2025-05-01", "Bolt", 10], ["2020-01-01", "Bolt", 999], ["2025-05-02", "Acme", null]);

  it("a row with a client and an amount but no valid date needs data (`no valid date`); one without an amount `no revenue`", () => {
    const p = grade(rows);
    expect(p.needsData).toEqual([
      { row: 3, name: "Acme", reason: "no valid date" },
      { row: 4, name: "Bolt", reason: "no valid date" },
      { row: 7, name: "Acme", reason: "no revenue" },
    ]);
    expect(byName(p.clients, "Acme").revenue).toBe(100);
  });

  it("revenuePeriodMonths 0: every row counts, as before, and no period fields", () => {
    const p = grade(rows, { revenuePeriodMonths: 0 });
    expect(p.period).toBeNull();
    expect(byName(p.clients, "Acme").revenue).toBe(150);
    expect(byName(p.clients, "Bolt").revenue).toBe(1079);
    expect(byName(p.clients, "Bolt").trend).toBeNull();
    const j = toJson(p);
    expect(j.summary.asOf).toBeUndefined();
    expect(Object.keys(j.clients[0] ?? {})).not.toContain("trend");
  });

  it("revenuePeriodMonths 6 and a set asOf: the 6 months to it; later rows are not counted and said so", () => {
    const p = grade(rows, { revenuePeriodMonths: 6, asOf: "2025-05-31" });
    expect(p.period).toEqual({ asOf: "2025-05-31", from: "2024-12-01", to: "2025-05-31", months: 6 });
    expect(byName(p.clients, "Acme").revenue).toBe(0);
    expect(byName(p.clients, "Bolt").revenue).toBe(10);
    expect(p.notes.some((n) => n.startsWith("1 row is dated after the period's end 2025-05-31"))).toBe(true);
  });

  it("a per-client sheet with a date column is graded as it is", () => {
    const p = grade([["Date", "Customer", "Amount"], ["2020-01-01", "Acme", 100], ["2025-01-01", "Bolt", 50]]);
    expect(p.mode).toBe("clients");
    expect(p.period).toBeNull();
    expect(byName(p.clients, "Acme").revenue).toBe(100);
  });

  it("an order list whose dates are all unreadable: every row counted, with a note", () => {
    const p = grade(orders(["soon", "Acme", 1], ["later", "Acme", 2]));
    expect(p.period).toBeNull();
    expect(byName(p.clients, "Acme").revenue).toBe(3);
    expect(p.notes.join(" ")).toMatch(/“Date” holds no valid dates/);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ revenuePeriodMonths: -1 }, "revenuePeriodMonths"],
    [{ revenuePeriodMonths: 1.5 }, "revenuePeriodMonths"],
    [{ asOf: "2025-02-30" }, "asOf"],
    [{ asOf: "30/06/2025" }, "asOf"],
    [{ asOf: 45000 }, "asOf"],
    [{ trendPct: 101 }, "trendPct"],
    [{ atRiskDropPct: "25" }, "atRiskDropPct"],
    [{ atRiskDays: 0 }, "atRiskDays"],
  ])("%j is refused, naming %s", (input, setting) => {
    expect(checkSettings(input).errors.map((e) => e.setting)).toEqual([setting]);
  });

  it("asOf null is the default (the latest date)", () => {
    expect(checkSettings({ asOf: null }).errors).toEqual([]);
    expect(checkSettings({ asOf: "2024-02-29" }).settings.asOf).toBe("2024-02-29");
  });
});

// core/portfolio/read-clients.ts: rows → clients: order lists merged, margins, needs data, Unknown
// factors flagged incomplete, duplicates flagged not merged.
import { describe, expect, it } from "vitest";
import { EmptySheetError } from "../../../core/portfolio";
import { byName, grade, type Rows } from "./grade";

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
  // Every row counted (SPEC §11's setting 0): this suite is about merging, test/core/period about the period.
  const p = grade(orders, { revenuePeriodMonths: 0 });

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

  it("an order with a profit but no margin cell still counts towards a margin-column client's margin", () => {
    // Each row's profit is its margin × revenue, or its profit cell: Σ profit ÷ Σ revenue over
    // the rows that give one. Before, once any row had a margin the profit-only rows' revenue and
    // profit were dropped: Acme was 20% (its first row alone) instead of (20 + 50) ÷ 200.
    const q = grade([
      ["Client", "Sales", "Profit", "Margin"],
      ["Acme", 100, "", "20%"],
      ["Acme", 100, 50, ""],
      ["Bolt", 300, 30, "5%"], // both on one row: the margin cell wins, as before
      ["Bolt", 100, 40, ""],
      ["Cobalt", 100, "", "20%"], // a row with neither is left out of the margin, as before
      ["Cobalt", 100, "", ""],
    ]);
    expect(q.mode).toBe("orders");
    const acme = byName(q.clients, "Acme");
    // The profit is the one the margin says (SPEC §12: revenue × margin where a margin is given): 20 + 50.
    expect(acme).toMatchObject({ revenue: 200, profit: 70, margin: 0.35, profitRating: "High", orders: 2 });
    expect(acme.issues.some((s) => s.startsWith("margin"))).toBe(false);
    expect(byName(q.clients, "Bolt")).toMatchObject({ revenue: 400, profit: 55, margin: 0.1375 }); // (15 + 40) ÷ 400
    expect(byName(q.clients, "Cobalt")).toMatchObject({ revenue: 200, margin: 0.2 });
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

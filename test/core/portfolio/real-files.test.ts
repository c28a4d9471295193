// SPEC §2a at the level of the portfolio, table-driven: total rows, continuation lines, negative
// and zero revenue, the number locale from the reader, rows that were not revenue (docs/files.md),
// a stage column holding no relationship values, and order lists taking each attribute from the
// first row that gives it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTotalLabel } from "../../../core/portfolio";
import { EXCEL_DIALECT, planMatrix } from "../../../core/matrix";
import { toJson } from "../../../core/report";
import { byName, grade, type Rows } from "./grade";

describe("total rows (SPEC §2a): left out, reported under skipped as `total row`", () => {
  it.each<[string, boolean]>([
    ["Total", true],
    ["TOTAL", true],
    ["total:", true],
    ["Totals", true],
    ["Grand Total", true],
    ["grand total:", true],
    ["Subtotal", true],
    ["Sub-total", true],
    ["Sum", true],
    ["SUM:", true],
    ["Overall", true],
    ["Customer total", true],
    ["Total :", true],
    ["Europe total", true],
    ["Totally Fresh Ltd", false],
    ["Total Fitness Gym", false],
    ["Summit Partners", false],
    ["Overall Builders Inc", false],
    ["Sumo Foods", false],
    ["totalizer", false],
    ["Total ", true], // untrimmed
    ["Grand total\u00a0", true],
    ["TOTALS", true],
    ["Client 000001", false],
    ["Acme Tools", false],
    // A group's total in an accounting report (QuickBooks' Sales by Customer Detail).
    ["Total for Amy's Bird Sanctuary", true],
    ["TOTAL FOR Cool Cars", true],
    ["Totals for Europe", true],
    ["total for  Bolt Ltd ", true],
    ["Total for", false],
    ["Total forecast Ltd", false],
    ["Totally for Kids", false],
    ["Total Fitness for Women", false],
  ])("%j is a total label: %s", (label, total) => {
    expect(isTotalLabel(label)).toBe(total);
  });

  it("the shortcuts never change the answer (random labels against the whole pattern)", () => {
    const pattern = /^(?:totals?|grand\s+totals?|sub-?\s?totals?|sum|overall)\s*:?$|\btotals?\s*:?$|^totals?\s+for\s+\S/i;
    const pieces = ["Total", "total", "TOTALS", "Grand", "sub", "-", "Sum", "overall", "Overall", " ", "\u00a0", "\t", ":", "s", "l", "M", "Acme", "1", "é", "for", "FOR", "t", "T"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (parts) => {
        const label = parts.join("");
        expect(isTotalLabel(label)).toBe(pattern.test(label));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it("a TOTAL row at the bottom is not graded and does not double the revenue", () => {
    const p = grade([["Client", "Revenue"], ["Acme", 600], ["Bolt", 300], ["Cobalt", 100], ["TOTAL", 1000], ["Grand total:", 1000]]);
    expect(p.clients.map((c) => c.name)).toEqual(["Acme", "Bolt", "Cobalt"]);
    expect(p.summary.revenue).toBe(1000);
    expect(p.summary.topClientShare).toBe(0.6);
    expect(p.skipped).toEqual([
      { row: 5, name: "TOTAL", reason: "total row" },
      { row: 6, name: "Grand total:", reason: "total row" },
    ]);
    expect(p.needsData).toEqual([]);
    expect(toJson(p).skipped).toEqual(p.skipped);
  });

  it("in an order list too, and a total label never counts as a repeated name", () => {
    const p = grade([["Client", "Amount"], ["Acme", 1], ["Bolt", 2], ["Cobalt", 3], ["Dyn", 4], ["Total", 10], ["Subtotal", 3], ["Total", 10]], { mode: "auto" });
    expect(p.mode).toBe("clients");
    expect(p.skipped.map((s) => s.row)).toEqual([6, 7, 8]);
  });
});

describe("continuation lines (SPEC §2a): an order list's rows with neither a client nor an amount", () => {
  // A shop export: the order's first line carries the company and the total, its other lines only the items.
  const shop: Rows = [
    ["Order", "Company", "Total", "Item", "Qty"],
    ["#1", "Acme", 100, "Beans", 2],
    ["#1", "", "", "Filters", 1],
    ["#1", "", "", "Jug", 1],
    ["#2", "Bolt", 50, "Beans", 1],
    ["#3", "Acme", 70, "Beans", 3],
    ["#3", "", "", "Descaler", 1],
  ];
  const p = grade(shop);

  it("are neither clients nor needs data; the note counts them", () => {
    expect(p.mode).toBe("orders");
    expect(p.needsData).toEqual([]);
    expect(p.continuations).toBe(3);
    expect(p.clients.map((c) => [c.name, c.revenue, c.orders])).toEqual([
      ["Acme", 170, 2],
      ["Bolt", 50, 1],
    ]);
    expect(p.rowsRead).toBe(6);
  });

  it("point at the client of the order above (the matrix shows its grade on every line)", () => {
    expect([3, 4, 7].map((r) => p.clientByRow.get(r)?.name)).toEqual(["Acme", "Acme", "Acme"]);
  });

  it("a line below a row that was not merged points at no client, and is still no needs data", () => {
    const q = grade([...shop, ["#4", "", 30, "Beans", 1], ["#4", "", "", "Jug", 1], ["#5", "Total", 220, "", ""], ["", "", "", "note", ""]]);
    expect(q.needsData).toEqual([{ row: 8, name: "", reason: "no client name" }]);
    expect(q.skipped).toEqual([{ row: 10, name: "Total", reason: "total row" }]);
    expect(q.continuations).toBe(5);
    expect([q.clientByRow.has(9), q.clientByRow.has(11)]).toEqual([false, false]);
  });

  it("in a per-client sheet such a row still needs data", () => {
    const q = grade([["Client", "Revenue", "Note"], ["Acme", 10, ""], ["", "", "call back"]]);
    expect([q.mode, q.continuations, q.needsData]).toEqual(["clients", 0, [{ row: 3, name: "", reason: "no client name" }]]);
  });
});

describe("negative and zero revenue (SPEC §2a): graded Low, after every positive revenue, flagged, out of the shares", () => {
  const p = grade([
    ["Client", "Revenue", "Profit", "Margin", "Industry"],
    ["Acme", 1000, 200, "", "Retail"],
    ["Bolt", 500, 50, "", "Retail"],
    ["Credit Co", "(500)", 100, "", "Food"],
    ["Lapsed Ltd", 0, 0, "", "Food"],
    ["Kept Margin", -100, "", "12%", "Food"],
  ]);

  it("every client is graded; revenue Low; flag no-revenue", () => {
    expect(p.clients).toHaveLength(5);
    for (const name of ["Credit Co", "Lapsed Ltd", "Kept Margin"]) {
      const c = byName(p.clients, name);
      expect([c.revenueRating, c.flags.includes("no-revenue"), c.budgetShare]).toEqual(["Low", true, 0]);
    }
    for (const name of ["Acme", "Bolt"]) expect(byName(p.clients, name).flags).not.toContain("no-revenue");
  });

  it("counts every client with a valid revenue in n (SPEC §3.1), zero and negative ones too, and ranks them after every positive one", () => {
    // Five positive revenues and five at 0 (lapsed): n = 10, so ⌈10·10%⌉ = 1 High and ⌈10·20%⌉ = 2:
    // the second revenue is Medium (among the five positive alone it would be Low), every 0 is Low;
    // the top 20% is the top ⌈10·20%⌉ = 2 clients' share of the positive revenue.
    const rows: (string | number)[][] = [["Client", "Revenue"], ["E", 500], ["D", 400], ["C", 300], ["B", 200], ["A", 100]];
    for (const name of ["V", "W", "X", "Y", "Z"]) rows.push([name, 0]);
    const q = grade(rows);
    expect(q.clients.map((c) => [c.name, c.revenueRating])).toEqual([
      ["E", "High"], ["D", "Medium"], ["C", "Low"], ["B", "Low"], ["A", "Low"], ["V", "Low"], ["W", "Low"], ["X", "Low"], ["Y", "Low"], ["Z", "Low"],
    ]);
    expect(q.summary.top20Share).toBeCloseTo(900 / 1500, 12);
  });

  it("ranks after every positive revenue", () => {
    // n = 5 here: ⌈5·10%⌉ = 1 High, ⌈5·20%⌉ = 1 … Bolt is Low; alone, a credit note is never High.
    expect(byName(p.clients, "Acme").revenueRating).toBe("High");
    const alone = grade([["Client", "Revenue"], ["Credit Co", "(500)"]]);
    expect(alone.clients[0]).toMatchObject({ revenueRating: "Low", flags: expect.arrayContaining(["no-revenue"]) });
    // Cumulative shares of the positive total (100): 80% High, 95% Medium, 100% Low; before, the
    // credit note made the total 0 and every client Low.
    const cumulative = grade([["Client", "Revenue"], ["Acme", 80], ["Bolt", 15], ["Cedar", 5], ["Credit", -100]], { revenueMethod: "cumulative" });
    expect(cumulative.clients.map((c) => [c.name, c.revenueRating]).sort()).toEqual([["Acme", "High"], ["Bolt", "Medium"], ["Cedar", "Low"], ["Credit", "Low"]]);
  });

  it("a margin from profit ÷ revenue is Unknown for it; a margin column still counts", () => {
    expect(byName(p.clients, "Credit Co")).toMatchObject({ margin: null, profitRating: "Unknown" });
    expect(byName(p.clients, "Lapsed Ltd")).toMatchObject({ margin: null, profitRating: "Unknown" });
    expect(byName(p.clients, "Kept Margin")).toMatchObject({ margin: 0.12, profitRating: "Medium" });
    expect(byName(p.clients, "Acme").margin).toBe(0.2);
  });

  it("shares, top shares, HHI, industry shares and the budget use positive revenue only", () => {
    expect(p.summary.revenue).toBe(1000 + 500 - 500 + 0 - 100);
    expect(p.summary.topClientShare).toBeCloseTo(1000 / 1500, 12);
    expect(p.summary.top20Share).toBeCloseTo(1000 / 1500, 12); // the top ⌈n·20%⌉ = 1 client of the positive revenue
    expect(p.summary.hhi).toBeCloseTo((100 * 1000 / 1500) ** 2 + (100 * 500 / 1500) ** 2, 6);
    expect(p.health.industries.map((i) => [i.industry, i.share])).toEqual([["Retail", 1]]);
    const shares = Object.values(p.health.shareByGrade).filter((s): s is number => s !== null);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.clients.reduce((a, c) => a + c.budgetShare, 0)).toBeCloseTo(1, 12);
  });

  it("a credit-note client never makes a share above 100% (the issue's 200% and HHI 50,000)", () => {
    const q = grade([["Client", "Revenue"], ["Acme", 1000], ["Refund Co", "(500)"]]);
    expect(q.summary.topClientShare).toBe(1);
    expect(q.summary.hhi).toBe(10_000);
    expect(q.health.warnings).toEqual(["Acme is 100% of revenue (above 25%)"]);
  });

  it("an order list whose returns outweigh its sales is a no-revenue client", () => {
    const q = grade([["Client", "Amount", "Profit"], ["Acme", 100, 10], ["Acme", -300, -20], ["Bolt", 50, 5], ["Bolt", 50, 5]]);
    expect(byName(q.clients, "Acme")).toMatchObject({ revenue: -200, revenueRating: "Low", margin: null, flags: expect.arrayContaining(["no-revenue"]) });
    expect(byName(q.clients, "Bolt").margin).toBe(0.1);
  });
});

describe("the number locale from the reader (SPEC §2a): a semicolon CSV writes 1.234,56", () => {
  it.each<[string, unknown[], boolean, number[]]>([
    ["dot thousands with no comma anywhere", ["2.500 €", "980 €"], true, [2500, 980]],
    ["the same cells read on their own", ["2.500 €", "980 €"], false, [980, 2.5]],
    ["a comma decimal in the column decides without the hint", ["2.500 €", "1.234,56 €"], false, [2500, 1234.56]],
  ])("%s", (_what, revenues, decimalComma, want) => {
    const p = grade([["Client", "Revenue"], ...revenues.map((r, i) => [`C${i}`, r])] as Rows, { mode: "clients" }, { decimalComma });
    expect(p.clients.map((c) => c.revenue).sort((a, b) => b - a)).toEqual(want);
  });

  it("profit and percent columns follow the file's locale", () => {
    const p = grade([["Client", "Revenue", "Profit", "Wallet"], ["Acme", "10.000", "2.500", "12,5 %"]], {}, { decimalComma: true });
    expect(p.clients[0]).toMatchObject({ revenue: 10000, profit: 2500, margin: 0.25, walletShare: 0.125 });
  });
});

describe("rows that did not happen as revenue (docs/files.md): skipped with the reason", () => {
  it.each<[string, string, string | null]>([
    ["Financial Status", "refunded", 'refunded (Financial Status "refunded")'],
    ["Financial Status", "partially_refunded", null],
    ["Financial Status", "voided", 'voided (Financial Status "voided")'],
    ["Status", "Failed", 'failed payment (Status "Failed")'],
    ["Status", "declined", 'failed payment (Status "declined")'],
    ["Status", "Cancelled", 'cancelled (Status "Cancelled")'],
    ["Status", "canceled", 'cancelled (Status "canceled")'],
    ["Payment Status", "Expired", 'expired (Payment Status "Expired")'],
    ["Invoice Status", "Draft", 'draft invoice (Invoice Status "Draft")'],
    ["Status", "Void", 'voided (Status "Void")'],
    ["Deal Stage", "Closed Lost", 'lost deal (Deal Stage "Closed Lost")'],
    ["Status", "Paid", null],
    ["Status", "Overdue", null],
    ["Status", "Lost", null], // no deal in the column is won: not a pipeline ("Lost" may be a lost client)
    ["Status", "constructor", null],
    ["Status", "__proto__", null],
    ["Notes", "refunded", null], // not a status column
  ])("%s %j → %j", (header, status, reason) => {
    const p = grade([["Client", "Revenue", header], ["Acme", 100, status], ["Bolt", 200, "Paid"], ["Cobalt", 300, ""]]);
    expect(p.skipped).toEqual(reason === null ? [] : [{ row: 2, name: "Acme", reason }]);
    expect(p.clients.map((c) => c.name).sort()).toEqual(reason === null ? ["Acme", "Bolt", "Cobalt"] : ["Bolt", "Cobalt"]);
  });

  it("in a deal pipeline (some deal won), every deal not won is skipped: lost or still open", () => {
    const p = grade([
      ["Deal", "Company", "Amount", "Stage"],
      ["D1", "Acme", 100, "Closed Won"],
      ["D2", "Bolt", 200, "Closed Lost"],
      ["D3", "Acme", 300, "Negotiation/Review"],
      ["D4", "Cobalt", 400, "Won"],
      ["D5", "Dyn", 500, "Lost"],
      ["D6", "Acme", 50, "closed_won"],
      ["D7", "Eon", 60, ""],
    ]);
    expect(p.skipped).toEqual([
      { row: 3, name: "Bolt", reason: 'lost deal (Stage "Closed Lost")' },
      { row: 4, name: "Acme", reason: 'open deal (Stage "Negotiation/Review")' },
      { row: 6, name: "Dyn", reason: 'lost deal (Stage "Lost")' },
    ]);
    expect(p.mode).toBe("orders");
    expect(p.clients.map((c) => [c.name, c.revenue])).toEqual(expect.arrayContaining([["Acme", 150], ["Cobalt", 400], ["Eon", 60]]));
  });

  it("the stage column holds no relationship values: it is not used, and one note says so (not one per client)", () => {
    const p = grade([["Company", "Amount", "Deal Stage"], ["Acme", 100, "Closed Won"], ["Bolt", 200, "Closed Won"]]);
    expect(p.mapping.relationship).toBeUndefined();
    expect(p.notes).toEqual([expect.stringMatching(/^The column “Deal Stage” holds no relationship strengths .*not used; relationships are estimated/)]);
    for (const c of p.clients) {
      expect(c.relationshipEstimated).toBe(true);
      expect(c.issues.some((i) => /relationship/i.test(i))).toBe(false);
    }
  });

  it("a stage column with relationship stages is still the relationship", () => {
    const p = grade([["Company", "Amount", "Relationship Stage"], ["Acme", 100, "Cooperative"], ["Bolt", 200, "Closed Won"]]);
    expect(p.mapping.relationship).toBe(2);
    expect(p.notes).toEqual([]);
    expect(byName(p.clients, "Acme").relationship).toBe(50);
    expect(byName(p.clients, "Bolt").issues).toEqual(expect.arrayContaining([expect.stringMatching(/^relationship strength: "Closed Won" is not/)]));
  });
});

describe("order lists: every attribute is the first valid value among the client's rows", () => {
  const p = grade([
    ["Client", "Amount", "Strategic", "Pain", "Relationship", "Benefit", "Override", "Override Reason", "Industry", "Share of Wallet"],
    ["Acme", 10, "", "", "", "", "", "", "", ""],
    ["Acme", 20, "High", "Low", 4, 80, "A", "key partner", "Retail", "30%"],
    ["Acme", 30, "Low", "High", 1, 10, "C", "other", "Food", "90%"],
    ["Bolt", 40, "lots", "", "", "", "", "", "", ""],
    ["Bolt", 50, "Medium", "", "", "", "", "", "", ""],
    ["Cobalt", 60, "lots", "hard", "", "", "", "", "", ""],
    ["Cobalt", 70, "", "", "", "", "", "", "", ""],
  ]);

  it("a later row's values fill what the first row left blank (before, its High was silently dropped)", () => {
    expect(byName(p.clients, "Acme")).toMatchObject({
      strategic: "High", pain: "Low", relationship: 75, benefit: 80, grade: "A", overrideReason: "key partner", industry: "Retail", walletShare: 0.3,
    });
    expect(byName(p.clients, "Acme").issues).toEqual(["no margin or profit column; scored as Unknown"]);
  });

  it("an unreadable first value gives way to a later valid one, without a stale note", () => {
    const bolt = byName(p.clients, "Bolt");
    expect(bolt.strategic).toBe("Medium");
    expect(bolt.issues.some((i) => i.startsWith("strategic"))).toBe(false);
  });

  it("with no valid value, the first unreadable one is noted and scored Unknown", () => {
    const cobalt = byName(p.clients, "Cobalt");
    expect([cobalt.strategic, cobalt.pain]).toEqual(["Unknown", "Unknown"]);
    expect(cobalt.issues).toEqual(expect.arrayContaining(['strategic value: "lots" is not a level (use High/Medium/Low, H/M/L or 3/2/1); scored as Unknown']));
    expect(cobalt.flags).toContain("incomplete");
  });
});

describe("the matrix columns of a row not graded say why", () => {
  it("a total row says Skipped, a row without revenue Needs data, a continuation line shows its order's client", () => {
    const rows: Rows = [["Client", "Amount", "Item"], ["Acme", 10, "a"], ["", "", "b"], ["Acme", 5, "c"], ["Bolt", "", "d"], ["Total", 15, ""]];
    const p = grade(rows);
    const m = planMatrix(p, { rows, previous: null, output: "values", dialect: EXCEL_DIALECT });
    expect(m.cells.map((r) => r[0])).toEqual(["High", "High", "High", "Needs data: no revenue", "Skipped: total row"]);
    expect(m.cells[1]?.[6]).toBe(p.clients[0]?.grade);
  });
});

describe("the header line repeated (a report exported page by page): skipped, naming no client", () => {
  it("its client and revenue cells say their headers, any case: skipped as `header row repeated`, not needs data", () => {
    const rows: Rows = [["Customer", "Revenue"], ["Acme", 100], [" customer ", "REVENUE"], ["Bolt", 50], ["Customer", 70], ["Revenue", "Customer"]];
    const p = grade(rows);
    expect(p.skipped).toEqual([{ row: 3, name: "customer", reason: "header row repeated" }]);
    expect(p.clients.map((c) => c.name).sort()).toEqual(["Acme", "Bolt", "Customer"]); // a client called Customer with an amount is a client
    expect(p.needsData).toEqual([{ row: 6, name: "Revenue", reason: 'revenue: "Customer" is not an amount' }]);
  });

  it("does not count as a repeated name: five clients under three repeated headers stay a client list", () => {
    const rows: Rows = [["Client", "Sales"]];
    for (const name of ["Acme", "Bolt", "Cobalt", "Dyn", "Eon"]) rows.push([name, 10], ["Client", "Sales"]);
    rows.pop();
    const p = grade(rows);
    expect(p.mode).toBe("clients");
    expect(p.skipped.map((s) => s.reason)).toEqual(Array(4).fill("header row repeated"));
  });
});

describe("amounts in several currencies: one note, the amounts added up as written", () => {
  const note = (p: { notes: string[] }) => p.notes.filter((n) => n.includes("currencies"));

  it("names the currencies of the rows that count, in upper case and order", () => {
    const rows: Rows = [["Customer", "Amount", "Currency"], ["Acme", 100, "usd"], ["Bolt", 90, " EUR "], ["Acme", 10, "USD"]];
    expect(note(grade(rows))).toEqual(["The column “Currency” names 2 currencies (EUR, USD): amounts are added up as written, not converted, so revenues in different currencies are compared as if they were one."]);
  });

  it("a second currency only on a skipped row, a row with no client or a total says nothing", () => {
    const rows: Rows = [
      ["Customer", "Amount", "Currency", "Status"],
      ["Acme", 100, "USD", "Paid"], ["Bolt", 90, "EUR", "Refunded"], [null, 5, "GBP", "Paid"], ["Total", 195, "CHF", ""], ["Bolt", 40, "usd", "Paid"],
    ];
    expect(note(grade(rows))).toEqual([]);
  });

  it("more than five are counted, five named", () => {
    const rows: Rows = [["Client", "Revenue", "Currency code"]];
    ["USD", "EUR", "GBP", "JPY", "CHF", "SEK", "NOK"].forEach((c, i) => rows.push([`Client ${i}`, 10 + i, c]));
    expect(note(grade(rows))[0]).toMatch(/^The column “Currency code” names 7 currencies \(CHF, EUR, GBP, JPY, NOK and 2 more\)/);
  });
});

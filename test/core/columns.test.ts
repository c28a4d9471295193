// core/columns.ts: header detection (SPEC §2 synonyms and preferences) and overrides.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { detectColumns, FIELDS, filledCells, findHeaderRow, headerScore, MappingError, type Field, type Mapping } from "../../core/columns";
import { gradePortfolio, mapColumns, MissingColumnsError } from "../../core/portfolio";
import { DEFAULT_SETTINGS, resolveSettings } from "../../core/settings";
import { dayFromParts } from "../../core/values";

const today = dayFromParts(2026, 1, 1);

/** The SPEC §2 table: every header it lists, and the input it must map to. */
const SYNONYMS: [Field, string][] = [
  ["client", "Client"], ["client", "Customer"], ["client", "Account"], ["client", "Company"], ["client", "Name"],
  ["revenue", "Revenue"], ["revenue", "Sales"], ["revenue", "Spend"], ["revenue", "Billing"], ["revenue", "Amount"], ["revenue", "Turnover"],
  ["profit", "Profit"], ["profit", "Gross Profit"], ["profit", "Net Profit"], ["profit", "Contribution"],
  ["margin", "Margin"], ["margin", "Gross Margin"], ["margin", "GM"], ["margin", "Profit %"], ["margin", "Margin %"],
  ["wallet", "Wallet"], ["wallet", "Share of Wallet"], ["wallet", "SOW"],
  ["strategic", "Strategic"], ["strategic", "Brand"], ["strategic", "Influence"],
  ["pain", "Pain"], ["pain", "Difficulty"], ["pain", "Effort"],
  ["aligned", "Aligned"], ["easy", "Easy"],
  ["relationship", "Relationship"], ["relationship", "Strength"], ["relationship", "Stage"],
  ["override", "Override"], ["override", "Manual Grade"],
  ["review", "Last Review"], ["review", "Reviewed"],
  ["industry", "Industry"], ["industry", "Segment"], ["industry", "Sector"], ["industry", "Vertical"],
  ["date", "Date"], ["date", "Order Date"], ["date", "Invoice Date"],
  ["benefit", "Mutual Benefit"],
];

function mapped(headers: string[], overrides: Partial<Record<Field, string>> = {}): Partial<Record<Field, string>> {
  const { mapping } = detectColumns(headers, overrides);
  const out: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) if (mapping[f] !== undefined) out[f] = headers[mapping[f] as number];
  return out;
}

describe("the SPEC §2 synonyms", () => {
  it.each(SYNONYMS)("%s ← %j", (field, header) => {
    const headers = field === "client" ? [header, "Revenue"] : field === "revenue" ? ["Client", header] : ["Client", "Revenue", header];
    expect(mapped(headers)[field]).toBe(header);
  });

  it.each(SYNONYMS)("%s ← %j in any case and inside a longer header", (field, header) => {
    const long = `${header.toUpperCase()} (2025)`;
    const headers = field === "client" ? [long, "Revenue"] : field === "revenue" ? ["Client", long] : ["Client", "Revenue", long];
    expect(mapped(headers)[field]).toBe(long);
  });

  it("a realistic sheet maps every column to its input", () => {
    const headers = [
      "Customer Name", "Industry", "Annual Revenue", "Gross Profit", "Gross Margin %", "Share of Wallet", "Strategic Value",
      "Pain Factor", "Relationship Stage", "Last Review", "Manual Grade", "Override Reason",
    ];
    expect(mapped(headers)).toEqual({
      client: "Customer Name", industry: "Industry", revenue: "Annual Revenue", profit: "Gross Profit", margin: "Gross Margin %",
      wallet: "Share of Wallet", strategic: "Strategic Value", pain: "Pain Factor", relationship: "Relationship Stage",
      review: "Last Review", override: "Manual Grade", overrideReason: "Override Reason",
    });
  });
});

describe("preferences between headers", () => {
  it.each([
    [["Product Name", "Customer Name", "Revenue"]],
    [["Customer Name", "Product Name", "Revenue"]],
  ])("'Customer Name' beats 'Product Name' (%j)", (headers) => {
    expect(mapped(headers).client).toBe("Customer Name");
  });

  it.each([
    [["Customer ID", "Customer Name", "Sales"]],
    [["Customer Name", "Customer ID", "Sales"]],
    [["Account No", "Account Name", "Sales"]],
    [["Client #", "Client", "Sales"]],
  ])("the thing beats its id (%j)", (headers) => {
    expect(mapped(headers).client).toBe(headers.find((h) => /name|^client$/i.test(h)));
  });

  it("a client header beats a bare 'Name'", () => {
    expect(mapped(["Name", "Company", "Revenue"]).client).toBe("Company");
    expect(mapped(["Company", "Name", "Revenue"]).client).toBe("Company");
  });

  it("'Product Name' alone is a name, taken only when nothing names the client", () => {
    expect(mapped(["Product Name", "Revenue"]).client).toBe("Product Name");
  });

  it.each([
    [["Account Manager", "Customer", "Sales"], { client: "Customer", revenue: "Sales" }],
    [["Sales Rep", "Customer", "Revenue"], { client: "Customer", revenue: "Revenue" }],
    [["Customer", "Sales Rep", "Sales"], { client: "Customer", revenue: "Sales" }],
    [["Client", "Sales Representative", "Amount"], { client: "Client", revenue: "Amount" }],
  ])("a person (Account Manager, Sales Rep) is never taken: %j", (headers, want) => {
    const m = mapped(headers);
    expect(m.client).toBe(want.client);
    expect(m.revenue).toBe(want.revenue);
    expect(Object.values(m)).not.toContain("Account Manager");
    expect(Object.values(m)).not.toContain("Sales Rep");
  });

  it("'Account Manager' and 'Sales Rep' alone leave client and revenue unmapped", () => {
    const m = mapped(["Account Manager", "Sales Rep"]);
    expect(m.client).toBeUndefined();
    expect(m.revenue).toBeUndefined();
  });

  it("'Profit %' is a margin, 'Profit' an amount; both mapped when both present", () => {
    expect(mapped(["Client", "Revenue", "Profit", "Profit %"])).toMatchObject({ profit: "Profit", margin: "Profit %" });
    expect(mapped(["Client", "Revenue", "Gross Profit", "Gross Margin"])).toMatchObject({ profit: "Gross Profit", margin: "Gross Margin" });
  });

  it("'Revenue' beats 'Revenue growth'", () => {
    expect(mapped(["Client", "Revenue growth", "Revenue"]).revenue).toBe("Revenue");
  });
});

describe("one column is never mapped to two inputs", () => {
  it.each<string[]>([
    ["Client", "Revenue", "Gross Profit Margin"],
    ["Customer Account", "Sales Amount"],
    ["Company Name", "Revenue", "Relationship Strength Stage"],
    ["Client", "Revenue", "Brand Influence Strategic"],
    ["Name", "Client", "Customer", "Account", "Company", "Revenue", "Sales"],
    ["Date", "Order Date", "Invoice Date", "Last Review Date", "Client", "Amount"],
    ["Client", "Revenue", "Pain", "Difficulty", "Effort"],
    ["Client", "Share of Wallet", "Sales", "Strategic Brand", "Segment Industry"],
  ])("%j", (...headers) => {
    const { mapping, unmapped } = detectColumns(headers);
    const columns = Object.values(mapping);
    expect(new Set(columns).size).toBe(columns.length);
    // and every header is either mapped or listed unmapped, never both
    for (const u of unmapped) expect(columns).not.toContain(u);
    expect(columns.length + unmapped.length).toBe(headers.length);
  });
});

describe("overrides (--map field=Header)", () => {
  it("an override maps a header detection would not", () => {
    expect(mapped(["Who", "Rev $"], { client: "Who", revenue: "Rev $" })).toMatchObject({ client: "Who", revenue: "Rev $" });
  });

  it("matches the header case-insensitively and ignores surrounding spaces", () => {
    expect(mapped(["Who", "Revenue"], { client: " who " }).client).toBe("Who");
  });

  it("takes its column away from detection", () => {
    const m = mapped(["Customer Name", "Customer ID", "Revenue"], { client: "Customer ID" });
    expect(m.client).toBe("Customer ID");
    expect(Object.values(m).filter((h) => h === "Customer ID")).toHaveLength(1);
  });

  it("a column letter names a column", () => {
    expect(mapped(["Who", "What", "Rev"], { client: "A", revenue: "C" })).toMatchObject({ client: "Who", revenue: "Rev" });
  });

  it("an override naming no header is an error listing the headers seen", () => {
    expect(() => detectColumns(["Client", "Revenue", "Pain"], { wallet: "SoW %" })).toThrow(MappingError);
    expect(() => detectColumns(["Client", "Revenue", "Pain"], { wallet: "SoW %" })).toThrow(
      'the column "SoW %" chosen for wallet is not in the sheet (headers seen: Client, Revenue, Pain)',
    );
  });
});

describe("the header row", () => {
  it("under a report's title, is the row holding the headers --map names when no row names a client and a revenue", () => {
    // A "Sales by Customer Summary": the row labels' column has no header, and the title names a customer.
    const rows = [["Sales by Customer Summary"], ["January - December 2025"], [], [null, "Total"], ["Amy's Bird Sanctuary", "1,000.00"]];
    expect(findHeaderRow(rows)).toBe(0);
    expect(findHeaderRow(rows, { revenue: "Total" })).toBe(3);
    expect(findHeaderRow(rows, { client: "A", revenue: "Total" })).toBe(3);
    expect(findHeaderRow(rows, { revenue: "Amount" })).toBe(0); // no row holds it: the first, whose error names its headers
  });

  it("failing that, is the line naming the most inputs: a detail report's header line, not its title naming a customer", () => {
    // QuickBooks' "Sales by Customer Detail": the grouping column has no header; its title names a customer.
    const rows = [["Sales by Customer Detail"], ["January - December 2025"], [], [null, "Date", "Transaction Type", "Num", "Amount", "Balance"], ["Amy's Bird Sanctuary"], [null, "01/15/2025", "Invoice", "1021", "225.00", "225.00"]];
    expect(findHeaderRow(rows)).toBe(3);
    expect(findHeaderRow(rows, { client: "A" })).toBe(3);
    // Equal counts: the first of them (a summary's title names a client, its header line a revenue).
    expect(findHeaderRow([["Sales by Customer Summary"], [null, "Total"]])).toBe(0);
  });

  it("is found below a title row and blank rows", () => {
    const rows = [["Client list 2025"], [], ["exported from the CRM", null], ["Client", "Revenue"], ["Acme", 100]];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it("gives the right sheet row numbers below a title", () => {
    const rows = [["Key accounts, Q3"], [null, null], ["Client", "Revenue"], ["Acme", 100], ["", 50], ["Bolt", "lots"]];
    const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today });
    expect(p.headerRow).toBe(3);
    expect(p.clients.map((c) => [c.name, c.row])).toEqual([["Acme", 4]]);
    expect(p.needsData).toEqual([
      { row: 5, name: "", reason: "no client name" },
      { row: 6, name: "Bolt", reason: 'revenue: "lots" is not an amount' },
    ]);
  });

  it("honours firstRow when the host's cells start below row 1", () => {
    const rows = [["Client", "Revenue"], ["Acme", 100], ["Bolt", null]];
    const p = gradePortfolio({ rows, firstRow: 4, settings: DEFAULT_SETTINGS, today });
    expect(p.headerRow).toBe(4);
    expect(p.clients[0]?.row).toBe(5);
    expect(p.needsData).toEqual([{ row: 6, name: "Bolt", reason: "no revenue" }]);
  });

  it("a sheet without client or revenue column is an error listing the headers seen", () => {
    const rows = [["Product", "Price", "Stock"], ["Pen", 2, 100]];
    expect(() => mapColumns(rows, DEFAULT_SETTINGS)).toThrow(MissingColumnsError);
    expect(() => mapColumns(rows, DEFAULT_SETTINGS)).toThrow(/^no client or revenue column found \(headers seen: Product, Price, Stock\)/);
    const noRevenue = [["Client", "Notes"], ["Acme", "x"]];
    expect(() => mapColumns(noRevenue, DEFAULT_SETTINGS)).toThrow(/^no revenue column found \(headers seen: Client, Notes\)$/);
  });

  it("overrides from the settings are used to find the header row", () => {
    const rows = [["Report"], ["Who", "Rev $"], ["Acme", 100]];
    const settings = resolveSettings({ mapping: { client: "Who", revenue: "Rev $" } });
    const p = gradePortfolio({ rows, settings, today });
    expect(p.headerRow).toBe(2);
    expect(p.clients[0]).toMatchObject({ name: "Acme", revenue: 100, row: 3 });
  });

  it("columns the add-in wrote itself (matrix columns) are never read as inputs", () => {
    const rows = [["Client", "Revenue", "KAM revenue rating", "Sales"], ["Acme", 100, "High", 5]];
    const p = gradePortfolio({ rows, settings: DEFAULT_SETTINGS, today, ownColumns: [2, 3] });
    expect(p.mapping.revenue).toBe(1);
    expect(Object.values(p.mapping)).not.toContain(3);
  });
});

describe("ties between headers go to the shorter one", () => {
  it("'Customer' is the client and 'Customer Segment' the industry, in either order", () => {
    expect(mapped(["Customer Segment", "Customer", "Revenue"])).toMatchObject({ client: "Customer", industry: "Customer Segment" });
    expect(mapped(["Customer", "Customer Segment", "Revenue"])).toMatchObject({ client: "Customer", industry: "Customer Segment" });
  });
});

describe("SPEC §2a: headers of real exports", () => {
  const MORE: [Field, string][] = [
    ["revenue", "Total"], ["revenue", "Invoice Total"], ["revenue", "Order Total"], ["revenue", "Net Sales"], ["revenue", "Amount Paid"],
    ["client", "Billing Company"], ["client", "Bill To"], ["client", "Sold To"], ["client", "Contact Name"], ["client", "Account Name"],
    ["client", "Organization"], ["client", "Organisation"], ["client", "Associated Company"],
    ["date", "Created at"], ["date", "Created"], ["date", "Paid at"], ["date", "Close Date"],
  ];

  it.each(MORE)("%s ← %j", (field, header) => {
    const headers = field === "client" ? [header, "Revenue"] : field === "revenue" ? ["Client", header] : ["Client", "Revenue", header];
    expect(mapped(headers)[field]).toBe(header);
  });

  it.each([
    ["Discount Amount"], ["Refunded Amount"], ["Amount Refunded"], ["Refund"], ["Subtotal"], ["Sales Tax"], ["Taxes"], ["Total Tax"],
    ["Shipping"], ["Shipping Amount"], ["Cost"], ["Total Cost"], ["Fee"], ["Fees"], ["Credit Amount"], ["Total Discounts"],
    ["Billing Company"], ["Billing Name"], ["Billing Street"], ["Billing Zip"], ["Sales Date"], ["Total Quantity"],
  ])("%j never maps to revenue", (header) => {
    expect(mapped(["Customer", header]).revenue).toBeUndefined();
  });

  it.each<[string[], string]>([
    [["Discount Amount", "Refunded Amount", "Customer", "Total"], "Total"],
    [["Customer", "Subtotal", "Shipping", "Taxes", "Total"], "Total"],
    [["Customer", "Total", "Subtotal"], "Total"],
    [["Customer", "Amount", "Amount Refunded", "Fee"], "Amount"],
    [["Customer", "Gross Sales", "Discounts", "Net Sales", "Taxes", "Total Sales"], "Net Sales"],
    [["Customer", "Total", "Invoice Total"], "Invoice Total"],
    [["Customer", "Sales With Tax", "Sales"], "Sales"],
  ])("the revenue of %j is %j", (headers, want) => {
    expect(mapped(headers).revenue).toBe(want);
  });

  it.each<[string[], Partial<Record<Field, string>>]>([
    [["ContactName", "InvoiceTotal", "InvoiceDate"], { client: "ContactName", revenue: "InvoiceTotal", date: "InvoiceDate" }],
    [["contact_name", "invoice_total", "created_at"], { client: "contact_name", revenue: "invoice_total", date: "created_at" }],
    [["CUSTOMER_NAME", "NET_SALES"], { client: "CUSTOMER_NAME", revenue: "NET_SALES" }],
    [["BillTo", "AmountPaid", "PaidAt"], { client: "BillTo", revenue: "AmountPaid", date: "PaidAt" }],
    [["customerName", "orderTotal", "createdAt"], { client: "customerName", revenue: "orderTotal", date: "createdAt" }],
    [["AccountID", "AccountName", "Revenue"], { client: "AccountName", revenue: "Revenue" }],
    [["Client", "Revenue", "SoW"], { client: "Client", revenue: "Revenue", wallet: "SoW" }],
    [["Client", "Revenue", "KAMRating"], { client: "Client", revenue: "Revenue" }],
    [["Client", "Revenue", "DiscountAmount", "TaxTotal"], { client: "Client", revenue: "Revenue" }],
  ])("camel case and underscores split into words: %j", (headers, want) => {
    expect(mapped(headers)).toEqual(want);
  });

  it.each<[string[], string]>([
    [["Created at", "Order Date", "Customer", "Total"], "Order Date"],
    [["Paid at", "Invoice Date", "Customer", "Total"], "Invoice Date"],
    [["Customer", "Total", "Invoice Date", "Paid at", "Created"], "Invoice Date"],
    [["Create Date", "Close Date", "Account Name", "Amount"], "Close Date"],
    [["Due Date", "Created at", "Customer", "Total"], "Created at"],
  ])("order date and invoice date win over created / paid at / close date: %j → %j", (headers, want) => {
    expect(mapped(headers).date).toBe(want);
  });

  it.each<[string[], string | undefined]>([
    [["Company", "Contact Name", "Revenue"], "Company"],
    [["Contact Name", "Customer", "Revenue"], "Customer"],
    [["Contact Name", "Name", "Revenue"], "Contact Name"],
    [["Contact Email", "Revenue"], undefined],
    [["Customer Contact", "Revenue"], undefined],
    [["Deal Owner", "Associated Contact", "Associated Company", "Amount"], "Associated Company"],
    [["Shipping Company", "Billing Company", "Total"], "Billing Company"],
    [["Customer Email", "Customer ID", "Customer Description", "Amount"], "Customer Description"],
  ])("a contact's name is the client only when nothing better names it; a person never: %j → %j", (headers, want) => {
    expect(mapped(headers).client).toBe(want);
  });
});

describe("SPEC §2a: between equals, more filled cells win, then the leftmost", () => {
  it.each<[string[], number[], string]>([
    [["Customer", "Company", "Revenue"], [3, 5, 5], "Company"],
    [["Customer", "Company", "Revenue"], [5, 3, 5], "Customer"],
    [["Customer", "Company", "Revenue"], [4, 4, 5], "Customer"],
    [["Company", "Customer", "Revenue"], [4, 4, 5], "Company"],
    [["Company", "Customer", "Revenue"], [0, 0, 5], "Company"],
  ])("%j with filled counts %j → %j", (headers, counts, want) => {
    const { mapping } = detectColumns(headers, {}, (c) => counts[c] ?? 0);
    expect(headers[mapping.client as number]).toBe(want);
  });

  it("standing still comes first: a better header wins however empty", () => {
    const headers = ["Customer Name", "Name", "Revenue"];
    const { mapping } = detectColumns(headers, {}, (c) => [1, 100, 100][c] ?? 0);
    expect(mapping.client).toBe(0);
  });

  it("a line's own amount beats the totals a row per invoice line repeats (Xero: Total, InvoiceAmountPaid)", () => {
    expect(mapped(["ContactName", "Total", "InvoiceAmountPaid", "UnitAmount", "LineAmount"]).revenue).toBe("LineAmount");
    expect(mapped(["Customer", "Invoice Total", "Amount Paid", "Line Total"]).revenue).toBe("Line Total");
    expect(mapped(["Customer", "Total", "InvoiceAmountPaid"]).revenue).toBe("InvoiceAmountPaid"); // no line amount: as before
  });

  it("a CRM company's Total Revenue (its won deals) beats its Annual Revenue (its own size); Annual Revenue alone is the revenue", () => {
    expect(mapped(["Company name", "Annual Revenue", "Number of Employees", "Total Revenue"]).revenue).toBe("Total Revenue");
    expect(mapped(["Client", "Annual Revenue", "Gross Margin %"]).revenue).toBe("Annual Revenue");
  });

  it("Invoice Total and Amount Paid stand equal: the one filled on more rows is the revenue", () => {
    const rows = [
      ["Client Name", "Amount Paid", "Invoice Total"],
      ["Acme", "", "1200"],
      ["Bolt", "300", "300"],
      ["Cobalt", "", "450"],
    ];
    expect(mapColumns(rows, DEFAULT_SETTINGS).mapping.revenue).toBe(2);
    const paidEverywhere = rows.map((r, i) => (i === 0 ? r : [r[0], r[2], r[2]]));
    expect(mapColumns(paidEverywhere, DEFAULT_SETTINGS).mapping.revenue).toBe(1); // equal counts: leftmost
  });

  it("mapColumns counts the cells below the header row only, blank text not counted", () => {
    const rows = [
      ["Report", "Customer", "Company"], // a title row that is not the header
      ["Customer", "Company", "Revenue"],
      ["Acme", "  ", 10],
      ["Bolt", "", 20],
      ["", "Cobalt Ltd", 30],
    ];
    expect(mapColumns(rows, DEFAULT_SETTINGS)).toMatchObject({ headerIndex: 1, mapping: { client: 0, revenue: 2 } });
  });

  it("counts filled cells only when two columns stand equal for one input (counting reads every cell)", () => {
    let asked = 0;
    const counting = (c: number) => (asked++, c);
    detectColumns(["Client", "Industry", "Revenue", "Gross Margin", "Share of Wallet", "Strategic Value", "Pain"], {}, counting);
    expect(asked).toBe(0);
    expect(detectColumns(["Customer", "Company", "Revenue"], {}, counting).mapping.client).toBe(1);
    expect(asked).toBeGreaterThan(0);
  });

  it("maps as if filled cells broke every tie, whichever headers and counts (random sheets)", () => {
    // The rule as SPEC §2a states it: every candidate ordered by standing, filled cells, column, input.
    const reference = (headers: string[], filled: (c: number) => number): Mapping => {
      const candidates = headers.flatMap((h, column) => FIELDS.map((field) => ({ field, column, score: h === "" ? 0 : headerScore(field, h) }))).filter((c) => c.score > 0);
      candidates.sort((a, b) => b.score - a.score || filled(b.column) - filled(a.column) || a.column - b.column || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
      const mapping: Mapping = {};
      const taken = new Set<number>();
      for (const c of candidates) {
        if (mapping[c.field] !== undefined || taken.has(c.column)) continue;
        mapping[c.field] = c.column;
        taken.add(c.column);
      }
      return mapping;
    };
    const words = SYNONYMS.map(([, h]) => h).concat(["Amount Paid", "Invoice Total", "Notes", "Name", "Total", ""]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 9 }), fc.array(fc.nat(5), { minLength: 9, maxLength: 9 }), (headers, counts) => {
        const filled = (c: number) => counts[c] ?? 0;
        expect(detectColumns(headers, {}, filled).mapping).toEqual(reference(headers, filled));
      }),
      { numRuns: 2000, seed: 10 },
    );
  });

  it("filledCells counts each column once, from the given row", () => {
    const rows = [["h1", "h2"], ["a", null], ["", "x"], [" ", "y"], ["b"]];
    const filled = filledCells(rows, 1);
    expect([filled(0), filled(1), filled(2)]).toEqual([2, 2, 0]);
  });
});

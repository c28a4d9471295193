// SPEC §2a: the exports small businesses have (test/fixtures/exports, made in each export's shape)
// are read with no --map: which header becomes which input. Grading them end to end comes with the
// portfolio-level rules (continuation lines, total rows, negative revenue).
import { describe, expect, it } from "vitest";
import { FIELDS, type Field } from "../../core/columns";
import { mapColumns } from "../../core/portfolio";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { openSource } from "../../cli/read";
import { ROOT } from "../helpers";

/** The inputs a file's columns map to, by header text. */
async function detected(file: string): Promise<{ headerRow: number; inputs: Partial<Record<Field, string>> }> {
  const source = await openSource(`${ROOT}test/fixtures/exports/${file}`);
  const { headers, headerIndex, mapping } = mapColumns(source.rows, DEFAULT_SETTINGS);
  const inputs: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) if (mapping[f] !== undefined) inputs[f] = headers[mapping[f] as number];
  return { headerRow: headerIndex + 1, inputs };
}

describe("exports recognised with no --map", () => {
  it.each<[string, string, number, Partial<Record<Field, string>>]>([
    // Billing Company over Shipping Company and the order number in "Name"; Total, never Subtotal,
    // Discount Amount or Refunded Amount; Created at (every line) over Paid at (an order's first line only).
    ["shop order export (Shopify-like)", "shop-orders.csv", 1, { client: "Billing Company", revenue: "Total", date: "Created at" }],
    // Customer Description over Customer ID and Customer Email; Amount, never Amount Refunded or Fee;
    // Created over Refunded date.
    ["payments export (Stripe-like)", "payments.csv", 1, { client: "Customer Description", revenue: "Amount", date: "Created (UTC)" }],
    // below two title rows and a blank row; Sales, never Sales With Tax
    ["accounting sales by customer report", "sales-by-customer.csv", 4, { client: "Customer Name", revenue: "Sales" }],
    // Invoice Total over Amount Paid (equal standing, filled on more rows); Invoice Date over Due Date
    ["invoice list", "invoices.csv", 1, { client: "Client Name", revenue: "Invoice Total", date: "Invoice Date" }],
    // A row per invoice line (Xero): LineAmount, the line's own amount, over Total and
    // InvoiceAmountPaid, which repeat the invoice's on each of its lines; InvoiceDate over DueDate.
    ["invoice export with a row per line (Xero-like)", "xero-invoices.csv", 1, { client: "ContactName", revenue: "LineAmount", date: "InvoiceDate" }],
    // Associated Company, never the Deal owner or the Associated Contact; Close Date over Create Date.
    // The deal stage is read as the relationship stage (SPEC §2: "stage").
    ["CRM deals export (HubSpot-like)", "crm-deals.csv", 1, { client: "Associated Company", revenue: "Amount", date: "Close Date", relationship: "Deal Stage" }],
    // Total Revenue (the client's won deals), never Annual Revenue (the client's own size, left of it)
    // or Number of Employees; Company name over Company owner; the lifecycle stage read as a stage.
    ["CRM companies export (HubSpot-like)", "crm-companies.csv", 1, { client: "Company name", revenue: "Total Revenue", date: "Create Date", relationship: "Lifecycle Stage", industry: "Industry" }],
    ["CRM opportunities export (Salesforce-like)", "crm-opportunities.csv", 1, { client: "Account Name", revenue: "Amount", date: "Close Date", relationship: "Stage" }],
  ])("%s (%s)", async (_what, file, headerRow, inputs) => {
    expect(await detected(file)).toEqual({ headerRow, inputs });
  });

  it.each<[string, Partial<Record<Field, string>>]>([
    ["semicolon-euro.csv", { client: "Client", revenue: "Revenue", margin: "Margin %", industry: "Industry" }],
    ["windows-1252.csv", { client: "Client", revenue: "Revenue", industry: "Industry" }],
    ["excel-unicode-text.txt", { client: "Client", revenue: "Revenue", industry: "Industry" }],
    ["utf-16be.csv", { client: "Client", revenue: "Revenue" }],
    ["tab-names-with-commas.csv", { client: "Client", revenue: "Revenue", industry: "Industry" }],
  ])("the encoding and delimiter fixture %s reads as a client table", async (file, inputs) => {
    expect((await detected(file)).inputs).toEqual(inputs);
  });
});

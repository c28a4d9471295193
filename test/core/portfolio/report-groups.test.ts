// core/portfolio/report-groups.ts: a report grouped by client (QuickBooks' Sales by Customer
// Detail) — a heading row naming the client with no amount, its rows with an amount and no client,
// a "Total for <client>" row — grades each client on its rows; anything that is not such a group
// is left as before. docs/files.md has the rule.
import { describe, expect, it } from "vitest";
import { toJson } from "../../../core/report";
import { grade, type Rows } from "./grade";

const HEAD = ["Customer", "Date", "Transaction Type", "Num", "Memo/Description", "Amount"];
/** QuickBooks Online's Sales by Customer Detail, the client column given a header. */
const detail: Rows = [
  ["Sales by Customer Detail", "", "", "", "", ""],
  ["January 1 - December 31, 2025", "", "", "", "", ""],
  HEAD,
  ["Amy's Bird Sanctuary", "", "", "", "", ""],
  ["", "2025-01-15", "Invoice", "1021", "Custom Design", 225],
  ["", "2025-03-02", "Invoice", "1035", "Weekly Gardening Service", 100],
  ["Total for Amy's Bird Sanctuary", "", "", "", "", "$325.00"],
  ["Bill's Windsurf Shop", "", "", "", "", ""],
  ["", "2025-02-10", "Invoice", "1027", "Rock Fountain", 275],
  ["Total for Bill's Windsurf Shop", "", "", "", "", "$275.00"],
  ["Cool Cars", "", "", "", "", ""],
  ["", "2025-05-05", "Sales Receipt", "1008", "Fountain Pump", 30],
  ["", "", "", "", "second line of the receipt", ""],
  ["", "2025-06-05", "Invoice", "1040", "Installation", 500],
  ["Total for Cool Cars", "", "", "", "", "$530.00"],
  ["TOTAL", "", "", "", "", "$1,130.00"],
];

describe("reports grouped by client", () => {
  const p = grade(detail, { revenuePeriodMonths: 0 });

  it("grade each client on the rows of its group: the totals are not clients and are not added again", () => {
    expect(p.mode).toBe("orders");
    expect(p.clients.map((c) => [c.name, c.revenue, c.orders])).toEqual([
      ["Cool Cars", 530, 2],
      ["Amy's Bird Sanctuary", 325, 2],
      ["Bill's Windsurf Shop", 275, 1],
    ]);
    expect(p.summary.revenue).toBe(1130);
    expect(p.needsData).toEqual([]);
  });

  it("skip each heading as a group heading and each group's total as a total row, with their sheet rows", () => {
    expect(p.skipped).toEqual([
      { row: 4, name: "Amy's Bird Sanctuary", reason: "group heading" },
      { row: 7, name: "Total for Amy's Bird Sanctuary", reason: "total row" },
      { row: 8, name: "Bill's Windsurf Shop", reason: "group heading" },
      { row: 10, name: "Total for Bill's Windsurf Shop", reason: "total row" },
      { row: 11, name: "Cool Cars", reason: "group heading" },
      { row: 15, name: "Total for Cool Cars", reason: "total row" },
      { row: 16, name: "TOTAL", reason: "total row" },
    ]);
    expect(toJson(p).skipped).toEqual(p.skipped);
  });

  it("give each row of a group its client (the matrix shows the grade there); a line with no amount is the order above's", () => {
    expect([5, 6, 9, 12, 14].map((r) => p.clientByRow.get(r)?.name)).toEqual(["Amy's Bird Sanctuary", "Amy's Bird Sanctuary", "Bill's Windsurf Shop", "Cool Cars", "Cool Cars"]);
    expect(p.continuations).toBe(1);
    expect(p.clientByRow.get(13)?.name).toBe("Cool Cars");
  });

  it("close a group with \"Total <client>\" too (QuickBooks Desktop), any case, a colon after it, the name as matched everywhere", () => {
    const q = grade([HEAD, ["Acme Ltd", "", "", "", "", ""], ["", "2025-01-02", "Invoice", "1", "", 40], ["", "2025-02-02", "Invoice", "2", "", 60], ["TOTAL ACME LTD:", "", "", "", "", 100], ["Bolt", "", "", "", "", ""], ["", "2025-03-02", "Invoice", "3", "", 10], [" total  for bolt ", "", "", "", "", 10]], { revenuePeriodMonths: 0 });
    expect(q.clients.map((c) => [c.name, c.revenue])).toEqual([["Acme Ltd", 100], ["Bolt", 10]]);
    expect(q.skipped.map((s) => [s.row, s.reason])).toEqual([[2, "group heading"], [5, "total row"], [6, "group heading"], [8, "total row"]]);
  });

  it("an unreadable amount in a group is its client's, under Needs data with the reason", () => {
    const q = grade([HEAD, ["Acme", "", "", "", "", ""], ["", "2025-01-02", "Invoice", "1", "", 40], ["", "2025-01-03", "Invoice", "2", "", "lots"], ["Total for Acme", "", "", "", "", 40]], { revenuePeriodMonths: 0 });
    expect(q.clients.map((c) => [c.name, c.revenue])).toEqual([["Acme", 40]]);
    expect(q.needsData).toEqual([{ row: 4, name: "Acme", reason: 'revenue: "lots" is not an amount' }]);
  });

  it("a summary's sub-customers stay clients of their own; the parent's heading and total are skipped, nothing counted twice", () => {
    // QuickBooks' Sales by Customer Summary with jobs: "Cool Cars" above its two jobs, then "Total Cool Cars".
    const q = grade([["Customer", "Total"], ["Amy's Bird Sanctuary", 1000], ["Cool Cars", ""], ["Cool Cars:Project A", 500], ["Cool Cars:Project B", 300], ["Total Cool Cars", 800], ["TOTAL", 1800]]);
    expect(q.clients.map((c) => [c.name, c.revenue])).toEqual([["Amy's Bird Sanctuary", 1000], ["Cool Cars:Project A", 500], ["Cool Cars:Project B", 300]]);
    expect(q.summary.revenue).toBe(1800);
    expect(q.skipped).toEqual([
      { row: 3, name: "Cool Cars", reason: "group heading" },
      { row: 6, name: "Total Cool Cars", reason: "total row" },
      { row: 7, name: "TOTAL", reason: "total row" },
    ]);
    expect(q.needsData).toEqual([]);
  });

  it("groups nest: a job's rows are the job's, the rows under the customer itself the customer's", () => {
    const q = grade([
      HEAD,
      ["Cool Cars", "", "", "", "", ""],
      ["Cool Cars:Project A", "", "", "", "", ""],
      ["", "2025-01-02", "Invoice", "1", "", 40],
      ["", "2025-01-09", "Invoice", "2", "", 60],
      ["Total for Cool Cars:Project A", "", "", "", "", 100],
      ["", "2025-02-02", "Invoice", "3", "", 25],
      ["Total for Cool Cars", "", "", "", "", 125],
    ], { revenuePeriodMonths: 0 });
    expect(q.clients.map((c) => [c.name, c.revenue, c.orders])).toEqual([["Cool Cars:Project A", 100, 2], ["Cool Cars", 25, 1]]);
    expect(q.skipped.map((s) => [s.row, s.reason])).toEqual([[2, "group heading"], [3, "group heading"], [6, "total row"], [8, "total row"]]);
    expect(q.needsData).toEqual([]);
  });

  it("is no group without its closing row naming the heading's client: the rows stay as they are", () => {
    const open: Rows = [["Client", "Revenue"], ["Acme", ""], ["", 40], ["", 60], ["Bolt", 10]];
    const q = grade(open);
    expect(q.clients.map((c) => c.name)).toEqual(["Bolt"]);
    expect(q.skipped).toEqual([]);
    expect(q.needsData).toEqual([
      { row: 2, name: "Acme", reason: "no revenue" },
      { row: 3, name: "", reason: "no client name" },
      { row: 4, name: "", reason: "no client name" },
    ]);
    // Closed by another client's total: no group either (the total is still a total row).
    const other = grade([["Client", "Revenue"], ["Acme", ""], ["", 40], ["Total for Bolt", 40], ["Bolt", 10]]);
    expect(other.needsData.map((n) => n.reason)).toEqual(["no revenue", "no client name"]);
    expect(other.skipped).toEqual([{ row: 4, name: "Total for Bolt", reason: "total row" }]);
    // A heading with nothing but blank rows before its total: no group, nothing given a name.
    const empty = grade([["Client", "Revenue"], ["Acme", ""], ["", ""], ["Total for Acme", 0], ["Bolt", 10]]);
    expect(empty.needsData).toEqual([{ row: 2, name: "Acme", reason: "no revenue" }]);
  });
});

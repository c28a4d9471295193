import { describe, expect, it } from "vitest";
import { INPUT_COLUMNS, planInputColumns } from "../../core/inputs";
import { detectColumns } from "../../core/columns";

describe("planInputColumns", () => {
  const rows = [["Client", "Revenue", "", "Notes", "KAM grade"], ["Acme", 1000, "", "call", "A"], ["Beta", 500, null, "", "B"]];

  it("takes the first entirely empty columns, one per field, never a user's cell or the matrix", () => {
    const plan = planInputColumns(rows, 1, ["strategic", "pain", "relationship"], { column: 5, count: 1 });
    expect(plan.columns).toEqual([3, 6, 7]);
    expect(plan.lastRow).toBe(3);
    expect(plan.fields).toEqual(["strategic", "pain", "relationship"]);
  });

  it("asks once per field and covers at least the row under the header", () => {
    const plan = planInputColumns([["Client", "Revenue"]], 1, ["pain", "pain"], null);
    expect(plan.fields).toEqual(["pain"]);
    expect(plan.columns).toEqual([3]);
    expect(plan.lastRow).toBe(2);
  });

  it("gives headers the column detection maps back to the same inputs", () => {
    const headers = ["Client", "Revenue", INPUT_COLUMNS.strategic.header, INPUT_COLUMNS.pain.header, INPUT_COLUMNS.relationship.header];
    const { mapping } = detectColumns(headers);
    expect([mapping.strategic, mapping.pain, mapping.relationship]).toEqual([2, 3, 4]);
  });
});

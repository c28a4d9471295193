// "Add the missing input columns" (core/use-cases/add-input-columns.ts), written once for both
// add-ins: only inputs still missing, under the data's header row, never into the matrix.
import { describe, expect, it } from "vitest";
import { addInputColumns, addInputColumnsSync, inputFields } from "../../../core/use-cases/add-input-columns";
import { OwnSheetError } from "../../../core/use-cases/grade";
import { recorder, state } from "./recorder";

describe("add input columns", () => {
  it("takes only the known fields the panel sent", () => {
    expect(inputFields(["pain", "toString", "__proto__", 3, null, "strategic"])).toEqual(["pain", "strategic"]);
    expect(inputFields("pain")).toEqual([]);
    expect(inputFields(undefined)).toEqual([]);
  });

  it("adds the missing ones under the header row, right of the matrix, and names their columns", async () => {
    const rows = [["Clients 2026"], [], ["Client", "Revenue", "Pain", "KAM revenue rating"], ["Acme", 10, "High", "High"]];
    const r = recorder(state(rows, { matrix: { column: 4, count: 1 } }));
    expect(await addInputColumns(r.port, ["pain", "relationship", "strategic"])).toEqual({ added: ["Relationship (column E)", "Strategic value (column F)"] });
    expect(r.log).toEqual(["read", "input columns relationship,strategic at 5,6 under row 3"]);
  });

  it("writes nothing when nothing is missing; the same on a sync port", () => {
    const rows = [["Client", "Revenue", "Strategic value", "Pain", "Relationship"], ["Acme", 10, "H", "L", 3]];
    const r = recorder(state(rows));
    expect(addInputColumnsSync(r.sync, ["strategic", "pain", "relationship"])).toEqual({ added: [] });
    expect(r.log).toEqual(["read"]);
  });

  it("on a sheet with no client table yet, the headers go on its first row", () => {
    const r = recorder(state([["Notes"], ["call Acme"]]));
    expect(addInputColumnsSync(r.sync, ["strategic"])).toEqual({ added: ["Strategic value (column B)"] });
    expect(r.log).toEqual(["read", "input columns strategic at 2 under row 1"]);
  });

  it("refuses the add-in's own sheet", async () => {
    const r = recorder(state([["KAM Portfolio"]], { isOwnSheet: true, sheetName: "KAM Portfolio" }));
    await expect(addInputColumns(r.port, ["strategic"])).rejects.toBeInstanceOf(OwnSheetError);
    expect(r.log).toEqual(["read"]);
  });
});

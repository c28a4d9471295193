// examples/clients.xlsx is what scripts/make-examples.mjs makes from examples/clients.csv: the
// committed file has not drifted from its script, and it grades like the CSV.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { makeClientsWorkbook } from "../../scripts/make-examples.mjs";
import { definedNames, grid, openXlsx, sheetCells } from "../fixtures/xlsx";
import { ROOT, runCli } from "../helpers";

describe("examples/clients.xlsx", () => {
  it("has the cells, formats and names its script makes", async () => {
    const committed = await openXlsx(readFileSync(`${ROOT}examples/clients.xlsx`));
    const fresh = await openXlsx((await makeClientsWorkbook()) as Buffer);
    expect(committed.sheets.map((s) => s.name)).toEqual(["Clients", "Notes"]);
    expect(committed.sheets.map((s) => s.name)).toEqual(fresh.sheets.map((s) => s.name));
    for (const s of fresh.sheets) {
      const a = await sheetCells(committed, s.name);
      const b = await sheetCells(fresh, s.name);
      expect(a.map((c) => [c.ref, c.value, c.formula, c.style])).toEqual(b.map((c) => [c.ref, c.value, c.formula, c.style]));
      expect(await committed.text(s.path)).toBe(await fresh.text(s.path));
    }
    expect(await committed.text("xl/styles.xml")).toBe(await fresh.text("xl/styles.xml"));
    expect(definedNames(committed.workbookXml)).toEqual(definedNames(fresh.workbookXml));
    expect(grid(await sheetCells(committed, "Clients")).get(3)?.get(3)).toBe(182450);
  });

  it("grades like examples/clients.csv", async () => {
    const csv = JSON.parse((await runCli(["grade", "examples/clients.csv", "--json", "--today", "2026-11-22"])).stdout);
    const xlsx = JSON.parse((await runCli(["grade", "examples/clients.xlsx", "--json", "--today", "2026-11-22"])).stdout);
    expect(xlsx).toEqual(csv);
  });
});

// examples/clients.xlsx and examples/orders.csv are what scripts/make-examples.mjs makes from
// examples/clients.csv: the committed files have not drifted from the script, the workbook grades
// like the CSV, and the order list is the same clients' year: each client's orders add up to its
// annual revenue, their profit to revenue × its gross margin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
// @ts-expect-error: a plain .mjs script without types
import { makeClientsWorkbook, makeOrdersCsv } from "../../scripts/make-examples.mjs";
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

describe("examples/orders.csv", () => {
  const csv = (file: string) => Papa.parse<string[]>(readFileSync(`${ROOT}${file}`, "utf8"), { skipEmptyLines: true }).data;

  it("is what its script makes", () => {
    expect(readFileSync(`${ROOT}examples/orders.csv`, "utf8")).toBe(makeOrdersCsv() as string);
  });

  it("holds the clients of clients.csv: their orders add up to each annual revenue, their profit to its margin", () => {
    const [head, ...clients] = csv("examples/clients.csv");
    const [, ...orders] = csv("examples/orders.csv");
    const amount = (t: string) => {
      const s = t.replace(/[$,\s]/g, "");
      const n = /k$/i.test(s) ? Number(s.slice(0, -1)) * 1000 : Number(s.replace(/[()]/g, ""));
      return /^\(.*\)$/.test(s) ? -n : n;
    };
    const byName = new Map<string, { sales: number; profit: number; blank: number; rows: number }>();
    for (const [, , name, , sales, profit] of orders as string[][]) {
      const e = byName.get(name as string) ?? { sales: 0, profit: 0, blank: 0, rows: 0 };
      e.rows++;
      if (sales === "") e.blank++;
      else e.sales += Number(sales);
      if (profit !== "") e.profit += Number(profit);
      byName.set(name as string, e);
    }
    const [c, r, m] = ["Client", "Annual Revenue", "Gross Margin %"].map((h) => (head as string[]).indexOf(h)) as [number, number, number];
    expect(byName.size).toBe(clients.length);
    for (const row of clients) {
      const e = byName.get(row[c] as string)!;
      if ((row[r] as string) === "") {
        expect([e.rows, e.blank]).toEqual([1, 1]);
        continue;
      }
      expect(e.sales, row[c]).toBeCloseTo(amount(row[r] as string), 6);
      if ((row[m] as string) === "") expect(e.profit).toBe(0);
      else expect(e.profit, row[c]).toBeCloseTo((e.sales * Number((row[m] as string).replace("%", ""))) / 100, 6);
    }
  });
});

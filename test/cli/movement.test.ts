// SPEC §7a on the command line: build, change the data, rebuild → the last grades, sliding and the
// migration table, in --json, the text table and the portfolio tab.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, run, tempDir } from "./build-helpers";
import { sheetCells } from "../fixtures/xlsx";

const dir = tempDir("kam-movement-");
const csv = join(dir, "clients.csv");
const out = join(dir, "clients.kam.xlsx");
// Strategic High keeps a client at least B; revenue moves the rest.
const sheet = (acme: [number, string], bolt: number) =>
  `Client,Revenue,Strategic\nAcme,${acme[0]},${acme[1]}\nBolt,${bolt},Low\nCobalt,100,Low\nDawn,50,Low\nElm,40,Low\nFig,30,Low\nGum,20,Low\nHaw,10,Low\nIvy,5,Low\nJay,4,Low\n`;

describe("three builds with changing data", async () => {
  writeFileSync(csv, sheet([9000, "High"], 500)); // Acme A
  await build(csv, out);
  writeFileSync(csv, sheet([9000, "Low"], 500)); // Acme B (no strategic value now)
  await build(csv, out);
  writeFileSync(csv, sheet([1, "Low"], 20000).replace("Jay,4,Low\n", "Kit,3,Low\n")); // Acme C; Jay gone, Kit new
  const x = await build(csv, out);
  const graded = await run("grade", out, "--sheet", "clients", "--json");
  const json = JSON.parse(graded.out) as { clients: { name: string; grades: string[]; flags: string[] }[] };
  const acme = json.clients.find((c) => c.name === "Acme");

  it("--json: each client's last grades, oldest first; sliding after two falls in a row", () => {
    expect(acme?.grades).toEqual(["A", "B", "C", "C"]);
    // The grading of the output compares with the third build: the same grade, no fall this time.
    expect(acme?.flags).not.toContain("sliding");
    expect(json.clients.find((c) => c.name === "Kit")?.grades).toEqual(["C", "C"]);
  });

  it("the third build flagged Acme sliding and shows its last grades and the migration table on the tab", async () => {
    const text = (await sheetCells(x, "KAM Portfolio")).map((c) => String(c.value ?? "")).join("\n");
    expect(text).toContain("A → B → C");
    expect(text).toMatch(/sliding/);
    expect(text).toContain("Since the last build: clients by grade then (rows) and now (columns)");
  });

  it("the text table shows the last grades and the migration table", async () => {
    const r = await run("grade", out, "--sheet", "clients");
    expect(r.out).toContain("A→B→C→C");
    expect(r.out).toMatch(/Since the last build \(clients by grade then and now\):\n {2}Previous ↓ \/ now → +A +B +C +Gone\n {2}A +0 +0 +0 +0\n {2}B +0 +2 +0 +0\n {2}C +0 +0 +8 +0\n {2}New +0 +0 +0/);
  });
});

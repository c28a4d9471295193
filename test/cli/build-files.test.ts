// `kam-portfolio build` and the files around it (issue 9): Ctrl-C or a SIGTERM during the final
// write leaves no temporary file and no output; an existing output that holds history is never
// replaced silently — its history (and settings) are carried into the new output, so rebuilding
// from the original input shows what moved; an output whose history would be lost, or that
// cannot be read, is refused in one line naming --force; --force replaces it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simpleWorkbook } from "../fixtures/workbooks";
import { definedNames, grid, openXlsx, sheetCells, tableRows } from "../fixtures/xlsx";
import { CLI } from "../helpers";
import { build, run, sha, tempDir } from "./build-helpers";

const dir = tempDir("kam-build-files-");

describe.each(["SIGINT", "SIGTERM"] as const)("%s during the final write", (signal) => {
  it("removes the temporary file, writes no output and ends as the signal would", async () => {
    const sub = tempDir(`kam-${signal}-`);
    // 60,000 clients: the zip takes seconds to write, time enough to see its temporary file.
    const rows = ["Client,Revenue,Margin,Strategic,Industry"];
    for (let i = 0; i < 60_000; i++) rows.push(`Client ${i},${((i * 7919) % 100_000) + 1},${(i % 50) - 5}%,${["High", "Medium", "Low", ""][i % 4]},Industry ${i % 20}`);
    writeFileSync(join(sub, "big.csv"), rows.join("\n"));
    const child = spawn(process.execPath, [CLI, "build", join(sub, "big.csv"), "--out", join(sub, "big.xlsx")], { stdio: "ignore" });
    let temp: string | undefined;
    const watch = setInterval(() => {
      if (temp !== undefined) return;
      temp = readdirSync(sub).find((f) => f.endsWith(".tmp"));
      if (temp !== undefined) child.kill(signal);
    }, 5);
    const [code] = (await once(child, "close")) as [number | null, string | null];
    clearInterval(watch);
    expect(temp).toMatch(/^\.big\.xlsx\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(readdirSync(sub)).toEqual(["big.csv"]);
  }, 120_000);
});

describe("an existing output that holds history", () => {
  it("is carried forward when rebuilding from the original input: movement shows, every build's snapshot is kept", async () => {
    const sub = tempDir("kam-carry-");
    const csv = join(sub, "clients.csv");
    writeFileSync(csv, readFileSync("examples/clients.csv"));
    const out = join(sub, "clients.kam.xlsx");
    const first = await run("build", csv, "--today", "2026-08-01");
    expect(first.code).toBe(0);
    expect(first.out).not.toMatch(/carried forward/);
    // Next quarter the owner edits the CSV they keep (Cedar Ridge Clinic's margin collapses) and builds again.
    writeFileSync(csv, readFileSync(csv, "utf8").replace(/^(Cedar Ridge Clinic,[^,]*,[^,]*,)24%/m, "$1-5%"));
    const second = await run("build", csv, "--today", "2026-11-01");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/; the history of 1 earlier build in .*clients\.kam\.xlsx carried forward$/);
    const x = await openXlsx(readFileSync(out));
    const table = tableRows(await sheetCells(x, "KAM Portfolio"));
    expect(table.find((t) => t.Client === "Cedar Ridge Clinic")).toMatchObject({ "Previous grade": "A", Movement: "▼" });
    expect(table.filter((t) => t.Client !== "Cedar Ridge Clinic").every((t) => t.Movement === "=")).toBe(true);
    const history = grid(await sheetCells(x, "KAM History"));
    expect(history.size).toBe(1 + 42 + 42);
    expect(String(history.get(2)?.get(1))).toMatch(/^2026-08-01T/);
    expect(String(history.get(85)?.get(1))).toMatch(/^2026-11-01T/);
    const names = definedNames(x.workbookXml);
    expect(names.find((n) => n.name === "KAM_HistoryLast")?.formula).toBe("'KAM History'!$A$44:$E$85");
    // grading the new output compares it with its own last build: nothing moved since
    const json = JSON.parse((await run("grade", out, "--json")).out) as { clients: { name: string; grade: string; previousGrade: string; movement: string }[] };
    expect(json.clients.every((c) => c.movement === "=" && c.previousGrade === c.grade)).toBe(true);
  });

  it("keeps the settings the earlier output was built with (a --config given now still wins)", async () => {
    const sub = tempDir("kam-carry-set-");
    const config = join(sub, "kam.json");
    writeFileSync(config, JSON.stringify({ gradeAMin: 70 }));
    const out = join(sub, "o.xlsx");
    await build("examples/clients.csv", out, "--config", config);
    const x = await build("examples/clients.csv", out);
    expect(grid(await sheetCells(x, "KAM Portfolio")).get(3)?.get(1)).toMatch(/grade A ≥ 70/);
  });

  it("is refused, in one line naming --force, when the input has its own history the build would put in its place", async () => {
    const sub = tempDir("kam-refuse-");
    const built = join(sub, "built.xlsx");
    await build("examples/clients.csv", built);
    const out = join(sub, "out.xlsx");
    await build(built, out); // out: 2 builds
    await build("examples/clients.csv", out); // out: 3 builds, carried
    const before = sha(readFileSync(out));
    const r = await run("build", built, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/out\.xlsx: already holds the history of 3 earlier builds, which this build \(from .*built\.xlsx, with its own history\) would replace; choose another --out, or add --force to replace it$/);
    expect(sha(readFileSync(out))).toBe(before);
    // The same rebuild run twice: the second would lose the first's snapshot, so it asks for --force too.
    const again = join(sub, "again.xlsx");
    expect((await run("build", out, "--out", again)).code).toBe(0);
    expect((await run("build", out, "--out", again)).err).toMatch(/again\.xlsx: already holds the history of 4 earlier builds, .*add --force/);
    expect((await run("build", out, "--out", again, "--force")).code).toBe(0);
    // An output whose history is all in the input (here: the input itself, copied) is replaced without a word.
    writeFileSync(join(sub, "copy.xlsx"), readFileSync(out));
    const same = await run("build", out, "--out", join(sub, "copy.xlsx"));
    expect([same.code, same.err]).toEqual([0, ""]);
  });

  it("an output that cannot be read is refused in one line naming --force; --force replaces it", async () => {
    const sub = tempDir("kam-unreadable-");
    const out = join(sub, "out.xlsx");
    writeFileSync(out, "a file of the owner's, not a workbook");
    const r = await run("build", "examples/clients.csv", "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/out\.xlsx: already exists and cannot be read as a workbook \(not a spreadsheet \(\.xlsx or \.csv\)\), so any history in it cannot be kept; choose another --out, or add --force to replace it$/);
    expect(readFileSync(out, "utf8")).toBe("a file of the owner's, not a workbook");
    const forced = await run("build", "examples/clients.csv", "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).not.toMatch(/carried forward/);
    expect((await openXlsx(readFileSync(out))).sheets.map((s) => s.name)).toEqual(["clients", "KAM Portfolio", "KAM History"]);
  });

  it("--force replaces an output's history with this build's alone", async () => {
    const sub = tempDir("kam-force-");
    const out = join(sub, "out.xlsx");
    await build("examples/clients.csv", out);
    await build("examples/clients.csv", out);
    const x = await build("examples/clients.csv", out, "--force");
    expect(grid(await sheetCells(x, "KAM History")).size).toBe(1 + 42);
    expect(tableRows(await sheetCells(x, "KAM Portfolio")).every((t) => t.Movement === "new")).toBe(true);
  });

  it("a workbook without a history of ours at the output is replaced as before (nothing to keep)", async () => {
    const out = join(dir, "plain.xlsx");
    writeFileSync(out, await simpleWorkbook([["Client", "Revenue"], ["Someone", 1]]));
    const r = await run("build", "examples/clients.csv", "--out", out);
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).not.toMatch(/carried forward/);
    expect(tableRows(await sheetCells(await openXlsx(readFileSync(out)), "KAM Portfolio"))).toHaveLength(42);
  });
});

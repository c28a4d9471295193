// Issue 10 "fast start": the command is one bundled file (the package's bin) holding its
// dependencies, and ExcelJS, a chunk of its own, is loaded only when a workbook is read.
import { execFile } from "node:child_process";
import { accessSync, constants, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Run from a folder with no node_modules above it: nothing can come from there.
    execFile(process.execPath, [bin, ...args], { cwd: dir, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("the kam-portfolio bundle", () => {
  it("is the package's bin: an executable file with a node shebang", () => {
    const bin = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { bin: Record<string, string> }).bin["kam-portfolio"];
    expect(`${ROOT}${bin}`).toBe(CLI);
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(() => accessSync(CLI, constants.X_OK)).not.toThrow();
  });

  it("runs copied away from node_modules: a CSV and a workbook graded", async () => {
    cpSync(`${ROOT}dist/cli`, join(dir, "whole"), { recursive: true });
    const csv = await run(join(dir, "whole/kam-portfolio.mjs"), ["grade", `${ROOT}examples/clients.csv`, "--json"]);
    expect([csv.code, csv.stderr]).toEqual([0, ""]);
    expect((JSON.parse(csv.stdout) as { clients: unknown[] }).clients.length).toBe(42);
    const xlsx = await run(join(dir, "whole/kam-portfolio.mjs"), ["grade", `${ROOT}examples/clients.xlsx`, "--json"]);
    expect([xlsx.code, xlsx.stderr]).toEqual([0, ""]);
    expect(JSON.parse(xlsx.stdout)).toEqual(JSON.parse(csv.stdout));
  });

  it("grades a CSV without ExcelJS's chunk; a workbook needs it", async () => {
    cpSync(`${ROOT}dist/cli`, join(dir, "no-excel"), { recursive: true });
    const excel = readdirSync(join(dir, "no-excel/chunks")).filter((f) => /^excel-.*\.mjs$/.test(f));
    expect(excel).toHaveLength(1);
    rmSync(join(dir, "no-excel/chunks", excel[0] as string));
    const csv = await run(join(dir, "no-excel/kam-portfolio.mjs"), ["grade", `${ROOT}examples/orders.csv`]);
    expect([csv.code, csv.stderr]).toEqual([0, ""]);
    expect(csv.stdout).toMatch(/^KAM portfolio: \d+ clients/);
    const xlsx = await run(join(dir, "no-excel/kam-portfolio.mjs"), ["grade", `${ROOT}examples/clients.xlsx`]);
    expect(xlsx.code).not.toBe(0);
    expect(xlsx.stderr).toMatch(/excel-.*\.mjs/);
  });
});

// Issue 10 "fast start": the command is one bundled file (the package's bin) holding its
// dependencies; it has no ExcelJS to load.
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
    const csv = await run(join(dir, "whole/kam-portfolio.cjs"), ["grade", `${ROOT}examples/clients.csv`, "--json"]);
    expect([csv.code, csv.stderr]).toEqual([0, ""]);
    expect((JSON.parse(csv.stdout) as { clients: unknown[] }).clients.length).toBe(42);
    const xlsx = await run(join(dir, "whole/kam-portfolio.cjs"), ["grade", `${ROOT}examples/clients.xlsx`, "--json"]);
    expect([xlsx.code, xlsx.stderr]).toEqual([0, ""]);
    expect(JSON.parse(xlsx.stdout)).toEqual(JSON.parse(csv.stdout));
  });

  it("is one file: no chunk (ExcelJS was one) is loaded later", () => {
    // Issue 10: ExcelJS built a whole workbook's cells as objects (1 GB for 100,000 clients); the
    // command's own reader (cli/xlsx/cells.ts) reads a sheet as it inflates, and needs no ExcelJS.
    expect(readdirSync(`${ROOT}dist/cli`).filter((f) => !f.endsWith(".map"))).toEqual(["kam-portfolio.cjs"]);
    expect(readFileSync(CLI, "utf8")).not.toMatch(/(?:import|require)\(["']\.\.?\//);
  });
});

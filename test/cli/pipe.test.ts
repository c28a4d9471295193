// The command's output read by a program that stops early (`kam-portfolio grade big.csv --json |
// head`): the pipe closes under the command, which stops quietly instead of dying on an unhandled
// EPIPE with a stack trace; the whole output, read to the end, is unchanged.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../helpers";

const dir = mkdtempSync(join(tmpdir(), "kam-pipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 3,000 clients: their JSON (about 1.5 MB) is far more than a pipe holds. */
const file = join(dir, "clients.csv");
writeFileSync(file, `Client,Revenue,Gross Margin\n${Array.from({ length: 3000 }, (_, i) => `Client ${i + 1},${1000 + i},0.2`).join("\n")}\n`);

/** Runs the command with its stdout on a pipe; `stopAfter` bytes read, the reader closes it (as `head` does). */
function piped(args: string[], stopAfter: number): Promise<{ code: number | null; signal: string | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let read = 0;
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.stdout.on("data", (b: Buffer) => {
      read += b.length;
      if (read >= stopAfter) child.stdout.destroy();
    });
    child.on("close", (code, signal) => resolve({ code, signal, stderr, read }));
  });
}

describe("kam-portfolio writing into a pipe", () => {
  it("stops quietly when the reader closes the pipe early: exit 0, nothing on stderr", async () => {
    const r = await piped(["grade", file, "--json"], 1);
    expect(r.read).toBeGreaterThan(0);
    expect(r.stderr).toBe("");
    expect([r.code, r.signal]).toEqual([0, null]);
  });

  it("writes all of it when the reader reads to the end", async () => {
    const r = await piped(["grade", file, "--json"], Number.POSITIVE_INFINITY);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.read).toBeGreaterThan(1_000_000);
  });

  it("says in one line that it cannot write the output when the output fails otherwise (a full disk: Linux's /dev/full), exit 2", async () => {
    for (const args of [["grade", file, "--json"], ["grade", file]]) {
      const full = openSync("/dev/full", "w");
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", full, "pipe"] });
        let stderr = "";
        child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
        child.on("close", (code) => resolve({ code, stderr }));
      });
      closeSync(full);
      expect(r.stderr, args.join(" ")).toMatch(/^kam-portfolio: cannot write the output: ENOSPC\b[^\n]*\n$/);
      expect(r.code, args.join(" ")).toBe(2);
    }
  });
});

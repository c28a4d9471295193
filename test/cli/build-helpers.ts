// What the `kam-portfolio build` suites share: a run of the command in-process, a build read back
// from its XML, the JSON of `grade`, and a workbook with one damaged part.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { expect } from "vitest";
import { main } from "../../cli/main";
import { simpleWorkbook } from "../fixtures/workbooks";
import { openXlsx, type Xlsx } from "../fixtures/xlsx";

export const TODAY = "2026-11-22";

/** A fresh temporary folder for one suite. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export async function build(input: string, out: string, ...more: string[]): Promise<Xlsx> {
  const r = await run("build", input, "--out", out, "--today", TODAY, ...more);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return openXlsx(readFileSync(out));
}

export async function gradeJson(file: string, ...more: string[]) {
  const r = await run("grade", file, "--json", "--today", TODAY, ...more);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { clients: { rank: number; row: number; name: string; grade: string; score: number; quadrant: string }[]; needsData: { row: number; name: string; reason: string }[] };
}

/** A workbook whose stored (uncompressed) part `path` has one byte changed after its CRC-32 was written. */
export async function damaged(path: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleWorkbook([["Client", "Revenue"], ["Acme", 500], ["Beta", 100]]));
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  const text = await (zip.file(path) as JSZip.JSZipObject).async("string");
  const at = bytes.indexOf(text.slice(-40));
  expect(at).toBeGreaterThan(0);
  bytes[at + 5] = bytes[at + 5] === 0x20 ? 0x21 : 0x20;
  return bytes;
}

export const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

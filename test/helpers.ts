import { execFile } from "node:child_process";
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
export const CLI = `${ROOT}dist/cli/kam-portfolio.cjs`;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `kam-portfolio` command as a user would. */
export function runCli(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The hand-written source folders every scan of the sources reads (architecture, call-stack limits). */
export const SOURCE_FOLDERS = ["core", "cli", "excel-addin", "sheets-addon", "panel"] as const;

/** Every .ts source under `dir` (declaration files left out), depth first. */
export function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) yield path;
  }
}

/** mulberry32: a small seeded generator for reproducible test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` cut into seeded pieces of 1 to `longest` characters (anywhere: inside names, between `<` and the name). */
export function cutInPieces(text: string, seed: number, longest: number): string[] {
  const rnd = seeded(seed);
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    const n = 1 + Math.floor(rnd() * longest);
    parts.push(text.slice(at, at + n));
    at += n;
  }
  return parts;
}

/** Pieces as an async stream, as an inflating part gives them. */
export async function* streamOf(parts: readonly string[]): AsyncGenerator<string> {
  yield* parts;
}

/** How to get the programs some suites drive (the README says the same; `.ci/run` installs them). */
export const INSTALL_PROGRAMS = "sudo apt-get install -y chromium libreoffice-calc-nogui poppler-utils (Debian/Ubuntu), or run .ci/run";

/** The path of `program` (an absolute path, or a name looked up on PATH), or null when it is not installed. */
export function findProgram(program: string): string | null {
  const candidates = program.includes("/") ? [program] : (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, program));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

/** `program`'s path; a suite that cannot run without it fails with one clear line saying what is missing and how to get it. */
export function requireProgram(program: string, what: string): string {
  const found = findProgram(program);
  if (found === null) throw new Error(`${what} is not installed (no ${program}): this suite needs it. Install it: ${INSTALL_PROGRAMS}`);
  return found;
}

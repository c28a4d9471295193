/**
 * `kam-portfolio build`: the matrix columns and the KAM Portfolio tab (with its chart and history)
 * written into a copy of the workbook. The input is never written: the output goes to a
 * temporary file beside the target and is renamed into place, so a failure leaves no half-written
 * file (and an earlier output as it was).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { buildMatrixAndPortfolio } from "../core/use-cases/build-both";
import type { BuildOptions } from "../core/use-cases/grade";
import { EXCEL_DIALECT } from "../core/matrix";
import { dayToIso } from "../core/values";
import { inSheet, settingsFor, type Io, type Options } from "./options";
import { FilePort } from "./port";
import { InputError, openSource, type Source } from "./read";
import { PackageError } from "./xlsx/package";
import { CellConflictError } from "./xlsx/sheet-data";
import { HistoryFullError, lockedReason, writeWorkbook } from "./write";

/** The extension a package of this main content type must carry for Excel to open it. */
const EXTENSIONS: [RegExp, string][] = [
  [/template\.macroEnabled\.main/i, ".xltm"],
  [/template\.main/i, ".xltx"],
  [/macroEnabled\.main/i, ".xlsm"],
  [/sheet\.main/i, ".xlsx"],
];

async function packageExtension(source: Source): Promise<string> {
  if (!source.xlsx) return ".xlsx";
  const type = (await source.xlsx.pkg.contentType(source.xlsx.workbook.path)) ?? "";
  return EXTENSIONS.find(([re]) => re.test(type))?.[1] ?? ".xlsx";
}

/** `clients.csv` → `clients.kam.xlsx` beside it. */
export function defaultOut(file: string, ext: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.kam${ext}`);
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/**
 * Writes the zip stream beside the target and renames it into place; removes the temporary file on
 * any failure. A part of the input found damaged on the way is the input's fault, said as such.
 */
export async function writeAtomically(out: string, zip: Readable, input: string): Promise<void> {
  const dir = dirname(resolve(out));
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(`${out}: the folder ${dir} does not exist`);
  const temp = join(dir, `.${basename(out)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await pipeline(zip, createWriteStream(temp, { flags: "wx" }));
    await rename(temp, out);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof PackageError) throw new InputError(`${input}: not a readable .xlsx workbook (${e.message}); nothing was written`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${out}: cannot write the output (${code ?? (e as Error).message})`);
  }
}

export async function buildFile(o: Options, note: (s: string) => void = () => {}): Promise<{ message: string; out: string }> {
  const source = await openSource(o.file, o.sheet);
  for (const n of source.notes) note(`kam-portfolio: ${n}`);
  const ext = await packageExtension(source);
  const out = o.out ?? defaultOut(o.file, ext);
  if (await samePath(out, o.file)) throw new InputError(`${out}: that is the input file; the input is never written, choose another --out`);
  if (extname(out).toLowerCase() !== ext) {
    throw new InputError(`${out}: the output must be a ${ext} file like the input${ext === ".xlsm" ? " (it holds macros)" : ""}; use --out NAME${ext}`);
  }
  const locked = await lockedReason(source);
  if (locked) throw new InputError(locked);
  const port = new FilePort(source);
  // A plain file has no add-in to compute formulas: the matrix holds values.
  const opts: BuildOptions = {
    settings: settingsFor(o, source.settings),
    today: o.today,
    builtAt: `${dayToIso(o.today)}T${new Date().toISOString().slice(11)}`,
    dialect: EXCEL_DIALECT,
    valuesOnly: true,
  };
  let message: string;
  try {
    message = (await buildMatrixAndPortfolio(port, opts)).portfolio.message;
  } catch (e) {
    throw inSheet(o.file, source.sheetName, e);
  }
  let zip: Readable;
  try {
    zip = (await writeWorkbook(source, port)).stream();
  } catch (e) {
    if (e instanceof HistoryFullError) throw new InputError(`${o.file}: ${e.message}; nothing was written`);
    if (e instanceof CellConflictError) {
      throw new InputError(`${o.file}, sheet "${source.sheetName}": cell ${e.ref} is in the way of the matrix columns and is not empty; nothing was written`);
    }
    if (e instanceof PackageError) throw new InputError(`${o.file}: not a readable .xlsx workbook (${e.message}); nothing was written`);
    throw e;
  }
  await writeAtomically(out, zip, o.file);
  return { message: `Wrote ${out}: ${message}`, out };
}

export async function build(o: Options, io: Io): Promise<void> {
  io.out((await buildFile(o, io.err)).message);
}

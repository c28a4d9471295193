/**
 * `kam-portfolio build`: the matrix columns and the KAM Portfolio tab (with its chart and history)
 * written into a copy of the workbook. The input is never written: the output goes to a
 * temporary file beside the target and is renamed into place, so a failure — or Ctrl-C, or a
 * SIGTERM — leaves no half-written file (and an earlier output as it was). An earlier output's
 * history is carried into the new one, never dropped silently (cli/previous-output.ts).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
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
import { holdsAll, previousOutput } from "./previous-output";
import { InputError, openSource, type Source } from "./read";
import { PackageError, type OoxmlPackage } from "./xlsx/package";
import { CellConflictError } from "./xlsx/sheet-data";
import { escapeControls } from "./text-table";
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
  let type: string;
  try {
    type = (await source.xlsx.pkg.contentType(source.xlsx.workbook.path)) ?? "";
  } catch (e) {
    if (e instanceof PackageError) throw new InputError(`${source.file}: not a readable .xlsx workbook (${e.message})`);
    throw e;
  }
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
 * The stream is made here, in the same tick as the pipeline that listens to it: a stream made
 * earlier can fail (a damaged part it copies) before anything listens, an uncaught error.
 */
export async function writeAtomically(out: string, zip: () => Readable, input: string): Promise<void> {
  const dir = dirname(resolve(out));
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(`${out}: the folder ${dir} does not exist`);
  const temp = join(dir, `.${basename(out)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  // Interrupted (Ctrl-C, a SIGTERM) while writing: the temporary file goes, then the process ends
  // as the signal would have ended it (exit code 128 + the signal's number).
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(temp, { force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  // `on`, not `once`: a second Ctrl-C while the first is handled must not end the process before the file is gone.
  process.on("SIGINT", interrupted);
  process.on("SIGTERM", interrupted);
  try {
    await pipeline(zip(), createWriteStream(temp, { flags: "wx" }));
    await rename(temp, out);
  } catch (e) {
    await rm(temp, { force: true });
    if (e instanceof PackageError) throw new InputError(`${input}: not a readable .xlsx workbook (${e.message}); nothing was written`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${out}: cannot write the output (${code ?? (e as Error).message})`);
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}

/**
 * An existing output's history, kept: with an input of no history of its own, the new output
 * carries it forward (and the settings it was built with, under any given now); an output whose
 * history the build would lose, or that cannot be read, is refused unless `force`. Returns what
 * to tell the owner, or "".
 */
async function keepHistory(source: Source, out: string, force: boolean): Promise<string> {
  if (force) return "";
  const previous = await previousOutput(out);
  const forceHint = "choose another --out, or add --force to replace it";
  if (previous.kind === "unreadable") throw new InputError(`${out}: already exists and cannot be read as a workbook (${previous.reason}), so any history in it cannot be kept; ${forceHint}`);
  if (previous.kind === "none") return "";
  const builds = `${previous.builds} earlier build${previous.builds === 1 ? "" : "s"}`;
  if (source.history.length > 0) {
    if (holdsAll(source.history, previous.rows)) return "";
    throw new InputError(`${out}: already holds the history of ${builds}, which this build (from ${source.file}, with its own history) would replace; ${forceHint}`);
  }
  source.history = previous.rows;
  if (source.settings === null || source.settings === undefined) source.settings = previous.settings;
  return `; the history of ${builds} in ${out} carried forward`;
}

export async function buildFile(o: Options, note: (s: string) => void = () => {}): Promise<{ message: string; out: string }> {
  const source = await openSource(o.file, o.sheet);
  try {
    return await buildSource(o, source, note);
  } finally {
    // The input's parts are copied into the output until it is written.
    source.xlsx?.pkg.close();
  }
}

async function buildSource(o: Options, source: Source, note: (s: string) => void): Promise<{ message: string; out: string }> {
  for (const n of source.notes) note(`kam-portfolio: ${n}`);
  const ext = await packageExtension(source);
  const out = o.out ?? defaultOut(o.file, ext);
  if (await samePath(out, o.file)) throw new InputError(`${out}: that is the input file; the input is never written, choose another --out`);
  if (extname(out).toLowerCase() !== ext) {
    throw new InputError(`${out}: the output must be a ${ext} file like the input${ext === ".xlsm" ? " (it holds macros)" : ""}; use --out NAME${ext}`);
  }
  const locked = await lockedReason(source);
  if (locked) throw new InputError(locked);
  const carried = await keepHistory(source, out, o.force);
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
  let pkg: OoxmlPackage;
  try {
    pkg = await writeWorkbook(source, port);
  } catch (e) {
    if (e instanceof HistoryFullError) throw new InputError(`${o.file}: ${e.message}; nothing was written`);
    if (e instanceof CellConflictError) {
      throw new InputError(`${o.file}, sheet "${source.sheetName}": cell ${e.ref} is in the way of the matrix columns and is not empty; nothing was written`);
    }
    if (e instanceof PackageError) throw new InputError(`${o.file}: not a readable .xlsx workbook (${e.message}); nothing was written`);
    throw e;
  }
  await writeAtomically(out, () => pkg.stream(), o.file);
  return { message: `Wrote ${out}: ${message}${carried}`, out };
}

export async function build(o: Options, io: Io): Promise<void> {
  // The message may quote a header from the data (a note on a column): its control characters escaped.
  io.out(escapeControls((await buildFile(o, io.err)).message));
}

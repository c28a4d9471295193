/**
 * What every verb of the `kam-portfolio` command shares: the arguments, the settings of a run
 * (config file, --map, --mode over those saved in the workbook) and the command line's messages.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { OwnSheetError } from "../core/use-cases/grade";
import { columnLetters } from "../core/a1";
import { FIELDS, MappingError, type Field } from "../core/columns";
import { EmptySheetError, MissingColumnsError } from "../core/portfolio";
import { checkSettings, DEFAULT_SETTINGS, SettingsError, type Settings } from "../core/settings";
import { dayFromDate, parseDate, type Day } from "../core/values";
import { InputError, isCsv } from "./read";

/** What `kam-portfolio --help` prints (on stdout). Every option here is also in the README. */
export const HELP = `kam-portfolio — grades the clients in your spreadsheet with the key-account matrix
(revenue rank, wallet share, margin, strategic value, pain → A, B or C) and says what to do with each.

Usage:
  kam-portfolio grade <file.csv|file.xlsx> [options]
      Prints the ranked portfolio: each client's grade, score, the five ratings, quadrant and flags,
      the rows that need data or were skipped, and the concentration summary. Writes nothing.
  kam-portfolio build <file.csv|file.xlsx> [options]
      Writes a copy of the workbook (a .csv becomes an .xlsx) with the rating columns beside your
      data, a "KAM Portfolio" tab (summary, ranked table, quadrant chart, what to do) and a hidden
      history, so the next build shows what moved. Your input file is never changed.
  kam-portfolio help | --help | -h      this text
  kam-portfolio --version               the version

Options:
  --sheet NAME           the sheet of a workbook that holds your clients (default: the first one that does)
  --map field=Header     the column for one input when detection guesses wrong (repeatable), e.g.
                         --map client="Customer Name"; fields: ${FIELDS.join(", ")}
  --mode orders|clients  one row per order/invoice (merged per client) or one row per client (default: detected)
  --config FILE          settings as JSON: weights, cut-offs, budget, review days, mapping (see the README)
  --today YYYY-MM-DD     the day review dates are counted to (default: today)
  --as-of YYYY-MM-DD     an order list with dates: the last day of the period graded (default: the latest order date)
  --json                 grade: print the JSON of the SPEC (clients, needsData, skipped, summary)
  --out FILE             build: where to write (default: <input>.kam.xlsx beside the input)
  --force                build: replace an existing output even when its history cannot be kept

Examples:
  kam-portfolio grade examples/clients.csv
  kam-portfolio grade examples/orders.csv --json
  kam-portfolio build examples/clients.xlsx --out clients.kam.xlsx`;

/** Where a usage error points the newcomer. */
export const SEE_HELP = "run `kam-portfolio --help` for the commands and options";

export interface Options {
  command: "grade" | "build" | "help" | "version";
  file: string;
  sheet?: string;
  out?: string;
  json: boolean;
  /** build: replace an existing output even when its history cannot be kept. */
  force: boolean;
  settings: Settings;
  /** The settings as given (config file, --map, --mode) before defaults, and whether any were. */
  settingsInput: Record<string, unknown>;
  settingsGiven: boolean;
  today: Day;
}

export class UsageError extends Error {}

/** `help`, `--help`, `-h` and `--version` need no input file: what to print, and nothing else to do. */
function infoCommand(command: "help" | "version"): Options {
  return { command, file: "", json: false, force: false, settings: DEFAULT_SETTINGS, settingsInput: {}, settingsGiven: false, today: dayFromDate(new Date()) };
}

export async function parseOptions(argv: readonly string[]): Promise<Options> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        sheet: { type: "string" },
        out: { type: "string" },
        config: { type: "string" },
        map: { type: "string", multiple: true },
        mode: { type: "string" },
        json: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        today: { type: "string" },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help || command === "help") return infoCommand("help");
  if (values.version || command === "version") return infoCommand("version");
  if (command !== "grade" && command !== "build") throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  if (!file) throw new UsageError(`${command}: no input file given`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);

  let config: Record<string, unknown> = {};
  if (values.config !== undefined) {
    let text: string;
    try {
      text = await readFile(values.config, "utf8");
    } catch {
      throw new InputError(`${values.config}: config file not found`);
    }
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("not an object");
      config = json as Record<string, unknown>;
    } catch (e) {
      throw new InputError(`${values.config}: not a JSON settings object (${(e as Error).message})`);
    }
  }
  const mapping: Record<string, string> = { ...((config.mapping as Record<string, string> | undefined) ?? {}) };
  for (const m of values.map ?? []) {
    const eq = m.indexOf("=");
    const field = m.slice(0, eq).trim();
    const header = m.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    if (eq < 0 || !(FIELDS as readonly string[]).includes(field) || header === "") {
      throw new InputError(`--map ${m}: expected field=Header with field one of ${FIELDS.join(", ")}`);
    }
    mapping[field as Field] = header;
  }
  const asOf = values["as-of"];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf.trim())) throw new UsageError(`--as-of ${asOf}: not a date written YYYY-MM-DD`);
  const input = { ...config, mapping, ...(values.mode !== undefined ? { mode: values.mode } : {}), ...(asOf !== undefined ? { asOf: asOf.trim() } : {}) };
  const { settings, errors } = checkSettings(input);
  if (errors.length) throw new SettingsError(errors);

  let today = dayFromDate(new Date());
  if (values.today !== undefined) {
    const d = parseDate(values.today);
    if (typeof d !== "number") throw new UsageError(`--today ${values.today}: not a date`);
    today = d;
  }
  const settingsGiven = values.config !== undefined || (values.map ?? []).length > 0 || values.mode !== undefined || asOf !== undefined;
  return {
    command, file, json: values.json ?? false, force: values.force ?? false, settings, settingsInput: input, settingsGiven, today,
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

/**
 * The settings of a run: those given on the command line, over those saved in the workbook by an
 * earlier build (the column mapping merges field by field); the defaults when neither.
 */
export function settingsFor(o: Pick<Options, "settings" | "settingsInput" | "settingsGiven">, saved: unknown): Settings {
  if (saved === null || saved === undefined) return o.settings;
  if (typeof saved !== "object" || Array.isArray(saved)) {
    throw new SettingsError([{ setting: "settings", message: "must be a JSON object (saved in the workbook's document property KAMPortfolio.settings: fix or delete it)" }]);
  }
  const s = saved as Record<string, unknown>;
  const input = o.settingsGiven ? o.settingsInput : {};
  const mapping = { ...((s.mapping as Record<string, unknown> | undefined) ?? {}), ...((input.mapping as Record<string, unknown> | undefined) ?? {}) };
  const { settings, errors } = checkSettings({ ...s, ...input, mapping });
  if (errors.length) throw new SettingsError(errors.map((e) => ({ ...e, message: `${e.message} (saved in the workbook)` })));
  return settings;
}

/** A core error in the command line's words: how to name a column is `--map field="Header"`. */
export function commandLineMessage(e: Error): string {
  const seen = (headers: readonly string[]) => headers.filter((h) => h !== "").join(", ") || "none";
  if (e instanceof MappingError) return `--map ${e.field}="${e.header}": no such column (headers seen: ${seen(e.seen)})`;
  if (e instanceof MissingColumnsError) {
    // A report's column of row labels often has no header (",Total" above "Acme,1000"): a letter names it.
    const blank = e.headers.findIndex((h) => h === "");
    const letter = blank >= 0 && e.headers.some((h) => h !== "") ? ` (a column with no header by its letter: --map ${e.missing[0]}=${columnLetters(blank + 1)})` : "";
    return `${e.message}; name one with --map ${e.missing[0]}="Header"${letter}`;
  }
  return e.message;
}

/** "clients.xlsx, sheet “Clients”: the sheet is empty" */
export function inSheet(file: string, sheet: string, e: unknown): unknown {
  if (e instanceof EmptySheetError || e instanceof MissingColumnsError || e instanceof MappingError || e instanceof OwnSheetError) {
    return new InputError(`${file}${isCsv(file) ? "" : `, sheet "${sheet}"`}: ${commandLineMessage(e)}`);
  }
  return e;
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

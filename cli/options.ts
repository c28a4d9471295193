/**
 * What every verb of the `kam-portfolio` command shares: the arguments, the settings of a run
 * (config file, --map, --mode over those saved in the workbook) and the command line's messages.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { OwnSheetError } from "../core/use-cases/grade";
import { FIELDS, MappingError, type Field } from "../core/columns";
import { EmptySheetError, MissingColumnsError } from "../core/portfolio";
import { checkSettings, SettingsError, type Settings } from "../core/settings";
import { dayFromDate, parseDate, type Day } from "../core/values";
import { InputError, isCsv } from "./read";

export const USAGE = `Usage:
  kam-portfolio grade <file.csv|file.xlsx> [--sheet NAME] [--map field=Header]... [--config FILE] [--mode orders|clients] [--json]
  kam-portfolio build <file.csv|file.xlsx> [--out FILE] [--sheet NAME] [--map field=Header]... [--config FILE] [--mode orders|clients]

Fields for --map: ${FIELDS.join(", ")}`;

export interface Options {
  command: "grade" | "build";
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
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError("");
  const [command, file, ...extra] = positionals;
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
  const input = { ...config, mapping, ...(values.mode !== undefined ? { mode: values.mode } : {}) };
  const { settings, errors } = checkSettings(input);
  if (errors.length) throw new SettingsError(errors);

  let today = dayFromDate(new Date());
  if (values.today !== undefined) {
    const d = parseDate(values.today);
    if (typeof d !== "number") throw new UsageError(`--today ${values.today}: not a date`);
    today = d;
  }
  const settingsGiven = values.config !== undefined || (values.map ?? []).length > 0 || values.mode !== undefined;
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
  if (e instanceof MissingColumnsError) return `${e.message}; name one with --map ${e.missing[0]}="Header"`;
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

/**
 * The `kam-portfolio` command: `grade` prints the ranked portfolio (or SPEC §10 JSON), `build`
 * writes the matrix and the KAM Portfolio tab into a copy of the workbook. Every expected failure
 * is one line on stderr.
 */
import { MappingError } from "../core/columns";
import { EmptySheetError, MissingColumnsError } from "../core/portfolio";
import { SettingsError } from "../core/settings";
import packageJson from "../package.json";
import { build } from "./build";
import { grade } from "./grade";
import { commandLineMessage, HELP, parseOptions, SEE_HELP, UsageError, type Io } from "./options";
import { InputError } from "./read";

/** Runs the command; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const o = await parseOptions(argv);
    if (o.command === "help") io.out(HELP);
    else if (o.command === "version") io.out(packageJson.version);
    else await (o.command === "grade" ? grade(o, io) : build(o, io));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kam-portfolio: ${e.message}; ${SEE_HELP}`);
      return 1;
    }
    if (e instanceof SettingsError) {
      io.err(`kam-portfolio: bad setting: ${e.message}`);
      return 1;
    }
    if (e instanceof InputError || e instanceof MappingError || e instanceof MissingColumnsError || e instanceof EmptySheetError) {
      io.err(`kam-portfolio: ${commandLineMessage(e)}`);
      return 1;
    }
    io.err(`kam-portfolio: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

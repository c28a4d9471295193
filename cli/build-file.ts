/**
 * `kam-portfolio build`: not yet available (see the files issue).
 */
import type { Options } from "./kam-portfolio";
import { InputError } from "./read";

export async function buildFile(o: Options): Promise<{ message: string }> {
  throw new InputError(`build ${o.file}: the build command is not available yet; use grade`);
}

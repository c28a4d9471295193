/** Messages for the owner, and small rules the entry points share. */
import { panelProblem } from "../core/bridge";
import { MappingError } from "../core/columns";
import { looksLikeFormula } from "../core/plan";
import { MissingColumnsError } from "../core/portfolio";
import { SettingsError } from "../core/settings";
import { parseAmount } from "../core/values";

/** A message an owner can act on, for any failure of a build. */
export function userMessage(e: unknown): string {
  if (e instanceof MissingColumnsError || e instanceof MappingError || e instanceof SettingsError) return panelProblem(e);
  return e instanceof Error ? e.message : String(e);
}

/** A sample value that must be stored as text: it starts like a formula and is not a number. */
export function needsTextFormat(v: string): boolean {
  return looksLikeFormula(v) && typeof parseAmount(v.replace(/%$/, "")) !== "number";
}


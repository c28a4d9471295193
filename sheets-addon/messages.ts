/** Messages for the owner, and small rules the entry points share. */
import { OwnSheetError } from "../core/build";
import { FIELD_LABELS, MappingError } from "../core/columns";
import { MatrixPlacementError } from "../core/matrix";
import { EmptySheetError, MissingColumnsError } from "../core/portfolio";
import { SettingsError } from "../core/settings";
import { parseAmount } from "../core/values";

/** A message an owner can act on, for any failure of a build. */
export function userMessage(e: unknown): string {
  if (e instanceof MissingColumnsError) {
    const seen = e.headers.filter((h) => h !== "").join(", ") || "none";
    return `No ${e.missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(" or ")} column found in this sheet (headers seen: ${seen}). Pick the column in the panel under Columns, or select the sheet that holds your clients.`;
  }
  if (e instanceof MappingError) return `The column "${e.header}" chosen for ${e.field} is not in this sheet any more; pick another in the panel under Columns.`;
  if (e instanceof SettingsError) return `Settings: ${e.message}`;
  if (e instanceof EmptySheetError || e instanceof OwnSheetError || e instanceof MatrixPlacementError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A sample value that must be stored as text: it starts like a formula and is not a number. */
export function needsTextFormat(v: string): boolean {
  return /^[=+\-@]/.test(v) && typeof parseAmount(v.replace(/%$/, "")) !== "number";
}


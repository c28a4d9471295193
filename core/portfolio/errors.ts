/** The two sheets that cannot become a portfolio: no client or revenue column, and no data. */
import { FIELD_LABELS, type Field } from "../columns";

export class MissingColumnsError extends Error {
  constructor(readonly missing: Field[], readonly headers: readonly string[]) {
    super(
      `no ${missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(" or ")} column found (headers seen: ${
        headers.filter((h) => h !== "").join(", ") || "none"
      })`,
    );
    this.name = "MissingColumnsError";
  }
}

export class EmptySheetError extends Error {
  constructor(readonly headerOnly: boolean) {
    super(headerOnly ? "the sheet has headers but no data rows" : "the sheet is empty");
    this.name = "EmptySheetError";
  }
}

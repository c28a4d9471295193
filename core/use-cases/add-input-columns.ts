/**
 * Use case: add the input columns the panel offers (Strategic value, Pain, Relationship), each
 * with a High/Medium/Low dropdown, at the first empty columns under the data's header row
 * (placement: core/inputs.ts). Only inputs still missing are added, so asking twice adds nothing.
 */
import { columnLetters } from "../a1";
import { INPUT_COLUMNS, planInputColumns, type InputField } from "../inputs";
import { matrixNow } from "../matrix";
import type { InputColumnsPort, SyncInputColumnsPort, WorkbookState } from "../port";
import { OwnSheetError } from "./grade";
import { panelViewOf } from "./panel-state";
import { run, runSync, type Decision, type PortWrites } from "./run";

export interface AddedColumns {
  /** "Strategic value (column C)", one per column added. */
  added: string[];
}

const FIELDS: readonly string[] = Object.keys(INPUT_COLUMNS);

/** The known input fields among what the panel sent (anything else is ignored). */
export function inputFields(input: unknown): InputField[] {
  return Array.isArray(input) ? input.filter((f): f is InputField => typeof f === "string" && FIELDS.includes(f)) : [];
}

/** Between the read and the write: which inputs are still missing and where their columns go. */
export function decideInputColumns(state: WorkbookState, fields: unknown): Decision<AddedColumns, Pick<PortWrites, "writeInputColumns">> {
  if (state.isOwnSheet) throw new OwnSheetError(state.sheetName);
  // The inputs really missing now (a column may have been added since the panel read the sheet).
  const view = panelViewOf(state);
  const wanted = inputFields(fields).filter((f) => view.state.missingInputs.includes(f));
  if (wanted.length === 0) return { result: { added: [] }, writes: [] };
  const plan = planInputColumns(state.rows, view.headerIndex + 1, wanted, matrixNow(state));
  const added = plan.fields.map((f, i) => `${INPUT_COLUMNS[f].header} (column ${columnLetters(plan.columns[i] as number)})`);
  return { result: { added }, writes: [(port) => port.writeInputColumns(plan)] };
}

export function addInputColumns(port: InputColumnsPort, fields: unknown): Promise<AddedColumns> {
  return run(port, decideInputColumns, fields);
}

export function addInputColumnsSync(port: SyncInputColumnsPort, fields: unknown): AddedColumns {
  return runSync(port, decideInputColumns, fields);
}

/**
 * The server functions the sidebar calls through `google.script.run`, by name. The entry points
 * implement this interface and the sidebar's bridge calls only its keys, so names cannot drift.
 * Arguments and results are plain JSON-able data (google.script.run serialises them).
 */
import type { BuildSummary, PanelState } from "../core/bridge";
import type { InputField } from "../core/inputs";
import type { Settings } from "../core/settings";
import type { AddedColumns } from "../core/use-cases/add-input-columns";

export interface SheetsServer {
  panelGetState(): PanelState;
  panelSaveSettings(settings: Settings): void;
  panelBuildMatrix(settings: Settings): BuildSummary;
  panelBuildPortfolio(settings: Settings): BuildSummary;
  panelAddInputColumns(fields: InputField[]): AddedColumns;
}
export type ServerFunction = keyof SheetsServer;

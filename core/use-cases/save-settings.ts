/**
 * Use case: save the settings the panel chose (weights, thresholds, column mapping) in the
 * document (SPEC §9), after validating them: a bad setting is a SettingsError and nothing is
 * written. No read: saving settings does not need the sheet.
 */
import type { SyncWorkbookPort, WorkbookPort } from "../port";
import { validSettings } from "./grade";

export async function saveSettings(port: Pick<WorkbookPort, "saveSettings">, input: unknown): Promise<void> {
  await port.saveSettings(validSettings(input));
}

export function saveSettingsSync(port: Pick<SyncWorkbookPort, "saveSettings">, input: unknown): void {
  port.saveSettings(validSettings(input));
}

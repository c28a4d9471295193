/** What the panel knows, shared by its parts: the sheet's state, the settings as typed and validated, whether a call is running. */
import type { PanelState } from "../core/bridge";
import { checkSettings, type SettingError, type Settings } from "../core/settings";

export interface PanelModel {
  /** The host's answer to getState; null before the first one. */
  state: PanelState | null;
  /** The settings as last validated without errors (the form's values once they are valid). */
  settings: Settings;
  /** The last valid settings, which a mapping change starts from. */
  lastValid: Settings;
  /** The form's errors, "enter a number" for blank fields among them. */
  errors: SettingError[];
  /** A host call is running. */
  busy: boolean;
}

export function newModel(): PanelModel {
  const settings = checkSettings({}).settings;
  return { state: null, settings, lastValid: settings, errors: [], busy: false };
}

/** The form holds settings other than the saved ones (or ones not valid yet). */
export function edited(m: PanelModel): boolean {
  return m.state !== null && (m.errors.length > 0 || JSON.stringify(m.settings) !== JSON.stringify(m.state.settings));
}

/** A build cannot start: a call is running, a setting is invalid, or the sheet cannot be read. */
export function buildBlocked(m: PanelModel): boolean {
  return m.busy || m.errors.length > 0 || !m.state || m.state.problem !== null;
}

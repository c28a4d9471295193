/**
 * HostBridge over `google.script.run`: each server function of server-api.ts as a typed promise.
 */
import type { HostBridge } from "../../core/bridge";
import type { ServerFunction, SheetsServer } from "../server-api";

/** The client-side google.script.run runner (HtmlService), as far as the bridge uses it. */
export type ScriptRunner = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
} & { [K in ServerFunction]: (...args: Parameters<SheetsServer[K]>) => void };

declare const google: { script: { run: ScriptRunner } };

function call<K extends ServerFunction>(name: K, ...args: Parameters<SheetsServer[K]>): Promise<ReturnType<SheetsServer[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<SheetsServer[K]>))
      .withFailureHandler((error) => reject(new Error(error instanceof Error ? error.message : typeof error === "object" && error && "message" in error ? String((error as { message: unknown }).message) : String(error))));
    (runner[name] as (...a: Parameters<SheetsServer[K]>) => void)(...args); // bounded: a server function's few arguments
  });
}

export const sheetsBridge: HostBridge = {
  getState: () => call("panelGetState"),
  saveSettings: async (settings) => {
    await call("panelSaveSettings", settings);
  },
  buildMatrix: (settings) => call("panelBuildMatrix", settings),
  buildPortfolio: (settings) => call("panelBuildPortfolio", settings),
  addInputColumns: (fields) => call("panelAddInputColumns", fields),
};

/**
 * The what-if grades off the page's thread, so typing never waits for it (100,000 rows take about
 * a second): the panel's own script, started again as a Web Worker, serves the requests. Each host
 * entry starts with `runsAsWorker()`; the page captures its script while it loads
 * (`thisScriptWorker`: the task pane's taskpane.js by URL, the sidebar's inline script as a blob).
 */
import { WhatIfSession, type WhatIfRequest, type WhatIfResponse } from "./what-if-session";

/** The few members of a worker's global scope used here (the panel is typed against the DOM). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<WhatIfRequest>) => void) | null;
  postMessage(message: WhatIfResponse): void;
}

/** This script is running as a worker (no document). */
export function runsAsWorker(): boolean {
  return typeof document === "undefined" && typeof postMessage === "function";
}

/** Answers the panel's requests in this worker. */
export function serveWhatIf(): void {
  const scope = globalThis as unknown as WorkerScope;
  const session = new WhatIfSession();
  scope.onmessage = (e) => scope.postMessage(session.handle(e.data));
}

export type WorkerFactory = () => Worker;

/**
 * Starts this very script as a worker; null when it cannot be found. Call it while the script
 * loads (`document.currentScript` is null later).
 */
export function thisScriptWorker(): WorkerFactory | null {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return null;
  if (script.src) {
    const src = script.src;
    return () => new Worker(src);
  }
  const text = script.textContent ?? "";
  return () => new Worker(URL.createObjectURL(new Blob([text], { type: "text/javascript" })));
}

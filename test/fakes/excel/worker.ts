/**
 * A dedicated worker's global scope, as far as the task pane's what-if worker touches it, running
 * a built script in a node vm context. It keeps the rules of importScripts
 * (developer.mozilla.org/en-US/docs/Web/API/WorkerGlobalScope/importScripts): a relative URL is
 * resolved against the worker's entry script URL, not the page's; in a module worker
 * (`new Worker(url, { type: "module" })`) it throws a TypeError; the imported scripts run
 * synchronously, in order, in the worker's one global scope.
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";

export interface FakeWorker {
  /** The worker's global scope (onmessage is set here by the script). */
  scope: Record<string, unknown>;
  /** Every URL importScripts loaded, resolved, in order. */
  imported: string[];
  /** What the worker posted. */
  posted: unknown[];
}

/**
 * Starts `entryUrl` as a worker; `serve` maps a URL the worker fetches to a file on disk (undefined:
 * the network error importScripts throws for a script it cannot fetch).
 */
export function startWorker(entryUrl: string, serve: (url: string) => string | undefined, type: "classic" | "module" = "classic"): FakeWorker {
  const imported: string[] = [];
  const posted: unknown[] = [];
  const fetchScript = (url: string): string => {
    const file = serve(url);
    if (file === undefined) throw new Error(`NetworkError: Failed to execute 'importScripts': ${url} failed to load`);
    return readFileSync(file, "utf8");
  };
  const scope: Record<string, unknown> = {
    TextEncoder,
    location: { href: entryUrl },
    importScripts: (...urls: string[]) => {
      if (type === "module") throw new TypeError("Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts().");
      for (const url of urls) {
        const resolved = new URL(url, entryUrl).href;
        imported.push(resolved);
        vm.runInContext(fetchScript(resolved), context, { filename: resolved });
      }
    },
    postMessage: (m: unknown) => posted.push(m),
  };
  const context = vm.createContext(scope);
  vm.runInContext(fetchScript(entryUrl), context, { filename: entryUrl });
  return { scope, imported, posted };
}

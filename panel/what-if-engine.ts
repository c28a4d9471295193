/**
 * Sends what-if requests to a worker running the panel's script, or — when no worker can be
 * started, it fails to load (a host that forbids them) or stops answering — answers them in the
 * page, after the current event, from the same session code. Requests are answered in the order
 * sent, and always answered.
 */
import type { WorkerFactory } from "./what-if-worker";
import { WhatIfSession, type WhatIfRequest, type WhatIfResponse } from "./what-if-session";

/** A request without its id (the engine numbers them). */
export type Request = WhatIfRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

/** A worker that has not answered a request for this long is given up (100,000 clients take about 2 s). */
export const WORKER_TIMEOUT_MS = 60_000;

export interface WhatIfEngine {
  send(req: Request): Promise<WhatIfResponse>;
  /** "worker" or "page": where the grading runs now. */
  where(): "worker" | "page";
}

export function whatIfEngine(factory: WorkerFactory | null): WhatIfEngine {
  let nextId = 1;
  let inline: WhatIfSession | null = null;
  let worker: Worker | null = null;
  const pending = new Map<number, { req: WhatIfRequest; resolve: (r: WhatIfResponse) => void }>();
  /** The requests that set the session's data and baseline, replayed if the worker is given up. */
  const setup: WhatIfRequest[] = [];

  function inPage(req: WhatIfRequest): Promise<WhatIfResponse> {
    inline ??= new WhatIfSession();
    const session = inline;
    return new Promise((resolve) => setTimeout(() => resolve(session.handle(req)), 0));
  }

  /** The worker could not run: grade in the page from now on, starting with what it was asked. */
  function giveUp(): void {
    if (!worker) return;
    worker.terminate();
    worker = null;
    inline = new WhatIfSession();
    const session = inline;
    const waiting = [...pending.values()].sort((a, b) => a.req.id - b.req.id);
    pending.clear();
    for (const r of setup) if (!waiting.some((w) => w.req.id === r.id)) session.handle(r);
    for (const w of waiting) void inPage(w.req).then(w.resolve);
  }

  if (factory) {
    try {
      worker = factory();
      worker.onmessage = (e: MessageEvent<WhatIfResponse>) => {
        const p = pending.get(e.data.id);
        pending.delete(e.data.id);
        p?.resolve(e.data);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        giveUp();
      };
    } catch {
      worker = null;
    }
  }

  return {
    send(r) {
      const req = { ...r, id: nextId++ } as WhatIfRequest;
      if (req.kind === "load") setup.length = 0;
      if (req.kind !== "whatIf") setup.push(req);
      if (!worker) return inPage(req);
      const w = worker;
      return new Promise((resolve) => {
        const timer = setTimeout(giveUp, WORKER_TIMEOUT_MS);
        pending.set(req.id, {
          req,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
        w.postMessage(req);
      });
    },
    where: () => (worker ? "worker" : "page"),
  };
}

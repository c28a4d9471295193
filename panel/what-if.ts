/**
 * The What if section (SPEC §13): as settings are edited, what a build with them would give,
 * graded in the panel on the data already read (what-if-engine.ts: in a worker, so typing never
 * waits). Edits are debounced and only the latest is graded; a build asks `resultFor` the exact
 * settings it sends, so what it writes can be checked against what was shown.
 */
import type { PanelState } from "../core/bridge";
import type { Settings } from "../core/settings";
import type { WhatIf } from "../core/use-cases/what-if";
import { clear, el } from "./dom";
import { whatIfEngine, type Request } from "./what-if-engine";
import { LIST_LIMIT, whatIfView } from "./what-if-view";
import type { WorkerFactory } from "./what-if-worker";

/** Milliseconds of quiet typing before the what-if is graded. */
export const DEBOUNCE_MS = 250;

export interface WhatIfSection {
  element: HTMLElement;
  /** A new read: its data and saved settings (nothing to grade when it has no data). */
  load(state: PanelState): void;
  /** The settings as edited: valid ones, or null while the form has errors. */
  edit(settings: Settings | null): void;
  /** The what-if of exactly these settings (graded now if need be); null when there is nothing to grade or it failed. */
  resultFor(settings: Settings): Promise<WhatIf | null>;
  /** A build saved these settings: they are the baseline from now on. */
  rebase(settings: Settings): void;
}

const keyOf = (s: Settings): string => JSON.stringify(s);

export function whatIfSection(worker: WorkerFactory | null): WhatIfSection {
  const engine = whatIfEngine(worker);
  const body = el("div", { class: "what-if-body" });
  const status = el("div", { class: "what-if-status muted", attrs: { role: "status" } });
  const element = el("section", { class: "what-if", attrs: { id: "what-if", hidden: "", "aria-live": "polite" } }, el("h2", { text: "What if" }), status, body);

  let hasData = false;
  /** Why this sheet has no what-if (too big for the panel), or null. */
  let offNote: string | null = null;
  let baselineKey = "";
  let desired: Settings | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Requests run one after another, in the order sent. */
  let chain: Promise<unknown> = Promise.resolve();
  /** A debounced edit not started yet: a later edit takes its place (only the latest is graded). */
  let queued: { settings: Settings; cancelled: boolean } | null = null;
  /** Bumped by each new read or baseline: answers to older requests are dropped. */
  let generation = 0;
  /** Answers by settings key, for the current data and baseline. */
  const answers = new Map<string, { whatIf: WhatIf } | { error: string }>();

  /** Queues a request; `request()` is called when its turn comes. */
  function send(request: () => Request | null): Promise<void> {
    const gen = generation;
    const p = chain.then(async () => {
      const req = request();
      if (!req) return;
      const r = await engine.send(req);
      if (req.kind !== "whatIf" || gen !== generation) return;
      const key = keyOf(req.edited);
      answers.set(key, "error" in r ? { error: r.error } : { whatIf: r.whatIf as WhatIf });
      if ("ms" in r) element.setAttribute("data-ms", String(r.ms));
      element.setAttribute("data-where", engine.where());
      if (desired && keyOf(desired) === key) render();
    });
    chain = p;
    return p;
  }

  /** The debounced edit: graded once the requests before it are done, unless a later edit replaced it. */
  function gradeDesired(): void {
    timer = null;
    if (!desired || !hasData || keyOf(desired) === baselineKey || answers.has(keyOf(desired))) return;
    if (queued) {
      queued.settings = desired;
      return;
    }
    const slot = { settings: desired, cancelled: false };
    queued = slot;
    void send(() => {
      if (queued === slot) queued = null;
      return slot.cancelled ? null : { kind: "whatIf", edited: slot.settings, limit: LIST_LIMIT };
    });
  }

  /** New data or baseline: older answers and the waiting edit no longer apply; grade the edit afresh. */
  function restart(req: Request): void {
    generation++;
    answers.clear();
    if (queued) queued.cancelled = true;
    queued = null;
    void send(() => req);
    gradeDesired();
  }

  /**
   * Shows the answer for the settings as edited. Nothing shows while they are the last build's.
   * While an edit is being graded, or the form has a mistake, the last answer stays, dimmed.
   */
  function render(): void {
    const key = desired ? keyOf(desired) : null;
    if (!hasData || key === baselineKey) {
      clear(body);
      element.hidden = !(offNote && key !== baselineKey);
      status.textContent = offNote ?? "";
      element.setAttribute("aria-busy", "false");
      return;
    }
    const answer = key !== null ? answers.get(key) : undefined;
    const shown = body.childElementCount > 0;
    const waiting = !answer && (key !== null || shown);
    element.setAttribute("aria-busy", waiting && key !== null ? "true" : "false");
    body.classList.toggle("stale", waiting);
    element.hidden = !answer && !waiting;
    if (waiting) {
      status.textContent = key === null ? "Fix the settings above to see what a build would give." : "Working out what a build would give…";
      return;
    }
    clear(body);
    if (!answer) return;
    if ("error" in answer) {
      status.textContent = "";
      body.appendChild(el("div", { class: "notice error", text: answer.error }));
    } else {
      status.textContent = "A build with these settings would give, against the last build's settings:";
      body.append(...whatIfView(answer.whatIf)); // bounded: the what-if view's few nodes
    }
  }

  return {
    element,
    load(state) {
      hasData = state.grading !== undefined;
      offNote = state.whatIfOff ?? null;
      baselineKey = keyOf(state.settings);
      if (timer) clearTimeout(timer);
      timer = null;
      if (state.grading) restart({ kind: "load", data: state.grading, baseline: state.settings });
      render();
    },
    edit(settings) {
      desired = settings;
      if (timer) clearTimeout(timer);
      timer = setTimeout(gradeDesired, DEBOUNCE_MS);
      render();
    },
    async resultFor(settings) {
      if (!hasData) return null;
      const key = keyOf(settings);
      if (!answers.has(key)) await send(() => ({ kind: "whatIf", edited: settings, limit: LIST_LIMIT }));
      const answer = answers.get(key);
      return answer && "whatIf" in answer ? answer.whatIf : null;
    },
    rebase(settings) {
      baselineKey = keyOf(settings);
      if (hasData) restart({ kind: "baseline", baseline: settings });
      render();
    },
  };
}

/** The notices under the panel's header: errors, information and confirmations, read out as they appear. */
import { clear, el } from "./dom";

export interface Notices {
  element: HTMLElement;
  add(kind: "error" | "info" | "ok", text: string): void;
  clear(): void;
}

export function notices(): Notices {
  const element = el("div", { class: "notices", attrs: { "aria-live": "polite" } });
  return {
    element,
    add: (kind, text) => void element.appendChild(el("div", { class: `notice ${kind}`, text })),
    clear: () => clear(element),
  };
}

/** What a failed host call says to the owner. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

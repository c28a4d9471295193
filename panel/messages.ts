/** The notices under the panel's header: errors, information and confirmations, read out as they appear; and what they say. */
import type { BuildSummary } from "../core/bridge";
import { GRADES, type Grade } from "../core/settings";
import type { WhatIf } from "../core/use-cases/what-if";
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

/** What the panel says when a build did not give what the what-if showed: the sheet changed after it was read. */
export function sheetChangedText(expected: WhatIf, built: BuildSummary): string {
  const counts = (n: (g: Grade) => number) => GRADES.map((g) => `${g} ${n(g)}`).join(", ");
  const builtCounts = counts((g) => built.byGrade[g]);
  const shown = counts((g) => expected.byGrade[g].after);
  const what = builtCounts === shown ? `the same counts (${builtCounts}), but some clients' grades or scores differ from the what-if` : `${builtCounts} (the what-if showed ${shown})`;
  return `The sheet changed after the panel read it, so the build graded it as it is now: ${what}. The panel has read the sheet again.`;
}

/**
 * The Self-test section of the panel (the Excel pane shows it; Sheets has the menu item): a button
 * running the host's self-test and one pass / fail / info line per check, with the report to copy.
 */
import { selfTestText, type CheckLine } from "../core/self-test";
import { clear, el } from "./dom";

const MARK = { pass: "✔", fail: "✘", info: "ℹ" } as const;

export function selfTestSection(host: string, run: () => Promise<CheckLine[]>): HTMLElement {
  const button = el("button", { class: "secondary", text: "Self-test", attrs: { type: "button", id: "self-test" } });
  const out = el("div", { class: "self-test", attrs: { role: "status", "aria-live": "polite" } });
  button.addEventListener("click", () => {
    button.disabled = true;
    clear(out);
    out.append(el("p", { class: "muted", text: "Checking this workbook on a temporary sheet…" }));
    run()
      .then((lines) => {
        clear(out);
        out.append(
          el("ul", {}, ...lines.map((l) => el("li", { class: `check ${l.status}` }, el("b", { text: `${MARK[l.status]} ${l.check}` }), ` — ${l.detail}`))), // bounded: the self-test's few checks
          el("textarea", { class: "report", attrs: { readonly: "", rows: "4", "aria-label": "Self-test report to copy" }, text: selfTestText(host, lines) }),
        );
      })
      .catch((e: unknown) => {
        clear(out);
        out.append(el("p", { class: "error", text: `The self-test could not run: ${e instanceof Error ? e.message : String(e)}` }));
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return el("section", { class: "self-test-section" }, el("h2", { text: "Self-test" }), el("p", { class: "muted", text: "Run it first after installing: it checks what this Excel does with text, dates, custom functions and charts, and deletes its temporary sheet." }), button, out);
}

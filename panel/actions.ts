/** The Build matrix / Build portfolio buttons, the progress bar and the status line (elapsed seconds while a call runs). */
import { el } from "./dom";

export type BuildKind = "matrix" | "portfolio";

export interface Actions {
  element: HTMLElement;
  status: HTMLElement;
  /** Shows `text` and the progress bar while a call runs; null when it is done. */
  progress(text: string | null): void;
  /** Enables or disables both buttons. */
  block(blocked: boolean): void;
}

export function actions(onBuild: (kind: BuildKind) => void): Actions {
  const matrix = el("button", { class: "secondary", text: "Build matrix", attrs: { type: "button", id: "build-matrix" } });
  const portfolio = el("button", { class: "primary", text: "Build portfolio", attrs: { type: "button", id: "build-portfolio" } });
  const bar = el("div", { class: "progress", attrs: { role: "progressbar", "aria-label": "Build progress", hidden: "" } }, el("div", { class: "bar" }));
  const status = el("div", { class: "status", attrs: { role: "status", "aria-live": "polite" } });
  matrix.addEventListener("click", () => onBuild("matrix"));
  portfolio.addEventListener("click", () => onBuild("portfolio"));
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    element: el("section", { class: "actions" }, el("div", { class: "buttons" }, matrix, portfolio), bar, status),
    status,
    progress(text) {
      if (timer) clearInterval(timer);
      timer = null;
      if (text !== null) {
        bar.hidden = false;
        const started = Date.now();
        status.textContent = text;
        timer = setInterval(() => {
          status.textContent = `${text} ${Math.round((Date.now() - started) / 1000)} s`;
        }, 1000);
      } else bar.hidden = true;
    },
    block(blocked) {
      matrix.disabled = blocked;
      portfolio.disabled = blocked;
    },
  };
}

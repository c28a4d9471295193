/**
 * After a build: the counts by grade and the host's message, the rows that need data, and the
 * quadrant preview with "Why this grade?" for a client picked in the chart or the list.
 */
import type { BuildSummary, PanelClient } from "../core/bridge";
import { GRADE_COLOURS } from "../core/plan";
import { clear, el } from "./dom";
import { quadrantChart } from "./quadrant";

export interface Results {
  result: HTMLElement;
  preview: HTMLElement;
  /** A build's summary, its first client selected. */
  show(summary: BuildSummary): void;
  /** A failed build's message in place of the result. */
  showError(text: string): void;
  hide(): void;
}

function explanation(c: PanelClient): HTMLElement {
  const badge = el("span", { class: "badge", text: c.grade });
  badge.style.background = GRADE_COLOURS[c.grade].fill;
  badge.style.color = GRADE_COLOURS[c.grade].font;
  return el(
    "div",
    { class: "explain", attrs: { "data-row": String(c.row) } },
    el("div", { class: "explain-head" }, badge, el("span", { class: "client-name", text: c.name })),
    el("div", { class: "muted", text: `Row ${c.row} · score ${c.score} · ${c.quadrant}` }),
    c.flags.length ? el("div", { class: "flags" }, ...c.flags.map((f) => el("span", { class: "flag", text: f }))) : null, // bounded: a client's few flags
    el("p", { class: "why", text: c.why }),
  );
}

/** `threshold()` is the quadrant boundary of the settings at the time the preview is drawn. */
export function results(threshold: () => number): Results {
  const result = el("div", { class: "result", attrs: { hidden: "" } });
  const preview = el("div", { class: "preview", attrs: { hidden: "" } });
  let summary: BuildSummary | null = null;
  let selected: number | null = null;

  function renderResult(): void {
    clear(result);
    if (!summary) return;
    result.hidden = false;
    const chips = el("div", { class: "chips" });
    for (const g of ["A", "B", "C"] as const) {
      const chip = el("span", { class: `chip grade-${g}`, attrs: { "data-grade": g } }, el("b", { text: g }), ` ${summary.byGrade[g]}`);
      chip.style.background = GRADE_COLOURS[g].fill;
      chip.style.color = GRADE_COLOURS[g].font;
      chips.appendChild(chip);
    }
    result.append(el("p", { class: "message", text: summary.message }), chips);
    if (summary.needsData.length) {
      const list = el("ul", { class: "needs" });
      for (const n of summary.needsData.slice(0, 5)) list.appendChild(el("li", { text: `Row ${n.row}${n.name ? ` (${n.name})` : ""}: ${n.reason}` }));
      if (summary.needsData.length > 5) list.appendChild(el("li", { class: "muted", text: `and ${summary.needsData.length - 5} more (listed on the KAM Portfolio sheet)` }));
      result.append(el("h3", { text: "Needs data" }), list);
    }
  }

  function renderPreview(): void {
    clear(preview);
    if (!summary || summary.clients.length === 0) {
      preview.hidden = true;
      return;
    }
    preview.hidden = false;
    const clients = summary.clients;
    const picker = el("select", { attrs: { id: "client-picker", "aria-label": "Explain a client" } });
    clients.forEach((c, i) => {
      const o = el("option", { text: `${i + 1}. ${c.name} — ${c.grade}, ${c.score}`, attrs: { value: String(i) } });
      if (i === selected) o.selected = true;
      picker.appendChild(o);
    });
    picker.addEventListener("change", () => select(Number(picker.value)));
    const legend = el("div", { class: "legend" }, ...(["A", "B", "C"] as const).map((g) => { // bounded: three grades
      const dot = el("span", { class: "dot" });
      dot.style.background = GRADE_COLOURS[g].point;
      return el("span", {}, dot, ` ${g}`);
    }));
    const chosen = selected !== null ? clients[selected] : undefined;
    preview.append(
      el("h2", { text: "Quadrant" }),
      quadrantChart(clients, threshold(), selected, select),
      legend,
      el("label", { class: "field" }, el("span", { text: "Why this grade?" }), picker),
    );
    if (chosen) preview.appendChild(explanation(chosen));
  }

  function select(i: number): void {
    selected = i;
    renderPreview();
  }

  return {
    result,
    preview,
    show(s) {
      summary = s;
      selected = s.clients.length ? 0 : null;
      renderResult();
      renderPreview();
    },
    showError(text) {
      result.hidden = false;
      clear(result);
      result.appendChild(el("div", { class: "notice error", text }));
    },
    hide() {
      result.hidden = true;
    },
  };
}

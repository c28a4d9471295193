/**
 * The Settings section: weights and thresholds as number fields, the choices as selects, validated
 * as you type with core's checkSettings (each error under its field), the weights' running total,
 * and "Reset to defaults". Valid values become the model's settings.
 */
import { checkSettings, DEFAULT_SETTINGS, type Settings } from "../core/settings";
import { clear, el } from "./dom";
import type { PanelModel } from "./model";

interface NumberInput {
  path: string;
  label: string;
  suffix?: string;
  /** Only shown for this revenue method. */
  method?: Settings["revenueMethod"];
}
interface SelectInput {
  path: "revenueMethod" | "mode" | "matrixOutput";
  label: string;
  options: [string, string][];
}
interface Group {
  title: string;
  numbers?: NumberInput[];
  selects?: SelectInput[];
  /** A setting checked as a whole (the budget's shares sum to 100): its errors show under the group. */
  whole?: string;
}

const WEIGHTS: NumberInput[] = [
  { path: "weights.revenue", label: "Revenue" },
  { path: "weights.profitability", label: "Profitability" },
  { path: "weights.strategic", label: "Strategic" },
  { path: "weights.wallet", label: "Wallet share" },
  { path: "weights.pain", label: "Pain" },
];
const GROUPS: Group[] = [
  {
    title: "Revenue rating",
    selects: [{ path: "revenueMethod", label: "Method", options: [["rank", "Pareto rank"], ["cumulative", "Cumulative share (ABC)"]] }],
    numbers: [
      { path: "revenueTopPct", label: "Top % of clients: High", suffix: "%", method: "rank" },
      { path: "revenueNextPct", label: "Next %: Medium", suffix: "%", method: "rank" },
      { path: "cumulativeHighPct", label: "High up to", suffix: "%", method: "cumulative" },
      { path: "cumulativeMediumPct", label: "Medium up to", suffix: "%", method: "cumulative" },
    ],
  },
  { title: "Profitability (margin)", numbers: [{ path: "profitAdequatePct", label: "Medium from", suffix: "%" }, { path: "profitHighPct", label: "High from", suffix: "%" }] },
  { title: "Wallet share", numbers: [{ path: "walletMediumPct", label: "Medium from", suffix: "%" }, { path: "walletHighPct", label: "High above", suffix: "%" }] },
  { title: "Grades and quadrant", numbers: [{ path: "gradeAMin", label: "A from score" }, { path: "gradeBMin", label: "B from score" }, { path: "quadrantThreshold", label: "Quadrant boundary" }] },
  {
    title: "Account-management budget (sum to 100)",
    whole: "budget",
    numbers: [{ path: "budget.A", label: "A clients", suffix: "%" }, { path: "budget.B", label: "B clients", suffix: "%" }, { path: "budget.C", label: "C clients", suffix: "%" }],
  },
  {
    // SPEC §11: the period ends at the sheet's latest order date (the command line's --as-of sets another).
    title: "Over time (order lists with dates)",
    numbers: [
      { path: "revenuePeriodMonths", label: "Months graded (0 = every row)", suffix: "mo" },
      { path: "trendPct", label: "Growing / Declining at ±", suffix: "%" },
      { path: "atRiskDropPct", label: "At risk: revenue down by", suffix: "%" },
      { path: "atRiskDays", label: "At risk: no order for", suffix: "days" },
    ],
  },
  {
    title: "Sheet",
    selects: [
      { path: "mode", label: "Rows are", options: [["auto", "Detect"], ["clients", "One per client"], ["orders", "Orders (merge per client)"]] },
      { path: "matrixOutput", label: "Matrix columns", options: [["formulas", "Live formulas"], ["values", "Values"]] },
    ],
  },
];

function getPath(o: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), o);
}
function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = o;
  keys.slice(0, -1).forEach((k) => {
    cur[k] = { ...((cur[k] as Record<string, unknown>) ?? {}) };
    cur = cur[k] as Record<string, unknown>;
  });
  cur[keys[keys.length - 1] as string] = value;
}

export interface SettingsForm {
  /** The fields. */
  box: HTMLElement;
  /** "defaults", "changed" or "n to fix", beside the section's title. */
  summary: HTMLElement;
  /** Shows these settings in the fields. */
  fill(s: Settings): void;
  /** Checks the fields and takes valid settings into the model; then `onValidated`. */
  validate(): void;
}

export function settingsForm(model: PanelModel, onValidated: () => void): SettingsForm {
  const box = el("div", { class: "settings" });
  const summary = el("span", { class: "muted" });
  const weightTotal = el("div", { class: "weight-total" });
  const otherErrors = el("div", { class: "field-error" });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errorSlots = new Map<string, HTMLElement>();

  function numberField(f: NumberInput): HTMLElement {
    const input = el("input", { attrs: { type: "number", inputmode: "decimal", step: "any", "data-setting": f.path, "aria-label": f.label } });
    inputs.set(f.path, input);
    const error = el("div", { class: "field-error", attrs: { "data-error-for": f.path } });
    errorSlots.set(f.path, error);
    input.addEventListener("input", validate);
    const field = el("label", { class: "field" }, el("span", { text: f.label }), el("span", { class: "input-wrap" }, input, el("span", { class: "suffix", text: f.suffix ?? "" })), error);
    if (f.method) field.setAttribute("data-method", f.method);
    return field;
  }

  function selectField(f: SelectInput): HTMLElement {
    const select = el("select", { attrs: { "data-setting": f.path, "aria-label": f.label } });
    for (const [value, label] of f.options) select.appendChild(el("option", { text: label, attrs: { value } }));
    inputs.set(f.path, select);
    select.addEventListener("change", validate);
    return el("label", { class: "field" }, el("span", { text: f.label }), select);
  }

  function build(): void {
    clear(box);
    box.appendChild(el("p", { class: "muted", text: "Change a setting to see under What if what a build would give, before anything is written." }));
    const weights = el("div", { class: "group" }, el("h3", { text: "Weights (sum to 100)" }), el("div", { class: "grid" }, ...WEIGHTS.map(numberField)), weightTotal); // bounded: five weights
    const groupError = el("div", { class: "field-error", attrs: { "data-error-for": "weights" } });
    errorSlots.set("weights", groupError);
    weights.appendChild(groupError);
    box.appendChild(weights);
    for (const g of GROUPS) {
      const group = el("div", { class: "group" }, el("h3", { text: g.title }), el("div", { class: "grid" }, ...(g.selects ?? []).map(selectField), ...(g.numbers ?? []).map(numberField))); // bounded: a settings group's few fields
      if (g.whole) {
        const slot = el("div", { class: "field-error", attrs: { "data-error-for": g.whole } });
        errorSlots.set(g.whole, slot);
        group.appendChild(slot);
      }
      box.appendChild(group);
    }
    const reset = el("button", { class: "link", text: "Reset to defaults", attrs: { type: "button" } });
    reset.addEventListener("click", () => {
      fill({ ...DEFAULT_SETTINGS, mapping: model.settings.mapping });
      validate();
    });
    box.append(otherErrors, reset);
  }

  function fill(s: Settings): void {
    for (const [path, input] of inputs) input.value = String(getPath(s, path) ?? "");
  }

  /** The settings as typed: numbers from the inputs, choices from the selects, mapping kept. */
  function typed(): { raw: Record<string, unknown>; blank: string[] } {
    const raw: Record<string, unknown> = JSON.parse(JSON.stringify(model.settings));
    const blank: string[] = [];
    for (const [path, input] of inputs) {
      if (input instanceof HTMLSelectElement) setPath(raw, path, input.value);
      else if (input.value.trim() === "") {
        blank.push(path);
        setPath(raw, path, getPath(model.settings, path));
      } else setPath(raw, path, Number(input.value));
    }
    return { raw, blank };
  }

  function validate(): void {
    const { raw, blank } = typed();
    const checked = checkSettings(raw);
    const errors = [...blank.map((setting) => ({ setting, message: "enter a number" })), ...checked.errors];
    model.errors = errors;
    if (errors.length === 0) {
      model.settings = checked.settings;
      model.lastValid = checked.settings;
    }
    for (const [path, slot] of errorSlots) {
      const mine = errors.filter((e) => e.setting === path);
      slot.textContent = mine.map((e) => e.message).join("; ");
      inputs.get(path)?.setAttribute("aria-invalid", mine.length ? "true" : "false");
    }
    // Errors without a field of their own (none expected) still show.
    const orphan = errors.filter((e) => !errorSlots.has(e.setting));
    otherErrors.textContent = orphan.map((e) => `${e.setting}: ${e.message}`).join("; ");
    const method = inputs.get("revenueMethod")?.value ?? "rank";
    box.querySelectorAll<HTMLElement>("[data-method]").forEach((f) => (f.hidden = f.getAttribute("data-method") !== method));
    const total = WEIGHTS.reduce((a, w) => a + (Number(inputs.get(w.path)?.value) || 0), 0);
    weightTotal.textContent = `Total ${Math.round(total * 100) / 100}`;
    weightTotal.className = `weight-total ${Math.abs(total - 100) < 1e-9 ? "ok" : "bad"}`;
    const changed = JSON.stringify({ ...model.settings, mapping: {} }) !== JSON.stringify({ ...DEFAULT_SETTINGS, mapping: {} });
    summary.textContent = errors.length ? `${errors.length} to fix` : changed ? "changed" : "defaults";
    summary.className = errors.length ? "bad" : "muted";
    onValidated();
  }

  build();
  return { box, summary, fill, validate };
}

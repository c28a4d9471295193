/**
 * The KAM Portfolio panel (Sheets sidebar, Excel task pane): DOM only, talking to its host through
 * a HostBridge (core/bridge.ts). It shows the detected column mapping, the settings validated as
 * you type (core's checkSettings), Build matrix / Build portfolio with progress and the result, a
 * quadrant preview and the explanation of a selected client. User text only goes in as textContent.
 */
import type { BuildSummary, HostBridge, PanelClient, PanelState } from "../core/bridge";
import { columnLetters } from "../core/a1";
import { FIELD_LABELS, FIELDS, type Field } from "../core/columns";
import { GRADE_COLOURS } from "../core/plan";
import { checkSettings, DEFAULT_SETTINGS, type SettingError, type Settings } from "../core/settings";
import { clear, el } from "./dom";
import { quadrantChart } from "./quadrant";

const PRIMARY_FIELDS: Field[] = ["client", "revenue", "margin", "profit", "wallet", "strategic", "pain", "relationship", "industry"];
const MORE_FIELDS: Field[] = FIELDS.filter((f) => !PRIMARY_FIELDS.includes(f));
const REQUIRED: Field[] = ["client", "revenue"];
const INPUT_LABELS: Record<"strategic" | "pain" | "relationship", string> = { strategic: "Strategic value", pain: "Pain", relationship: "Relationship" };

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

export interface PanelOptions {
  /** Shown under the title, e.g. "Google Sheets". */
  host?: string;
}

export interface PanelHandle {
  /** Re-reads the sheet (after the user switched sheets). */
  refresh(): Promise<void>;
}

export function mountPanel(root: HTMLElement, bridge: HostBridge, options: PanelOptions = {}): PanelHandle {
  let state: PanelState | null = null;
  let settings: Settings = checkSettings({}).settings;
  let lastValid: Settings = settings;
  let errors: SettingError[] = [];
  let summary: BuildSummary | null = null;
  let selected: number | null = null;
  let busy = false;

  clear(root);
  root.classList.add("kam-panel");
  const sheetText = el("span", { text: "Reading the sheet…" });
  const refresh = el("button", { class: "link refresh", text: "Refresh", attrs: { type: "button", id: "refresh", title: "Read the active sheet again" } });
  const sheetLine = el("div", { class: "sheet-line" }, sheetText, refresh);
  const notices = el("div", { class: "notices", attrs: { "aria-live": "polite" } });
  const mappingBox = el("div", { class: "mapping" });
  const missingBox = el("div", { class: "missing" });
  const settingsBox = el("div", { class: "settings" });
  const settingsSummary = el("span", { class: "muted" });
  const weightTotal = el("div", { class: "weight-total" });
  const otherErrors = el("div", { class: "field-error" });
  const buildMatrixButton = el("button", { class: "secondary", text: "Build matrix", attrs: { type: "button", id: "build-matrix" } });
  const buildPortfolioButton = el("button", { class: "primary", text: "Build portfolio", attrs: { type: "button", id: "build-portfolio" } });
  const progress = el("div", { class: "progress", attrs: { role: "progressbar", "aria-label": "Build progress", hidden: "" } }, el("div", { class: "bar" }));
  const status = el("div", { class: "status", attrs: { role: "status", "aria-live": "polite" } });
  const resultBox = el("div", { class: "result", attrs: { hidden: "" } });
  const previewBox = el("div", { class: "preview", attrs: { hidden: "" } });

  const section = (title: string, ...children: (Node | null)[]) => el("section", {}, el("h2", { text: title }), ...children);
  root.append(
    el("header", {}, el("h1", { text: "KAM Portfolio" }), el("div", { class: "muted", text: options.host ? `Key-account matrix · ${options.host}` : "Key-account matrix" }), sheetLine),
    notices,
    section("Columns", mappingBox, missingBox),
    el("section", {}, el("details", { class: "settings-details" }, el("summary", {}, el("h2", { text: "Settings" }), settingsSummary), settingsBox)),
    el("section", { class: "actions" }, el("div", { class: "buttons" }, buildMatrixButton, buildPortfolioButton), progress, status),
    resultBox,
    previewBox,
  );

  // -------------------------------------------------------------------------------------------
  function notice(kind: "error" | "info" | "ok", text: string): void {
    notices.appendChild(el("div", { class: `notice ${kind}`, text }));
  }

  function renderState(): void {
    clear(notices);
    if (!state) return;
    const s = state;
    const what = s.mode === "orders" ? `${s.rowsRead} order rows (merged per client)` : `${s.rowsRead} rows, one per client`;
    sheetText.textContent = `Sheet “${s.sheetName}” · ${what}`;
    if (s.problem) notice("error", s.problem);
    if (s.settingsErrors?.length) notice("error", `Saved settings were not valid (${s.settingsErrors.map((e) => `${e.setting}: ${e.message}`).join("; ")}); defaults are shown.`);
    renderMapping();
    renderMissing();
  }

  function headerOptions(field: Field): HTMLSelectElement {
    const s = state as PanelState;
    const select = el("select", { attrs: { "data-field": field, "aria-label": FIELD_LABELS[field] } });
    select.appendChild(el("option", { text: REQUIRED.includes(field) ? "— choose a column —" : "— none / auto —", attrs: { value: "" } }));
    s.headers.forEach((h, i) => {
      if (h === "") return;
      const option = el("option", { text: `${columnLetters(i + 1)} · ${h}`, attrs: { value: h } });
      if (s.mapping[field] === i) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", () => void changeMapping(field, select.value));
    return select;
  }

  function mappingRow(field: Field): HTMLElement {
    const mapped = state?.mapping[field] !== undefined;
    const row = el("label", { class: `map-row${mapped ? " mapped" : ""}${REQUIRED.includes(field) && !mapped ? " required-missing" : ""}` }, el("span", { class: "map-label", text: FIELD_LABELS[field] }), headerOptions(field));
    return row;
  }

  function renderMapping(): void {
    clear(mappingBox);
    if (!state) return;
    for (const f of PRIMARY_FIELDS) mappingBox.appendChild(mappingRow(f));
    const more = el("details", { class: "more" }, el("summary", { text: "More inputs" }));
    for (const f of MORE_FIELDS) more.appendChild(mappingRow(f));
    mappingBox.appendChild(more);
  }

  function renderMissing(): void {
    clear(missingBox);
    const missing = state?.missingInputs ?? [];
    if (!state || missing.length === 0 || state.problem) return;
    const names = missing.map((f) => INPUT_LABELS[f]);
    const button = el("button", { class: "link", text: `Add ${names.join(", ")} column${names.length > 1 ? "s" : ""}`, attrs: { type: "button", id: "add-inputs" } });
    button.addEventListener("click", () => void addInputs(missing));
    missingBox.append(el("p", { class: "muted", text: `No ${names.join(" / ")} column: those are scored as ${missing.includes("strategic") ? "Low (strategic) or " : ""}Unknown. ` }), button);
  }

  // Settings form --------------------------------------------------------------------------------
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

  function buildSettingsForm(): void {
    clear(settingsBox);
    const weights = el("div", { class: "group" }, el("h3", { text: "Weights (sum to 100)" }), el("div", { class: "grid" }, ...WEIGHTS.map(numberField)), weightTotal);
    const groupError = el("div", { class: "field-error", attrs: { "data-error-for": "weights" } });
    errorSlots.set("weights", groupError);
    weights.appendChild(groupError);
    settingsBox.appendChild(weights);
    for (const g of GROUPS) {
      settingsBox.appendChild(el("div", { class: "group" }, el("h3", { text: g.title }), el("div", { class: "grid" }, ...(g.selects ?? []).map(selectField), ...(g.numbers ?? []).map(numberField))));
    }
    const reset = el("button", { class: "link", text: "Reset to defaults", attrs: { type: "button" } });
    reset.addEventListener("click", () => {
      fillForm({ ...DEFAULT_SETTINGS, mapping: settings.mapping });
      validate();
    });
    settingsBox.append(otherErrors, reset);
  }

  function fillForm(s: Settings): void {
    for (const [path, input] of inputs) input.value = String(getPath(s, path) ?? "");
  }

  /** The settings as typed: numbers from the inputs, choices from the selects, mapping kept. */
  function formSettings(): { raw: Record<string, unknown>; blank: string[] } {
    const raw: Record<string, unknown> = JSON.parse(JSON.stringify(settings));
    const blank: string[] = [];
    for (const [path, input] of inputs) {
      if (input instanceof HTMLSelectElement) setPath(raw, path, input.value);
      else if (input.value.trim() === "") {
        blank.push(path);
        setPath(raw, path, getPath(settings, path));
      } else setPath(raw, path, Number(input.value));
    }
    return { raw, blank };
  }

  function validate(): void {
    const { raw, blank } = formSettings();
    const checked = checkSettings(raw);
    errors = [...blank.map((setting) => ({ setting, message: "enter a number" })), ...checked.errors];
    if (errors.length === 0) {
      settings = checked.settings;
      lastValid = settings;
    }
    for (const [path, slot] of errorSlots) {
      const mine = errors.filter((e) => e.setting === path);
      slot.textContent = mine.map((e) => e.message).join("; ");
      inputs.get(path)?.setAttribute("aria-invalid", mine.length ? "true" : "false");
    }
    // Errors without a field of their own (none expected) still show.
    const orphan = errors.filter((e) => !errorSlots.has(e.setting));
    otherErrors.textContent = orphan.map((e) => `${e.setting}: ${e.message}`).join("; ");
    const method = (inputs.get("revenueMethod") as HTMLSelectElement | undefined)?.value ?? "rank";
    settingsBox.querySelectorAll<HTMLElement>("[data-method]").forEach((f) => (f.hidden = f.getAttribute("data-method") !== method));
    const total = WEIGHTS.reduce((a, w) => a + (Number((inputs.get(w.path) as HTMLInputElement).value) || 0), 0);
    weightTotal.textContent = `Total ${Math.round(total * 100) / 100}`;
    weightTotal.className = `weight-total ${Math.abs(total - 100) < 1e-9 ? "ok" : "bad"}`;
    const changed = JSON.stringify({ ...settings, mapping: {} }) !== JSON.stringify({ ...DEFAULT_SETTINGS, mapping: {} });
    settingsSummary.textContent = errors.length ? `${errors.length} to fix` : changed ? "changed" : "defaults";
    settingsSummary.className = errors.length ? "bad" : "muted";
    updateButtons();
  }

  function updateButtons(): void {
    const blocked = busy || errors.length > 0 || !state || state.problem !== null;
    buildMatrixButton.disabled = blocked;
    buildPortfolioButton.disabled = blocked;
  }

  // Host calls -----------------------------------------------------------------------------------
  let timer: ReturnType<typeof setInterval> | null = null;
  function setBusy(text: string | null): void {
    busy = text !== null;
    root.setAttribute("aria-busy", busy ? "true" : "false");
    if (timer) clearInterval(timer);
    timer = null;
    if (text !== null) {
      progress.hidden = false;
      const started = Date.now();
      status.textContent = text;
      timer = setInterval(() => {
        status.textContent = `${text} ${Math.round((Date.now() - started) / 1000)} s`;
      }, 1000);
    } else progress.hidden = true;
    updateButtons();
  }

  async function load(): Promise<void> {
    try {
      state = await bridge.getState();
      settings = state.settings;
      lastValid = settings;
      fillForm(settings);
      renderState();
      validate();
    } catch (e) {
      clear(notices);
      notice("error", e instanceof Error ? e.message : String(e));
      updateButtons();
    }
  }

  async function changeMapping(field: Field, header: string): Promise<void> {
    const mapping = { ...lastValid.mapping };
    if (header === "") delete mapping[field];
    else {
      // One column is never mapped to two inputs.
      for (const f of Object.keys(mapping) as Field[]) if (mapping[f] === header) delete mapping[f];
      mapping[field] = header;
    }
    const next = { ...lastValid, mapping };
    try {
      await bridge.saveSettings(next);
      settings = next;
      await load();
    } catch (e) {
      notice("error", e instanceof Error ? e.message : String(e));
    }
  }

  async function addInputs(fields: ("strategic" | "pain" | "relationship")[]): Promise<void> {
    setBusy("Adding columns…");
    try {
      const { added } = await bridge.addInputColumns(fields);
      setBusy(null);
      await load();
      if (added.length) notice("ok", `Added ${added.join(", ")} with High/Medium/Low dropdowns. Fill them in, then build.`);
    } catch (e) {
      setBusy(null);
      notice("error", e instanceof Error ? e.message : String(e));
    }
  }

  async function build(kind: "matrix" | "portfolio"): Promise<void> {
    validate();
    if (errors.length || busy) return;
    setBusy(kind === "matrix" ? "Writing the matrix columns…" : "Building the KAM Portfolio sheet…");
    resultBox.hidden = true;
    try {
      const s = settings;
      const result = kind === "matrix" ? await bridge.buildMatrix(s) : await bridge.buildPortfolio(s);
      summary = result;
      selected = result.clients.length ? 0 : null;
      setBusy(null);
      status.textContent = kind === "matrix" ? "Matrix columns written." : "KAM Portfolio sheet built.";
      renderResult();
      renderPreview();
    } catch (e) {
      setBusy(null);
      status.textContent = "";
      resultBox.hidden = false;
      clear(resultBox);
      resultBox.appendChild(el("div", { class: "notice error", text: e instanceof Error ? e.message : String(e) }));
    }
  }

  refresh.addEventListener("click", () => void load());
  buildMatrixButton.addEventListener("click", () => void build("matrix"));
  buildPortfolioButton.addEventListener("click", () => void build("portfolio"));

  // Results ------------------------------------------------------------------------------------
  function renderResult(): void {
    clear(resultBox);
    if (!summary) return;
    resultBox.hidden = false;
    const chips = el("div", { class: "chips" });
    for (const g of ["A", "B", "C"] as const) {
      const chip = el("span", { class: `chip grade-${g}`, attrs: { "data-grade": g } }, el("b", { text: g }), ` ${summary.byGrade[g]}`);
      chip.style.background = GRADE_COLOURS[g].fill;
      chip.style.color = GRADE_COLOURS[g].font;
      chips.appendChild(chip);
    }
    resultBox.append(el("p", { class: "message", text: summary.message }), chips);
    if (summary.needsData.length) {
      const list = el("ul", { class: "needs" });
      for (const n of summary.needsData.slice(0, 5)) list.appendChild(el("li", { text: `Row ${n.row}${n.name ? ` (${n.name})` : ""}: ${n.reason}` }));
      if (summary.needsData.length > 5) list.appendChild(el("li", { class: "muted", text: `and ${summary.needsData.length - 5} more (listed on the KAM Portfolio sheet)` }));
      resultBox.append(el("h3", { text: "Needs data" }), list);
    }
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
      c.flags.length ? el("div", { class: "flags" }, ...c.flags.map((f) => el("span", { class: "flag", text: f }))) : null,
      el("p", { class: "why", text: c.why }),
    );
  }

  function renderPreview(): void {
    clear(previewBox);
    if (!summary || summary.clients.length === 0) {
      previewBox.hidden = true;
      return;
    }
    previewBox.hidden = false;
    const clients = summary.clients;
    const picker = el("select", { attrs: { id: "client-picker", "aria-label": "Explain a client" } });
    clients.forEach((c, i) => {
      const o = el("option", { text: `${i + 1}. ${c.name} — ${c.grade}, ${c.score}`, attrs: { value: String(i) } });
      if (i === selected) o.selected = true;
      picker.appendChild(o);
    });
    picker.addEventListener("change", () => select(Number(picker.value)));
    const legend = el("div", { class: "legend" }, ...(["A", "B", "C"] as const).map((g) => {
      const dot = el("span", { class: "dot" });
      dot.style.background = GRADE_COLOURS[g].point;
      return el("span", {}, dot, ` ${g}`);
    }));
    const chosen = selected !== null ? clients[selected] : undefined;
    previewBox.append(
      el("h2", { text: "Quadrant" }),
      quadrantChart(clients, settings.quadrantThreshold, selected, select),
      legend,
      el("label", { class: "field" }, el("span", { text: "Why this grade?" }), picker),
    );
    if (chosen) previewBox.appendChild(explanation(chosen));
  }

  function select(i: number): void {
    selected = i;
    renderPreview();
  }

  buildSettingsForm();
  fillForm(settings);
  validate();
  void load();
  return { refresh: load };
}

/**
 * The KAM Portfolio panel (Sheets sidebar, Excel task pane): DOM only, talking to its host through
 * a HostBridge (core/bridge.ts). It shows the detected column mapping, the settings validated as
 * you type (core's checkSettings), Build matrix / Build portfolio with progress and the result, a
 * quadrant preview and the explanation of a selected client, and — as settings change — what a build
 * with them would give (SPEC §13). User text only goes in as textContent.
 *
 * `mountPanel` lays the parts out and carries the host calls; each part is its own module: the
 * model they share (model.ts), notices (messages.ts), the Columns section (columns.ts), the
 * settings form (settings-form.ts), the what-if (what-if.ts), the build buttons and progress
 * (actions.ts) and the result with its quadrant preview (results.ts).
 */
import type { HostBridge } from "../core/bridge";
import type { Field } from "../core/columns";
import { actions, type BuildKind } from "./actions";
import { columnsEditor, type InputField } from "./columns";
import { clear, el } from "./dom";
import { errorText, notices, sheetChangedText } from "./messages";
import { buildBlocked, edited, newModel } from "./model";
import { results } from "./results";
import { selfTestSection } from "./self-test";
import { settingsForm } from "./settings-form";
import { whatIfSection } from "./what-if";
import type { WorkerFactory } from "./what-if-worker";
import type { CheckLine } from "../core/self-test";

export interface PanelOptions {
  /** Shown under the title, e.g. "Google Sheets". */
  host?: string;
  /** Starts the panel's script as a worker for the what-if (what-if-worker.ts); without it, the page grades. */
  worker?: WorkerFactory | null;
  /** The host's self-test, offered as a Self-test button (the Excel pane; Sheets has a menu item). */
  selfTest?: () => Promise<CheckLine[]>;
}

export interface PanelHandle {
  /** Re-reads the sheet (after the user switched sheets). */
  refresh(): Promise<void>;
}

export function mountPanel(root: HTMLElement, bridge: HostBridge, options: PanelOptions = {}): PanelHandle {
  const model = newModel();
  const note = notices();
  const columns = columnsEditor({ map: (field, header) => void changeMapping(field, header), addInputs: (fields) => void addInputs(fields) });
  const form = settingsForm(model, settingsChanged);
  const whatIf = whatIfSection(options.worker ?? null);
  const buttons = actions((kind) => void build(kind));
  const result = results(() => model.settings.quadrantThreshold);

  clear(root);
  root.classList.add("kam-panel");
  const sheetText = el("span", { text: "Reading the sheet…" });
  const refresh = el("button", { class: "link refresh", text: "Refresh", attrs: { type: "button", id: "refresh", title: "Read the active sheet again" } });
  const section = (title: string, ...children: (Node | null)[]) => el("section", {}, el("h2", { text: title }), ...children); // bounded: a section's few child nodes
  root.append(
    el("header", {}, el("h1", { text: "KAM Portfolio" }), el("div", { class: "muted", text: options.host ? `Key-account matrix · ${options.host}` : "Key-account matrix" }), el("div", { class: "sheet-line" }, sheetText, refresh)),
    note.element,
    section("Columns", columns.mapping, columns.missing),
    el("section", {}, el("details", { class: "settings-details" }, el("summary", {}, el("h2", { text: "Settings" }), form.summary), form.box)),
    whatIf.element,
    buttons.element,
    result.result,
    result.preview,
  );
  if (options.selfTest) root.append(selfTestSection(options.host ?? "", options.selfTest));

  function updateButtons(): void {
    buttons.block(buildBlocked(model));
  }

  function settingsChanged(): void {
    updateButtons();
    whatIf.edit(model.errors.length ? null : model.settings);
  }

  function setBusy(text: string | null): void {
    model.busy = text !== null;
    root.setAttribute("aria-busy", model.busy ? "true" : "false");
    buttons.progress(text);
    updateButtons();
  }

  function renderState(): void {
    note.clear();
    const s = model.state;
    if (!s) return;
    const what = s.mode === "orders" ? `${s.rowsRead} order rows (merged per client)` : `${s.rowsRead} rows, one per client`;
    sheetText.textContent = `Sheet “${s.sheetName}” · ${what}`;
    if (s.problem) note.add("error", s.problem);
    if (s.settingsErrors?.length) note.add("error", `Saved settings were not valid (${s.settingsErrors.map((e) => `${e.setting}: ${e.message}`).join("; ")}); defaults are shown.`);
    columns.render(s);
  }

  /** Reads the sheet; settings being edited stay as typed (with the mapping just read). */
  async function load(): Promise<void> {
    try {
      const state = await bridge.getState();
      const keep = edited(model);
      model.state = state;
      if (keep) {
        model.settings = { ...model.settings, mapping: state.settings.mapping };
        model.lastValid = { ...model.lastValid, mapping: state.settings.mapping };
      } else {
        model.settings = state.settings;
        model.lastValid = state.settings;
        form.fill(state.settings);
      }
      renderState();
      whatIf.load(state);
      form.validate();
    } catch (e) {
      note.clear();
      note.add("error", errorText(e));
      updateButtons();
    }
  }

  /** Saves the column choice at once, on top of the saved settings (edits in the form stay edits). */
  async function changeMapping(field: Field, header: string): Promise<void> {
    const saved = model.state?.settings ?? model.lastValid;
    const mapping = { ...saved.mapping };
    if (header === "") delete mapping[field];
    else {
      // One column is never mapped to two inputs.
      for (const f of Object.keys(mapping) as Field[]) if (mapping[f] === header) delete mapping[f];
      mapping[field] = header;
    }
    const next = { ...saved, mapping };
    try {
      await bridge.saveSettings(next);
      await load();
    } catch (e) {
      note.add("error", errorText(e));
    }
  }

  async function addInputs(fields: InputField[]): Promise<void> {
    setBusy("Adding columns…");
    try {
      const { added } = await bridge.addInputColumns(fields);
      setBusy(null);
      await load();
      if (added.length) note.add("ok", `Added ${added.join(", ")} with High/Medium/Low dropdowns. Fill them in, then build.`);
    } catch (e) {
      setBusy(null);
      note.add("error", errorText(e));
    }
  }

  /**
   * Builds with the settings the what-if shows, then checks the build wrote exactly that: when the
   * sheet changed since it was read, the panel says so and reads it again.
   */
  async function build(kind: BuildKind): Promise<void> {
    form.validate();
    if (model.errors.length || model.busy) return;
    const s = model.settings;
    setBusy(kind === "matrix" ? "Writing the matrix columns…" : "Building the KAM Portfolio sheet…");
    result.hide();
    try {
      const expected = await whatIf.resultFor(s);
      const summary = kind === "matrix" ? await bridge.buildMatrix(s) : await bridge.buildPortfolio(s);
      setBusy(null);
      // The build saved its settings: they are the last build's now.
      if (model.state) model.state = { ...model.state, settings: s };
      const exact = expected !== null && expected.fingerprint === summary.fingerprint;
      buttons.status.textContent = `${kind === "matrix" ? "Matrix columns written" : "KAM Portfolio sheet built"}${exact ? ", as the what-if showed" : ""}.`;
      result.show(summary);
      if (expected && !exact) {
        await load();
        note.add("info", sheetChangedText(expected, summary));
      } else whatIf.rebase(s);
    } catch (e) {
      setBusy(null);
      buttons.status.textContent = "";
      result.showError(errorText(e));
    }
  }

  refresh.addEventListener("click", () => void load());
  form.fill(model.settings);
  form.validate();
  void load();
  return { refresh: load };
}

/**
 * The Columns section: one dropdown per input showing the header it is read from (the main inputs,
 * then "More inputs"), and an offer to add the strategic / pain / relationship columns the sheet
 * lacks.
 */
import type { PanelState } from "../core/bridge";
import { columnLetters } from "../core/a1";
import { FIELD_LABELS, FIELDS, findHeader, type Field } from "../core/columns";
import { clear, el } from "./dom";

const PRIMARY_FIELDS: Field[] = ["client", "revenue", "margin", "profit", "wallet", "strategic", "pain", "relationship", "industry"];
const MORE_FIELDS: Field[] = FIELDS.filter((f) => !PRIMARY_FIELDS.includes(f));
const REQUIRED: Field[] = ["client", "revenue"];
const INPUT_LABELS: Record<"strategic" | "pain" | "relationship", string> = { strategic: "Strategic value", pain: "Pain", relationship: "Relationship" };

export type InputField = keyof typeof INPUT_LABELS;

export interface ColumnsHandlers {
  /** The owner chose `header` (or "" for none) for `field`. */
  map(field: Field, header: string): void;
  /** The owner asked for the missing input columns. */
  addInputs(fields: InputField[]): void;
}

export interface ColumnsEditor {
  mapping: HTMLElement;
  missing: HTMLElement;
  render(state: PanelState | null): void;
}

export function columnsEditor(on: ColumnsHandlers): ColumnsEditor {
  const mapping = el("div", { class: "mapping" });
  const missing = el("div", { class: "missing" });

  function headerOptions(s: PanelState, field: Field): HTMLSelectElement {
    const select = el("select", { attrs: { "data-field": field, "aria-label": FIELD_LABELS[field] } });
    select.appendChild(el("option", { text: REQUIRED.includes(field) ? "— choose a column —" : "— none / auto —", attrs: { value: "" } }));
    // A column with no header (a report's column of names: QuickBooks leaves it blank) is offered
    // by its letter, when the core reads that letter as this column (not when a header elsewhere
    // is that text: "A" would then name that column); blank headers after the last header are
    // not columns of the table.
    const last = s.headers.reduce((at, h, i) => (h === "" ? at : i), -1);
    s.headers.forEach((h, i) => {
      const letter = columnLetters(i + 1);
      if (h === "" && (i > last || findHeader(s.headers, letter) !== i)) return;
      const option = el("option", { text: h === "" ? `${letter} · (no header)` : `${letter} · ${h}`, attrs: { value: h === "" ? letter : h } });
      if (s.mapping[field] === i) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", () => on.map(field, select.value));
    return select;
  }

  function mappingRow(s: PanelState, field: Field): HTMLElement {
    const mapped = s.mapping[field] !== undefined;
    return el("label", { class: `map-row${mapped ? " mapped" : ""}${REQUIRED.includes(field) && !mapped ? " required-missing" : ""}` }, el("span", { class: "map-label", text: FIELD_LABELS[field] }), headerOptions(s, field));
  }

  function renderMapping(s: PanelState | null): void {
    clear(mapping);
    if (!s) return;
    for (const f of PRIMARY_FIELDS) mapping.appendChild(mappingRow(s, f));
    const more = el("details", { class: "more" }, el("summary", { text: "More inputs" }));
    for (const f of MORE_FIELDS) more.appendChild(mappingRow(s, f));
    mapping.appendChild(more);
  }

  function renderMissing(s: PanelState | null): void {
    clear(missing);
    const fields = s?.missingInputs ?? [];
    if (!s || fields.length === 0 || s.problem) return;
    const names = fields.map((f) => INPUT_LABELS[f]);
    const button = el("button", { class: "link", text: `Add ${names.join(", ")} column${names.length > 1 ? "s" : ""}`, attrs: { type: "button", id: "add-inputs" } });
    button.addEventListener("click", () => on.addInputs(fields));
    missing.append(el("p", { class: "muted", text: `No ${names.join(" / ")} column: those are scored as ${fields.includes("strategic") ? "Low (strategic) or " : ""}Unknown. ` }), button);
  }

  return {
    mapping,
    missing,
    render(s) {
      renderMapping(s);
      renderMissing(s);
    },
  };
}

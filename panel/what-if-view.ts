/**
 * How the what-if reads (SPEC §13): the counts by grade with their change against the last build's
 * settings and the budget each client would get, then the clients whose grade would change
 * (name, old → new), the first few hundred of them with the count of the rest.
 */
import { GRADE_COLOURS } from "../core/plan";
import { GRADES, type Grade } from "../core/settings";
import type { GradeChange, WhatIf } from "../core/use-cases/what-if";
import { el } from "./dom";

/** How many changed clients the list shows (the rest are counted). */
export const LIST_LIMIT = 300;

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "±0");

/** A fraction of the budget as a short percent: 60%, 8.6%, 0.42%. */
export function budgetText(f: number): string {
  const p = f * 100;
  if (p === 0) return "0%";
  const digits = p >= 10 ? 0 : p >= 1 ? 1 : 2;
  return `${Number(p.toFixed(digits))}%`;
}

function gradeBadge(g: Grade | null): HTMLElement {
  if (g === null) return el("span", { class: "badge none", text: "—", attrs: { title: "not listed" } });
  const b = el("span", { class: "badge", text: g });
  b.style.background = GRADE_COLOURS[g].fill;
  b.style.color = GRADE_COLOURS[g].font;
  return b;
}

function countsTable(w: WhatIf): HTMLElement {
  const head = el("tr", {}, ...["Grade", "Clients", "Change", "Budget each"].map((h) => el("th", { text: h }))); // bounded: four headers
  const body = GRADES.map((g) => {
    const c = w.byGrade[g];
    const budget = w.budgetPerClient[g];
    const budgetCell = budget.before === budget.after ? budgetText(budget.after) : `${budgetText(budget.before)} → ${budgetText(budget.after)}`;
    return el(
      "tr",
      { attrs: { "data-grade": g } },
      el("td", {}, gradeBadge(g)),
      el("td", { class: "num", text: String(c.after) }),
      el("td", { class: `num ${c.change === 0 ? "same" : "changed"}`, text: signed(c.change) }),
      el("td", { class: "num", text: budgetCell }),
    );
  });
  return el("table", { class: "what-if-counts" }, el("thead", {}, head), el("tbody", {}, ...body)); // bounded: three grades
}

function changeItem(c: GradeChange): HTMLElement {
  const arrow = c.from === null ? "new" : c.to === null ? "gone" : c.from > c.to ? "▲" : "▼";
  return el(
    "li",
    { attrs: { "data-row": String(c.row), "data-from": c.from ?? "", "data-to": c.to ?? "" } },
    el("span", { class: "client-name", text: c.name, attrs: { title: `Row ${c.row}` } }),
    el("span", { class: "move" }, gradeBadge(c.from), " → ", gradeBadge(c.to), el("span", { class: `arrow ${arrow === "▲" ? "up" : arrow === "▼" ? "down" : ""}`, text: ` ${arrow}` })),
  );
}

/** The what-if's content (for the settings as edited). */
export function whatIfView(w: WhatIf): HTMLElement[] {
  const out: HTMLElement[] = [countsTable(w)];
  if (w.clients.before !== w.clients.after) out.push(el("p", { class: "muted", text: `${w.clients.after} clients listed instead of ${w.clients.before}.` }));
  if (w.changeCount === 0) {
    out.push(el("p", { class: "what-if-summary", text: "No client's grade would change." }));
    return out;
  }
  const moves = [w.upgrades ? `${w.upgrades} up` : "", w.downgrades ? `${w.downgrades} down` : ""].filter(Boolean).join(", ");
  out.push(el("p", { class: "what-if-summary", text: `${w.changeCount} client${w.changeCount === 1 ? "" : "s"} would change grade${moves ? `: ${moves}` : ""}.` }));
  out.push(el("ul", { class: "what-if-changes" }, ...w.changes.slice(0, LIST_LIMIT).map(changeItem))); // bounded: at most LIST_LIMIT changes
  const rest = w.changeCount - Math.min(w.changes.length, LIST_LIMIT);
  if (rest > 0) out.push(el("p", { class: "muted what-if-more", text: `and ${rest} more (the portfolio's Movement column lists them after the build).` }));
  return out;
}

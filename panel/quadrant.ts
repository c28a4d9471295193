/**
 * The quadrant preview: relationship strength (x) × mutual benefit (y), 0–100, one dot per client
 * coloured by grade, the boundaries at the threshold and the quadrant names — all from core.
 */
import type { PanelClient } from "../core/bridge";
import { GRADE_COLOURS } from "../core/plan";
import { quadrant, QUADRANTS, type Quadrant } from "../core/model/quadrant";
import { svg } from "./dom";

const SIZE = 248;
const PAD = { left: 26, right: 6, top: 6, bottom: 24 };
const W = SIZE - PAD.left - PAD.right;
const H = SIZE - PAD.top - PAD.bottom;
/** Dots at 0 and 100 stay inside the frame. */
const INSET = 6;
const sx = (x: number) => PAD.left + INSET + (Math.max(0, Math.min(100, x)) / 100) * (W - 2 * INSET);
const sy = (y: number) => PAD.top + INSET + (1 - Math.max(0, Math.min(100, y)) / 100) * (H - 2 * INSET);

/** Where each quadrant's name goes (its corner), derived from core's quadrant() so labels cannot swap. */
function labelPlace(q: Quadrant, t: number): { x: number; y: number; anchor: string } {
  for (const [x, y] of [[100, 100], [0, 100], [100, 0], [0, 0]] as const) {
    if (quadrant(x, y, t) === q) return { x: x === 100 ? PAD.left + W - 4 : PAD.left + 4, y: y === 100 ? PAD.top + 11 : PAD.top + H - 4, anchor: x === 100 ? "end" : "start" };
  }
  return { x: sx(50), y: sy(50), anchor: "middle" };
}

export function quadrantChart(clients: readonly PanelClient[], threshold: number, selected: number | null, onSelect: (index: number) => void): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, width: SIZE, height: SIZE, role: "img", class: "quadrant", "aria-label": "Quadrant chart: relationship strength by mutual benefit" });
  root.appendChild(svg("rect", { x: PAD.left, y: PAD.top, width: W, height: H, class: "q-frame" }));
  // Shade the key-client quadrant.
  root.appendChild(svg("rect", { x: sx(threshold), y: PAD.top, width: PAD.left + W - sx(threshold), height: sy(threshold) - PAD.top, class: "q-key" }));
  root.appendChild(svg("line", { x1: sx(threshold), y1: PAD.top, x2: sx(threshold), y2: PAD.top + H, class: "q-line" }));
  root.appendChild(svg("line", { x1: PAD.left, y1: sy(threshold), x2: PAD.left + W, y2: sy(threshold), class: "q-line" }));
  for (const q of QUADRANTS) {
    const p = labelPlace(q, threshold);
    root.appendChild(svg("text", { x: p.x, y: p.y, "text-anchor": p.anchor, class: "q-label" }, q));
  }
  root.appendChild(svg("text", { x: PAD.left + W / 2, y: SIZE - 6, "text-anchor": "middle", class: "q-axis" }, "Relationship strength →"));
  root.appendChild(svg("text", { x: 10, y: PAD.top + H / 2, "text-anchor": "middle", class: "q-axis", transform: `rotate(-90 10 ${PAD.top + H / 2})` }, "Mutual benefit →"));
  // C first, A last, so the A dots are on top; the selected client above all.
  const order = clients
    .map((_, i) => i)
    .sort((a, b) => (a === selected ? 1 : b === selected ? -1 : (clients[b]?.grade ?? "C").localeCompare(clients[a]?.grade ?? "C")));
  for (const i of order) {
    const c = clients[i] as PanelClient;
    const dot = svg("circle", {
      cx: sx(c.relationship).toFixed(1),
      cy: sy(c.benefit).toFixed(1),
      r: i === selected ? 5.5 : 3.5,
      fill: GRADE_COLOURS[c.grade].point,
      class: i === selected ? "q-dot q-selected" : "q-dot",
      "data-index": i,
    });
    dot.appendChild(svg("title", {}, `${c.name} — ${c.grade}, score ${c.score}`));
    dot.addEventListener("click", () => onSelect(i));
    root.appendChild(dot);
  }
  return root;
}

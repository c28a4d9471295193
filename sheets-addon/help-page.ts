/**
 * Help.html, the Help menu item's dialog: what the add-on does and every custom function with its
 * parameters (optional ones in brackets) and description, generated at build time from the
 * function table and its help (core/functions/help.ts). A file of the project beside Code.js, so
 * the script Apps Script loads for every execution does not carry the help text. Static: no script.
 */
import { documented, signature, type DocumentedFunction } from "../core/functions/help";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function helpHtml(functions: readonly DocumentedFunction[] = documented()): string {
  const items = functions
    .map((f) => `<li><code>${esc(signature(f, "KAM_"))}</code> — ${esc(f.description)}</li>`)
    .join("");
  return `<div style="font:13px/1.45 Arial,sans-serif;color:#202124">
<p><b>KAM Portfolio</b> grades every client of the active sheet with the key-account matrix.</p>
<ol><li>Open the panel (Extensions ▸ KAM Portfolio ▸ Open panel) and check the columns.</li>
<li><b>Build matrix</b> adds rating columns with live formulas right of your data.</li>
<li><b>Build portfolio</b> writes the ranked <i>KAM Portfolio</i> sheet with a quadrant chart.</li></ol>
<p>Custom functions (type them in any cell):</p><ul>${items}</ul></div>`;
}

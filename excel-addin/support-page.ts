/**
 * support.html, the manifest's support URL: what the add-in does and every KAM.* function with its
 * parameters, generated from the core function table and its help. Static: no script, no network.
 */
import { documented, signature } from "../core/functions/help";
import { excelExample } from "./functions-source";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function supportHtml(): string {
  const rows = documented().map((f) => {
    const params = f.params.map((p) => `<li><code>${esc(p.name)}</code>${p.optional ? " (optional)" : ""}: ${esc(p.description)}</li>`).join("");
    return `<section><h3><code>${esc(signature(f, "KAM."))}</code></h3><p>${esc(f.description)}</p><ul>${params}</ul><p>Example: <code>${esc(excelExample(f))}</code></p></section>`;
  }).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>KAM Portfolio for Excel — help</title>
<style>body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .2em}h1,h2{color:#1F4E78}section{border-top:1px solid #ddd}</style>
</head><body>
<h1>KAM Portfolio for Excel</h1>
<p>KAM Portfolio grades every client in your sheet with the five-factor key-account matrix (revenue rank, wallet share,
profitability, strategic value, pain → A/B/C), places them on the relationship × mutual-benefit quadrant and recommends
actions. Open it from <b>Home ▸ KAM Portfolio</b>: check the column mapping, then <b>Build matrix</b> (rating columns to
the right of your data, as live <code>=KAM.*</code> formulas, never over a cell of yours) and <b>Build portfolio</b>
(a ranked <b>KAM Portfolio</b> sheet with a quadrant chart). The add-in reads and writes only the open workbook and
sends nothing anywhere.</p>
<h2>Functions</h2>
<p>In Excel the functions are in the <code>KAM</code> namespace: <code>=KAM.GRADE(…)</code>. In Google Sheets the same
functions are <code>=KAM_GRADE(…)</code>. Each takes a cell or a column and spills a column of the same height; a bad
cell gives <code>#VALUE!</code> with a message in that cell only.</p>
${rows}
</body></html>
`;
}

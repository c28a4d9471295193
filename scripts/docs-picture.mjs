// Renders docs/portfolio-libreoffice.png: `kam-portfolio build examples/clients.xlsx`, converted to
// PDF by LibreOffice, the first printed page of the KAM Portfolio tab rendered by pdftoppm and
// cropped to its top (title, summary and the first rows of the ranked table, its key columns one
// page wide; each chart prints on a page of its own), and docs/profit-curve-libreoffice.png: the
// page of the profit curve chart (SPEC §12), cropped to the chart. Needs soffice and pdftoppm
// (.ci/run installs them). `node scripts/docs-picture.mjs`
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "kam-docs-"));
const out = join(dir, "clients.kam.xlsx");
execFileSync(process.execPath, [`${root}dist/cli/kam-portfolio.cjs`, "build", `${root}examples/clients.xlsx`, "--out", out, "--today", "2026-11-22"], { stdio: "inherit" });
const profile = mkdtempSync(join(tmpdir(), "kam-docs-profile-"));
execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", dir, out], { stdio: "ignore" });
const pdf = join(dir, "clients.kam.pdf");
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
/** The first page whose text starts with `start`. */
function pageStarting(start) {
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], { encoding: "utf8" });
    if (text.startsWith(start)) return p;
  }
  throw new Error(`no page starting "${start}" in the PDF`);
}
const page = pageStarting("KAM Portfolio");
// Landscape letter at 200 dpi is 2200 × 1700 px; the crop keeps the page's width and its top 55%.
const dpi = 200;
execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-x", "60", "-y", "90", "-W", "2080", "-H", "872", "-singlefile", pdf, join(dir, "crop")]);
renameSync(join(dir, readdirSync(dir).find((f) => f.startsWith("crop")) ?? "crop.png"), `${root}docs/portfolio-libreoffice.png`);
console.log(`wrote docs/portfolio-libreoffice.png (page ${page} of ${pages})`);

// The profit curve: a 480-px chart at the page's top left, 1040 × 780 px at 200 dpi.
const curvePage = pageStarting("Profit curve");
execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(curvePage), "-l", String(curvePage), "-x", "60", "-y", "80", "-W", "1040", "-H", "780", "-singlefile", pdf, join(dir, "curve")]);
renameSync(join(dir, readdirSync(dir).find((f) => f.startsWith("curve")) ?? "curve.png"), `${root}docs/profit-curve-libreoffice.png`);
console.log(`wrote docs/profit-curve-libreoffice.png (page ${curvePage} of ${pages})`);

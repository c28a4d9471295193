// Renders docs/portfolio-libreoffice.png: `kam-portfolio build examples/clients.xlsx`, converted to
// PDF by LibreOffice, the first printed page of the KAM Portfolio tab rendered by pdftoppm and
// cropped to its top (title, summary and the first rows of the ranked table, its key columns one
// page wide; the chart prints on a page of its own). Needs soffice and pdftoppm (.ci/run installs
// them). `node scripts/docs-picture.mjs`
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "kam-docs-"));
const out = join(dir, "clients.kam.xlsx");
execFileSync(process.execPath, [`${root}dist/cli/kam-portfolio.mjs`, "build", `${root}examples/clients.xlsx`, "--out", out, "--today", "2026-11-22"], { stdio: "inherit" });
const profile = mkdtempSync(join(tmpdir(), "kam-docs-profile-"));
execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", dir, out], { stdio: "ignore" });
const pdf = join(dir, "clients.kam.pdf");
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
let page = 0;
for (let p = 1; p <= pages && !page; p++) {
  const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], { encoding: "utf8" });
  if (text.startsWith("KAM Portfolio")) page = p;
}
if (!page) throw new Error("no KAM Portfolio page in the PDF");
// Landscape letter at 200 dpi is 2200 × 1700 px; the crop keeps the page's width and its top 55%.
const dpi = 200;
execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-x", "60", "-y", "90", "-W", "2080", "-H", "872", "-singlefile", pdf, join(dir, "crop")]);
renameSync(join(dir, readdirSync(dir).find((f) => f.startsWith("crop")) ?? "crop.png"), `${root}docs/portfolio-libreoffice.png`);
console.log(`wrote docs/portfolio-libreoffice.png (page ${page} of ${pages})`);

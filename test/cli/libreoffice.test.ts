// A real third-party client opens what `kam-portfolio build` writes: LibreOffice converts the
// output to PDF and to CSV (every sheet), and reads back the same ranks, grades and matrix; the
// printed KAM Portfolio tab is legible (its key columns one page wide, no text below 7.5 pt on any
// page, the header row on every page) and its chart, on a page of its own, shows the points; the
// pages render to PNG.
// Two LibreOffice launches for the whole file (PDF, then CSV for several workbooks at once).
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../cli/read";
import { richWorkbook } from "../fixtures/workbooks";
import { openXlsx } from "../fixtures/xlsx";
import { requireProgram, ROOT, runCli } from "../helpers";

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "kam-lo-"));
const TODAY = "2026-11-22";

async function soffice(args: string[]): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), "kam-lo-profile-"));
  await exec("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, ...args], { timeout: 110_000 });
}

/** LibreOffice's CSV filter: UTF-8, raw values (not as shown), every sheet to its own file. */
const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

const csvOf = (book: string, sheet: string) => parseCsv(readFileSync(join(dir, "csv", `${book}-${sheet}.csv`), "utf8"));

interface JsonClient {
  rank: number;
  row: number;
  name: string;
  grade: string;
  score: number;
  quadrant: string;
}

/** Pixels of a PPM (P6) close to a colour. */
function countColour(ppm: Buffer, rgb: [number, number, number], tolerance = 14): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 40).toString("latin1"));
  if (!header) throw new Error("not a PPM");
  let n = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    if (Math.abs((ppm[i] as number) - rgb[0]) <= tolerance && Math.abs((ppm[i + 1] as number) - rgb[1]) <= tolerance && Math.abs((ppm[i + 2] as number) - rgb[2]) <= tolerance) n++;
  }
  return n;
}

/** Each word's box on a page of a PDF (pdftotext -bbox): its text and height in points. */
async function words(pdf: string, page: number): Promise<{ text: string; height: number }[]> {
  const html = (await exec("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"])).stdout;
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[3] as string, height: Number(m[2]) - Number(m[1]) }));
}

describe("LibreOffice opens the built workbook", () => {
  let ours: JsonClient[];
  let portfolioPage: number;
  let chartPage: number;
  let portfolioText = "";
  let pages: number;
  const pageText: string[] = [];
  beforeAll(async () => {
    requireProgram("soffice", "LibreOffice (soffice)");
    for (const tool of ["pdftoppm", "pdftotext", "pdfinfo", "pdffonts"]) requireProgram(tool, `poppler-utils (${tool})`);
    const built = await runCli(["build", "examples/clients.xlsx", "--out", join(dir, "clients.kam.xlsx"), "--today", TODAY]);
    expect(built.code).toBe(0);
    const graded = await runCli(["grade", "examples/clients.xlsx", "--json", "--today", TODAY]);
    ours = JSON.parse(graded.stdout).clients;
    writeFileSync(join(dir, "rich.xlsx"), await richWorkbook());
    const rich = await runCli(["build", join(dir, "rich.xlsx"), "--out", join(dir, "rich.kam.xlsx"), "--today", TODAY]);
    expect(rich.code).toBe(0);

    await soffice(["--convert-to", "pdf", "--outdir", dir, join(dir, "clients.kam.xlsx")]);
    await soffice(["--convert-to", CSV_ALL_SHEETS, "--outdir", join(dir, "csv"), join(dir, "clients.kam.xlsx"), join(dir, "rich.xlsx"), join(dir, "rich.kam.xlsx")]);

    const info = await exec("pdfinfo", [join(dir, "clients.kam.pdf")]);
    pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    for (let p = 1; p <= pages; p++) {
      const text = (await exec("pdftotext", ["-f", String(p), "-l", String(p), join(dir, "clients.kam.pdf"), "-"])).stdout;
      pageText[p] = text;
      if (text.startsWith("KAM Portfolio")) portfolioPage = p;
      if (text.includes("Relationship strength × mutual benefit")) chartPage = p;
    }
    // The tab's pages: from its first to the chart's.
    portfolioText = pageText.slice(portfolioPage, chartPage + 1).join("\n");
    await exec("pdftoppm", ["-png", "-r", "60", join(dir, "clients.kam.pdf"), join(dir, "page")]);
    await exec("pdftoppm", ["-r", "100", "-f", String(chartPage), "-l", String(chartPage), join(dir, "clients.kam.pdf"), join(dir, "portfolio")]);
  });

  it("reads back the same ranks, clients, grades and scores in the KAM Portfolio tab", () => {
    const rows = csvOf("clients.kam", "KAM Portfolio");
    const header = rows.findIndex((r) => r[0] === "Rank" && r[1] === "Client");
    expect(header).toBe(14);
    const table = rows.slice(header + 1, header + 1 + ours.length);
    expect(table.map((r) => [Number(r[0]), r[1], r[2], Number(r[5]), r[6]])).toEqual(ours.map((c) => [c.rank, c.name, c.grade, c.score, c.quadrant]));
    expect(rows[header + 1 + ours.length]?.[0]).toBe("");
  });

  it("reads back the matrix grades in the data sheet", () => {
    const rows = csvOf("clients.kam", "Clients");
    const gradeCol = (rows[0] as string[]).indexOf("KAM grade");
    expect(gradeCol).toBe(13 + 6);
    for (const c of ours) expect(rows[c.row - 1]?.[gradeCol], c.name).toBe(c.grade);
  });

  it("computes the owner's other sheet the same before and after the build, and keeps the data columns", () => {
    expect(csvOf("rich.kam", "Notes")).toEqual(csvOf("rich", "Notes"));
    const before = csvOf("rich", "Clients");
    const after = csvOf("rich.kam", "Clients");
    expect(after.map((r) => r.slice(0, 13))).toEqual(before.map((r) => r.slice(0, 13)));
    expect(after[0]?.slice(13, 22)).toEqual(["KAM revenue rating", "KAM wallet rating", "KAM profit rating", "KAM strategic value", "KAM pain", "KAM score", "KAM grade", "KAM relationship", "KAM quadrant"]);
  });

  it("renders the chart: its page shows the A and B points in their colours", async () => {
    const x = await openXlsx(readFileSync(join(dir, "clients.kam.xlsx")));
    // The quadrant and the profit curve (SPEC §12).
    expect(x.paths.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(2);
    expect(chartPage).toBeGreaterThan(portfolioPage);
    const ppm = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith("portfolio") && f.endsWith(".ppm")) as string));
    expect(countColour(ppm, [0x2e, 0x7d, 0x32])).toBeGreaterThan(20);
    expect(countColour(ppm, [0xf9, 0xa8, 0x25])).toBeGreaterThan(20);
    // The same colours appear nowhere else: the data pages have none.
    const other = (await exec("pdftoppm", ["-r", "100", "-f", "1", "-l", "1", join(dir, "clients.kam.pdf")], { encoding: "buffer", maxBuffer: 64 << 20 })).stdout as Buffer;
    expect(countColour(other, [0x2e, 0x7d, 0x32])).toBe(0);
  });

  it("prints the tab legibly: the key columns one page wide, the header row on every page, then the chart", async () => {
    // The key columns (Rank … Pain) and every client are printed; the long text columns (Actions, Why) stay on screen.
    for (const word of ["Rank", "Client", "Grade", "Movement", "Score", "Quadrant", "Revenue", "Pain", "Needs data: 1 row not ranked", ...ours.map((c) => c.name.slice(0, 12))]) expect(portfolioText, word).toContain(word);
    expect(portfolioText).not.toContain("Why");
    // Two pages of table (the header row again on the second), then the chart alone.
    expect(chartPage - portfolioPage).toBe(2);
    expect(pageText[portfolioPage + 1]?.startsWith("Rank")).toBe(true);
    expect(pageText[chartPage]?.trim().startsWith("Relationship strength × mutual benefit")).toBe(true);
  });

  it("prints no text below 7.5 pt on any page (fitting every column to one page made it 3.5 pt)", async () => {
    for (let p = 1; p <= pages; p++) {
      const boxes = await words(join(dir, "clients.kam.pdf"), p);
      expect(boxes.length, `page ${p}`).toBeGreaterThan(0);
      const small = boxes.filter((w) => w.height < 7.5);
      expect(small, `page ${p}`).toEqual([]);
    }
    const fonts = (await exec("pdffonts", [join(dir, "clients.kam.pdf")])).stdout;
    expect(fonts).toMatch(/Carlito|Calibri|DejaVu|Liberation/);
  });

  it("renders every page to PNG, landscape", () => {
    expect(pages).toBeGreaterThan(1);
    const pngs = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(pages);
    for (const f of pngs) expect(readFileSync(join(dir, f)).subarray(1, 4).toString()).toBe("PNG");
    const page = readdirSync(dir).find((f) => new RegExp(`^page-0*${portfolioPage}\\.png$`).test(f)) as string;
    // Landscape: wider than tall.
    const png = readFileSync(join(dir, page));
    expect(png.readUInt32BE(16)).toBeGreaterThan(png.readUInt32BE(20));
    expect(statSync(join(dir, page)).size).toBeGreaterThan(5000);
  });

  it("has the picture in docs/ that the README shows", () => {
    const png = readFileSync(`${ROOT}docs/portfolio-libreoffice.png`);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(readFileSync(`${ROOT}README.md`, "utf8")).toContain("docs/portfolio-libreoffice.png");
  });
});

/**
 * Shared by the what-if tests of both hosts: editing settings in the panel, reading the what-if it
 * shows, and reading back from a built KAM Portfolio sheet which clients changed grade.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { gradePortfolio } from "../core/portfolio";
import { checkSettings, type Grade } from "../core/settings";
import type { CellValue } from "../core/values";

export interface Move {
  name: string;
  from: string;
  to: string;
}

export interface ShownWhatIf {
  /** Per grade: the count a build would give and its change against the last build's settings. */
  counts: Record<Grade, { after: number; change: string }>;
  changes: Move[];
  summary: string;
  /** Where it was graded ("worker" or "page") and how long the grading took. */
  where: string | null;
  ms: number;
}

/** Types into settings fields (opening the Settings section if need be): path → value. */
export async function editSettings(page: Page, values: Record<string, string>): Promise<void> {
  const details = page.locator("details.settings-details");
  if ((await details.getAttribute("open")) === null) await page.locator("details.settings-details > summary").click();
  for (const [path, value] of Object.entries(values)) await page.locator(`[data-setting="${path}"]`).fill(value);
}

/** Waits for the what-if of the settings as typed, then reads it as shown. */
export async function readWhatIf(page: Page): Promise<ShownWhatIf> {
  const section = page.locator("#what-if");
  await section.locator(".what-if-summary").waitFor();
  await page.waitForFunction('document.querySelector("#what-if")?.getAttribute("aria-busy") === "false"');
  const counts = {} as ShownWhatIf["counts"];
  for (const g of ["A", "B", "C"] as const) {
    const cells = await section.locator(`tr[data-grade="${g}"] td`).allTextContents();
    counts[g] = { after: Number(cells[1]), change: cells[2] ?? "" };
  }
  const changes = await section.locator(".what-if-changes li").evaluateAll((items) =>
    items.map((li) => ({ name: li.querySelector(".client-name")?.textContent ?? "", from: li.getAttribute("data-from") ?? "", to: li.getAttribute("data-to") ?? "" })),
  );
  return {
    counts,
    changes,
    summary: (await section.locator(".what-if-summary").textContent()) ?? "",
    where: await section.getAttribute("data-where"),
    ms: Number(await section.getAttribute("data-ms")),
  };
}

export interface BuiltClient {
  name: string;
  grade: string;
  previous: string;
}

/** The ranked table of a built KAM Portfolio sheet (values by row), client by client in rank order. */
export function builtClients(grid: readonly (readonly unknown[])[]): BuiltClient[] {
  const head = grid.findIndex((r) => r[0] === "Rank" && r[1] === "Client");
  if (head < 0) throw new Error("no ranked table in the portfolio sheet");
  const header = grid[head] as unknown[];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no ${name} column`);
    return i;
  };
  const [name, grade, previous] = [col("Client"), col("Grade"), col("Previous grade")];
  const out: BuiltClient[] = [];
  for (const r of grid.slice(head + 1)) {
    if (typeof r[0] !== "number") break;
    out.push({ name: String(r[name]), grade: String(r[grade]), previous: String(r[previous] ?? "") });
  }
  return out;
}

/** The built clients whose grade moved from the previous build, as the what-if lists them. */
export function builtMoves(clients: readonly BuiltClient[]): Move[] {
  return clients.filter((c) => c.previous !== c.grade).map((c) => ({ name: c.name, from: c.previous, to: c.grade }));
}

/** Counts by grade of a built table, and of its previous grades. */
export function builtCounts(clients: readonly BuiltClient[]): { now: Record<Grade, number>; before: Record<Grade, number> } {
  const now = { A: 0, B: 0, C: 0 };
  const before = { A: 0, B: 0, C: 0 };
  for (const c of clients) {
    now[c.grade as Grade]++;
    if (c.previous in before) before[c.previous as Grade]++;
  }
  return { now, before };
}

/** The what-if shown equals the build: its list is the built clients whose grade moved, its counts the built ones. */
export function expectBuiltAsShown(shown: ShownWhatIf, built: readonly BuiltClient[]): void {
  expect(builtMoves(built)).toEqual(shown.changes);
  const { now, before } = builtCounts(built);
  for (const grade of ["A", "B", "C"] as const) {
    expect(shown.counts[grade].after).toBe(now[grade]);
    const change = now[grade] - before[grade];
    expect(shown.counts[grade].change).toBe(change > 0 ? `+${change}` : change < 0 ? `−${-change}` : "±0");
  }
}

/**
 * A cell (1-based) whose edit changes a grade under these settings: the Strategic Value of a C
 * client with none, which the strategic floor then makes a B.
 */
export function gradeChangingEdit(rows: CellValue[][], settings: unknown): { row: number; col: number; value: string } {
  const graded = gradePortfolio({ rows, settings: checkSettings(settings).settings, today: 0 });
  const client = graded.clients.find((c) => c.grade === "C" && c.strategic === "Low" && !c.flags.includes("override"));
  const col = (rows[0] as string[]).indexOf("Strategic Value");
  if (!client || col < 0) throw new Error("no C client without a strategic value");
  return { row: client.row, col: col + 1, value: "High" };
}

/** "A 9, B 16, C 17" */
export const countsText = (c: Record<Grade, number>): string => `A ${c.A}, B ${c.B}, C ${c.C}`;

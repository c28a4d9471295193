// The file host's WorkbookPort with the real use cases (core/build.ts), as the in-memory port is
// proven in test/core/port-contract.test.ts: one read per use case, the matrix found again by its
// marker after a save, the history and settings read back, the chart's numbers from the plan.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildMatrix } from "../../core/use-cases/build-matrix";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { TABLE_HEADER_ROW } from "../../core/layout";
import { EXCEL_DIALECT } from "../../core/matrix";
import { resolveSettings } from "../../core/settings";
import { dayFromParts } from "../../core/values";
import { planValuesAt } from "../../cli/chart";
import { FilePort } from "../../cli/port";
import { openSource } from "../../cli/read";
import { rowHeights } from "../../cli/render";
import { writeWorkbook } from "../../cli/write";
import { richWorkbook } from "../fixtures/workbooks";

const dir = mkdtempSync(join(tmpdir(), "kam-port-"));
const today = dayFromParts(2026, 11, 22);

describe("FilePort", () => {
  it("serves each use case from one read and finds its matrix, history and settings after a save", async () => {
    const file = join(dir, "rich.xlsx");
    writeFileSync(file, await richWorkbook());
    const settings = { ...resolveSettings({ gradeAMin: 65 }), matrixOutput: "values" as const };
    const o = { settings, today, builtAt: "2026-11-22T10:00:00Z", dialect: EXCEL_DIALECT };

    const port = new FilePort(await openSource(file));
    const m = await buildMatrix(port, o);
    expect(port.reads).toBe(1);
    const p = await buildPortfolio(port, o);
    expect(port.reads).toBe(2);
    await port.saveSettings(settings);
    expect(m.plan.column).toBe(14);
    expect(m.plan.cells.flat().some((v) => typeof v === "object" && v !== null)).toBe(false);
    const out = join(dir, "rich.kam.xlsx");
    writeFileSync(out, await (await writeWorkbook(port.source, port)).generate());

    const again = await openSource(out);
    expect(again.sheetName).toBe("Clients");
    expect(again.matrix).toEqual({ column: 14, count: 9 });
    expect(again.history).toHaveLength(p.portfolio.clients.length);
    expect(again.history[0]).toEqual({ date: "2026-11-22T10:00:00Z", client: p.portfolio.clients[0]?.name, grade: p.portfolio.clients[0]?.grade, score: p.portfolio.clients[0]?.score, quadrant: p.portfolio.clients[0]?.quadrant });
    expect(again.settings).toEqual({ gradeAMin: 65, matrixOutput: "values" });
    // The user's data reads back as it was, our columns hidden from the reader.
    const before = await openSource(file);
    expect(again.rows.map((r) => r.slice(0, 13))).toEqual(before.rows.map((r) => r.slice(0, 13)));

    const port2 = new FilePort(again);
    const m2 = await buildMatrix(port2, { ...o, builtAt: "2026-12-22T10:00:00Z" });
    expect(m2.plan.previous).toEqual({ column: 14, count: 9 });
    expect(m2.plan.column).toBe(14);
    const p2 = await buildPortfolio(port2, { ...o, builtAt: "2026-12-22T10:00:00Z" });
    expect(p2.portfolio.clients.every((c) => c.movement === "=")).toBe(true);
  });

  it("gives the chart the numbers of the plan's cells", async () => {
    const port = new FilePort(await openSource("examples/clients.csv"));
    const { plan, portfolio } = await buildPortfolio(port, { today, builtAt: "2026-11-22T10:00:00Z" });
    const chart = plan.chart;
    expect(chart).not.toBeNull();
    const a = chart?.series.find((s) => s.name === "A clients");
    const aClients = portfolio.clients.filter((c) => c.grade === "A");
    expect(planValuesAt(plan, a?.x as never)).toEqual(aClients.map((c) => c.relationship));
    expect(planValuesAt(plan, a?.y as never)).toEqual(aClients.map((c) => c.benefit));
    const boundary = chart?.series.find((s) => s.kind === "line");
    expect(planValuesAt(plan, boundary?.x as never)).toEqual([50, 50]);
    // The chart written covers the band above the table as its rows render here (taller rows
    // for the title, the wrapped subtitles and headers).
    const band = [...Array(plan.table.range.row - 1).keys()].reduce((pt, i) => pt + (rowHeights(plan).get(i + 1) ?? 15), 0);
    expect(chart?.anchor.height).toBe((TABLE_HEADER_ROW - 1) * 20);
    expect(port.portfolio?.plan.chart?.anchor.height).toBe(Math.round((band * 4) / 3) - 6);
    expect(band).toBeGreaterThan(15 * 14);
  });
});

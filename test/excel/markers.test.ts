// The Office.js adapter keeps the marker convention of core/markers.ts: settings in the custom
// document property (in pieces, since Office outside the web trims a value to 255 characters, as
// the fake does), read in the first sync; the add-in's earlier setting read as a fallback and
// removed on save; the history names over every row and over the last snapshot.
import { describe, expect, it } from "vitest";
import { buildPortfolio } from "../../core/use-cases/build-portfolio";
import { MARKER_NAMES, PROPERTY_MAX_CHARS, SETTINGS_PROPERTY, settingsDelta } from "../../core/markers";
import { EXCEL_DIALECT } from "../../core/matrix";
import { resolveSettings } from "../../core/settings";
import { dayFromParts } from "../../core/values";
import { ExcelPort, LEGACY_SETTINGS_KEY } from "../../excel-addin/port";
import { CUSTOM_PROPERTY_LIMIT, FakeContext, FakeWorkbookState } from "../fakes/excel";
import { csvSheet } from "./sheets";

const opts = (builtAt: string) => ({ today: dayFromParts(2026, 11, 22), builtAt, dialect: EXCEL_DIALECT });

function workbook(): FakeWorkbookState {
  const st = new FakeWorkbookState();
  st.addSheet("Clients", csvSheet("examples/clients.csv"));
  return st;
}

function port(st: FakeWorkbookState) {
  const ctx = new FakeContext(st);
  return { ctx, port: new ExcelPort(ctx.asRequestContext(), { sheetName: "Clients", suffix: "m" }) };
}

const ours = (st: FakeWorkbookState) => [...st.customProperties.entries()].filter(([k]) => k.toLowerCase().startsWith(SETTINGS_PROPERTY.toLowerCase()));

const long = resolveSettings({
  gradeAMin: 70,
  gradeBMin: 40,
  weights: { revenue: 40, profitability: 20, strategic: 20, wallet: 10, pain: 10 },
  budget: { A: 50, B: 35, C: 15 },
  mapping: { client: "Client", industry: "Industry", revenue: "Annual Revenue", margin: "Gross Margin %", wallet: "Share of Wallet", strategic: "Strategic Value", pain: "Pain", review: "Last Review" },
});

describe("settings in the custom document property", () => {
  it("the fake trims a value to 255 characters, as Office does outside the web: one property could not hold these settings", () => {
    expect(CUSTOM_PROPERTY_LIMIT).toBe(PROPERTY_MAX_CHARS);
    expect(JSON.stringify(settingsDelta(long)).length).toBeGreaterThan(PROPERTY_MAX_CHARS);
  });

  it("are saved in pieces of at most 255 characters (2 syncs) and read back whole in the read's first sync", async () => {
    const st = workbook();
    st.customProperties.set("Department", "Sales & Marketing");
    const save = port(st);
    await save.port.saveSettings(long);
    expect(save.ctx.syncs).toHaveLength(2);
    const pieces = ours(st);
    expect(pieces.map(([k]) => k)).toEqual(pieces.map((_, i) => (i === 0 ? SETTINGS_PROPERTY : `${SETTINGS_PROPERTY}.${i + 1}`)));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const [, v] of pieces) expect(String(v).length).toBeLessThanOrEqual(PROPERTY_MAX_CHARS);
    expect(st.customProperties.get("Department")).toBe("Sales & Marketing");

    const read = port(st);
    const state = await read.port.read();
    expect(read.ctx.syncs).toHaveLength(1);
    expect(resolveSettings(state.settings)).toEqual(long);
  });

  it("a shorter save deletes the pieces it no longer needs (whatever their case)", async () => {
    const st = workbook();
    await port(st).port.saveSettings(long);
    // Another tool wrote one piece's name in other letters; Office compares keys ignoring case.
    const [k2, v2] = ours(st)[1] as [string, unknown];
    st.customProperties.delete(k2);
    st.customProperties.set(k2.toUpperCase(), v2);
    await port(st).port.saveSettings(resolveSettings({ gradeAMin: 65 }));
    expect(ours(st)).toEqual([[SETTINGS_PROPERTY, `{"gradeAMin":65}`]]);
    expect((await port(st).port.read()).settings).toEqual({ gradeAMin: 65 });
  });

  it("a workbook saved by the earlier add-in: its setting is read when there is no property, and removed on the next save", async () => {
    const st = workbook();
    st.settings.set(LEGACY_SETTINGS_KEY, JSON.stringify(resolveSettings({ gradeAMin: 90 })));
    const first = port(st);
    const r = await buildPortfolio(first.port, opts("2026-11-22T10:00:00Z"));
    expect(r.portfolio.settings.gradeAMin).toBe(90);
    expect(first.ctx.syncs).toHaveLength(2);

    await port(st).port.saveSettings(resolveSettings({ gradeAMin: 75 }));
    expect(st.settings.has(LEGACY_SETTINGS_KEY)).toBe(false);
    expect(ours(st)).toEqual([[SETTINGS_PROPERTY, `{"gradeAMin":75}`]]);
    expect((await port(st).port.read()).settings).toEqual({ gradeAMin: 75 });
  });

  it("the property wins over an earlier add-in setting left beside it", async () => {
    const st = workbook();
    st.settings.set(LEGACY_SETTINGS_KEY, JSON.stringify({ gradeAMin: 90 }));
    st.customProperties.set(SETTINGS_PROPERTY, `{"gradeAMin":65}`);
    expect((await port(st).port.read()).settings).toEqual({ gradeAMin: 65 });
  });

  it("a property that is not JSON reaches the validator, which names it", async () => {
    const st = workbook();
    st.customProperties.set(SETTINGS_PROPERTY, "{gradeAMin: 70");
    await expect(buildPortfolio(port(st).port, opts("2026-11-22T10:00:00Z"))).rejects.toThrow(/settings: must be a JSON object/);
  });
});

describe("history names", () => {
  it("KAM_History spans the header and every snapshot row; KAM_HistoryLast the last build's rows", async () => {
    const st = workbook();
    const first = await buildPortfolio(port(st).port, opts("2026-11-22T10:00:00Z"));
    const n = first.portfolio.clients.length;
    const rect = (name: string) => st.names.get(name)?.rect;
    expect(rect(MARKER_NAMES.history)).toEqual({ row: 0, col: 0, rows: 1 + n, cols: 5 });
    expect(rect(MARKER_NAMES.historyLast)).toEqual({ row: 1, col: 0, rows: n, cols: 5 });
    await buildPortfolio(port(st).port, opts("2026-11-23T10:00:00Z"));
    expect(rect(MARKER_NAMES.history)).toEqual({ row: 0, col: 0, rows: 1 + 2 * n, cols: 5 });
    expect(rect(MARKER_NAMES.historyLast)).toEqual({ row: 1 + n, col: 0, rows: n, cols: 5 });
    const h = st.names.get(MARKER_NAMES.historyLast)?.sheet;
    expect(h?.valueAt(2 + n, 1)).toBe("2026-11-23T10:00:00Z");
  });
});

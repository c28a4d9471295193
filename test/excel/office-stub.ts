/**
 * Stands in for Microsoft's office.js when the task pane runs in headless Chromium: `Office`
 * (onReady says Excel), `Excel.run` over the fake Excel of test/fakes/excel.ts (typed against
 * @types/office-js) and `CustomFunctions` recording what functions.js associates. The test seeds
 * the workbook through `window.__KAM_SEED__` and drives it through `window.__kam`.
 */
import { FakeContext, FakeWorkbookState } from "../fakes/excel";
import { declared, isSetSupported } from "../fakes/excel/requirements";

interface Seed {
  sheets: { name: string; rows: unknown[][] }[];
  /** What Office.onReady reports as the host (null: the page opened outside Office). */
  host?: string | null;
}

const w = window as unknown as Record<string, unknown>;
const seed = (w.__KAM_SEED__ as Seed | undefined) ?? { sheets: [{ name: "Sheet1", rows: [] }] };
const state = new FakeWorkbookState();
for (const s of seed.sheets) state.addSheet(s.name, s.rows);

let gate: Promise<void> | null = null;
let open: (() => void) | null = null;
const harness = {
  state,
  associated: [] as string[],
  /** context.sync calls per Excel.run, in order. */
  syncsPerRun: [] as number[],
  /** Holds every Excel.run until `release()` (to see the pane while a build is running). */
  hold(): void {
    gate = new Promise((resolve) => (open = resolve));
  },
  release(): void {
    open?.();
    gate = null;
  },
  /** The user clicks another sheet tab. */
  activate(name: string): void {
    const sheet = state.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    state.active = sheet;
    for (const h of state.activatedHandlers) void h({ worksheetId: name, type: "WorksheetActivated", source: "Local" });
  },
  sheetNames(): string[] {
    return state.sheets.map((s) => s.name);
  },
  value(sheet: string, row: number, col: number): unknown {
    return state.sheet(sheet)?.valueAt(row, col);
  },
};
w.__kam = harness;

w.Office = {
  context: { requirements: { isSetSupported: (name: string, version?: string) => isSetSupported(declared(), name, version) } },
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  onReady(callback?: (info: { host: string | null; platform: string }) => void) {
    const info = { host: seed.host === undefined ? "Excel" : seed.host, platform: "OfficeOnline" };
    callback?.(info);
    return Promise.resolve(info);
  },
};

w.Excel = {
  async run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    if (gate) await gate;
    const ctx = new FakeContext(state);
    try {
      return await batch(ctx.asRequestContext());
    } finally {
      harness.syncsPerRun.push(ctx.syncs.length);
    }
  },
};

class CfError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
w.CustomFunctions = {
  associate(id: string) {
    harness.associated.push(id);
  },
  Error: CfError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

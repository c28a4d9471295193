/** The task pane's Office bridge over a fake workbook: each `Excel.run` a new fake context, kept to count its syncs. */
import { OfficeBridge, type OfficeHost } from "../../excel-addin/bridge";
import { FakeContext, type FakeWorkbookState } from "../fakes/excel";

export function fakeBridge(st: FakeWorkbookState, now = new Date("2026-11-22T10:00:00Z")): { runs: FakeContext[]; bridge: OfficeBridge } {
  const runs: FakeContext[] = [];
  const host: OfficeHost = {
    run: (batch) => {
      const ctx = new FakeContext(st);
      runs.push(ctx);
      return batch(ctx.asRequestContext());
    },
    now: () => now,
  };
  return { runs, bridge: new OfficeBridge(host) };
}

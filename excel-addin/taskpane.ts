/**
 * The task pane's entry: once Office is ready, mounts the panel (panel/, shared with the Sheets
 * sidebar) on the Office bridge and re-reads the sheet when the user switches sheet tabs. The
 * custom functions are registered by functions.js, loaded by the same page (shared runtime).
 */
import { mountPanel } from "../panel/panel";
import "../panel/panel.css";
import { OfficeBridge } from "./bridge";
import { runSelfTest } from "./self-test";

function start(info: { host: Office.HostType | null }): void {
  const root = document.getElementById("kam-root");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "KAM Portfolio runs inside Excel: open it from Home ▸ KAM Portfolio.";
    return;
  }
  const panel = mountPanel(root, new OfficeBridge(), {
    host: "Excel",
    selfTest: () =>
      runSelfTest({
        run: (batch) => Excel.run(batch),
        isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
        now: () => new Date(),
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
  });
  void Excel.run(async (ctx) => {
    ctx.workbook.worksheets.onActivated.add(async () => {
      await panel.refresh();
    });
    await ctx.sync();
  }).catch(() => {
    // Without the event the pane still works; the user re-reads by reopening it.
  });
}

void Office.onReady(start);

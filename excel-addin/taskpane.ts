/**
 * The task pane's entry: once Office is ready, mounts the panel (panel/, shared with the Sheets
 * sidebar) on the Office bridge and re-reads the sheet when the user switches sheet tabs. The
 * custom functions are registered by functions.js, loaded by the same page (shared runtime).
 * Started again as a worker, this script grades the panel's what-if off the page's thread.
 */
import { mountPanel } from "../panel/panel";
import "../panel/panel.css";
import { runsAsWorker, serveWhatIf, thisScriptWorker, type WorkerFactory } from "../panel/what-if-worker";
import { OfficeBridge } from "./bridge";
import { runSelfTest } from "./self-test";

function start(info: { host: Office.HostType | null }, worker: WorkerFactory | null): void {
  const root = document.getElementById("kam-root");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "KAM Portfolio runs inside Excel: open it from Home ▸ KAM Portfolio.";
    return;
  }
  const panel = mountPanel(root, new OfficeBridge(), {
    host: "Excel",
    worker,
    selfTest: () =>
      runSelfTest({
        run: (batch) => Excel.run(batch),
        isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
        now: () => new Date(),
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        userAgent: navigator.userAgent,
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

if (runsAsWorker()) serveWhatIf();
else {
  const worker = thisScriptWorker();
  void Office.onReady((info) => start(info, worker));
}

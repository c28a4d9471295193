/**
 * The Sheets sidebar: the shared panel over the google.script.run bridge. The same inline script,
 * started again as a worker, grades the what-if off the page's thread.
 */
import { mountPanel } from "../../panel/panel";
import { runsAsWorker, serveWhatIf, thisScriptWorker } from "../../panel/what-if-worker";
import { sheetsBridge } from "./bridge";

if (runsAsWorker()) serveWhatIf();
else {
  const worker = thisScriptWorker();
  const root = document.getElementById("app");
  if (root) mountPanel(root, sheetsBridge, { host: "Google Sheets", worker });
}

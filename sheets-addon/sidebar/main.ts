/** The Sheets sidebar: the shared panel over the google.script.run bridge. */
import { mountPanel } from "../../panel/panel";
import { sheetsBridge } from "./bridge";

const root = document.getElementById("app");
if (root) mountPanel(root, sheetsBridge, { host: "Google Sheets" });

/**
 * taskpane.html: the shared runtime's page. It loads Microsoft's office.js (the one file from
 * outside, as Office requires), then functions.js (registers the KAM.* functions in this runtime)
 * and taskpane.js (the panel on the Office bridge), in that order: taskpane.js takes the core
 * functions.js carries from it (scripts/lib/shared-core.mjs).
 *
 * Before the two bundles, WEBVIEW_GUARD: where Office shows the add-in with Internet Explorer 11
 * (Trident) or Edge Legacy (EdgeHTML), which cannot parse the ES2020 bundles, it says so in the pane
 * and the bundles never run (docs/excel.md, "Which Excel runs it").
 */
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * The pane's message in an old webview, one paragraph a line; `{webview}` is the engine's name.
 * Plain text: the guard writes it as text nodes.
 */
export const OLD_WEBVIEW_MESSAGE = [
  "KAM Portfolio can't run in this version of Excel",
  "This Excel shows add-ins with {webview}, which cannot run KAM Portfolio: the pane stops here and the KAM.* functions cannot calculate. Your workbook was not changed.",
  "KAM Portfolio runs in Excel on the web, in Excel for Mac, and in Excel for Windows (Microsoft 365, or Office 2021 or later) with the Microsoft Edge WebView2 Runtime. Windows 11 has it; on Windows 10, updating Microsoft 365 to Version 2108 or later installs it and uses it, or your IT department can install it.",
] as const;

/**
 * The inline guard, ES5 so that Internet Explorer 11 parses it (test/excel/host-rules-webviews.test.ts
 * fails on any later syntax or library call). It recognises the old webviews as Microsoft documents
 * it, by "Trident" and "Edge/" in navigator.userAgent; there it puts the message in #kam-root and
 * writes "<!--", which turns the rest of the page (the two bundle tags) into a comment, so neither
 * runs. (Written in two pieces: "<!--" as such inside a script element changes how the HTML parser
 * looks for its end tag.) Elsewhere it does nothing.
 */
export const WEBVIEW_GUARD = `(function (d, ua) {
  var webview = ua.indexOf("Trident") !== -1 ? "Internet Explorer 11" : ua.indexOf("Edge/") !== -1 ? "Microsoft Edge Legacy" : "";
  if (!webview) return;
  var lines = ${JSON.stringify(OLD_WEBVIEW_MESSAGE)};
  var root = d.getElementById("kam-root");
  while (root.firstChild) root.removeChild(root.firstChild);
  root.className = "kam-panel";
  var box = root.appendChild(d.createElement("header"));
  for (var i = 0; i < lines.length; i++) {
    var p = box.appendChild(d.createElement(i === 0 ? "h1" : "p"));
    p.appendChild(d.createTextNode(lines[i].replace("{webview}", webview)));
  }
  d.write("<" + "!--");
})(document, navigator.userAgent);`;

export function taskpaneHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KAM Portfolio</title>
<script src="${OFFICE_JS}"></script>
<link rel="stylesheet" href="taskpane.css">
</head>
<body>
<main id="kam-root"><p>Loading KAM Portfolio…</p></main>
<script>
${WEBVIEW_GUARD}
</script>
<script src="functions.js"></script>
<script src="taskpane.js"></script>
</body>
</html>
`;
}

// Excel host rules about the webview that runs the add-in, each test naming the page it comes from.
// With a <Runtimes> element (the shared runtime) Office on Windows uses WebView2 (evergreen
// Chromium) where its conditions are met and Internet Explorer 11 (Trident) otherwise; Edge Legacy
// (EdgeHTML) is still used by some Office versions; Mac uses Safari's WKWebView. The bundles are
// ES2020, which Trident and EdgeHTML cannot parse: taskpane.html's inline guard says so in the pane
// and keeps the bundles from running (excel-addin/taskpane-page.ts).
import { readFileSync } from "node:fs";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OLD_WEBVIEW_MESSAGE, WEBVIEW_GUARD } from "../../excel-addin/taskpane-page";
import { es2020Floor } from "../es-floor";
import { ROOT } from "../helpers";
import { harness, paneServer, type Pane, type PaneServer } from "./pane";
import { csvSheet } from "./sheets";
import { UA } from "./user-agents";

const DIST = `${ROOT}dist/excel-addin/`;
const L = "https://learn.microsoft.com/office/dev/add-ins";
const PAGE = {
  browsers: `${L}/concepts/browsers-used-by-office-web-add-ins`,
  supportIe: `${L}/develop/support-ie-11`,
  runtimes: "https://learn.microsoft.com/javascript/api/manifest/runtimes",
  optionalChaining: "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Optional_chaining#browser_compatibility",
  documentWrite: "https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document.write()",
};

const html = (): string => readFileSync(`${DIST}taskpane.html`, "utf8");
/** The page's inline scripts (those without src), as built. */
const inlineScripts = (): string[] => [...html().matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");

/** The syntax an ES5 engine does not know: what TypeScript rewrites when it compiles `code` for ES5 (the same printer on both sides, so only rewrites differ). */
function rewrittenForEs5(code: string): boolean {
  const printer = ts.createPrinter({ removeComments: true });
  const print = (text: string): string => printer.printFile(ts.createSourceFile("guard.js", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS));
  const es5 = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, removeComments: true }, fileName: "guard.js" }).outputText;
  return print(es5) !== print(code);
}
/**
 * The members and globals the guard may use: ECMAScript 5.1 (indexOf, replace, length) and DOM
 * Level 1/2 (document, getElementById, createElement, createTextNode, appendChild, removeChild,
 * firstChild, className, write; navigator.userAgent), all in Internet Explorer 11. A new name here is
 * a decision to check against IE 11, not an edit to slip through.
 */
const ES5_AND_DOM = new Set(["document", "navigator", "userAgent", "indexOf", "replace", "length", "getElementById", "createElement", "createTextNode", "appendChild", "removeChild", "firstChild", "className", "write"]);
function namesUsed(code: string): string[] {
  const source = ts.createSourceFile("guard.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if (ts.isPropertyAccessExpression(node)) used.add(node.name.text);
    else if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...used].filter((n) => !declared.has(n) && n !== "undefined").sort();
}
function notEs5(code: string): string[] {
  const problems = namesUsed(code).filter((n) => !ES5_AND_DOM.has(n)).map((n) => `uses ${n}`);
  return rewrittenForEs5(code) ? ["syntax newer than ES5", ...problems] : problems;
}

describe("Excel: the webviews", () => {
  it(`the guard inline in taskpane.html is ES5, as Trident parses it, and the page has no Content-Security-Policy that would block it — ${PAGE.supportIe} ${PAGE.browsers}`, () => {
    // "Trident+ doesn't support JavaScript versions later than ES5" (browsers page).
    const inline = inlineScripts();
    expect(inline).toHaveLength(1);
    expect(inline[0]?.trim()).toBe(WEBVIEW_GUARD);
    expect(notEs5(WEBVIEW_GUARD)).toEqual([]);
    // The check fails on what a modernised guard would use.
    for (const [from, to] of [
      ["var webview", "let webview"],
      ["var lines", "const lines"],
      ["function (d, ua) {", "((d, ua) => {"],
      ['lines[i].replace("{webview}", webview)', "`${lines[i]}`"],
      ["var root = d.getElementById(\"kam-root\");", "var root = d.getElementById(\"kam-root\") ?? d.body;"],
      ["root.firstChild", "root?.firstChild"],
      ['ua.indexOf("Trident") !== -1', 'ua.includes("Trident")'],
      ["while (root.firstChild) root.removeChild(root.firstChild);", "root.replaceChildren();"],
    ] as const) {
      const modern = WEBVIEW_GUARD.replace(from, to);
      expect(modern, from).not.toBe(WEBVIEW_GUARD);
      expect(notEs5(modern), to).not.toEqual([]);
    }
    expect(notEs5("class A {}")).toContain("syntax newer than ES5");
    // Nothing in the page or its server (scripts/lib/static-server.mjs) sets a policy; one with
    // script-src would have to allow the guard by its hash (docs/excel.md).
    expect(html()).not.toMatch(/Content-Security-Policy/i);
    expect(readFileSync(`${ROOT}scripts/lib/static-server.mjs`, "utf8")).not.toMatch(/Content-Security-Policy/i);
  });

  it(`functions.js and taskpane.js are ES2020 at most (?. and ??: Safari 13.1, no Internet Explorer), the floor of the webviews that run them: WebView2 (evergreen Chromium) and Safari's WKWebView — ${PAGE.browsers} ${PAGE.optionalChaining}`, () => {
    for (const file of ["functions.js", "taskpane.js"]) {
      const floor = es2020Floor(file, readFileSync(`${DIST}${file}`, "utf8"));
      expect(floor.newer, file).toEqual([]);
      // ES2020 itself: these are why Trident and EdgeHTML cannot parse the bundles.
      expect(floor.optionalChain, file).toBeGreaterThan(0);
      expect(floor.nullish, file).toBeGreaterThan(0);
    }
    // The checker finds what it looks for.
    expect(es2020Floor("x.js", "a.b ??= 1; Object.hasOwn(a, 'b'); [1].at(-1); class C { #x = 1 }; 1_000; /a/d; new WeakRef(a);").newer).toHaveLength(8);
  });
});

describe("Excel: the task pane in each webview (headless Chromium as each)", () => {
  let pane: PaneServer;
  beforeAll(async () => {
    pane = await paneServer();
  });
  afterAll(async () => {
    await pane?.close();
  });
  const open = (userAgent: string): Promise<Pane> => pane.open([{ name: "Clients", rows: csvSheet("examples/clients.csv") }], "Excel", "", userAgent);

  for (const [webview, userAgent, name] of [["Trident", UA.trident, "Internet Explorer 11"], ["EdgeHTML", UA.edgeHtml, "Microsoft Edge Legacy"]] as const) {
    it(`in ${webview}, recognised by the user agent as documented, the pane says what the owner can do and neither bundle runs — ${PAGE.supportIe} ${PAGE.runtimes} ${PAGE.documentWrite}`, async () => {
      const { page, errors, dialogs } = await open(userAgent);
      expect(await page.evaluate(() => navigator.userAgent)).toBe(userAgent);
      await page.getByRole("heading", { name: OLD_WEBVIEW_MESSAGE[0] }).waitFor();
      const text = await page.locator("#kam-root").innerText();
      expect(text).toContain(`This Excel shows add-ins with ${name}, which cannot run KAM Portfolio`);
      expect(text).toMatch(/the KAM\.\* functions cannot calculate/);
      expect(text).toMatch(/Excel on the web/);
      expect(text).toMatch(/Microsoft Edge WebView2 Runtime/);
      // The update that both installs WebView2 (Version 2101 on) and uses it without a registry
      // value (build 16.0.14326 on, Version 2108): browsers page, its note 2.
      expect(text).toMatch(/updating Microsoft 365 to Version 2108 or later installs it and uses it/);
      expect(text).not.toMatch(/Loading/);
      // The bundle tags became a comment: no script element for them, nothing they do happened.
      // (Chromium's preload scanner has fetched both files before any script ran, as it fetches
      // office.js; a static tag cannot avoid that. Fetched, never run.)
      await page.waitForLoadState("load");
      expect(await page.locator('script[src$="functions.js"], script[src$="taskpane.js"]').count()).toBe(0);
      expect(await page.evaluate(() => "KAM_CORE" in window)).toBe(false);
      expect(await harness(page, (h) => h.associated)).toEqual([]);
      expect(await page.locator("button").count()).toBe(0);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }

  it(`in WebView2 ("Edg/", not "Edge/") and Safari's WKWebView the pane starts as before: functions registered, the sheet read — ${PAGE.supportIe} ${PAGE.browsers}`, async () => {
    const ids = (JSON.parse(readFileSync(`${DIST}functions.json`, "utf8")) as { functions: { id: string }[] }).functions.map((f) => f.id);
    for (const userAgent of [UA.webView2, UA.wkWebView]) {
      const { page, errors } = await open(userAgent);
      await page.getByText("Sheet “Clients”").waitFor();
      expect(((await harness(page, (h) => h.associated)) as string[]).sort()).toEqual([...ids].sort());
      expect(await page.getByText(OLD_WEBVIEW_MESSAGE[0]).count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

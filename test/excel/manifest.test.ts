// The built manifest.xml: structure (every resid resolves, the KAM namespace, the shared runtime,
// requirement sets, https URLs that point at files the build wrote), `office-addin-manifest info`
// on it, and the build failing on custom-functions-metadata errors.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ManifestHandlerXml } from "office-addin-manifest/lib/manifestHandler/manifestHandlerXml";
import { beforeAll, describe, expect, it } from "vitest";
import { ADDIN_ID, checkBaseUrl, manifestXml } from "../../excel-addin/manifest";
import { ROOT } from "../helpers";

const DIST = `${ROOT}dist/excel-addin/`;
const BASE = "https://localhost:3000";

/** An element as xml2js gives it: attributes under `$`, children as arrays by tag. */
interface Node {
  $?: Record<string, string>;
  _?: string;
  [tag: string]: unknown;
}

function children(n: Node, tag: string): Node[] {
  const v = n[tag];
  return Array.isArray(v) ? (v as unknown[]).map((x) => (typeof x === "string" ? { _: x } : (x as Node))) : [];
}
function child(n: Node, ...path: string[]): Node {
  let cur = n;
  for (const tag of path) {
    const next = children(cur, tag)[0];
    if (!next) throw new Error(`no <${tag}> under the path ${path.join("/")}`);
    cur = next;
  }
  return cur;
}
/** Every element in the tree, with its tag. */
function walk(n: Node, tag = "OfficeApp", out: { tag: string; node: Node }[] = []): { tag: string; node: Node }[] {
  out.push({ tag, node: n });
  for (const [k, v] of Object.entries(n)) {
    if (k === "$" || k === "_" || !Array.isArray(v)) continue;
    for (const c of v) if (typeof c === "object" && c !== null) walk(c as Node, k, out);
  }
  return out;
}

describe("manifest.xml", () => {
  let app: Node;
  let all: { tag: string; node: Node }[];
  let resources: Map<string, { tag: string; value: string }>;
  beforeAll(async () => {
    const xml = (await new ManifestHandlerXml(`${DIST}manifest.xml`).parseXmlAsync()) as { OfficeApp: Node };
    app = xml.OfficeApp;
    all = walk(app);
    resources = new Map();
    for (const { tag, node } of all) {
      if (["bt:Image", "bt:Url", "bt:String"].includes(tag) && node.$?.id) resources.set(node.$.id, { tag, value: node.$.DefaultValue ?? "" });
    }
  });

  it("is a task pane app for workbooks asking ReadWriteDocument only", () => {
    expect(app.$?.["xsi:type"]).toBe("TaskPaneApp");
    expect(child(app, "Id")._ ?? children(app, "Id")[0]).toBeTruthy();
    expect(String((app.Id as unknown[])[0])).toBe(ADDIN_ID);
    expect(children(child(app, "Hosts"), "Host").map((h) => h.$?.Name)).toEqual(["Workbook"]);
    expect((app.Permissions as unknown[]).map(String)).toEqual(["ReadWriteDocument"]);
  });

  it("requires the shared runtime and runs one long-lived page for the pane and the functions", () => {
    const sets = children(child(app, "Requirements", "Sets"), "Set").map((s) => `${s.$?.Name} ${s.$?.MinVersion}`);
    // The page layout needs ExcelApi 1.9, CustomFunctions.Error with ErrorCode.invalidValue the
    // runtime 1.3 (test/excel/host-rules.test.ts checks every API used against these).
    expect(sets).toEqual(["ExcelApi 1.9", "SharedRuntime 1.1", "CustomFunctionsRuntime 1.3"]);
    const host = child(app, "VersionOverrides", "Hosts", "Host");
    expect(host.$?.["xsi:type"]).toBe("Workbook");
    const runtime = child(host, "Runtimes", "Runtime");
    expect(runtime.$?.lifetime).toBe("long");
    const cf = children(child(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.$?.["xsi:type"] === "CustomFunctions") as Node;
    expect(cf).toBeDefined();
    expect(child(cf, "Page", "SourceLocation").$?.resid).toBe(runtime.$?.resid);
    expect(child(host, "DesktopFormFactor", "FunctionFile").$?.resid).toBe(runtime.$?.resid);
    const button = child(host, "DesktopFormFactor", "ExtensionPoint", "OfficeTab", "Group", "Control");
    expect(button.$?.["xsi:type"]).toBe("Button");
    const action = child(button, "Action");
    expect(action.$?.["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action, "SourceLocation").$?.resid).toBe(runtime.$?.resid);
    expect(resources.get(runtime.$?.resid ?? "")?.value).toBe(`${BASE}/taskpane.html`);
  });

  it("puts the custom functions in the KAM namespace, with functions.js and functions.json", () => {
    const host = child(app, "VersionOverrides", "Hosts", "Host");
    const cf = children(child(host, "AllFormFactors"), "ExtensionPoint").find((e) => e.$?.["xsi:type"] === "CustomFunctions") as Node;
    expect(resources.get(child(cf, "Namespace").$?.resid ?? "")).toEqual({ tag: "bt:String", value: "KAM" });
    expect(resources.get(child(cf, "Script", "SourceLocation").$?.resid ?? "")?.value).toBe(`${BASE}/functions.js`);
    expect(resources.get(child(cf, "Metadata", "SourceLocation").$?.resid ?? "")?.value).toBe(`${BASE}/functions.json`);
  });

  it("resolves every resid, and every URL is https under the base and names a file the build wrote", () => {
    const resids = all.map((e) => e.node.$?.resid).filter((r): r is string => r !== undefined);
    expect(resids.length).toBeGreaterThan(10);
    for (const r of resids) expect(resources.has(r), r).toBe(true);
    const urls = [
      ...[...resources.values()].filter((r) => r.tag !== "bt:String").map((r) => r.value),
      ...all.filter((e) => ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].includes(e.tag) && e.node.$?.DefaultValue).map((e) => e.node.$?.DefaultValue as string),
    ];
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u.startsWith(`${BASE}/`), u).toBe(true);
      expect(existsSync(`${DIST}${u.slice(BASE.length + 1)}`), u).toBe(true);
    }
    // Ribbon icons at the sizes Office asks for.
    const sizes = all.filter((e) => e.tag === "bt:Image" && e.node.$?.size).map((e) => e.node.$?.size);
    expect(new Set(sizes)).toEqual(new Set(["16", "32", "80"]));
  });

  it("office-addin-manifest info reads it", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [`${ROOT}node_modules/office-addin-manifest/cli.js`, "info", `${DIST}manifest.xml`]);
    expect(stdout).toContain(`Id: ${ADDIN_ID}`);
    expect(stdout).toContain("Hosts: Workbook");
    expect(stdout).toContain("Permissions: ReadWriteDocument");
    expect(stdout).toContain(`Source Location: ${BASE}/taskpane.html`);
  });
});

describe("manifest base URL (KAM_EXCEL_BASE_URL)", () => {
  it("hangs every URL off the production base, and refuses anything but https", () => {
    const xml = manifestXml({ baseUrl: "https://kam.example.com/addin/", version: "1.2.3" });
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(8);
    expect(urls.every((u) => u.startsWith("https://kam.example.com/addin/"))).toBe(true);
    expect(xml).not.toContain("localhost");
    expect(xml).toContain("<Version>1.2.3.0</Version>");
    expect(() => checkBaseUrl("http://kam.example.com")).toThrow(/https/);
    expect(() => checkBaseUrl("kam.example.com")).toThrow(/not a URL/);
    expect(() => checkBaseUrl("https://kam.example.com/?x=1")).toThrow(/query/);
  });
});

describe("functions.json generation", () => {
  it("fails the build on custom-functions-metadata errors instead of writing nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kam-cf-"));
    const file = join(dir, "bad.ts");
    writeFileSync(file, "/**\n * Bad.\n * @customfunction BAD\n * @param x a map\n */\nexport function bad(x: Map<string, number>): number {\n  return x.size;\n}\n");
    const { functionsMetadata } = (await import(`${ROOT}scripts/lib/excel-metadata.mjs`)) as { functionsMetadata: (f: string) => Promise<unknown> };
    await expect(functionsMetadata(file)).rejects.toThrow(/does not support type "Map"/);
  });
});

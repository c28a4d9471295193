// The shape of the house (issue 12, docs/architecture.md): no import cycle anywhere, the core depends
// on nothing but itself, each adapter depends on the core (and the Excel pane on the panel it hosts)
// and never on another adapter, and no hand-written source file is above ~400 lines. Imports are
// read with the TypeScript parser (static `import`/`export … from`, `import type` and dynamic
// `import()`), so an import named in a comment or a string is not counted.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, SOURCE_FOLDERS, sourceFiles } from "./helpers";

const FOLDERS = SOURCE_FOLDERS;
type Folder = (typeof FOLDERS)[number];

/** Which folders each folder may import from (besides itself). */
const ALLOWED: Record<Folder, readonly Folder[]> = {
  core: [],
  panel: ["core"],
  cli: ["core"],
  // The sidebar and the task pane host the panel.
  "sheets-addon": ["core", "panel"],
  "excel-addin": ["core", "panel"],
};


const MAX_LINES = 400;

/** Every module specifier a source imports, statically or dynamically. */
function specifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg !== undefined && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier resolved to its .ts file (or folder index), as a path from the root. */
function resolveLocal(from: string, spec: string): string | null {
  const named = resolve(dirname(from), spec);
  // A stylesheet or package.json the bundler inlines is a file, not a module in the graph.
  if (/\.(css|json)$/.test(spec)) return existsSync(named) ? relative(ROOT, named) : null;
  const base = named.replace(/\.(m?js)$/, "");
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) if (existsSync(candidate)) return relative(ROOT, candidate);
  return null;
}

interface Graph {
  edges: Map<string, string[]>;
  packages: Map<string, string[]>;
  unresolved: string[];
}

function importGraph(): Graph {
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const folder of FOLDERS) {
    for (const path of sourceFiles(join(ROOT, folder))) {
      const file = relative(ROOT, path);
      const local: string[] = [];
      const external: string[] = [];
      for (const spec of specifiers(path, readFileSync(path, "utf8"))) {
        if (spec.startsWith(".")) {
          const target = resolveLocal(path, spec);
          if (target === null) unresolved.push(`${file} → ${spec}`);
          else local.push(target);
        } else external.push(spec);
      }
      edges.set(file, local);
      packages.set(file, external);
    }
  }
  return { edges, packages, unresolved };
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return found;
}

const folderOf = (file: string): Folder => file.split("/")[0] as Folder;

describe("architecture: imports", () => {
  const graph = importGraph();

  it("finds every module a relative import names", () => {
    expect(graph.edges.size).toBeGreaterThan(100);
    expect(graph.unresolved).toEqual([]);
  });

  it("has no import cycle in core, cli, the add-ins or the panel", () => {
    expect(cycles(graph.edges)).toEqual([]);
  });

  it("the cycle finder sees a cycle when there is one", () => {
    const edges = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["d"]], ["e", ["a"]]]);
    expect(cycles(edges)).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("each folder imports only the folders its role allows (core nothing; adapters the core and the panel they host)", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph.edges) {
      const from = folderOf(file);
      for (const target of targets) {
        if (!target.endsWith(".ts")) continue;
        const to = folderOf(target);
        if (to !== from && !ALLOWED[from].includes(to)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the core imports no package and no Node built-in (a library would ship in every bundle)", () => {
    const wrong: string[] = [];
    for (const [file, specs] of graph.packages) if (folderOf(file) === "core") for (const spec of specs) wrong.push(`${file} → ${spec}`);
    expect(wrong).toEqual([]);
  });
});

describe("architecture: room sizes", () => {
  it(`no hand-written source file is above ${MAX_LINES} lines`, () => {
    const big: string[] = [];
    for (const folder of FOLDERS) {
      for (const path of sourceFiles(join(ROOT, folder))) {
        const lines = readFileSync(path, "utf8").split("\n").length;
        if (lines > MAX_LINES) big.push(`${relative(ROOT, path)}: ${lines} lines`);
      }
    }
    expect(big).toEqual([]);
  });
});

/**
 * Which requirement set each Office.js API the add-in's code uses belongs to, read from the
 * `[Api set: ExcelApi 1.9]` annotations of @types/office-js and @types/custom-functions-runtime
 * with the TypeScript checker (so the table is the typings', never kept by hand). An API used
 * inside `if (….isSetSupported("ExcelApi", "1.16"))` counts as guarded by that set.
 */
import ts from "typescript";
import { ROOT } from "../helpers";

export interface ApiUse {
  file: string;
  line: number;
  api: string;
  /** The set and the highest version its annotation names ("ExcelApi 1.1 for get, 1.2 for set" → 1.2). */
  set: string;
  version: string;
  /** The set and version an enclosing isSetSupported check guarantees, if any. */
  guard: { set: string; version: string } | null;
}

const ANNOTATION = /\[\s*Api set:\s*([A-Za-z]+)\s+([^\]]*)\]/;

function annotation(decl: ts.Declaration): { set: string; version: string } | null {
  const text = ts
    .getJSDocCommentsAndTags(decl)
    .map((d) => d.getText())
    .join("\n");
  const m = ANNOTATION.exec(text);
  if (!m) return null;
  const versions = [...(m[2] ?? "").matchAll(/\d+\.\d+/g)].map((v) => v[0]);
  const version = versions.sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]) || Number(a.split(".")[0]) - Number(b.split(".")[0])).at(-1) ?? "1.1";
  return { set: m[1] as string, version };
}

function guardOf(node: ts.Node): { set: string; version: string } | null {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isIfStatement(n) && node.pos >= n.thenStatement.pos && node.end <= n.thenStatement.end) {
      const m = /isSetSupported\(\s*"([A-Za-z]+)"\s*,\s*"([\d.]+)"\s*\)/.exec(n.expression.getText());
      if (m) return { set: m[1] as string, version: m[2] as string };
    }
  }
  return null;
}

/** Every use of an annotated Office.js member in the given source files. */
export function apiUses(files: readonly string[]): ApiUse[] {
  const config = ts.readConfigFile(`${ROOT}tsconfig.excel.json`, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(files.map((f) => `${ROOT}${f}`), parsed.options);
  const checker = program.getTypeChecker();
  const out: ApiUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(`${ROOT}${file}`);
    if (!source) throw new Error(`no source ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          const from = decl.getSourceFile().fileName;
          if (!/@types\/(office-js|custom-functions-runtime)\//.test(from)) continue;
          const a = annotation(decl);
          if (!a) continue;
          const parent = decl.parent && (ts.isClassDeclaration(decl.parent) || ts.isInterfaceDeclaration(decl.parent) || ts.isEnumDeclaration(decl.parent)) ? decl.parent.name?.text : "";
          out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, api: `${parent}.${node.name.text}`, ...a, guard: guardOf(node) });
          break;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

// No limits from the call stack (issue 9): a spread into a call's arguments (`Math.max(...x)`,
// `rows.push(...x)`, `f(...rows)`) puts every element on the stack and throws a RangeError past
// ~125,000 of them, so the sources of core/ and cli/ may not spread into a call unless the line
// says why the spread is small with a `// bounded:` comment. Read with the TypeScript parser, so
// a spread in a string or a comment is no spread and one over several lines is still found.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, SOURCE_FOLDERS, sourceFiles } from "../helpers";


/** Spreads into call or `new` arguments in a source text, as `line: text`, except on lines marked `// bounded:`. */
function unboundedSpreads(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split("\n");
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const at = lines[line] ?? "";
      if (!/\/\/ bounded: \S/.test(at)) found.push(`${line + 1}: ${at.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no unbounded spread into a call", () => {
  it("the check finds what it must and only that", () => {
    const text = [
      "const a = Math.max(...xs);",
      "rows.push(...more);",
      "f(1, ...rows);",
      "new Set(...args);",
      "const m = Math.min(",
      "  ...values,",
      ");",
      "const ok = [...xs, ...ys];",
      "const o = { ...settings };",
      'const s = "Math.max(...x)"; // Math.max(...x)',
      "function g(...rest: number[]) { return rest; }",
      "const b = Math.max(...[1, 2, 3]); // bounded: three literals",
      "const c = Math.max(...xs); // bounded:",
    ].join("\n");
    expect(unboundedSpreads("x.ts", text)).toEqual([
      "1: const a = Math.max(...xs);",
      "2: rows.push(...more);",
      "3: f(1, ...rows);",
      "4: new Set(...args);",
      "6: ...values,",
      "13: const c = Math.max(...xs); // bounded:",
    ]);
  });

  it.each(SOURCE_FOLDERS)("%s/ has none", (folder) => {
    const found: string[] = [];
    for (const file of sourceFiles(join(ROOT, folder))) {
      for (const spread of unboundedSpreads(file, readFileSync(file, "utf8"))) found.push(`${relative(ROOT, file)}:${spread}`);
    }
    expect(found).toEqual([]);
  });
});

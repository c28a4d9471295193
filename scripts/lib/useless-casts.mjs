// Casts that do nothing (issue 12): `x as T` or `<T>x` where x already has exactly the type T, and
// non-null assertions `x!` on an x that cannot be null or undefined. Run by `npm run typecheck` over
// each project's own sources (not tests, which may cast for clarity). Prints `file:line  text`
// and exits 1 when it finds one.
import ts from "typescript";
import { dirname, relative } from "node:path";

export function uselessCasts(configPath, root, include = /^(core|cli|excel-addin|sheets-addon|panel)\//) {
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const found = [];
  for (const source of program.getSourceFiles()) {
    const file = relative(root, source.fileName);
    if (!include.test(file) || file.endsWith(".d.ts")) continue;
    const visit = (node) => {
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isConst(node.type)) {
        const from = checker.getTypeAtLocation(node.expression);
        const to = checker.getTypeFromTypeNode(node.type);
        if (from === to && !(from.flags & ts.TypeFlags.Any)) found.push(at(source, node, file));
      } else if (ts.isNonNullExpression(node)) {
        const t = checker.getTypeAtLocation(node.expression);
        if (!(t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) && checker.getNonNullableType(t) === t) found.push(at(source, node, file));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const isConst = (type) => ts.isTypeReferenceNode(type) && type.typeName.getText() === "const";

function at(source, node, file) {
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  return `${file}:${line}  ${node.getText(source).slice(0, 100)}`;
}

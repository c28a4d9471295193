/**
 * What a built script uses that is newer than ES2020, from its parsed source: the hosts' floor for
 * Code.js (Apps Script's V8) and Excel's functions.js and taskpane.js (test/sheets/host-rules.test.ts,
 * test/excel/host-rules-webviews.test.ts). An ES2020 build rewrites newer syntax but never library
 * calls (Object.hasOwn got through once), so both are looked for.
 */
import ts from "typescript";

/** Library members newer than ES2020 (ES2021: replaceAll; ES2022: hasOwn, at; ES2023: findLast…, toSorted…; ES2024: groupBy, withResolvers, isWellFormed…). */
const NEWER_METHODS = new Set(["hasOwn", "replaceAll", "at", "findLast", "findLastIndex", "toSorted", "toReversed", "toSpliced", "groupBy", "withResolvers", "fromAsync", "isWellFormed", "toWellFormed"]);
/** Globals newer than ES2020 (ES2021: WeakRef, FinalizationRegistry, AggregateError) and structuredClone (HTML, not ECMAScript; no Apps Script). */
const NEWER_GLOBALS = new Set(["structuredClone", "WeakRef", "FinalizationRegistry", "AggregateError"]);
const LOGICAL_ASSIGNMENT = [ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken];

export interface EsFloor {
  /** What is newer than ES2020, one line each (empty when the script keeps to ES2020). */
  newer: string[];
  /** How many `?.` and `??` it has: ES2020 itself, so the floor is not lower. */
  optionalChain: number;
  nullish: number;
}

export function es2020Floor(file: string, text: string): EsFloor {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: EsFloor = { newer: [], optionalChain: 0, nullish: 0 };
  const snippet = (node: ts.Node): string => node.getText(source).slice(0, 40);
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.QuestionDotToken) found.optionalChain++;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) found.nullish++;
    if (ts.isBinaryExpression(node) && LOGICAL_ASSIGNMENT.includes(node.operatorToken.kind)) found.newer.push(`logical assignment ${snippet(node)}`);
    if (ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node) || ts.isPrivateIdentifier(node)) found.newer.push(`class syntax ${snippet(node)}`);
    if (ts.isNumericLiteral(node) && node.getText(source).includes("_")) found.newer.push(`numeric separator ${node.getText(source)}`);
    if (ts.isRegularExpressionLiteral(node) && /[dv]/.test(node.text.slice(node.text.lastIndexOf("/") + 1))) found.newer.push(`regular expression flag ${snippet(node)}`);
    if (ts.isPropertyAccessExpression(node) && NEWER_METHODS.has(node.name.text)) found.newer.push(`method ${snippet(node)}`);
    if (ts.isIdentifier(node) && NEWER_GLOBALS.has(node.text)) found.newer.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

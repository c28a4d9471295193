/**
 * A small reader of the formulas the tests and the add-on write: function calls (nested), A1
 * references (open-ended too: "C2:C"), numbers, strings and array literals ({30,15,25} / {1;2}).
 */
export type Expr =
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "ref"; sheet: string | null; a1: string }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "array"; rows: Expr[][] }
  | { kind: "omitted" };

export function parseFormula(formula: string): Expr {
  const text = formula.trim().replace(/^=/, "");
  let i = 0;
  const ws = () => {
    while (text[i] === " ") i++;
  };
  const fail = (what: string): never => {
    throw new Error(`cannot read formula ${formula}: ${what} at ${i}`);
  };
  function expr(): Expr {
    ws();
    const ch = text[i];
    if (ch === undefined || ch === "," || ch === ")" || ch === ";" || ch === "}") return { kind: "omitted" };
    if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (i >= text.length) fail("open string");
        if (text[i] === '"' && text[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else s += text[i++];
      }
      return { kind: "string", value: s };
    }
    if (ch === "{") {
      i++;
      const rows: Expr[][] = [[]];
      for (;;) {
        (rows[rows.length - 1] as Expr[]).push(expr());
        ws();
        const sep = text[i++];
        if (sep === "}") break;
        if (sep === ";") rows.push([]);
        else if (sep !== ",") fail("array literal");
      }
      return { kind: "array", rows };
    }
    const num = /^-?\d+(\.\d+)?%?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      const n = Number(num[0].replace("%", ""));
      return { kind: "number", value: num[0].endsWith("%") ? n / 100 : n };
    }
    const word = /^(?:'[^']+'!|[A-Za-z0-9_ ]+!)?[A-Za-z_$][A-Za-z0-9_.$]*(?::\$?[A-Za-z]*\$?\d*)?/.exec(text.slice(i))?.[0];
    if (!word) return fail("unexpected character");
    i += word.length;
    ws();
    if (text[i] === "(" && !word.includes(":") && !word.includes("!")) {
      i++;
      const args: Expr[] = [];
      ws();
      if (text[i] === ")") i++;
      else {
        for (;;) {
          args.push(expr());
          ws();
          const sep = text[i++];
          if (sep === ")") break;
          if (sep !== ",") fail("argument list");
        }
      }
      return { kind: "call", name: word.toUpperCase(), args };
    }
    const bang = word.lastIndexOf("!");
    const sheet = bang >= 0 ? word.slice(0, bang).replace(/^'|'$/g, "") : null;
    return { kind: "ref", sheet, a1: word.slice(bang + 1) };
  }
  const e = expr();
  ws();
  if (i !== text.length) fail("trailing text");
  return e;
}

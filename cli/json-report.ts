/**
 * `grade --json` written in pieces: SPEC §10's JSON byte for byte as `JSON.stringify(toJson(p),
 * null, 2)` writes it, each client made and written in turn, so the report of 200,000 clients is
 * never one string of 130 MB, nor 200,000 objects at once (issue 10).
 */
import type { Portfolio } from "../core/portfolio";
import { clientToJson, toJson } from "../core/report";

/** The pieces are about this many characters. */
const PIECE = 1 << 16;

/** A value's JSON (two-space indent) with every line after the first indented by `pad`. */
const nested = (value: unknown, pad: string) => (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${pad}`);

/** The report's JSON, line by line. */
function* jsonLines(p: Portfolio): Generator<string> {
  yield "{";
  const rest = toJson({ ...p, clients: [] });
  const keys = Object.keys(rest) as (keyof typeof rest)[];
  for (const [k, key] of keys.entries()) {
    const comma = k < keys.length - 1 ? "," : "";
    if (key !== "clients" || p.clients.length === 0) {
      yield `  ${JSON.stringify(key)}: ${nested(rest[key], "  ")}${comma}`;
      continue;
    }
    yield `  "clients": [`;
    const client = clientToJson(p);
    const n = p.clients.length;
    for (let i = 0; i < n; i++) yield `    ${nested(client(p.clients[i] as Portfolio["clients"][number]), "    ")}${i < n - 1 ? "," : ""}`;
    yield `  ]${comma}`;
  }
  yield "}";
}

/** The report's JSON in pieces of whole lines, each without its last line break (as `Io.out` takes a line). */
export function* jsonReportPieces(p: Portfolio): Generator<string> {
  let piece: string | null = null;
  for (const line of jsonLines(p)) {
    if (piece === null) piece = line;
    else if (piece.length >= PIECE) {
      yield piece;
      piece = line;
    } else piece += `\n${line}`;
  }
  if (piece !== null) yield piece;
}

/**
 * `grade --json` written in pieces: SPEC §10's JSON byte for byte as `JSON.stringify(toJson(p),
 * null, 2)` writes it, the clients made and written a few hundred at a time, so the report of
 * 200,000 clients is never one string of 130 MB, nor 200,000 objects at once (issue 10).
 */
import type { Portfolio } from "../core/portfolio";
import { reportBeyondClients, type JsonReport } from "../core/report";

/** Clients stringified at a time. */
const BATCH = 256;

/** How `JSON.stringify({ clients }, null, 2)` writes around the clients. */
const HEAD = '{\n  "clients": [\n';
const TAIL = "\n  ]\n}";

/** The report's JSON in pieces of whole lines, each without its last line break (as `Io.out` takes a line). */
export function* jsonReportPieces(p: Portfolio): Generator<string> {
  // Not `toJson`: its clients are every client at once.
  const rest: JsonReport = { clients: [], ...reportBeyondClients(p) };
  const keys = Object.keys(rest) as (keyof typeof rest)[];
  const n = p.summary.clients;
  let lines = ["{"];
  for (const [k, key] of keys.entries()) {
    const comma = k < keys.length - 1 ? "," : "";
    if (key !== "clients" || n === 0) {
      // Nested one level: every line after the first indented by two more spaces.
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(rest[key], null, 2).replace(/\n/g, "\n  ")}${comma}`);
      continue;
    }
    lines.push(`  "clients": [`);
    yield lines.join("\n");
    lines = [];
    // Each batch as the clients of `{ clients }`: nested as in the report, with the commas between them.
    for (let i = 0; i < n; i += BATCH) {
      const json = JSON.stringify({ clients: p.jsonClients(i, i + BATCH) }, null, 2);
      const middle = json.slice(HEAD.length, json.length - TAIL.length);
      yield i + BATCH < n ? `${middle},` : middle;
    }
    lines.push(`  ]${comma}`);
  }
  lines.push("}");
  yield lines.join("\n");
}

// docs/excel.md names every function in both hosts' spelling, from the one table.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { FUNCTIONS } from "../../core/functions";
import { ROOT } from "../helpers";

it("docs/excel.md lists every function as KAM_NAME (Sheets) and KAM.NAME (Excel), with its parameters", () => {
  const doc = readFileSync(`${ROOT}docs/excel.md`, "utf8");
  for (const f of FUNCTIONS) {
    const params = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    expect(doc).toContain(`| \`KAM_${f.name}(${params})\` | \`KAM.${f.name}(…)\` |`);
  }
  const rows = doc.split("\n").filter((l) => /^\| `KAM_[A-Z_]+\(/.test(l));
  expect(rows).toHaveLength(FUNCTIONS.length);
});

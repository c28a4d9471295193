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

it("docs/excel.md has Microsoft's current sideloading steps, the certificate's 30 days, the self-test first and validate's need of the internet", () => {
  const doc = readFileSync(`${ROOT}docs/excel.md`, "utf8");
  // Web: Home ▸ Add-ins ▸ More Settings ▸ Upload My Add-in (learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing).
  expect(doc).toMatch(/\*\*Home ▸ Add-ins\*\*, then \*\*More Settings\*\*[\s\S]*\*\*Upload My Add-in\*\*/);
  expect(doc).not.toMatch(/More Add-ins/);
  // Windows: Trusted Add-in Catalogs, then Home ▸ Add-ins ▸ Advanced ▸ SHARED FOLDER.
  expect(doc).toMatch(/Trusted Add-in Catalogs[\s\S]*\*\*Home ▸ Add-ins ▸ Advanced\*\*, choose \*\*SHARED FOLDER\*\*/);
  // Mac: the wef folder.
  expect(doc).toContain("/Users/<username>/Library/Containers/com.microsoft.Excel/Data/Documents/wef");
  expect(doc).toMatch(/valid for 30 days/);
  expect(doc).toMatch(/office-addin-dev-certs verify/);
  expect(doc).toMatch(/npm run validate[\s\S]*needs the internet/);
  expect(doc).toMatch(/## The self-test: click it first/);
});

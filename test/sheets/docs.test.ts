// docs/sheets.md tells the current Google steps (Test Editor add-ons, Publish an add-on) and no
// longer claims what Sheets does not do.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { ROOT } from "../helpers";

const doc = readFileSync(`${ROOT}docs/sheets.md`, "utf8");

it("the test deployment has every step of Google's page, the self-test comes first", () => {
  for (const step of ["*Deploy ▸ Test deployments*", "*Enable deployment types*", "**Editor add-on**", "**Latest code**", "**Config**", "*No document selected*", "*Insert*", "*Save test*", "**Execute**"]) expect(doc, step).toContain(step);
  expect(doc).toMatch(/First thing after installing: Extensions ▸ KAM Portfolio ▸ Run self-test/);
});

it("the publishing checklist: permanent visibility, a standard Cloud project, the OAuth consent screen, a version, the Marketplace SDK", () => {
  for (const item of ["cannot be changed once saved", "standard Google Cloud project", "OAuth consent screen", "versioned deployment", "Google Workspace Marketplace SDK", "App Configuration", "never *New deployment*"]) expect(doc, item).toContain(item);
});

it("says each custom-function cell is its own execution, not one run sharing a cache", () => {
  expect(doc).not.toMatch(/in one run of the script/);
  expect(doc).toContain("Sheets makes a separate call to the Apps Script server");
});

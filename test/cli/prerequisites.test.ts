// What `npm test` needs beyond npm (README "Quick start"): Chromium for the panel suites,
// LibreOffice and poppler for the workbook suite. A suite without them fails with one line saying
// which program is missing and how to get it, the same way the README says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findProgram, INSTALL_PROGRAMS, requireProgram, ROOT } from "../helpers";

describe("the programs some suites need", () => {
  it("a missing one is named, with how to install it", () => {
    expect(() => requireProgram("kam-no-such-program", "LibreOffice (soffice)")).toThrow(
      `LibreOffice (soffice) is not installed (no kam-no-such-program): this suite needs it. Install it: ${INSTALL_PROGRAMS}`,
    );
    expect(() => requireProgram("/nowhere/chromium", "Chromium")).toThrow(/^Chromium is not installed \(no \/nowhere\/chromium\)/);
  });

  it("one that is there is found, by path or on PATH", () => {
    expect(requireProgram(process.execPath, "node")).toBe(process.execPath);
    expect(findProgram("sh")).toMatch(/\/sh$/);
  });

  it("the README gives the same install line, and .ci/run installs the same packages", () => {
    const packages = /apt-get install -y (.*?) \(/.exec(INSTALL_PROGRAMS)?.[1] as string;
    expect(readFileSync(`${ROOT}README.md`, "utf8")).toContain(`sudo apt-get install -y ${packages}`);
    const ci = readFileSync(`${ROOT}.ci/run`, "utf8");
    for (const p of packages.split(" ")) expect(ci).toContain(p);
  });
});

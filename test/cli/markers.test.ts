// The file command's markers and settings (cli/xlsx/markers.ts over core/markers.ts): outputs of
// the earlier `_KAM.*` convention rebuild in place and come out with the shared `KAM_*` names;
// settings past 255 characters are written as numbered pieces, read back, and shrink cleanly.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { readCustomProperties, readSavedSettings, writeSavedSettings } from "../../cli/xlsx/markers";
import { CONTENT_TYPE, OoxmlPackage, REL } from "../../cli/xlsx/package";
import { PROPERTY_MAX_CHARS, SETTINGS_PROPERTY, settingsDelta } from "../../core/markers";
import { resolveSettings } from "../../core/settings";
import { CUSTOM_PROPS, simpleWorkbook } from "../fixtures/workbooks";
import { definedNames, grid, openXlsx, sheetCells, tableRows, type Xlsx } from "../fixtures/xlsx";

const dir = mkdtempSync(join(tmpdir(), "kam-markers-"));

async function build(input: string, out: string, today: string, ...more: string[]): Promise<Xlsx> {
  const err: string[] = [];
  const code = await main(["build", input, "--out", out, "--today", today, ...more], { out: () => undefined, err: (s) => err.push(s) });
  expect(err.join("\n")).toBe("");
  expect(code).toBe(0);
  return openXlsx(readFileSync(out));
}

/** A workbook.xml's defined names as the file command wrote them before the shared convention. */
function toLegacyNames(workbookXml: string): string {
  return workbookXml
    .replace(/<definedName name="KAM_HistoryLast"[^>]*>[^<]*<\/definedName>/, "")
    .replace(/<definedName name="KAM_Portfolio"([^>]*)>([^!<]*)![^<]*<\/definedName>/, `<definedName name="_KAM.Portfolio"$1>$2!$$A$$1</definedName>`)
    .replace(/<definedName name="KAM_History"([^>]*)>([^!<]*)![^<]*<\/definedName>/, `<definedName name="_KAM.History"$1>$2!$$A$$1</definedName>`)
    .replace(/<definedName name="KAM_Matrix"/, `<definedName name="_KAM.Matrix"`);
}

describe("outputs of the earlier convention (_KAM.* names)", () => {
  it("rebuild in place: the same tab, matrix columns and history, movement shown, new names only", async () => {
    const config = join(dir, "kam.json");
    writeFileSync(config, JSON.stringify({ gradeAMin: 70 }));
    const first = join(dir, "old.kam.xlsx");
    const x1 = await build("examples/clients.csv", first, "2026-11-22", "--config", config);
    // Turn the output into what the earlier command wrote, and check it did.
    x1.zip.file("xl/workbook.xml", toLegacyNames(x1.workbookXml));
    const legacy = join(dir, "legacy.kam.xlsx");
    writeFileSync(legacy, await x1.zip.generateAsync({ type: "nodebuffer" }));
    const old = definedNames((await openXlsx(readFileSync(legacy))).workbookXml);
    expect(old.filter((n) => /KAM/.test(n.name)).map((n) => [n.name, n.local, n.formula]).sort()).toEqual([
      ["_KAM.History", null, "'KAM History'!$A$1"],
      ["_KAM.Matrix", "0", "clients!$N$1:$V$1"],
      ["_KAM.Portfolio", null, "'KAM Portfolio'!$A$1"],
    ]);

    const x2 = await build(legacy, join(dir, "legacy2.kam.xlsx"), "2027-02-22");
    expect(x2.sheets.map((s) => [s.name, s.state])).toEqual([["clients", "visible"], ["KAM Portfolio", "visible"], ["KAM History", "hidden"]]);
    const names = definedNames(x2.workbookXml).filter((n) => /KAM/.test(n.name));
    expect(names.map((n) => [n.name, n.local, n.hidden, n.formula]).sort()).toEqual([
      ["KAM_History", null, true, "'KAM History'!$A$1:$E$85"],
      ["KAM_HistoryLast", null, true, "'KAM History'!$A$44:$E$85"],
      ["KAM_Matrix", "0", true, "clients!$N$1:$V$1"],
      ["KAM_Portfolio", null, true, "'KAM Portfolio'!$A$1"],
    ]);
    // The matrix went into the same columns (none added right of them).
    const data = grid(await sheetCells(x2, "clients"));
    expect(data.get(1)?.get(14)).toBe("KAM revenue rating");
    expect(data.get(1)?.get(23)).toBeUndefined();
    // History appended; every client compared with the earlier build; the saved settings used.
    expect(grid(await sheetCells(x2, "KAM History")).size).toBe(1 + 42 + 42);
    const table = tableRows(await sheetCells(x2, "KAM Portfolio"));
    expect(table).toHaveLength(42);
    expect(table.every((r) => r.Movement === "=" && r["Previous grade"] === r.Grade)).toBe(true);
    expect(grid(await sheetCells(x2, "KAM Portfolio")).get(3)?.get(1)).toMatch(/grade A ≥ 70/);
  });

  it("a sheet with both a legacy and a current matrix name uses the current one", async () => {
    const first = join(dir, "both.kam.xlsx");
    const x1 = await build("examples/clients.csv", first, "2026-11-22");
    // An old name left pointing elsewhere (columns X:AF) next to the current one (N:V).
    x1.zip.file("xl/workbook.xml", x1.workbookXml.replace("</definedNames>", `<definedName name="_KAM.Matrix" localSheetId="0" hidden="1">clients!$X$1:$AF$1</definedName></definedNames>`));
    const both = join(dir, "both-names.kam.xlsx");
    writeFileSync(both, await x1.zip.generateAsync({ type: "nodebuffer" }));
    const x2 = await build(both, join(dir, "both2.kam.xlsx"), "2026-11-23");
    const names = definedNames(x2.workbookXml).filter((n) => /Matrix/.test(n.name));
    expect(names.map((n) => [n.name, n.formula])).toEqual([["KAM_Matrix", "clients!$N$1:$V$1"]]);
    expect(grid(await sheetCells(x2, "clients")).get(1)?.get(14)).toBe("KAM revenue rating");
  });
});

describe("settings in docProps/custom.xml", () => {
  const long = resolveSettings({
    gradeAMin: 70,
    gradeBMin: 40,
    weights: { revenue: 40, profitability: 20, strategic: 20, wallet: 10, pain: 10 },
    budget: { A: 50, B: 35, C: 15 },
    mapping: { client: "Client", industry: "Industry", revenue: "Annual Revenue", margin: "Gross Margin %", wallet: "Share of Wallet", strategic: "Strategic Value", pain: "Pain", review: "Last Review" },
  });

  it("past 255 characters: numbered pieces, read back whole; a shorter save removes the pieces it no longer needs", async () => {
    const pkg = await OoxmlPackage.open(await simpleWorkbook([["Client", "Revenue"], ["A", 1]]));
    await writeSavedSettings(pkg, long);
    const reopened = await OoxmlPackage.open(await pkg.generate());
    const props = await readCustomProperties(reopened);
    const ours = [...props.keys()].filter((k) => k.startsWith(SETTINGS_PROPERTY));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    expect(ours).toEqual(ours.map((_, i) => (i === 0 ? SETTINGS_PROPERTY : `${SETTINGS_PROPERTY}.${i + 1}`)));
    for (const k of ours) expect((props.get(k) as string).length).toBeLessThanOrEqual(PROPERTY_MAX_CHARS);
    expect(await readSavedSettings(reopened)).toEqual(settingsDelta(long));

    await writeSavedSettings(reopened, resolveSettings({ gradeAMin: 65 }));
    const again = await OoxmlPackage.open(await reopened.generate());
    expect([...(await readCustomProperties(again)).entries()].filter(([k]) => k.startsWith(SETTINGS_PROPERTY))).toEqual([[SETTINGS_PROPERTY, `{"gradeAMin":65}`]]);
  });

  it("keeps the owner's own custom properties", async () => {
    const pkg = await OoxmlPackage.open(await simpleWorkbook([["Client", "Revenue"], ["A", 1]]));
    pkg.set("docProps/custom.xml", CUSTOM_PROPS);
    await pkg.addRel("", REL.customProperties, "docProps/custom.xml");
    await pkg.setContentType("docProps/custom.xml", CONTENT_TYPE.customProperties);
    await writeSavedSettings(pkg, long);
    const props = await readCustomProperties(await OoxmlPackage.open(await pkg.generate()));
    expect(props.get("Department")).toBe("Sales & Marketing");
    expect(props.has(SETTINGS_PROPERTY)).toBe(true);
  });

  it("settings saved in the workbook that are not a JSON object stop the build with one line naming the property", async () => {
    const pkg = await OoxmlPackage.open(await simpleWorkbook([["Client", "Revenue"], ["A", 1]]));
    pkg.set("docProps/custom.xml", CUSTOM_PROPS.replace("</Properties>", `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="${SETTINGS_PROPERTY}"><vt:lpwstr>not json</vt:lpwstr></property></Properties>`));
    await pkg.addRel("", REL.customProperties, "docProps/custom.xml");
    await pkg.setContentType("docProps/custom.xml", CONTENT_TYPE.customProperties);
    const input = join(dir, "bad-settings.xlsx");
    writeFileSync(input, await pkg.generate());
    for (const command of ["grade", "build"]) {
      const err: string[] = [];
      const code = await main([command, input, "--out", join(dir, "bad-settings.kam.xlsx")].slice(0, command === "grade" ? 2 : 4), { out: () => undefined, err: (x) => err.push(x) });
      expect(code).toBe(1);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/bad setting: settings: must be a JSON object \(saved in the workbook's document property KAMPortfolio\.settings: fix or delete it\)/);
    }
  });

  it("a build with long settings from --config saves them and the next build uses them", async () => {
    const config = join(dir, "long.json");
    writeFileSync(config, JSON.stringify(settingsDelta(long)));
    const first = join(dir, "long.kam.xlsx");
    await build("examples/clients.csv", first, "2026-11-22", "--config", config);
    const pkg = await OoxmlPackage.open(readFileSync(first));
    expect([...(await readCustomProperties(pkg)).keys()].filter((k) => k.startsWith(SETTINGS_PROPERTY)).length).toBeGreaterThanOrEqual(2);
    const x2 = await build(first, join(dir, "long2.kam.xlsx"), "2026-11-23");
    const line = grid(await sheetCells(x2, "KAM Portfolio")).get(3)?.get(1);
    expect(line).toMatch(/^Settings: weights revenue 40 /);
    expect(line).toMatch(/grade A ≥ 70, B ≥ 40; budget 50\/35\/15/);
  });
});

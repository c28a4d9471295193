// core/markers.ts: the one convention for what a workbook marks as ours and how it keeps the
// settings — the defined names, the history ranges, the settings property split past 255
// characters and put back together.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  historyMarks,
  isSettingsProperty,
  MARKER_NAMES,
  PROPERTY_MAX_CHARS,
  SETTINGS_PROPERTY,
  settingsDelta,
  settingsFromProperties,
  settingsProperties,
  splitText,
} from "../../core/markers";
import { DEFAULT_SETTINGS, resolveSettings } from "../../core/settings";

/** Excel's rule for a defined name: a letter or underscore first, then letters, digits, _ and .; never a cell reference. */
function validExcelName(n: string): boolean {
  if (n.length === 0 || n.length > 255) return false;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(n)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(n)) return false; // A1 style
  if (/^[RrCc]$/.test(n) || /^[Rr]\d*[Cc]\d*$/.test(n)) return false; // R1C1 style
  return true;
}

describe("marker names", () => {
  it("are valid Excel names, distinct even ignoring case", () => {
    const names = Object.values(MARKER_NAMES);
    for (const n of names) expect(validExcelName(n), n).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    // (and the check itself refuses what Excel refuses)
    for (const bad of ["KAM1", "R1C1", "1KAM", "KAM Portfolio", "C", ""]) expect(validExcelName(bad), bad).toBe(false);
  });
});

describe("historyMarks", () => {
  it.each([
    // last row before, rows added → KAM_History rows, KAM_HistoryLast first row and rows
    [1, 42, 43, 2, 42],
    [43, 42, 85, 44, 42],
    [85, 1, 86, 86, 1],
  ])("after row %i, %i rows: history A1:E%i, last from row %i for %i rows", (lastRow, added, rows, lastFirst, lastRows) => {
    expect(historyMarks(lastRow, added)).toEqual({
      history: { row: 1, col: 1, rows, cols: 5 },
      last: { row: lastFirst, col: 1, rows: lastRows, cols: 5 },
    });
  });

  it("a build of no clients keeps the history as it was and names no last snapshot", () => {
    expect(historyMarks(43, 0)).toEqual({ history: { row: 1, col: 1, rows: 43, cols: 5 }, last: null });
    expect(historyMarks(0, 0)).toEqual({ history: { row: 1, col: 1, rows: 1, cols: 5 }, last: null });
  });
});

describe("settingsDelta", () => {
  it("is empty for the defaults and holds only what differs", () => {
    expect(settingsDelta(DEFAULT_SETTINGS)).toEqual({});
    expect(settingsDelta(resolveSettings({ gradeAMin: 70, mapping: { client: "Customer" } }))).toEqual({ gradeAMin: 70, mapping: { client: "Customer" } });
  });

  it("compares objects by value, not by key order", () => {
    const s = resolveSettings({ weights: { pain: 10, wallet: 15, strategic: 20, profitability: 25, revenue: 30 } });
    expect(settingsDelta(s)).toEqual({});
    expect(settingsDelta(resolveSettings({ weights: { pain: 20, wallet: 5, strategic: 20, profitability: 25, revenue: 30 } }))).toHaveProperty("weights");
  });
});

describe("splitText", () => {
  it("keeps short text whole, and the empty text as one empty piece", () => {
    expect(splitText("{}")).toEqual(["{}"]);
    expect(splitText("")).toEqual([""]);
    expect(splitText("x".repeat(PROPERTY_MAX_CHARS))).toHaveLength(1);
    expect(splitText("x".repeat(PROPERTY_MAX_CHARS + 1))).toEqual(["x".repeat(PROPERTY_MAX_CHARS), "x"]);
  });

  it("never splits a surrogate pair", () => {
    const text = "a" + "😀".repeat(300);
    const pieces = splitText(text);
    expect(pieces.join("")).toBe(text);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(PROPERTY_MAX_CHARS);
      expect(Array.from(p).join("")).toBe(p);
      expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
      expect(/^[\uDC00-\uDFFF]/.test(p)).toBe(false);
    }
  });

  it("cuts between two characters that are not white space when it can", () => {
    const text = `${"word ".repeat(120)}end`;
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(text);
    for (const p of pieces) expect(p).toBe(p.trim());
    // A run of spaces longer than a piece has to be cut inside.
    const spaces = `a${" ".repeat(600)}b`;
    expect(splitText(spaces).join("")).toBe(spaces);
  });

  it("for any text: the pieces put back are the text, each at most the limit (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 900 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const pieces = splitText(text, max);
        expect(pieces.join("")).toBe(text);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
        for (const p of pieces.slice(0, -1)) {
          expect(p.length).toBeGreaterThan(0);
          expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("settings as custom properties", () => {
  it("the defaults are one property holding {}", () => {
    expect(settingsProperties(DEFAULT_SETTINGS)).toEqual([{ name: SETTINGS_PROPERTY, value: "{}" }]);
  });

  it("past 255 characters: KAMPortfolio.settings, .2, .3 … each at most 255, read back as the same settings", () => {
    const s = resolveSettings({
      gradeAMin: 70,
      weights: { revenue: 40, profitability: 20, strategic: 20, wallet: 10, pain: 10 },
      mapping: { client: "Kunde – Firmenname (rechtlich) 😀", revenue: "Umsatz letzte 12 Monate in EUR", margin: "Deckungsbeitrag %", strategic: "Strategische Bedeutung", pain: "Leidensdruck", wallet: "Share of wallet (geschätzt)" },
    });
    const props = settingsProperties(s);
    expect(props.length).toBeGreaterThanOrEqual(2);
    expect(props.map((p) => p.name)).toEqual(props.map((_, i) => (i === 0 ? SETTINGS_PROPERTY : `${SETTINGS_PROPERTY}.${i + 1}`)));
    for (const p of props) expect(p.value.length).toBeLessThanOrEqual(PROPERTY_MAX_CHARS);
    const back = settingsFromProperties(props.map((p) => [p.name, p.value] as const));
    expect(back).toEqual(settingsDelta(s));
    expect(resolveSettings(back)).toEqual(s);
  });

  it("reads names in any case (Office compares them so), in order, and stops at the first missing piece", () => {
    const props: [string, string][] = [
      ["kamportfolio.SETTINGS.2", `"gradeAMin":7`],
      ["Department", "Sales"],
      ["KAMPORTFOLIO.settings", "{"],
      ["KAMPortfolio.settings.3", "0}"],
      ["KAMPortfolio.settings.5", "garbage"],
    ];
    expect(settingsFromProperties(props)).toEqual({ gradeAMin: 70 });
  });

  it("gives null without the property, and the text itself when it is not JSON (for the validator to name)", () => {
    expect(settingsFromProperties([["Department", "Sales"]])).toBeNull();
    expect(settingsFromProperties(new Map([[SETTINGS_PROPERTY, "{not json"]]))).toBe("{not json");
    expect(settingsFromProperties([[SETTINGS_PROPERTY, 42]])).toBe(42);
  });

  it("knows its own pieces and nothing else", () => {
    for (const n of [SETTINGS_PROPERTY, "kamportfolio.settings", "KAMPortfolio.settings.2", "KAMPortfolio.settings.12"]) expect(isSettingsProperty(n), n).toBe(true);
    for (const n of ["KAMPortfolio.settings.", "KAMPortfolio.settings.0", "KAMPortfolio.settings.x", "KAMPortfolio.settingsX", "Department", "kam-portfolio.settings"]) expect(isSettingsProperty(n), n).toBe(false);
  });
});

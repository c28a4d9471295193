// "Save settings" (core/use-cases/save-settings.ts): validated, then saved; a bad one writes nothing.
import { describe, expect, it } from "vitest";
import { resolveSettings, SettingsError } from "../../../core/settings";
import { saveSettings, saveSettingsSync } from "../../../core/use-cases/save-settings";
import { recorder, state } from "./recorder";

describe("save settings", () => {
  it("saves the settings with their defaults filled in, without reading the sheet", async () => {
    const a = recorder(state([]));
    await saveSettings(a.port, { gradeAMin: 70 });
    const b = recorder(state([]));
    saveSettingsSync(b.sync, { gradeAMin: 70 });
    expect([a.log, b.log]).toEqual([[`settings ${JSON.stringify(resolveSettings({ gradeAMin: 70 }))}`], [`settings ${JSON.stringify(resolveSettings({ gradeAMin: 70 }))}`]]);
  });

  it("refuses bad settings, naming them, and writes nothing", async () => {
    const r = recorder(state([]));
    await expect(saveSettings(r.port, { gradeAMin: 30, gradeBMin: 40 })).rejects.toThrow(/gradeBMin: \(40\) must be at most gradeAMin \(30\)/);
    expect(() => saveSettingsSync(r.sync, ["not", "an", "object"])).toThrow(SettingsError);
    expect(r.log).toEqual([]);
  });
});

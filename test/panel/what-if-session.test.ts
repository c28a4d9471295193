// The what-if's grading as the worker (or the page) runs it (panel/what-if-session.ts): the data
// and baseline loaded once, each request answered with core's whatIf, errors as answers.
import { describe, expect, it } from "vitest";
import { checkSettings, type Settings } from "../../core/settings";
import { gradeData, whatIf, type GradingData } from "../../core/use-cases/what-if";
import { dayFromParts } from "../../core/values";
import { budgetText } from "../../panel/what-if-view";
import { WhatIfSession, type WhatIfResponse } from "../../panel/what-if-session";
import { csvSheet } from "../sheets/data";

const data: GradingData = { rows: csvSheet("examples/clients.csv"), ownColumns: [], today: dayFromParts(2026, 3, 5) };
const settings = (s: unknown = {}): Settings => checkSettings(s).settings;
const EDITED = settings({ weights: { revenue: 40, profitability: 25, strategic: 10, wallet: 15, pain: 10 }, gradeAMin: 55, gradeBMin: 40 });

const answer = (r: WhatIfResponse) => {
  if ("error" in r) throw new Error(r.error);
  return r.whatIf;
};

describe("WhatIfSession", () => {
  it("answers with core's whatIf of the loaded data, at most `limit` changes with their full count", () => {
    const s = new WhatIfSession();
    expect(s.handle({ id: 1, kind: "load", data, baseline: settings() })).toMatchObject({ id: 1, whatIf: null });
    const full = whatIf(gradeData(data, settings()), gradeData(data, EDITED));
    expect(full.changeCount).toBeGreaterThan(2);
    expect(answer(s.handle({ id: 2, kind: "whatIf", edited: EDITED, limit: 1000 }))).toEqual(full);
    const cut = answer(s.handle({ id: 3, kind: "whatIf", edited: EDITED, limit: 2 }));
    expect(cut?.changes).toEqual(full.changes.slice(0, 2));
    expect(cut?.changeCount).toBe(full.changeCount);
  });

  it("takes a build's settings as the new baseline: then nothing would change", () => {
    const s = new WhatIfSession();
    s.handle({ id: 1, kind: "load", data, baseline: settings() });
    s.handle({ id: 2, kind: "whatIf", edited: EDITED, limit: 10 });
    s.handle({ id: 3, kind: "baseline", baseline: EDITED });
    const w = answer(s.handle({ id: 4, kind: "whatIf", edited: EDITED, limit: 10 }));
    expect(w?.changeCount).toBe(0);
    expect(w?.fingerprint).toBe(whatIf(gradeData(data, EDITED), gradeData(data, EDITED)).fingerprint);
  });

  it("says what is wrong, in the panel's words, when there is nothing to grade", () => {
    const s = new WhatIfSession();
    expect(s.handle({ id: 1, kind: "whatIf", edited: EDITED, limit: 10 })).toEqual({ id: 1, error: "the sheet has not been read yet" });
    const products: GradingData = { rows: [["Product", "Price"], ["Chair", 12]], ownColumns: [], today: data.today };
    expect(s.handle({ id: 2, kind: "load", data: products, baseline: settings() })).toMatchObject({ whatIf: null });
    const r = s.handle({ id: 3, kind: "whatIf", edited: EDITED, limit: 10 });
    expect(r).toEqual({ id: 3, error: expect.stringMatching(/^No client or revenue column found in this sheet \(headers seen: Product, Price\)\. Pick the column under Columns/) });
  });
});

describe("budgetText", () => {
  it("shows a budget share with the digits that matter", () => {
    expect([0.6, 0.075, 0.0556, 0.007142857, 0, 1].map(budgetText)).toEqual(["60%", "7.5%", "5.6%", "0.71%", "0%", "100%"]);
  });
});

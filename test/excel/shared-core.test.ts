// One copy of the core in Excel's shared runtime (scripts/lib/shared-core.mjs): taskpane.html loads
// functions.js and then taskpane.js into one page, so the task pane takes the core modules
// functions.js carries from it (KAM_CORE) instead of bundling them again; the what-if worker loads
// functions.js first. Here the built files are run in node vm contexts, as the page and the worker
// run them (the Chromium tests run the real page and worker: taskpane.test.ts, what-if.test.ts).
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { Portfolio } from "../../core/portfolio";
import { DEFAULT_SETTINGS } from "../../core/settings";
import { dayFromParts } from "../../core/values";
import type { WhatIfResponse } from "../../panel/what-if-session";
import { ROOT } from "../helpers";

const DIST = `${ROOT}dist/excel-addin/`;
const functionsJs = (): string => readFileSync(`${DIST}functions.js`, "utf8");
const taskpaneJs = (): string => readFileSync(`${DIST}taskpane.js`, "utf8");
/** The repository files a bundle was built from (its source map), e.g. "core/portfolio.ts". */
const sources = (file: string): string[] => (JSON.parse(readFileSync(`${DIST}${file}.map`, "utf8")) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, ""));

type Core = Record<string, Record<string, unknown>>;

describe("functions.js publishes the core the task pane takes from it", () => {
  it("without CustomFunctions (the worker) it associates nothing, throws nothing and publishes KAM_CORE", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(functionsJs(), context, { filename: "functions.js" })).not.toThrow();
    const core = (context as { KAM_CORE?: Core }).KAM_CORE;
    expect(core).toBeDefined();
    const gradePortfolio = core?.["core/portfolio.ts"]?.gradePortfolio as (input: object) => Portfolio;
    const p = gradePortfolio({ rows: [["Client", "Revenue"], ["Acme", 900], ["Beta", 100]], settings: DEFAULT_SETTINGS, today: dayFromParts(2026, 1, 1) });
    expect(p.clients.map((c) => [c.name, c.rank])).toEqual([["Acme", 1], ["Beta", 2]]);
  });

  it("taskpane.js bundles none of the modules it takes from functions.js, and not the grading", () => {
    const context = vm.createContext({});
    vm.runInContext(functionsJs(), context);
    const published = Object.keys((context as unknown as { KAM_CORE: Core }).KAM_CORE);
    expect(published).toContain("core/portfolio.ts");
    const pane = sources("taskpane.js");
    const functions = sources("functions.js");
    expect(pane.filter((s) => published.includes(s))).toEqual([]);
    for (const grading of ["core/portfolio.ts", "core/portfolio/read-clients.ts", "core/model/rank-order.ts", "core/values/amounts.ts"]) {
      expect(functions).toContain(grading);
      expect(pane).not.toContain(grading);
    }
    // functions.js does not grow for the pane: the settings validator (its messages below) is the
    // pane's alone, so core/settings.ts is bundled in both, each with what it uses.
    expect(taskpaneJs()).toContain("is not a known setting");
    expect(functionsJs()).not.toContain("is not a known setting");
    expect(pane.filter((s) => functions.includes(s))).toContain("core/settings.ts");
  });

  it("taskpane.js without functions.js stops at once and says why, in the console and in the pane", () => {
    expect(() => vm.runInContext(taskpaneJs(), vm.createContext({}), { filename: "taskpane.js" })).toThrow(/functions\.js must load before taskpane\.js/);
    const root = { textContent: "Loading KAM Portfolio…" };
    const document = { getElementById: (id: string) => (id === "kam-root" ? root : null) };
    expect(() => vm.runInContext(taskpaneJs(), vm.createContext({ document }), { filename: "taskpane.js" })).toThrow(/functions\.js must load/);
    expect(root.textContent).toMatch(/could not start: part of the add-in \(functions\.js\) did not load/);
  });

  it("started as the what-if worker, taskpane.js loads functions.js first and grades with its core", () => {
    const loaded: string[] = [];
    const posted: WhatIfResponse[] = [];
    // A dedicated worker's global scope, as far as these scripts touch it (TextEncoder is a worker global too).
    const worker: Record<string, unknown> = {
      TextEncoder,
      importScripts: (...urls: string[]) => {
        for (const url of urls) {
          loaded.push(url);
          vm.runInContext(readFileSync(`${DIST}${url}`, "utf8"), context, { filename: url });
        }
      },
      postMessage: (m: WhatIfResponse) => posted.push(m),
    };
    const context = vm.createContext(worker);
    vm.runInContext(taskpaneJs(), context, { filename: "taskpane.js" });
    expect(loaded).toEqual(["functions.js"]);
    const onmessage = worker.onmessage as (e: { data: unknown }) => void;
    expect(typeof onmessage).toBe("function");
    const data = { rows: [["Client", "Revenue"], ...Array.from({ length: 10 }, (_, i) => [`Client ${i + 1}`, 1000 - i * 10])], ownColumns: [], today: dayFromParts(2026, 1, 1) };
    onmessage({ data: { id: 1, kind: "load", data, baseline: DEFAULT_SETTINGS } });
    onmessage({ data: { id: 2, kind: "whatIf", edited: { ...DEFAULT_SETTINGS, revenueTopPct: 30 }, limit: 10 } });
    expect(posted.map((p) => p.id)).toEqual([1, 2]);
    const answer = posted[1];
    expect(answer && "whatIf" in answer ? answer.whatIf?.changes.length : answer).toBeGreaterThan(0);
  });
});

/**
 * The what-if's grading, wherever it runs (a Web Worker, or the page when workers are not
 * available): it keeps the data the panel read and the baseline graded once, and answers each
 * request with core's `whatIf`. Requests and answers are plain data (they are posted to a worker).
 */
import { panelProblem } from "../core/bridge";
import type { Portfolio } from "../core/portfolio";
import type { Settings } from "../core/settings";
import { gradeData, whatIf, type GradingData, type WhatIf } from "../core/use-cases/what-if";

export type WhatIfRequest =
  /** A new read: the data, and the saved settings (the last build's) to grade it with. */
  | { id: number; kind: "load"; data: GradingData; baseline: Settings }
  /** A build saved these settings: they are the baseline now. */
  | { id: number; kind: "baseline"; baseline: Settings }
  /** The settings as edited; at most `limit` changes come back (with their count). */
  | { id: number; kind: "whatIf"; edited: Settings; limit: number };

export type WhatIfResponse = { id: number; whatIf: WhatIf | null; ms: number } | { id: number; error: string };

interface Graded {
  key: string;
  portfolio: Portfolio;
}

const keyOf = (s: Settings): string => JSON.stringify(s);

export class WhatIfSession {
  private data: GradingData | null = null;
  private baseline: Graded | Error | null = null;
  /** The last edited grading, which becomes the baseline when a build saves its settings. */
  private edited: Graded | null = null;

  handle(req: WhatIfRequest): WhatIfResponse {
    const started = Date.now();
    try {
      const result = this.answer(req);
      return { id: req.id, whatIf: result, ms: Date.now() - started };
    } catch (e) {
      return { id: req.id, error: panelProblem(e) };
    }
  }

  private grade(settings: Settings): Graded {
    const key = keyOf(settings);
    if (this.edited?.key === key) return this.edited;
    if (this.baseline && !(this.baseline instanceof Error) && this.baseline.key === key) return this.baseline;
    if (!this.data) throw new Error("the sheet has not been read yet");
    return { key, portfolio: gradeData(this.data, settings) };
  }

  private answer(req: WhatIfRequest): WhatIf | null {
    if (req.kind === "load") {
      this.data = req.data;
      this.edited = null;
      this.baseline = null;
    }
    if (req.kind === "load" || req.kind === "baseline") {
      // A sheet the saved settings cannot grade is an answer too: each what-if says so.
      try {
        this.baseline = this.grade(req.baseline);
      } catch (e) {
        this.baseline = e instanceof Error ? e : new Error(String(e));
      }
      return null;
    }
    if (this.baseline instanceof Error) throw this.baseline;
    if (!this.baseline) throw new Error("the sheet has not been read yet");
    this.edited = this.grade(req.edited);
    const w = whatIf(this.baseline.portfolio, this.edited.portfolio);
    return { ...w, changes: w.changes.slice(0, req.limit) };
  }
}

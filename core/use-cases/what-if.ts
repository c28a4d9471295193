/**
 * Use case: what a build with edited settings would give (SPEC §13), before anything is written.
 * The panel grades the data it read twice with the same core — with the last build's (saved)
 * settings and with the settings as edited — and `whatIf` compares the two: the counts by grade
 * with their change, the budget per client, and each client whose grade would change.
 *
 * A build's summary carries the fingerprint of what it graded (core/bridge.ts), so the panel can
 * tell whether the build wrote exactly what the what-if showed, or whether the sheet changed.
 */
import { budgetPerClient } from "../model/allocation";
import { gradePortfolio, type Portfolio } from "../portfolio";
import { GRADES, type Grade, type Settings } from "../settings";
import type { Day } from "../values";

/** A cell as it crosses google.script.run: no Date, no undefined (dates are ISO text or serials). */
export type PlainCell = string | number | boolean | null;

/** What grading needs, as a host read it for the panel (plain data: it crosses google.script.run). */
export interface GradingData {
  /** The data sheet's cells from A1; the add-in's own columns blanked, trailing blank columns dropped. */
  rows: PlainCell[][];
  /** 0-based columns the add-in wrote itself (the matrix), never read as inputs. */
  ownColumns: number[];
  /** Today in the document's time zone, as a build would take it. */
  today: Day;
  /** The workbook counts its date serials from 1904 (WorkbookState.date1904). */
  date1904?: boolean;
}

/** The data graded with these settings, as a build would grade it. */
export function gradeData(data: GradingData, settings: Settings): Portfolio {
  return gradePortfolio({ rows: data.rows, settings, today: data.today, ownColumns: data.ownColumns, ...(data.date1904 ? { date1904: true } : {}) });
}

export interface GradeCount {
  before: number;
  after: number;
  change: number;
}

/** A client whose grade would change; `from` is null for a client only the edited settings list, `to` for one they drop. */
export interface GradeChange {
  row: number;
  name: string;
  from: Grade | null;
  to: Grade | null;
}

export interface WhatIf {
  byGrade: Record<Grade, GradeCount>;
  /** Share of the account-management budget each client of a grade gets (fractions). */
  budgetPerClient: Record<Grade, { before: number; after: number }>;
  clients: { before: number; after: number };
  /** Every client whose grade would change, in the edited portfolio's rank order, then those it drops. */
  changes: GradeChange[];
  /** How many changes there are (a panel may carry only the first of `changes`). */
  changeCount: number;
  upgrades: number;
  downgrades: number;
  /** The edited grading's fingerprint: a build of the same data with the same settings carries the same. */
  fingerprint: string;
}

const GRADE_CODE: Record<Grade, number> = { A: 1, B: 2, C: 3 };

/** The edited grading against the baseline, client by client (matched by sheet row: both graded the same rows). */
export function whatIf(baseline: Portfolio, edited: Portfolio): WhatIf {
  // Each baseline grade by sheet row (a typed array: 100,000 clients take a few milliseconds).
  let lastRow = 0;
  for (const c of baseline.clients) lastRow = Math.max(lastRow, c.row);
  for (const c of edited.clients) lastRow = Math.max(lastRow, c.row);
  const before = new Uint8Array(lastRow + 1);
  for (const c of baseline.clients) before[c.row] = GRADE_CODE[c.grade];
  const changes: GradeChange[] = [];
  let upgrades = 0;
  let downgrades = 0;
  for (const c of edited.clients) {
    const from = before[c.row] as number;
    const to = GRADE_CODE[c.grade];
    before[c.row] = 0; // seen: what is left afterwards the edited settings drop
    if (from === to) continue;
    changes.push({ row: c.row, name: c.name, from: from === 0 ? null : (GRADES[from - 1] as Grade), to: c.grade });
    if (from !== 0) {
      if (to < from) upgrades++;
      else downgrades++;
    }
  }
  for (const c of baseline.clients) if (before[c.row] !== 0) changes.push({ row: c.row, name: c.name, from: c.grade, to: null });
  const b = baseline.summary.byGrade;
  const a = edited.summary.byGrade;
  const budgetBefore = budgetPerClient(b, baseline.settings.budget);
  const budgetAfter = budgetPerClient(a, edited.settings.budget);
  const byGrade = {} as Record<Grade, GradeCount>;
  const budget = {} as Record<Grade, { before: number; after: number }>;
  for (const g of GRADES) {
    byGrade[g] = { before: b[g], after: a[g], change: a[g] - b[g] };
    budget[g] = { before: budgetBefore[g], after: budgetAfter[g] };
  }
  return {
    byGrade,
    budgetPerClient: budget,
    clients: { before: baseline.summary.clients, after: edited.summary.clients },
    changes,
    changeCount: changes.length,
    upgrades,
    downgrades,
    fingerprint: gradingFingerprint(edited),
  };
}

/**
 * A short digest of what a grading gives: each client's row, name, grade and score in rank order,
 * and the rows that need data. Two gradings with the same fingerprint write the same grades.
 */
export function gradingFingerprint(p: Portfolio): string {
  // Two 32-bit FNV-1a-style lanes with different primes: 64 bits, no dependency, same in every host.
  let h1 = 0x811c9dc5;
  let h2 = 0x4ad1e99c;
  const mix = (v: number): void => {
    h1 = Math.imul(h1 ^ v, 0x01000193);
    h2 = Math.imul(h2 ^ v, 0x0100019d);
  };
  const text = (s: string): void => {
    for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    mix(0x10000); // an end mark no character has
  };
  for (const c of p.clients) {
    mix(c.row);
    mix(GRADE_CODE[c.grade]);
    // Scores are kept to one decimal: ten times one is an integer (rounded against float noise).
    mix(Math.round(c.score * 10));
    text(c.name);
  }
  mix(0x20000);
  for (const n of p.needsData) {
    mix(n.row);
    text(n.name);
    text(n.reason);
  }
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, "0");
  return `${p.summary.clients}-${hex(h1)}${hex(h2)}`;
}

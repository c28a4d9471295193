/**
 * The self-test's checks of Excel's date systems (date-system.ts): what the pane's probe answers
 * against a DATE(1904, 1, 1) cell, and how a KAM.* function reads a date serial of the workbook.
 * Pure: the pane's self-test (self-test.ts) reads the cells and hands them here.
 */
import { FLAGS, flagsReadOff, line, type CheckLine, type DateCase } from "../core/self-test";
import { DAYS_1900_TO_1904 } from "../core/values";
import { probeAnswer, systemOf } from "./date-system";

export const DATE_SYSTEM_CHECK = "The workbook's date system (how the pane reads and writes dates)";
export const FUNCTION_DATES_CHECK = "A date serial read by a custom function, in the workbook's date system";

/** The probe's answer (Excel.Functions.date, what the pane uses) and the value a `=DATE(1904,1,1)` cell shows must name the same system. */
export function dateSystemCheck(probe: { value: unknown; error?: string }, cell: unknown): CheckLine {
  const answer = probeAnswer(probe);
  const system = systemOf(answer);
  if (system !== null && systemOf(cell) === system) {
    return line(DATE_SYSTEM_CHECK, "pass", system === "1904"
      ? "1904 date system (1904-01-01 is 0): the pane reads and writes every date in it"
      : "1900 date system (DATE(1904, 1, 1) is 1462 through Office.js and in a cell)");
  }
  return line(DATE_SYSTEM_CHECK, "fail", `Excel.Functions.date(1904, 1, 1) gave ${JSON.stringify(answer)} and the cell =DATE(1904,1,1) ${JSON.stringify(cell)}: the pane cannot tell how this workbook counts its dates`);
}

/**
 * KAM.PORTFOLIO over the case's table (a client two days before its review: `dateCase(…, 2)`)
 * with its last review as a serial of the workbook's date system and `today` as text: the
 * functions read serials in the 1900 system (they cannot ask the workbook, docs/excel.md), so a
 * 1904 workbook's date comes out 1,462 days early and the client due. That is the documented
 * limitation (information); any other result fails.
 */
export function functionDatesCheck(c: DateCase, table: readonly (readonly unknown[])[], date1904: boolean): CheckLine {
  const got = table[1]?.[FLAGS];
  const named = table[1]?.[1] === c.client[0];
  if (named && String(got ?? "") === c.flags) {
    return line(FUNCTION_DATES_CHECK, "pass", `the last review was read as the sheet shows it (${date1904 ? "1904" : "1900"} date system)`);
  }
  if (date1904 && named && String(got ?? "") === flagsReadOff(c, -DAYS_1900_TO_1904)) {
    return line(FUNCTION_DATES_CHECK, "info", "this workbook counts its dates from 1904: the KAM.* functions read a date cell 1,462 days (4 years and a day) early, as docs/excel.md says. The pane's builds read and write its dates right; give the functions dates as text (2024-03-05), or use the 1900 date system");
  }
  return line(FUNCTION_DATES_CHECK, "fail", `KAM.PORTFOLIO gave ${JSON.stringify(table[1] ?? table[0])}, expected the flags ${JSON.stringify(c.flags)} (${date1904 ? "1904" : "1900"} date system)`);
}

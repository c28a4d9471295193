/**
 * The workbook's date system, asked of Excel. Excel keeps dates as serial numbers counted from
 * 1900, or from 1904 (1904-01-01 = 0) in a workbook set to the 1904 date system ("Date systems in
 * Excel", support.microsoft.com), and Range.values gives those serials as they are. Office.js has
 * no released property for the setting (`Workbook.use1904DateSystem` is "ExcelApi BETA (PREVIEW
 * ONLY)"), but the worksheet function DATE takes "a number from 1900 or 1904 (depending on the
 * workbook's date system)" (Excel.Functions.date, ExcelApi 1.2): DATE(1904, 1, 1) is 0 in a 1904
 * workbook and 1462 in a 1900 one. The probe is queued beside other loads, so it costs no round
 * trip of its own.
 */
import { DAYS_1900_TO_1904 } from "../core/values";

/** Queues DATE(1904, 1, 1); read it with `isDate1904` after the next sync. */
export function queueDateSystemProbe(wb: Excel.Workbook): Excel.FunctionResult<number> {
  const probe = wb.functions.date(1904, 1, 1);
  probe.load("value,error");
  return probe;
}

/** What the probe answered: its error ("#NUM!") if it has one, else its value. */
export function probeAnswer(probe: { value: unknown; error?: string }): unknown {
  return probe.error ? probe.error : probe.value;
}

/** Which system an answer to DATE(1904, 1, 1) names (0: 1904, 1462: 1900), or null for neither. */
export function systemOf(answer: unknown): "1900" | "1904" | null {
  return answer === 0 ? "1904" : answer === DAYS_1900_TO_1904 ? "1900" : null;
}

/** The probe's answer: true for the 1904 date system, false for the 1900 one; anything else is refused. */
export function isDate1904(probe: Pick<Excel.FunctionResult<number>, "value" | "error">): boolean {
  const answer = probeAnswer(probe);
  const system = systemOf(answer);
  if (system !== null) return system === "1904";
  const got = probe.error ? probe.error : JSON.stringify(answer);
  throw new Error(`Excel gave ${got} for DATE(1904, 1, 1), neither 0 (the 1904 date system) nor 1462 (the 1900 one): the add-in cannot tell how this workbook counts its dates`);
}

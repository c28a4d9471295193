/** What the grading says about the period of an order list (SPEC §11), one sentence each. */
import type { Settings } from "../settings";
import { dayToIso } from "../values";
import type { Period } from "./window";

/** An order list with a date column none of whose counted rows has a valid date: graded on every row, and said so. */
export function periodNotes(period: Period | null, mode: "clients" | "orders", settings: Pick<Settings, "revenuePeriodMonths">, dateHeader: string | null): string[] {
  if (period !== null || mode !== "orders" || dateHeader === null || settings.revenuePeriodMonths === 0) return [];
  return [`The column “${dateHeader}” holds no valid dates on the rows with a client and an amount: every row counted, not the last ${settings.revenuePeriodMonths} months.`];
}

/** Rows dated after the asOf that was set: their client is listed, their amounts are not counted. */
export function afterAsOfNote(rows: number, period: Period | null): string {
  const asOf = period === null ? "" : ` ${dayToIso(period.asOf)}`;
  return `${rows} row${rows === 1 ? " is" : "s are"} dated after the period's end${asOf} (setting asOf): not counted.`;
}

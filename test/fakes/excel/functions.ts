/**
 * `workbook.functions`: Excel's worksheet functions called through Office.js (ExcelApi 1.2), as far
 * as the add-in uses them — `date(year, month, day)`, which answers in the workbook's date system.
 *
 * - "Returns the number that represents the date in Microsoft Excel date-time code"; `year` "Is a
 *   number from 1900 or 1904 (depending on the workbook's date system) to 9999"
 *   (learn.microsoft.com/javascript/api/excel/excel.functions#excel-excel-functions-date-member(1)).
 *   The year rules are ECMA-376's DATE (§18.17.7.64): 0–1899 (1900 system) or 4–1899 (1904
 *   system) add 1900, a year outside the system is #NUM!; months and days past their range roll
 *   over. In the 1904 system 1904-01-01 is serial 0 (excelDate below).
 * - A FunctionResult is a proxy: "you must load the value property of the FunctionResult object
 *   before you can read it" (excel-add-ins-worksheet-functions), after the sync; `value` "will be
 *   populated only if no error has occurred", `error` holds the error ("#NUM!") otherwise.
 */
import { dayFromParts, dayToSerial, DAYS_1900_TO_1904 } from "../../../core/values";
import type { FakeQueue } from "./queue";
import { bytesOf, FakeExcelError } from "./state";

/** 9999-12-31 in the 1900 date system. */
const LAST_SERIAL_1900 = 2958465;

/** A day's serial in the workbook's date system, or null for a day the system does not hold. */
export function daySerial(year: number, month: number, day: number, date1904: boolean): number | null {
  const serial = dayToSerial(dayFromParts(year, month, day), date1904);
  const first = date1904 ? 0 : 1;
  const last = LAST_SERIAL_1900 - (date1904 ? DAYS_1900_TO_1904 : 0);
  return serial >= first && serial <= last ? serial : null;
}

/** DATE(year, month, day) as a worksheet computes it: a serial of the workbook's date system, or #NUM!. */
export function excelDate(year: number, month: number, day: number, date1904: boolean): number | "#NUM!" {
  let y = Math.trunc(year);
  if (y >= (date1904 ? 4 : 0) && y < 1900) y += 1900;
  if (y < (date1904 ? 1904 : 1900) || y > 9999) return "#NUM!";
  return daySerial(y, Math.trunc(month), Math.trunc(day), date1904) ?? "#NUM!";
}

export class FakeFunctionResult {
  private loaded: { value?: number; error?: string } | null = null;
  private wanted: string[] = [];
  constructor(
    private readonly ctx: FakeQueue,
    private readonly compute: () => number | "#NUM!",
  ) {}
  load(props?: string | string[] | Excel.Interfaces.FunctionResultLoadOptions | { select?: string; expand?: string }): FakeFunctionResult {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : [];
    if (list.some((p) => p !== "value" && p !== "error")) throw new FakeExcelError("InvalidArgument", `[fake] a FunctionResult loads "value" and "error", not ${JSON.stringify(list)}`);
    this.ctx.enqueueFrom("ExcelApi", "1.2", "load FunctionResult", bytesOf(list), () => {
      const r = this.compute();
      this.wanted = list;
      this.loaded = typeof r === "number" ? { value: r } : { error: r };
      this.ctx.responseBytes += bytesOf(this.loaded);
    });
    return this;
  }
  private got<K extends "value" | "error">(prop: K): NonNullable<FakeFunctionResult["loaded"]>[K] {
    if (!this.loaded || !this.wanted.includes(prop)) throw new FakeExcelError("PropertyNotLoaded", `FunctionResult.${prop} read before load and sync`);
    return this.loaded[prop];
  }
  get value(): number {
    return this.got("value") as number;
  }
  get error(): string {
    return this.got("error") as string;
  }
  toJSON(): Excel.Interfaces.FunctionResultData<number> {
    return { ...this.loaded };
  }
}

export class FakeFunctions {
  constructor(private readonly ctx: FakeQueue) {}
  date(year: number, month: number, day: number): FakeFunctionResult {
    for (const a of [year, month, day]) if (typeof a !== "number") throw new FakeExcelError("InvalidArgument", "[fake] functions.date takes numbers");
    return new FakeFunctionResult(this.ctx, () => excelDate(year, month, day, this.ctx.state.date1904));
  }
}

/**
 * The cells we write into worksheet parts: one cell's XML, a plan value as a cell. (The edit of an
 * existing part, around these, is cli/xlsx/sheet-edit.ts.)
 */
import { isPlanDate, type PlanValue } from "../../core/plan";
import { isoToSerial } from "../../core/values";
import type { SharedStrings } from "./strings";
import { escapeXml, textElement } from "./xml";

export type CellContent = string | number | boolean | null;

export interface NewCell {
  value: CellContent;
  /** A formula the add-in wrote itself (without "="); text from data is never one. */
  formula?: string;
  /** Index into cellXfs, or undefined to keep the style of an empty cell already there. */
  style?: number;
}

export class CellConflictError extends Error {
  constructor(readonly ref: string) {
    super(`cell ${ref} is not empty`);
    this.name = "CellConflictError";
  }
}

/**
 * One cell's XML: numbers and booleans as values, text as a shared string (or an inline string
 * without a shared-strings part), never a formula unless the add-in wrote one itself. An empty
 * cell already there lends its style (`keepStyle`) when the new one has none.
 */
export function cellXml(ref: string, cell: NewCell, prefix = "", keepStyle?: string, strings?: SharedStrings): string {
  const s = cell.style !== undefined && cell.style !== 0 ? ` s="${cell.style}"` : keepStyle !== undefined ? ` s="${keepStyle}"` : "";
  const v = cell.value;
  const c = `${prefix}c`;
  if (cell.formula !== undefined) return `<${c} r="${ref}"${s}><${prefix}f>${escapeXml(cell.formula)}</${prefix}f></${c}>`;
  if (v === null) return `<${c} r="${ref}"${s}/>`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return `<${c} r="${ref}"${s} t="e"><${prefix}v>#NUM!</${prefix}v></${c}>`;
    return `<${c} r="${ref}"${s}><${prefix}v>${v}</${prefix}v></${c}>`;
  }
  if (typeof v === "boolean") return `<${c} r="${ref}"${s} t="b"><${prefix}v>${v ? 1 : 0}</${prefix}v></${c}>`;
  if (strings) return `<${c} r="${ref}"${s} t="s"><${prefix}v>${strings.ref(v)}</${prefix}v></${c}>`;
  return `<${c} r="${ref}"${s} t="inlineStr"><${prefix}is>${textElement(v, prefix)}</${prefix}is></${c}>`;
}

/**
 * A plan value as a cell: a date as its serial number (in the 1904 date system for a workbook
 * that uses it), `{ formula }` as the add-in's formula.
 */
export function planCell(v: PlanValue, style?: number, date1904 = false): NewCell {
  if (v === null || typeof v !== "object") return { value: v, style };
  if (isPlanDate(v)) return { value: isoToSerial(v.date, date1904), style };
  return { value: null, formula: v.formula.replace(/^=/, ""), style };
}


/** Relationship strength (and mutual benefit) → 0–100 (SPEC §2), on its column's scale. */
import { columnLocale, type NumberLocale } from "./amounts";
import { isBlank, Invalid, notA, show, type CellValue, type Parsed } from "./cells";
import { cellAt, cellColumn, isCellColumn, parsedList, putParsed, type CellColumn, type NumberColumn } from "./number-column";
import { numericPart } from "./fractions";
import { LEVEL_WORDS } from "./levels";


const STAGES = new Map([["exploratory", 1], ["basic", 2], ["cooperative", 3], ["interdependent", 4], ["integrated", 5]]);

export type RelationshipScale = "1-5" | "0-10" | "0-100" | "fraction";

/** The scale of a relationship column: decided on its numbers, like the percent rule. */
export function relationshipScale(values: readonly CellValue[] | CellColumn, locale?: NumberLocale): RelationshipScale {
  const { numbers, others } = isCellColumn(values) ? values : cellColumn(values);
  let max = -Infinity;
  let min = Infinity;
  let fractional = false;
  let any = false;
  const see = (n: number) => {
    any = true;
    max = Math.max(max, n);
    min = Math.min(min, n);
    if (!Number.isInteger(n)) fractional = true;
  };
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as number;
    if (n === n) see(n);
  }
  for (const block of others?.blocks ?? []) {
    for (let i = 0; i < block.length; i++) {
      const p = numericPart(block[i], locale);
      if (p && !p.percentSign) see(p.n);
    }
  }
  if (!any) return "0-100";
  if (max <= 1 && min >= 0 && fractional) return "fraction";
  if (max <= 5 && min >= 1) return "1-5";
  if (max <= 10) return "0-10";
  return "0-100";
}

/**
 * One relationship cell → 0–100 on its column's scale. A number is read as a number whether it
 * arrives as text (a .csv) or as a number (an .xlsx): "3" on a 1–5 column is 50, never the level
 * word "3" (High). Only text that is not a number is a stage or level word.
 */
export function parseRelationship(v: CellValue, scale: RelationshipScale, locale?: NumberLocale): Parsed<number> {
  if (isBlank(v)) return null;
  const p = numericPart(v, locale);
  if (!p) {
    const word = typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, " ") : "";
    const stage = STAGES.get(word);
    if (stage !== undefined) return (stage - 1) * 25;
    const level = LEVEL_WORDS.get(word);
    if (level) return level === "High" ? 100 : level === "Medium" ? 50 : 0;
    return notA(v, "a relationship strength (1–5, 0–10, 0–100, H/M/L or a stage word)");
  }
  let x: number;
  if (p.percentSign) x = p.n;
  else if (scale === "fraction") x = p.n * 100;
  else if (scale === "1-5") x = ((p.n - 1) / 4) * 100;
  else if (scale === "0-10") x = p.n * 10;
  else x = p.n;
  if (x < 0 || x > 100) return new Invalid(`${show(v)} is outside the relationship scale`);
  return x;
}

/** A relationship (or benefit) column → 0–100, under one scale and one number locale. */
export function relationshipColumn(values: readonly CellValue[] | CellColumn, hint: Partial<NumberLocale> = {}): NumberColumn {
  // Parsed in place, as amountColumn.
  const cells = isCellColumn(values) ? values : cellColumn(values);
  const locale = columnLocale(cells, hint);
  const scale = relationshipScale(cells, locale);
  const { numbers } = cells;
  const out = { value: numbers, invalid: new Map<number, Invalid>() };
  for (let i = 0; i < numbers.length; i++) {
    const v = cellAt(cells, i);
    if (v !== null) putParsed(out, i, parseRelationship(v, scale, locale));
  }
  return out;
}

/** The same as a list of parsed cells. */
export function parseRelationshipColumn(values: readonly CellValue[], hint: Partial<NumberLocale> = {}): Parsed<number>[] {
  return parsedList(relationshipColumn(values, hint));
}

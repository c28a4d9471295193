/**
 * Reading the sheet (SPEC §2): the header row and the column mapping, each mapped input column
 * parsed once, whether the rows are an order list, and which rows are blank.
 */
import { dataRow, type DataRows } from "./data-rows";
import { groupNames } from "./key-groups";
import { readGroups } from "./report-groups";
import { detectColumns, FIELDS, filledCells, findHeaderRow, type Field, type Mapping } from "../columns";
import { isGrade } from "../model/history";
import type { Grade, Settings } from "../settings";
import {
  amountColumn, cellAt, fractionColumn, isBlank, Invalid, levelCode, newCellColumn, putCell, MARGIN_RANGE, parseDate, parseLevel, parseText, parseYesNo, relationshipColumn,
  rowList, rowListOf, setRow, WALLET_RANGE, writesDayFirst, type CellValue, type Day, type CellColumn, type FractionRange, type LevelColumn, type NumberColumn, type NumberLocale,
  type Parsed, type RowList,
} from "../values";
import { EmptySheetError, MissingColumnsError } from "./errors";

export interface Columns {
  headers: string[];
  headerIndex: number;
  mapping: Mapping;
}

/** Finds the header row and maps its columns; throws MissingColumnsError without a client or revenue. */
export function mapColumns(rows: readonly (readonly CellValue[])[], settings: Settings, ownColumns: readonly number[] = []): Columns {
  const own = new Set(ownColumns);
  const visible = own.size === 0 ? rows : rows.map((r) => r.map((v, i) => (own.has(i) ? null : v)));
  const headerIndex = findHeaderRow(visible, settings.mapping);
  const headerCells = visible[headerIndex] ?? [];
  const headers = headerCells.map((h) => (isBlank(h) ? "" : String(h).trim()));
  const { mapping } = detectColumns(headers, settings.mapping, filledCells(visible, headerIndex + 1));
  const missing = (["client", "revenue"] as const).filter((f) => mapping[f] === undefined);
  if (rows.every((r) => r.every(isBlank))) throw new EmptySheetError(false);
  if (missing.length > 0) throw new MissingColumnsError([...missing], headers);
  return { headers, headerIndex, mapping };
}

/**
 * SPEC §2: an order list when more than 20% of the non-blank client cells repeat an earlier name —
 * once a report grouped by client has given its rows their client's name (`amountAt(i)`: row i's
 * revenue cell holds something; see report-groups).
 */
export function looksLikeOrderList(names: readonly (string | null)[], amountAt: ((i: number) => boolean) | null = null): boolean {
  const list = rowListOf(names);
  if (amountAt !== null) readGroups(list, amountAt);
  const groups = groupNames(list);
  return isOrderList({ nonBlank: groups.nonBlank, repeats: groups.nonBlank - groups.distinct });
}

/** Client cells, and how many repeat an earlier name (key-groups: nonBlank − distinct). */
export interface Repeats {
  /** Non-blank client cells. */
  nonBlank: number;
  /** Cells that repeat an earlier name. */
  repeats: number;
}

export const isOrderList = (r: Repeats): boolean => r.nonBlank > 0 && r.repeats * 5 > r.nonBlank;

/** A row with nothing in it but the add-in's own columns. */
export function isBlankRow(cells: readonly CellValue[], own: ReadonlySet<number>): boolean {
  for (let c = 0; c < cells.length; c++) {
    if (!isBlank(cells[c]) && !own.has(c)) return false;
  }
  return true;
}

/**
 * How each input's column is read: whole (a number column's locale and scale are the column's;
 * yes/no and manual grades, few and rare, with them), or cell by cell as text, level or date. A
 * record over every field, so a new input cannot be left out.
 */
const READ_AS: Record<Field, "whole" | "text" | "level" | "date"> = {
  client: "text", revenue: "whole", profit: "whole", margin: "whole", wallet: "whole", strategic: "level", pain: "level",
  aligned: "whole", easy: "whole", relationship: "whole", benefit: "whole", industry: "text", date: "date", override: "whole",
  overrideReason: "text", overrideUntil: "date", review: "date", costToServe: "whole",
};

/** The mapped columns, in one pass over the rows: the cells of those read whole, the others already parsed. */
interface Gathered {
  cells: Partial<Record<Field, CellColumn>>;
  texts: Partial<Record<Field, RowList<string | null>>>;
  levels: Partial<Record<Field, LevelColumn>>;
  dates: Partial<Record<Field, RowList<Parsed<Day>>>>;
}

/**
 * Every mapped column in one pass over the rows: a row's cells sit together in memory, a column's
 * do not, and at 100,000 rows a pass per column would fetch each row from main memory again for
 * every column. A text, level or date cell is parsed where it is read (no list of its cells), each
 * kind in its own loop, so each loop calls one parser (not one passed in as an argument).
 */
function gather(data: DataRows, mapping: Mapping, date1904: boolean): Gathered {
  const mapped = (kind: (typeof READ_AS)[Field]) => FIELDS.filter((f) => READ_AS[f] === kind && mapping[f] !== undefined);
  const [whole, texts, levels, dates] = [mapped("whole"), mapped("text"), mapped("level"), mapped("date")];
  const at = (fields: Field[]) => fields.map((f) => mapping[f] as number);
  const [wholeAt, textAt, levelAt, dateAt] = [at(whole), at(texts), at(levels), at(dates)];
  // Filled with null first, so a list holds any value from the start: one that starts empty changes
  // its kind of storage when the first text or fraction lands in it, and the compiled loop must
  // start again. In blocks (values/row-list): 100,000 places in one array cost six times as much.
  const lists = <T>(fields: Field[]) => fields.map(() => rowList<T | null>(data.count, null));
  const cellColumns = whole.map(() => newCellColumn(data.count));
  const textLists = lists<string>(texts);
  const levelCodes = levels.map(() => new Uint8Array(data.count));
  const levelInvalid = levels.map(() => new Map<number, Invalid>());
  const dateLists = lists<Parsed<Day>>(dates);
  const dayFirst = dateAt.map((c) => writesDayFirst(data.count, (i) => (dataRow(data, i) as readonly CellValue[])[c]));
  gatherRows(data, wholeAt, cellColumns, textAt, textLists, levelAt, levelCodes, levelInvalid, dateAt, dateLists, { date1904, dayFirst });
  const byField = <T>(fields: Field[], values: T[]) => Object.fromEntries(fields.map((f, j) => [f, values[j]])) as Partial<Record<Field, T>>;
  return { cells: byField(whole, cellColumns), texts: byField(texts, textLists), levels: byField(levels, levels.map((_, j): LevelColumn => ({ code: levelCodes[j] as Uint8Array, invalid: levelInvalid[j] as Map<number, Invalid> }))), dates: byField(dates, dateLists) };
}

/**
 * The pass over the rows of `gather`: a function that returns as its loop ends, since V8 compiles
 * the loop while it runs and code after it would send it back to the interpreter on every grading
 * (see portfolio/health.ts).
 */
function gatherRows(
  data: DataRows,
  wholeAt: number[], cellColumns: CellColumn[],
  textAt: number[], textLists: RowList<string | null>[],
  levelAt: number[], levelCodes: Uint8Array[], levelInvalid: Map<number, Invalid>[],
  dateAt: number[], dateLists: RowList<Parsed<Day>>[], dateOrder: { date1904: boolean; dayFirst: boolean[] },
): void {
  const { date1904, dayFirst } = dateOrder;
  const { rows, start, count } = data;
  for (let i = 0; i < count; i++) {
    const row = rows[start + i] as readonly CellValue[];
    for (let j = 0; j < wholeAt.length; j++) putCell(cellColumns[j] as CellColumn, i, row[wholeAt[j] as number]);
    for (let j = 0; j < textAt.length; j++) setRow(textLists[j] as RowList<string | null>, i, parseText(row[textAt[j] as number]));
    for (let j = 0; j < levelAt.length; j++) {
      const p = parseLevel(row[levelAt[j] as number]);
      (levelCodes[j] as Uint8Array)[i] = levelCode(p);
      if (p instanceof Invalid) (levelInvalid[j] as Map<number, Invalid>).set(i, p);
    }
    for (let j = 0; j < dateAt.length; j++) setRow(dateLists[j] as RowList<Parsed<Day>>, i, parseDate(row[dateAt[j] as number], date1904, dayFirst[j]));
  }
}

function column<T>(cells: CellColumn | undefined, parse: (v: CellValue) => T): RowList<T> | null {
  if (cells === undefined) return null;
  const out = rowList<T | null>(cells.numbers.length, null) as RowList<T>;
  for (let i = 0; i < out.length; i++) setRow(out, i, parse(cellAt(cells, i)));
  return out;
}

const parseOverride = (v: CellValue): Parsed<Grade> => {
  if (isBlank(v)) return null;
  const g = String(v).trim().toUpperCase();
  return isGrade(g) ? g : new Invalid(`manual grade ${JSON.stringify(String(v))} is not A, B or C`);

};

/**
 * Each mapped input column parsed once (the percent rule and relationship scale are per column);
 * null when not mapped. Number columns are typed (values/number-column).
 */
export interface InputColumns {
  names: RowList<string | null>;
  revenues: NumberColumn;
  profits: NumberColumn | null;
  margins: NumberColumn | null;
  wallets: NumberColumn | null;
  strategics: LevelColumn | null;
  pains: LevelColumn | null;
  aligned: RowList<Parsed<boolean>> | null;
  easy: RowList<Parsed<boolean>> | null;
  relationships: NumberColumn | null;
  benefits: NumberColumn | null;
  industries: RowList<string | null> | null;
  dates: RowList<Parsed<Day>> | null;
  overrides: RowList<Parsed<Grade>> | null;
  reasons: RowList<string | null> | null;
  overrideUntils: RowList<Parsed<Day>> | null;
  reviews: RowList<Parsed<Day>> | null;
  /** Cost to serve (SPEC §12), an amount per row. */
  costs: NumberColumn | null;
}

/** What a host says of its cells: numbers written `1.234,56` (a semicolon CSV, SPEC §2a), date serials counted from 1904. */
export interface CellHint extends Partial<NumberLocale> {
  date1904?: boolean;
}

/**
 * Each mapped column parsed once. `hint` is what the file says of its numbers (a semicolon CSV
 * writes `1.234,56`, SPEC §2a): every number column (amounts, fractions, relationship) reads them
 * so; and of its dates: a workbook in the 1904 date system (`date1904`) has every date column's
 * serial numbers read in it.
 */
export function parseColumns(data: DataRows, mapping: Mapping, hint: CellHint = {}): InputColumns {
  const { cells, texts, levels, dates } = gather(data, mapping, hint.date1904 === true);
  const amounts = (cells: CellColumn | undefined) => (cells === undefined ? null : amountColumn(cells, hint));
  const fractions = (cells: CellColumn | undefined, range: FractionRange) => (cells === undefined ? null : fractionColumn(cells, range, hint));
  const relationships = (cells: CellColumn | undefined) => (cells === undefined ? null : relationshipColumn(cells, hint));
  return {
    names: texts.client as RowList<string | null>,
    revenues: amounts(cells.revenue) as NumberColumn,
    profits: amounts(cells.profit),
    margins: fractions(cells.margin, MARGIN_RANGE),
    wallets: fractions(cells.wallet, WALLET_RANGE),
    strategics: levels.strategic ?? null,
    pains: levels.pain ?? null,
    aligned: column(cells.aligned, parseYesNo),
    easy: column(cells.easy, parseYesNo),
    relationships: relationships(cells.relationship),
    benefits: relationships(cells.benefit),
    industries: texts.industry ?? null,
    dates: dates.date ?? null,
    overrides: column(cells.override, parseOverride),
    reasons: texts.overrideReason ?? null,
    overrideUntils: dates.overrideUntil ?? null,
    reviews: dates.review ?? null,
    costs: amounts(cells.costToServe),
  };
}

/** A mapped relationship column none of whose cells is a relationship strength (a CRM's pipeline stages: `Closed Won`). */
export function noRelationshipValues(relationships: NumberColumn | null): boolean {
  if (relationships === null || relationships.invalid.size === 0) return false;
  const { value } = relationships;
  for (let i = 0; i < value.length; i++) if (!Number.isNaN(value[i])) return false;
  return true;
}

/**
 * Reading the sheet (SPEC §2): the header row and the column mapping, each mapped input column
 * parsed once, whether the rows are an order list, and which rows are blank.
 */
import { groupKeys } from "./key-groups";
import { detectColumns, filledCells, findHeaderRow, type Field, type Mapping } from "../columns";
import { clientKey, isGrade } from "../model/history";
import type { Grade, Settings } from "../settings";
import {
  isBlank, Invalid, MARGIN_RANGE, parseAmountColumn, parseDate, parseFractionColumn, parseLevel, parseRelationshipColumn,
  parseText, parseYesNo, WALLET_RANGE, type CellValue, type Day, type FractionRange, type Level, type NumberLocale, type Parsed,
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

/** SPEC §2: an order list when more than 20% of the non-blank client cells repeat an earlier name. */
export function looksLikeOrderList(names: readonly (string | null)[]): boolean {
  const groups = groupKeys(names.map((n) => (n === null ? null : clientKey(n))));
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
 * The cells of every mapped column, each a list in row order, gathered in one pass over the rows:
 * a row's cells sit together in memory, a column's do not, and at 100,000 rows a pass over the
 * rows per column would fetch each row again from main memory for every column.
 */
function mappedCells(data: readonly (readonly CellValue[])[], mapping: Mapping): Partial<Record<Field, CellValue[]>> {
  const fields = (Object.keys(mapping) as Field[]).filter((f) => mapping[f] !== undefined);
  const index = fields.map((f) => mapping[f] as number);
  const lists = fields.map(() => new Array<CellValue>(data.length));
  for (let i = 0; i < data.length; i++) {
    const row = data[i] as readonly CellValue[];
    for (let j = 0; j < index.length; j++) (lists[j] as CellValue[])[i] = row[index[j] as number];
  }
  return Object.fromEntries(fields.map((f, j) => [f, lists[j]]));
}

function column<T>(values: readonly CellValue[] | undefined, parse: (v: CellValue) => T): T[] | null {
  if (values === undefined) return null;
  const out = new Array<T>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = parse(values[i]);
  return out;
}

/*
 * The text, level and date columns, each its own loop: a call through `column`'s `parse` is not
 * inlined once several parsers have passed through it, and these columns are most of the cells.
 */
function textColumn(values: readonly CellValue[] | undefined): (string | null)[] | null {
  if (values === undefined) return null;
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = parseText(values[i]);
  return out;
}

function levelColumn(values: readonly CellValue[] | undefined): Parsed<Level>[] | null {
  if (values === undefined) return null;
  const out = new Array<Parsed<Level>>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = parseLevel(values[i]);
  return out;
}

function dateColumn(values: readonly CellValue[] | undefined): Parsed<Day>[] | null {
  if (values === undefined) return null;
  const out = new Array<Parsed<Day>>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = parseDate(values[i]);
  return out;
}

const parseOverride = (v: CellValue): Parsed<Grade> => {
  if (isBlank(v)) return null;
  const g = String(v).trim().toUpperCase();
  return isGrade(g) ? g : new Invalid(`manual grade ${JSON.stringify(String(v))} is not A, B or C`);

};

/** Each mapped input column parsed once (the percent rule and relationship scale are per column); null when not mapped. */
export interface InputColumns {
  names: (string | null)[];
  revenues: Parsed<number>[];
  profits: Parsed<number>[] | null;
  margins: Parsed<number>[] | null;
  wallets: Parsed<number>[] | null;
  strategics: Parsed<Level>[] | null;
  pains: Parsed<Level>[] | null;
  aligned: Parsed<boolean>[] | null;
  easy: Parsed<boolean>[] | null;
  relationships: Parsed<number>[] | null;
  benefits: Parsed<number>[] | null;
  industries: (string | null)[] | null;
  dates: Parsed<Day>[] | null;
  overrides: Parsed<Grade>[] | null;
  reasons: (string | null)[] | null;
  overrideUntils: Parsed<Day>[] | null;
  reviews: Parsed<Day>[] | null;
  /** Cost to serve (SPEC §12), an amount per row. */
  costs: Parsed<number>[] | null;
}

/**
 * Each mapped column parsed once. `hint` is what the file says of its numbers (a semicolon CSV
 * writes `1.234,56`, SPEC §2a): every number column (amounts, fractions, relationship) reads them so.
 */
export function parseColumns(data: readonly (readonly CellValue[])[], mapping: Mapping, hint: Partial<NumberLocale> = {}): InputColumns {
  const cells = mappedCells(data, mapping);
  const amounts = (values: CellValue[] | undefined) => (values === undefined ? null : parseAmountColumn(values, hint));
  const fractions = (values: CellValue[] | undefined, range: FractionRange) => (values === undefined ? null : parseFractionColumn(values, range, hint));
  const relationships = (values: CellValue[] | undefined) => (values === undefined ? null : parseRelationshipColumn(values, hint));
  return {
    names: textColumn(cells.client) as (string | null)[],
    revenues: amounts(cells.revenue) as Parsed<number>[],
    profits: amounts(cells.profit),
    margins: fractions(cells.margin, MARGIN_RANGE),
    wallets: fractions(cells.wallet, WALLET_RANGE),
    strategics: levelColumn(cells.strategic),
    pains: levelColumn(cells.pain),
    aligned: column(cells.aligned, parseYesNo),
    easy: column(cells.easy, parseYesNo),
    relationships: relationships(cells.relationship),
    benefits: relationships(cells.benefit),
    industries: textColumn(cells.industry),
    dates: dateColumn(cells.date),
    overrides: column(cells.override, parseOverride),
    reasons: textColumn(cells.overrideReason),
    overrideUntils: dateColumn(cells.overrideUntil),
    reviews: dateColumn(cells.review),
    costs: amounts(cells.costToServe),
  };
}

/** A mapped relationship column none of whose cells is a relationship strength (a CRM's pipeline stages: `Closed Won`). */
export function noRelationshipValues(relationships: readonly Parsed<number>[] | null): boolean {
  if (relationships === null) return false;
  let unreadable = false;
  for (let i = 0; i < relationships.length; i++) {
    const r = relationships[i];
    if (typeof r === "number") return false;
    if (r instanceof Invalid) unreadable = true;
  }
  return unreadable;
}

/**
 * Reading the sheet (SPEC §2): the header row and the column mapping, each mapped input column
 * parsed once, whether the rows are an order list, and which rows are blank.
 */
import { groupKeys } from "./key-groups";
import { detectColumns, filledCells, findHeaderRow, type Mapping } from "../columns";
import { clientKey, isGrade } from "../model/history";
import type { Grade, Settings } from "../settings";
import {
  isBlank, Invalid, MARGIN_RANGE, parseAmountColumn, parseDate, parseFractionColumn, parseLevel, parseRelationshipColumn,
  parseText, parseYesNo, WALLET_RANGE, type CellValue, type Day, type Level, type NumberLocale, type Parsed,
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

function column<T>(data: readonly (readonly CellValue[])[], index: number | undefined, parse: (v: CellValue) => T): T[] | null {
  if (index === undefined) return null;
  const out = new Array<T>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = parse((data[i] as readonly CellValue[])[index]);
  return out;
}

/*
 * The text, level and date columns, each its own loop: a call through `column`'s `parse` is not
 * inlined once several parsers have passed through it, and these columns are most of the cells.
 */
function textColumn(data: readonly (readonly CellValue[])[], index: number | undefined): (string | null)[] | null {
  if (index === undefined) return null;
  const out = new Array<string | null>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = parseText((data[i] as readonly CellValue[])[index]);
  return out;
}

function levelColumn(data: readonly (readonly CellValue[])[], index: number | undefined): Parsed<Level>[] | null {
  if (index === undefined) return null;
  const out = new Array<Parsed<Level>>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = parseLevel((data[i] as readonly CellValue[])[index]);
  return out;
}

function dateColumn(data: readonly (readonly CellValue[])[], index: number | undefined): Parsed<Day>[] | null {
  if (index === undefined) return null;
  const out = new Array<Parsed<Day>>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = parseDate((data[i] as readonly CellValue[])[index]);
  return out;
}

function columnValues(data: readonly (readonly CellValue[])[], index: number | undefined): CellValue[] | null {
  if (index === undefined) return null;
  const out = new Array<CellValue>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as readonly CellValue[])[index];
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
  const revenueCells = columnValues(data, mapping.revenue) as CellValue[];
  const profitCells = columnValues(data, mapping.profit);
  const marginCells = columnValues(data, mapping.margin);
  const walletCells = columnValues(data, mapping.wallet);
  const relCells = columnValues(data, mapping.relationship);
  const benefitCells = columnValues(data, mapping.benefit);
  const costCells = columnValues(data, mapping.costToServe);
  return {
    names: textColumn(data, mapping.client) as (string | null)[],
    revenues: parseAmountColumn(revenueCells, hint),
    profits: profitCells && parseAmountColumn(profitCells, hint),
    margins: marginCells && parseFractionColumn(marginCells, MARGIN_RANGE, hint),
    wallets: walletCells && parseFractionColumn(walletCells, WALLET_RANGE, hint),
    strategics: levelColumn(data, mapping.strategic),
    pains: levelColumn(data, mapping.pain),
    aligned: column(data, mapping.aligned, parseYesNo),
    easy: column(data, mapping.easy, parseYesNo),
    relationships: relCells && parseRelationshipColumn(relCells, hint),
    benefits: benefitCells && parseRelationshipColumn(benefitCells, hint),
    industries: textColumn(data, mapping.industry),
    dates: dateColumn(data, mapping.date),
    overrides: column(data, mapping.override, parseOverride),
    reasons: textColumn(data, mapping.overrideReason),
    overrideUntils: dateColumn(data, mapping.overrideUntil),
    reviews: dateColumn(data, mapping.review),
    costs: costCells && parseAmountColumn(costCells, hint),
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

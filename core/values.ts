/**
 * Cell value → number / fraction / level / date: every coercion of SPEC §2 in one place, one
 * module per kind of value in core/values/:
 *
 * - `cells`: what a cell is, blank cells, spreadsheet errors, `Invalid` and the text of a cell;
 * - `amounts`: money amounts and the number locale of a column;
 * - `fractions`: margins and wallet shares under the percent rule;
 * - `levels`: High/Medium/Low and yes / no;
 * - `relationship`: relationship strength on its column's scale;
 * - `number-column`: a parsed column of numbers kept unboxed, and the cells it is read from;
 * - `row-list`: a list of one value per row, in blocks (no array of V8's large-object space);
 * - `dates`: day numbers from serials, text and `Date`s.
 *
 * Parsers return the value, `null` for a blank cell, or an `Invalid` carrying a reason an owner
 * can read ("revenue \"abc\" is not an amount"). Nothing here throws on cell content.
 */
export { Invalid, isBlank, parseText, show, spreadsheetError, type CellValue, type Parsed } from "./values/cells";
export { columnLocale, hasCommaDecimal, amountColumn, parseAmount, parseAmountColumn, type NumberLocale } from "./values/amounts";
export { fractionColumn, MARGIN_RANGE, parseFraction, parseFractionColumn, percentScale, WALLET_RANGE, type FractionRange } from "./values/fractions";
export { BLANK_LEVEL, LEVELS, levelCode, parseLevel, parseYesNo, UNREADABLE_LEVEL, type Level, type LevelColumn } from "./values/levels";
export { parseRelationship, parseRelationshipColumn, relationshipColumn, relationshipScale, type RelationshipScale } from "./values/relationship";
export { cellAt, newCellColumn, numberAt, putCell, type CellColumn, type NumberColumn } from "./values/number-column";
export { rowAt, rowList, rowListOf, rowValues, setRow, type RowList } from "./values/row-list";
export { DAYS_1900_TO_1904, dayFromDate, dayFromParts, dayToIso, dayToSerial, isoToSerial, parseDate, writesDayFirst, type Day } from "./values/dates";

/**
 * The hidden KAM History sheet in Sheets (SPEC §7, §7a): five columns (Date, Client, Grade, Score,
 * Quadrant), one row per client per build, the last HISTORY_BUILDS_KEPT builds. Its marker (sheet
 * developer metadata) carries the index of the builds (core/history-window.ts), so a build reads
 * only the last HISTORY_BUILDS_READ builds' rows in one getValues and appends without reading the
 * sheet; a sheet written before the index existed, or whose rows the owner has deleted or sorted
 * since, is read whole once, put back in build order, then indexed.
 *
 * Text is written with its apostrophe into automatic-format cells (grid.ts): a client called
 * "=cmd|…" or a date-time "2026-11-22T10:00:00Z" stays exactly that text. Inserted rows take the
 * formats of the row above, and an older add-in formatted the history's text columns "@": the new
 * rows' formats are cleared before the values are written.
 */
import { appendBuild, buildOrder, historyIndexText, indexFromDates, parseHistoryIndex, recentRows, rowsFit, type HistoryBuild } from "../core/history-window";
import { snapshotFromCells, snapshotToCells, type SnapshotRow } from "../core/model/history";
import { HISTORY_HEADERS, HISTORY_MARKER } from "../core/plan";
import type { CellValue } from "../core/values";
import type { DeveloperMetadata, Services, Sheet } from "./gas";
import { asText } from "./grid";

const COLUMNS = HISTORY_HEADERS.length;

export class SheetsHistory {
  /** The builds the sheet holds, oldest first (null: not known yet). */
  private index: HistoryBuild[] | null;

  constructor(
    private readonly gas: Services,
    readonly sheet: Sheet,
    private marker: DeveloperMetadata | null,
    private readonly cell: (v: unknown) => CellValue,
  ) {
    this.index = marker ? parseHistoryIndex(marker.getValue()) : [];
  }

  /**
   * A new history sheet (`columns`: its width as inserted, read before anything is written to keep
   * round trips down): the header, five columns, hidden; its marker comes with the first snapshot.
   */
  static create(gas: Services, sheet: Sheet, columns: number, cell: (v: unknown) => CellValue): SheetsHistory {
    sheet.getRange(1, 1, 1, COLUMNS).setValues([HISTORY_HEADERS.map(asText)]);
    if (columns > COLUMNS) sheet.deleteColumns(COLUMNS + 1, columns - COLUMNS);
    sheet.hideSheet();
    return new SheetsHistory(gas, sheet, null, cell);
  }

  /**
   * The builds, reading the whole sheet's dates once when it has no index (written by an older
   * add-in, or its rows deleted or sorted since): rows sorted away from their builds (by client,
   * say) are put back in build order first, one read and one write of the sheet.
   */
  private builds(): HistoryBuild[] {
    if (this.index === null) {
      const last = this.sheet.getLastRow();
      let dates = last > 1 ? this.sheet.getRange(2, 1, last - 1, 1).getValues().map((r) => this.cell(r[0])) : [];
      const order = buildOrder(dates);
      if (order !== null) {
        const rows = this.sheet.getRange(2, 1, last - 1, COLUMNS);
        const cells = rows.getValues();
        rows.setValues(order.map((i) => (cells[i] ?? []).map((v) => (typeof v === "string" ? asText(v) : v))));
        dates = order.map((i) => dates[i] ?? null);
      }
      this.index = indexFromDates(dates);
    }
    return this.index;
  }

  /**
   * The snapshots of the last builds, one getValues. The owner may have unhidden the sheet and
   * deleted or sorted its rows since the index was kept: when the rows read are not where the index
   * puts its builds (or no longer exist), the sheet is read whole once and indexed again, as an
   * older add-in's, so neither the grades compared with nor the rows a later build drops are wrong.
   */
  recent(): SnapshotRow[] {
    const kept = this.index !== null;
    let cells = kept ? this.recentCells(true) : undefined;
    if (cells === undefined) {
      this.index = null;
      cells = this.recentCells(false) ?? [];
    }
    return cells.map((r) => snapshotFromCells(r)).filter((s): s is SnapshotRow => s !== null);
  }

  /** The last builds' rows ([] with none); with `check`, undefined when they are not where the index says. */
  private recentCells(check: boolean): CellValue[][] | undefined {
    const index = this.builds();
    const span = recentRows(index);
    if (!span) return [];
    const read = () => this.sheet.getRange(span.firstRow, 1, span.rows, COLUMNS).getValues().map((r) => r.map(this.cell));
    if (!check) return read();
    let cells: CellValue[][];
    try {
      cells = read();
    } catch {
      // Rows past the sheet's end (rows were deleted): refused or read as blanks, either way they do not fit.
      return undefined;
    }
    return rowsFit(index, cells.map((r) => r[0])) ? cells : undefined;
  }

  /** Appends a build's snapshot, dropping the oldest builds past the cap, and updates the index. */
  append(snapshot: readonly SnapshotRow[]): void {
    const date = snapshot[0]?.date ?? "";
    const next = appendBuild(this.builds(), date, snapshot.length);
    if (next.dropRows > 0) this.sheet.deleteRows(2, next.dropRows);
    if (snapshot.length > 0) {
      // Room for the new rows without reading the sheet's size.
      this.sheet.insertRowsAfter(Math.max(1, next.firstRow - 1), snapshot.length);
      const rows = this.sheet.getRange(next.firstRow, 1, snapshot.length, COLUMNS);
      rows.clearFormat();
      rows.setValues(snapshot.map((s) => snapshotToCells(s).map((v) => (typeof v === "string" ? asText(v) : v))));
    }
    const text = historyIndexText(next.index);
    if (this.marker) this.marker.setValue(text);
    else this.sheet.addDeveloperMetadata(HISTORY_MARKER, text, this.gas.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    // A port reads again before it builds again: the marker is found then.
    this.index = next.index;
  }
}

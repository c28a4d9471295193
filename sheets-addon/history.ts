/**
 * The hidden KAM History sheet in Sheets (SPEC §7, §7a): five columns (Date, Client, Grade, Score,
 * Quadrant), one row per client per build, the last HISTORY_BUILDS_KEPT builds. Its marker (sheet
 * developer metadata) carries the index of the builds (core/history-window.ts), so a build reads
 * only the last HISTORY_BUILDS_READ builds' rows in one getValues and appends without reading the
 * sheet; a sheet written before the index existed is read whole once, then indexed.
 *
 * Text is written with its apostrophe into automatic-format cells (grid.ts): a client called
 * "=cmd|…" or a date-time "2026-11-22T10:00:00Z" stays exactly that text. Inserted rows take the
 * formats of the row above, and an older add-in formatted the history's text columns "@": the new
 * rows' formats are cleared before the values are written.
 */
import { appendBuild, historyIndexText, indexFromDates, parseHistoryIndex, recentRows, type HistoryBuild } from "../core/history-window";
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

  /** The builds, reading the whole sheet once when it has no index (written by an older add-in). */
  private builds(): HistoryBuild[] {
    if (this.index === null) {
      const last = this.sheet.getLastRow();
      const dates = last > 1 ? this.sheet.getRange(2, 1, last - 1, 1).getValues().map((r) => this.cell(r[0])) : [];
      this.index = indexFromDates(dates);
    }
    return this.index;
  }

  /** The snapshots of the last builds, one getValues. */
  recent(): SnapshotRow[] {
    const span = recentRows(this.builds());
    if (!span) return [];
    return this.sheet
      .getRange(span.firstRow, 1, span.rows, COLUMNS)
      .getValues()
      .map((r) => snapshotFromCells(r.map(this.cell)))
      .filter((s): s is SnapshotRow => s !== null);
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

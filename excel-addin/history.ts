/**
 * The hidden KAM History sheet in Excel (SPEC §7, §7a): the header and each build's snapshot rows,
 * the last HISTORY_BUILDS_KEPT builds. The defined names KAM_History (every row) and
 * KAM_HistoryLast (the last build's rows) are the convention the `kam-portfolio` command shares
 * (core/markers.ts); the index of the builds (core/history-window.ts) lives in the custom document
 * property KAMPortfolio.history, so a build loads only the last HISTORY_BUILDS_READ builds' rows and
 * drops the oldest builds when it appends. The command does not keep the index: one build of its
 * own since the add-in's last is recognised from KAM_HistoryLast; anything else (or a workbook
 * from before the index) is read whole once, in row chunks, and indexed again.
 */
import type { AreaRef } from "../core/a1";
import { appendBuild, buildOrder, historyIndexFromProperties, historyIndexProperties, historyLastRow, indexFromDates, isHistoryIndexProperty, recentRows, rowsFit, type HistoryBuild, type RowSpan } from "../core/history-window";
import { historyMarks, MARKER_NAMES } from "../core/markers";
import { snapshotFromCells, snapshotToCells, type SnapshotRow } from "../core/model/history";
import { HISTORY_HEADERS } from "../core/plan";
import { OP_OVERHEAD, rowChunks, type Step } from "./payload";
import { formatBytes, rangeOf, setFormat, TEXT } from "./render";

const COLUMNS = HISTORY_HEADERS.length;

/** What read() found of the history: its names and the custom properties. */
export interface HistoryFound {
  /** KAM_History (on an existing sheet), KAM_HistoryLast; whether each name exists at all. */
  history: AreaRef | null;
  last: AreaRef | null;
  historyNamed: boolean;
  lastNamed: boolean;
  properties: readonly (readonly [string, unknown])[];
}

export class ExcelHistory {
  /** The builds, oldest first; the last one's date is filled from its rows when the command added it. */
  private index: HistoryBuild[] | null;
  /** The index's property pieces present now (to delete those the next index does not need). */
  private readonly pieces: string[];
  /** Every row, put back in build order, when the owner had sorted them away from their builds: written back before the next build's. */
  private reordered: readonly (readonly unknown[])[] | null = null;

  constructor(private readonly found: HistoryFound) {
    this.pieces = found.properties.map(([k]) => k).filter(isHistoryIndexProperty);
    const h = found.history;
    const stored = historyIndexFromProperties(found.properties);
    if (!h) this.index = [];
    else if (stored && historyLastRow(stored) === h.rows) this.index = stored;
    else if (stored && found.last && found.last.sheet === h.sheet && historyLastRow(stored) + found.last.rows === h.rows && found.last.row === historyLastRow(stored) + 1) {
      this.index = [...stored, { date: "", rows: found.last.rows }];
    } else if (!stored && h.rows <= 1) this.index = [];
    else this.index = null;
  }

  get sheet(): string | null {
    return this.found.history?.sheet ?? null;
  }

  /** The rows read() loads: the last builds', or every row when the index must be made again. */
  toRead(): RowSpan | null {
    const h = this.found.history;
    if (!h) return null;
    if (this.index === null) return h.rows > 1 ? { firstRow: 2, rows: h.rows - 1 } : null;
    return recentRows(this.index);
  }

  /**
   * The rows loaded (as toRead() said) → the snapshots a build compares with; the index completed.
   * Null when the last builds' rows are not where the index puts them: the owner unhid the sheet
   * and sorted it (deleted rows change its size, and it is read whole already). toRead() then
   * says to read every row, and those go through here again: rows sorted away from their builds
   * (by client, say) are put back in build order, in memory now and on the sheet with the next
   * build, so that neither the grades compared with nor the rows a later build drops are wrong.
   */
  took(values: readonly unknown[][]): SnapshotRow[] | null {
    let rows = values;
    if (this.index === null) {
      const order = buildOrder(values.map((r) => r[0]));
      const all = order === null ? values : order.map((i) => values[i] as unknown[]);
      if (order !== null) this.reordered = all;
      this.index = indexFromDates(all.map((r) => r[0]));
      const span = recentRows(this.index);
      rows = span ? all.slice(span.firstRow - 2) : [];
    } else {
      const last = this.index[this.index.length - 1];
      // The last build's date is the command's, not yet in the index: its rows give it.
      if (last && last.date === "") last.date = String(rows[rows.length - 1]?.[0] ?? "");
      if (!rowsFit(this.index, rows.map((r) => r[0]))) {
        this.index = null;
        return null;
      }
    }
    return rows.map((r) => snapshotFromCells(r)).filter((s): s is SnapshotRow => s !== null);
  }

  /**
   * The steps appending `snapshot` to the history sheet `sheet` (created by an earlier step when
   * the workbook has none): oldest builds deleted past the cap, the rows, the names, the index.
   */
  steps(wb: Excel.Workbook, sheet: string, snapshot: readonly SnapshotRow[], budget: number): Step[] {
    const ws = () => wb.worksheets.getItem(sheet);
    const next = appendBuild(this.index ?? [], snapshot[0]?.date ?? "", snapshot.length);
    const steps: Step[] = [];
    // Rows sorted away from their builds, back in build order first (the index and the rows to drop
    // are theirs): written below the sorted ones, which are deleted only once every row is there, so
    // a failure part-way loses no row (the rows written below stay, outside KAM_History, until the
    // next build writes them again).
    const reordered = this.reordered;
    if (reordered !== null) {
      for (const s of this.rowSteps(ws, 1 + reordered.length, reordered, budget)) steps.push(s);
      steps.push({ bytes: OP_OVERHEAD, run: () => ws().getRangeByIndexes(1, 0, reordered.length, COLUMNS).delete("Up") });
    }
    if (next.dropRows > 0) steps.push({ bytes: OP_OVERHEAD, run: () => ws().getRangeByIndexes(1, 0, next.dropRows, COLUMNS).delete("Up") });
    const rows = snapshot.map(snapshotToCells);
    for (const s of this.rowSteps(ws, next.firstRow - 1, rows, budget)) steps.push(s);
    const marks = historyMarks(next.firstRow - 1, rows.length);
    const pieces = historyIndexProperties(next.index);
    const unused = this.pieces.filter((p) => !pieces.some((x) => x.name.toLowerCase() === p.toLowerCase()));
    steps.push({
      bytes: OP_OVERHEAD * (4 + pieces.length + unused.length) + pieces.reduce((n, p) => n + p.value.length, 0),
      run: () => {
        if (this.found.historyNamed) wb.names.getItem(MARKER_NAMES.history).delete();
        wb.names.add(MARKER_NAMES.history, rangeOf(ws(), marks.history), "KAM Portfolio history (kam-portfolio:history)");
        if (marks.last) {
          if (this.found.lastNamed) wb.names.getItem(MARKER_NAMES.historyLast).delete();
          wb.names.add(MARKER_NAMES.historyLast, rangeOf(ws(), marks.last), "The last KAM Portfolio snapshot");
        }
        const custom = wb.properties.custom;
        for (const p of unused) custom.getItem(p).delete();
        for (const p of pieces) custom.add(p.name, p.value);
      },
    });
    return steps;
  }

  /** Writing history rows from row index `first` (0-based): dates and client names as text (an ISO date-time or a name like "=cmd" stays as written), in chunks. */
  private rowSteps(ws: () => Excel.Worksheet, first: number, rows: readonly (readonly unknown[])[], budget: number): Step[] {
    if (rows.length === 0) return [];
    const steps: Step[] = [{ bytes: formatBytes(TEXT, rows.length, 2), run: () => setFormat(ws().getRangeByIndexes(first, 0, rows.length, 2), TEXT, rows.length, 2) }];
    for (const c of rowChunks(rows as unknown[][], Math.floor(budget / 4))) {
      steps.push({ bytes: c.bytes + OP_OVERHEAD, run: () => (ws().getRangeByIndexes(first + c.start, 0, c.rows.length, COLUMNS).values = c.rows) });
    }
    return steps;
  }
}

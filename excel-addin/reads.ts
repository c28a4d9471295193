/**
 * Reading big ranges within Excel's limits (learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization): "Excel on the web has a payload size limit for
 * requests and responses of 5MB", and "A range is limited to 5,000,000 cells for read operations.
 * When a read exceeds this limit, the API will either return null or throw an error."
 */

/** Cells per chunk when a sheet is too big to read in one response. */
export const CELLS_PER_READ = 100_000;
function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/** A block's values, one sync per chunk of rows, halving a chunk that is still too big (or came back null). */
export async function readRowsInChunks(ctx: Excel.RequestContext, ws: Excel.Worksheet, row: number, col: number, rows: number, cols: number): Promise<unknown[][]> {
  const out: unknown[][] = [];
  let chunk = Math.max(1, Math.floor(CELLS_PER_READ / Math.max(1, cols)));
  for (let start = 0; start < rows; ) {
    const n = Math.min(chunk, rows - start);
    const part = ws.getRangeByIndexes(row + start, col, n, cols);
    part.load("values");
    let values: unknown[][] | null = null;
    try {
      await ctx.sync();
      values = part.values;
    } catch (e) {
      if (!isPayloadLimit(e) || n === 1) throw e;
    }
    if (values === null) {
      if (n === 1) throw new Error(`Excel returned no values for row ${row + start + 1}`);
      chunk = Math.ceil(n / 2);
      continue;
    }
    for (const r of values) out.push(r);
    start += n;
  }
  return out;
}

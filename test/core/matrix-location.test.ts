// core/matrix.ts matrixLocation and matrixNow: where a rebuild writes the matrix, and which columns
// the previous one occupies now (hidden from the grading, cleared) — its marked span and, when blank
// columns were inserted among ours, as many of ours as they pushed past it.
import { describe, expect, it } from "vitest";
import { MATRIX_HEADERS, matrixLocation, matrixNow, MatrixPlacementError } from "../../core/matrix";
import type { CellValue } from "../../core/values";

/** A sheet with the data in A:B and the cells of row 1 (headers) and row 2 from column C on. */
function sheet(headers: CellValue[], row2: CellValue[] = []): CellValue[][] {
  return [
    ["Client", "Revenue", ...headers],
    ["Acme", 100, ...row2],
  ];
}
const previous = { column: 3, count: MATRIX_HEADERS.length };

describe("matrixLocation over a previous matrix", () => {
  it("as built: its own nine columns, nothing more", () => {
    expect(matrixLocation(sheet([...MATRIX_HEADERS]), 1, previous)).toEqual({ column: 3 });
    expect(matrixNow({ rows: sheet([...MATRIX_HEADERS]), matrix: previous })).toEqual(previous);
  });

  it("one or two blank columns inserted among ours: the ones they pushed out are cleared too", () => {
    for (const blanks of [1, 2]) {
      const headers = [...MATRIX_HEADERS.slice(0, 4), ...Array<CellValue>(blanks).fill(null), ...MATRIX_HEADERS.slice(4)];
      const now = matrixNow({ rows: sheet(headers), matrix: previous });
      expect(now).toEqual({ column: 3, count: 9 + blanks });
      expect(matrixLocation(sheet(headers), 1, now)).toEqual({ column: 3 });
    }
  });

  it("a blank column inserted, but what follows the span is not one of ours (it was deleted): nothing more is cleared", () => {
    const headers = [...MATRIX_HEADERS.slice(0, 4), null, ...MATRIX_HEADERS.slice(4, 8), "Owner"];
    expect(matrixNow({ rows: sheet(headers), matrix: previous })).toEqual(previous);
    expect(matrixLocation(sheet(headers), 1, previous)).toEqual({ column: 3 });
  });

  it("a column inserted among ours that holds anything of the owner's is refused, as before", () => {
    const headers = [...MATRIX_HEADERS.slice(0, 4), null, ...MATRIX_HEADERS.slice(4)];
    const row2 = [null, null, null, null, "a note"];
    expect(() => matrixLocation(sheet(headers, row2), 1, previous)).toThrow(MatrixPlacementError);
  });

  it("one of our headers renamed: refused, saying which header to put back (not that the column holds the owner's data)", () => {
    const headers: CellValue[] = [...MATRIX_HEADERS];
    headers[6] = "KAM grade (Q3)";
    expect(() => matrixLocation(sheet(headers), 1, previous)).toThrow(/^column I, among the KAM columns \(C:K\), is headed “KAM grade \(Q3\)” where “KAM grade” was; put that header back/);
    // After a blank column inserted before it, still the header that stood there.
    const shifted: CellValue[] = [...MATRIX_HEADERS.slice(0, 2), null, ...MATRIX_HEADERS.slice(2, 8)];
    shifted[7] = "KAM grade (Q3)";
    expect(() => matrixLocation(sheet(shifted), 1, previous)).toThrow(/^column J, among the KAM columns \(C:K\), is headed “KAM grade \(Q3\)” where “KAM grade” was/);
    headers[6] = "Grade (Q3)";
    expect(() => matrixLocation(sheet(headers), 1, previous)).toThrow(/^column I, among the KAM columns \(C:K\), holds “Grade \(Q3\)”; move it out of C:K/);
  });

  it("no previous matrix: the first empty columns right of the data, nothing to clear", () => {
    expect(matrixLocation(sheet([]), 1, null)).toEqual({ column: 3 });
    expect(matrixNow({ rows: sheet([]), matrix: null })).toBeNull();
  });
});

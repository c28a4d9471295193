// core/values/number-column.ts: a parsed number column kept unboxed must give back exactly what
// was put in — a number (−0 too), a blank, or an unreadable cell with its reason.
import { describe, expect, it } from "vitest";
import { Invalid } from "../../../core/values";
import { newNumberColumn, numberAt, parsedList, putParsed } from "../../../core/values/number-column";

describe("number columns", () => {
  it("give back each cell as parsed: numbers (−0, the largest, the smallest), blanks and unreadable cells", () => {
    const cells = [0, -0, 1e15 - 1, -1e300, 5e-324, null, new Invalid('"abc" is not an amount'), 0.1 + 0.2, null];
    const column = newNumberColumn(cells.length);
    cells.forEach((p, i) => putParsed(column, i, p));
    expect(parsedList(column)).toEqual(cells);
    expect(Object.is(numberAt(column, 1), -0)).toBe(true);
    // A blank is null, never the unreadable reason of another row.
    expect(numberAt(column, 5)).toBeNull();
    expect((numberAt(column, 6) as Invalid).reason).toBe('"abc" is not an amount');
    expect(column.invalid.size).toBe(1);
  });
});

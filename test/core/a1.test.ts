import { describe, expect, it } from "vitest";
import { cellRef, columnLetters, columnNumber, parseAreaRef, parseCellRef, quoteSheet, rangeA1, sheetRange } from "../../core/a1";

describe("column letters (1-based)", () => {
  it.each<[string, number]>([["A", 1], ["Z", 26], ["AA", 27], ["AZ", 52], ["BA", 53], ["ZZ", 702], ["AAA", 703], ["XFD", 16_384]])("%s ↔ %i", (letters, n) => {
    expect(columnNumber(letters)).toBe(n);
    expect(columnNumber(letters.toLowerCase())).toBe(n);
    expect(columnLetters(n)).toBe(letters);
  });

  it("round-trips every column of a sheet", () => {
    for (let n = 1; n <= 16_384; n++) expect(columnNumber(columnLetters(n))).toBe(n);
  });
});

describe("cell and range references", () => {
  it("writes and reads cells", () => {
    expect(cellRef(12, 2)).toBe("B12");
    expect(cellRef(12, 2, true)).toBe("$B$12");
    expect(parseCellRef("B12")).toEqual({ row: 12, col: 2 });
    expect(parseCellRef("$AB$3")).toEqual({ row: 3, col: 28 });
    expect(parseCellRef("B")).toBeNull();
    expect(parseCellRef("B1:C2")).toBeNull();
  });

  it("writes rectangles, a single cell without a colon", () => {
    expect(rangeA1({ row: 2, col: 2, rows: 8, cols: 3 })).toBe("B2:D9");
    expect(rangeA1({ row: 2, col: 2, rows: 1, cols: 1 })).toBe("B2");
    expect(rangeA1({ row: 1, col: 1, rows: 61, cols: 5 }, true)).toBe("$A$1:$E$61");
  });

  it("quotes sheet names that are not plain words", () => {
    expect(quoteSheet("Clients")).toBe("Clients");
    expect(quoteSheet("KAM Portfolio")).toBe("'KAM Portfolio'");
    expect(quoteSheet("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheet("AB12")).toBe("'AB12'");
    expect(sheetRange("KAM History", { row: 1, col: 1, rows: 61, cols: 5 })).toBe("'KAM History'!$A$1:$E$61");
  });

  it("reads sheet-qualified areas, with or without '=', and refuses #REF!", () => {
    expect(parseAreaRef("='KAM History'!$A$1:$E$61")).toEqual({ sheet: "KAM History", row: 1, col: 1, rows: 61, cols: 5 });
    expect(parseAreaRef("Clients!$J$1:$R$1")).toEqual({ sheet: "Clients", row: 1, col: 10, rows: 1, cols: 9 });
    expect(parseAreaRef("'O''Brien'!B2")).toEqual({ sheet: "O'Brien", row: 2, col: 2, rows: 1, cols: 1 });
    expect(parseAreaRef("Kunden_Übersicht!$a$3:$b$1")).toEqual({ sheet: "Kunden_Übersicht", row: 1, col: 1, rows: 3, cols: 2 });
    expect(parseAreaRef("=#REF!$A$1")).toBeNull();
    expect(parseAreaRef("=SUM(A1:A3)")).toBeNull();
    expect(parseAreaRef(42)).toBeNull();
  });

  it("round-trips what it writes", () => {
    for (const sheet of ["Clients", "KAM Portfolio", "O'Brien", "AB12", "Ünïcode sheet"]) {
      const r = { row: 3, col: 7, rows: 10, cols: 2 };
      expect(parseAreaRef(`=${sheetRange(sheet, r)}`)).toEqual({ sheet, ...r });
    }
  });
});

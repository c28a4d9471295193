// core/values/ (cells): blank cells, spreadsheet errors and the text of a cell, table-driven.
import { describe, expect, it } from "vitest";
import { isBlank, parseText, spreadsheetError, type CellValue } from "../../../core/values";

describe("spreadsheetError", () => {
  it.each<[CellValue, string | null]>([
    ["#N/A", "#N/A"],
    [" #div/0! ", "#DIV/0!"],
    ["#REF!", "#REF!"],
    ["#VALUE!", "#VALUE!"],
    ["#NAME?", "#NAME?"],
    ["#NUM!", "#NUM!"],
    ["#NULL!", "#NULL!"],
    ["#SPILL!", "#SPILL!"],
    ["#hashtag", null],
    ["N/A", null],
    ["#1 client", null],
    [42, null],
    [null, null],
  ])("%j → %j", (cell, want) => {
    expect(spreadsheetError(cell)).toBe(want);
  });
});

describe("isBlank and parseText", () => {
  it.each<[CellValue, boolean]>([
    [null, true], [undefined, true], ["", true], ["  \t ", true], [0, false], [false, false], ["x", false], [new Date(0), false],
  ])("isBlank(%j) = %s", (cell, want) => {
    expect(isBlank(cell)).toBe(want);
  });

  it.each<[CellValue, string | null]>([
    ["  Acme Ltd  ", "Acme Ltd"],
    ["", null],
    ["   ", null],
    [null, null],
    [42, "42"],
    ["=1+1", "=1+1"], // text from data stays text
    ["@home", "@home"],
  ])("parseText(%j) = %j", (cell, want) => {
    expect(parseText(cell)).toBe(want);
  });
});

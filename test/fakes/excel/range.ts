/** Ranges: values, formulas, number formats, fonts, fills, data validation, conditional formats. */
import { FakeProxy } from "./proxy";
import type { FakeQueue } from "./queue";
import { CELL_READ_LIMIT, forEachCell, writeFormula, writeValue, type RangeRef } from "./cells";
import { a1, bytesOf, FakeExcelError, quote, type FakeCell, type FakeConditionalFormat, type FakeSheetState } from "./state";

export type { RangeRef } from "./cells";

export class FakeRangeFormat {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  constructor(
    private readonly ctx: FakeQueue,
    private readonly ref: () => RangeRef,
  ) {
    this.font = new FakeFont(ctx, ref);
    this.fill = new FakeFill(ctx, ref);
  }
  set wrapText(v: Excel.RangeFormat["wrapText"]) {
    this.ctx.enqueue("format.wrapText", bytesOf(v), () => forEachCell(this.ref(), v, "wrapText", (c) => (c.wrap = v)));
  }
  get wrapText(): Excel.RangeFormat["wrapText"] {
    throw new FakeExcelError("PropertyNotLoaded", "wrapText");
  }
  set columnWidth(v: Excel.RangeFormat["columnWidth"]) {
    this.ctx.enqueue("format.columnWidth", bytesOf(v), () => {
      const r = this.ref();
      for (let j = 0; j < r.rect.cols; j++) r.sheet.columnWidths.set(r.rect.col + j, v);
    });
  }
  get columnWidth(): Excel.RangeFormat["columnWidth"] {
    throw new FakeExcelError("PropertyNotLoaded", "columnWidth");
  }
}

export class FakeFont {
  constructor(
    private readonly ctx: FakeQueue,
    private readonly ref: () => RangeRef,
  ) {}
  private apply(prop: keyof FakeCell, v: unknown): void {
    this.ctx.enqueue(`font.${prop}`, bytesOf(v), () => forEachCell(this.ref(), v, `font.${prop}`, (c) => ((c as unknown as Record<string, unknown>)[prop] = v)));
  }
  set bold(v: Excel.RangeFont["bold"]) { this.apply("bold", v); }
  get bold(): Excel.RangeFont["bold"] { throw new FakeExcelError("PropertyNotLoaded", "bold"); }
  set italic(v: Excel.RangeFont["italic"]) { this.apply("italic", v); }
  get italic(): Excel.RangeFont["italic"] { throw new FakeExcelError("PropertyNotLoaded", "italic"); }
  set size(v: Excel.RangeFont["size"]) { this.apply("size", v); }
  get size(): Excel.RangeFont["size"] { throw new FakeExcelError("PropertyNotLoaded", "size"); }
  set color(v: Excel.RangeFont["color"]) { this.apply("fontColor", v); }
  get color(): Excel.RangeFont["color"] { throw new FakeExcelError("PropertyNotLoaded", "color"); }
}

export class FakeFill {
  constructor(
    private readonly ctx: FakeQueue,
    private readonly ref: () => RangeRef,
  ) {}
  set color(v: Excel.RangeFill["color"]) {
    this.ctx.enqueue("fill.color", bytesOf(v), () => forEachCell(this.ref(), v, "fill.color", (c) => (c.fill = v)));
  }
  get color(): Excel.RangeFill["color"] {
    throw new FakeExcelError("PropertyNotLoaded", "fill.color");
  }
}

export class FakeDataValidation {
  constructor(
    private readonly ctx: FakeQueue,
    private readonly ref: () => RangeRef,
  ) {}
  private entry(): FakeSheetState["validations"][number] {
    const r = this.ref();
    let e = r.sheet.validations.find((x) => JSON.stringify(x.rect) === JSON.stringify(r.rect));
    if (!e) {
      e = { rect: r.rect, rule: null };
      r.sheet.validations.push(e);
    }
    return e;
  }
  set rule(v: Excel.DataValidation["rule"]) {
    this.ctx.enqueue("dataValidation.rule", bytesOf(v), () => (this.entry().rule = JSON.parse(JSON.stringify(v))));
  }
  set prompt(v: Excel.DataValidation["prompt"]) {
    this.ctx.enqueue("dataValidation.prompt", bytesOf(v), () => (this.entry().prompt = JSON.parse(JSON.stringify(v))));
  }
  get prompt(): Excel.DataValidation["prompt"] {
    throw new FakeExcelError("PropertyNotLoaded", "dataValidation.prompt");
  }
  set errorAlert(v: Excel.DataValidation["errorAlert"]) {
    this.ctx.enqueue("dataValidation.errorAlert", bytesOf(v), () => (this.entry().errorAlert = JSON.parse(JSON.stringify(v))));
  }
  get errorAlert(): Excel.DataValidation["errorAlert"] {
    throw new FakeExcelError("PropertyNotLoaded", "dataValidation.errorAlert");
  }
  get rule(): Excel.DataValidation["rule"] {
    throw new FakeExcelError("PropertyNotLoaded", "dataValidation.rule");
  }
}

export class FakeRange extends FakeProxy<RangeRef> {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;
  constructor(ctx: FakeQueue, resolve: () => RangeRef | null, label: string) {
    super(ctx, resolve, label);
    this.format = new FakeRangeFormat(ctx, () => this.target());
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, () => this.target());
    this.dataValidation = new FakeDataValidation(ctx, () => this.target());
  }
  /** The range, for collections that take one (names, tables, charts). */
  static ref(r: FakeRange): RangeRef {
    return r.target();
  }
  protected snapshot(ref: RangeRef, prop: string): unknown {
    const { sheet, rect } = ref;
    // "A range is limited to 5,000,000 cells for read operations. When a read exceeds this limit,
    // the API will either return null or throw an error."
    if ((prop === "values" || prop === "formulas") && rect.rows * rect.cols > (this.ctx.options.cellReadLimit ?? CELL_READ_LIMIT)) {
      if (this.ctx.options.bigReads === "throw") throw new FakeExcelError("GeneralException", `reading ${rect.rows * rect.cols} cells`);
      return null;
    }
    switch (prop) {
      case "values": {
        const computed = this.ctx.state.evaluator;
        return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => {
          const v = computed?.valueAt(sheet, rect.row + i, rect.col + j);
          return v ? v.value : (sheet.cell(rect.row + i, rect.col + j)?.value ?? "");
        }));
      }
      case "formulas":
        return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => {
          const c = sheet.cell(rect.row + i, rect.col + j);
          return c?.formula ?? c?.value ?? "";
        }));
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "address":
        return `${quote(sheet.name)}!${a1(rect).replace(/\$/g, "")}`;
      default:
        throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a range`);
    }
  }
  get values(): Excel.Range["values"] { return this.got("values"); }
  set values(v: Excel.Range["values"]) {
    this.set("values", v, (ref) => forEachCell(ref, v, "values", (cell, value) => writeValue(cell, value, this.ctx.state.date1904), true));
  }
  get formulas(): Excel.Range["formulas"] { return this.got("formulas"); }
  set formulas(v: Excel.Range["formulas"]) {
    this.set("formulas", v, (ref) => forEachCell(ref, v, "formulas", (cell, value) => writeFormula(cell, value, this.ctx.state.date1904), true));
  }
  get numberFormat(): Excel.Range["numberFormat"] { return this.got("numberFormat"); }
  set numberFormat(v: Excel.Range["numberFormat"]) {
    this.set("numberFormat", v, (ref) => forEachCell(ref, v, "numberFormat", (cell, value) => (cell.numberFormat = String(value)), true));
  }
  get rowIndex(): Excel.Range["rowIndex"] { return this.got("rowIndex"); }
  get columnIndex(): Excel.Range["columnIndex"] { return this.got("columnIndex"); }
  get rowCount(): Excel.Range["rowCount"] { return this.got("rowCount"); }
  get columnCount(): Excel.Range["columnCount"] { return this.got("columnCount"); }
  get address(): Excel.Range["address"] { return this.got("address"); }
  /** Deletes the cells, shifting those below up (within the range's columns), as "Up" does. */
  delete(shift: Parameters<Excel.Range["delete"]>[0]): void {
    this.call("delete", shift, (ref) => {
      if (shift !== "Up") throw new FakeExcelError("InvalidArgument", "the fake deletes with shift Up only");
      const { sheet, rect } = ref;
      const moved = new Map<string, FakeCell>();
      for (const [key, cell] of sheet.cells) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        const inColumns = c >= rect.col && c < rect.col + rect.cols;
        if (inColumns && r >= rect.row && r < rect.row + rect.rows) continue;
        moved.set(inColumns && r >= rect.row + rect.rows ? `${r - rect.rows},${c}` : key, cell);
      }
      sheet.cells = moved;
    });
  }
  clear(applyTo?: Parameters<Excel.Range["clear"]>[0]): void {
    this.call("clear", applyTo, (ref) => {
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const key = `${ref.rect.row + i},${ref.rect.col + j}`;
          const cell = ref.sheet.cells.get(key);
          if (!cell) continue;
          if (applyTo === "Contents") {
            cell.value = "";
            delete cell.formula;
          } else ref.sheet.cells.delete(key);
        }
      }
    });
  }
}


export class FakeConditionalFormatCollection {
  constructor(
    private readonly ctx: FakeQueue,
    private readonly ref: () => RangeRef,
  ) {}
  add(type: Parameters<Excel.ConditionalFormatCollection["add"]>[0]): FakeConditionalFormat_ {
    let state: FakeConditionalFormat | null = null;
    this.ctx.enqueue("conditionalFormats.add", bytesOf(type), () => {
      const r = this.ref();
      state = { rect: r.rect, type: String(type) };
      r.sheet.conditionalFormats.push(state);
    });
    return new FakeConditionalFormat_(this.ctx, () => state);
  }
}

export class FakeConditionalFormat_ {
  readonly cellValue: FakeCellValueConditionalFormat;
  constructor(ctx: FakeQueue, state: () => FakeConditionalFormat | null) {
    this.cellValue = new FakeCellValueConditionalFormat(ctx, state);
  }
}

export class FakeCellValueConditionalFormat {
  readonly format: { fill: { color: string }; font: { color: string } };
  constructor(
    private readonly ctx: FakeQueue,
    private readonly state: () => FakeConditionalFormat | null,
  ) {
    const need = () => {
      const s = state();
      if (!s) throw new FakeExcelError("ItemNotFound", "conditional format");
      return s;
    };
    this.format = {
      fill: { set color(v: string) { ctx.enqueue("cf.fill", bytesOf(v), () => (need().fill = v)); }, get color(): string { throw new FakeExcelError("PropertyNotLoaded", "cf.fill"); } },
      font: { set color(v: string) { ctx.enqueue("cf.font", bytesOf(v), () => (need().fontColor = v)); }, get color(): string { throw new FakeExcelError("PropertyNotLoaded", "cf.font"); } },
    };
  }
  set rule(v: Excel.CellValueConditionalFormat["rule"]) {
    this.ctx.enqueue("cf.rule", bytesOf(v), () => {
      const s = this.state();
      if (!s) throw new FakeExcelError("ItemNotFound", "conditional format");
      s.rule = { formula1: v.formula1, ...(v.operator ? { operator: String(v.operator) } : {}) };
    });
  }
  get rule(): Excel.CellValueConditionalFormat["rule"] {
    throw new FakeExcelError("PropertyNotLoaded", "rule");
  }
}


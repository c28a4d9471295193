/** Worksheets: the collection, a worksheet, its freeze panes and page layout. */
import { FakeChartCollection } from "./chart";
import { FakeNamedItemCollection } from "./names";
import { FakeProxy } from "./proxy";
import type { FakeQueue } from "./queue";
import { FakeRange } from "./range";
import { bytesOf, FakeExcelError, FakeSheetState, parseA1, type FakeWorkbookState } from "./state";
import { FakeTableCollection } from "./tables";

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) throw new FakeExcelError("InvalidArgument", `bad sheet name ${JSON.stringify(name)}`);
}

export class FakeWorksheetCollection extends FakeProxy<FakeSheetState[]> {
  private itemProxies: FakeWorksheet[] = [];
  readonly onActivated: { add(handler: (args: Excel.WorksheetActivatedEventArgs) => Promise<unknown>): { remove(): void } };
  constructor(ctx: FakeQueue) {
    super(ctx, () => ctx.state.sheets, "worksheets");
    this.onActivated = {
      add: (handler) => {
        const h = handler as unknown as FakeWorkbookState["activatedHandlers"][number];
        ctx.enqueue("worksheets.onActivated.add", 0, () => ctx.state.activatedHandlers.push(h));
        return { remove: () => ctx.enqueue("worksheets.onActivated.remove", 0, () => (ctx.state.activatedHandlers = ctx.state.activatedHandlers.filter((x) => x !== h))) };
      },
    };
  }
  protected snapshot(_state: FakeSheetState[], prop: string): unknown {
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on worksheets`);
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : [];
    this.ctx.enqueue("load worksheets", bytesOf(list), () => {
      const sheets = this.ctx.state.sheets;
      this.itemProxies = sheets.map((s) => new FakeWorksheet(this.ctx, () => (s.deleted ? null : s), `worksheet ${s.name}`));
      for (const p of list) {
        if (!p.startsWith("items/")) throw new FakeExcelError("InvalidArgument", `cannot load ${p} on worksheets`);
        this.itemProxies.forEach((ip, i) => FakeWorksheet.preload(ip, p.slice(6), sheets[i] as FakeSheetState));
      }
      this.loaded = { items: this.itemProxies };
      this.nullObject = false;
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.got<FakeWorksheet[]>("items");
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.active, "active worksheet");
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.state.sheet(key);
      if (!s) throw new FakeExcelError("ItemNotFound", `no worksheet ${key}`);
      return s;
    }, `worksheet ${key}`);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.sheet(key) ?? null, `worksheet ${key}`);
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheetState | null = null;
    this.ctx.enqueue(`worksheets.add ${name}`, bytesOf(name), () => {
      const n = name ?? `Sheet${this.ctx.state.sheets.length + 1}`;
      checkSheetName(n);
      if (this.ctx.state.sheet(n)) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${n} exists`);
      created = new FakeSheetState(n);
      this.ctx.state.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => created, `new worksheet ${name}`);
  }
}

export class FakeWorksheet extends FakeProxy<FakeSheetState> {
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;
  constructor(ctx: FakeQueue, resolve: () => FakeSheetState | null, label: string) {
    super(ctx, resolve, label);
    this.names = new FakeNamedItemCollection(ctx, () => this.target().names, () => this.target());
    this.tables = new FakeTableCollection(ctx, () => this.target().tables, () => this.target(), `${label}.tables`);
    this.charts = new FakeChartCollection(ctx, () => this.target());
    this.freezePanes = new FakeFreezePanes(ctx, () => this.target());
    this.pageLayout = new FakePageLayout(ctx, () => this.target());
  }
  static preload(w: FakeWorksheet, prop: string, s: FakeSheetState): void {
    w.loaded = w.loaded ?? {};
    w.nullObject = false;
    w.loaded[prop] = w.snapshot(s, prop);
    w.ctx.responseBytes += bytesOf(w.loaded[prop]);
  }
  protected snapshot(s: FakeSheetState, prop: string): unknown {
    if (prop === "name") return s.name;
    if (prop === "position") return this.ctx.state.sheets.indexOf(s);
    if (prop === "visibility") return s.visibility;
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a worksheet`);
  }
  get name(): Excel.Worksheet["name"] {
    return this.got("name");
  }
  set name(v: Excel.Worksheet["name"]) {
    this.set("name", v, (s) => {
      checkSheetName(v);
      const other = this.ctx.state.sheet(v);
      if (other && other !== s) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${v} exists`);
      s.name = v;
    });
  }
  get position(): Excel.Worksheet["position"] {
    return this.got("position");
  }
  set position(v: Excel.Worksheet["position"]) {
    this.set("position", v, (s) => {
      const list = this.ctx.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
    });
  }
  get visibility(): Excel.Worksheet["visibility"] {
    return this.got("visibility");
  }
  set visibility(v: Excel.Worksheet["visibility"]) {
    this.set("visibility", v, (s) => (s.visibility = v));
  }
  set tabColor(v: Excel.Worksheet["tabColor"]) {
    this.set("tabColor", v, (s) => (s.tabColor = v));
  }
  get tabColor(): Excel.Worksheet["tabColor"] {
    return this.got("tabColor");
  }
  delete(): void {
    this.call("delete", null, (s) => {
      const st = this.ctx.state;
      if (st.sheets.filter((x) => x.visibility === "Visible" && x !== s).length === 0) throw new FakeExcelError("InvalidOperation", "cannot delete the last visible sheet");
      st.sheets = st.sheets.filter((x) => x !== s);
      s.deleted = true;
      if (st.active === s) st.active = st.sheets.find((x) => x.visibility === "Visible") ?? null;
    });
  }
  activate(): void {
    this.call("activate", null, (s) => {
      if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "cannot activate a hidden sheet");
      this.ctx.state.active = s;
    });
  }
  getRangeByIndexes(...[startRow, startColumn, rowCount, columnCount]: Parameters<Excel.Worksheet["getRangeByIndexes"]>): FakeRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.target(), rect: { row: startRow, col: startColumn, rows: rowCount, cols: columnCount } }), `${this.label}!R${startRow + 1}C${startColumn + 1}`);
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.target(), rect: parseA1(address ?? "A1") }), `${this.label}!${address}`);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      const u = s.used();
      return u ? { sheet: s, rect: u } : null;
    }, `${this.label} used range`);
  }
}


export class FakeFreezePanes {
  constructor(private readonly ctx: FakeQueue, private readonly sheet: () => FakeSheetState) {}
  freezeAt(frozenRange: FakeRange | string): void {
    this.ctx.enqueue("freezeAt", 10, () => {
      if (typeof frozenRange === "string") throw new FakeExcelError("InvalidArgument", "the fake freezes at a Range");
      this.sheet().freeze = FakeRange.ref(frozenRange).rect;
    });
  }
}

/** Worksheet.pageLayout is ExcelApi 1.9. */
export class FakePageLayout {
  private loaded: Record<string, unknown> | null = null;
  constructor(private readonly ctx: FakeQueue, private readonly sheet: () => FakeSheetState) {}
  load(props: "orientation"): this {
    this.ctx.enqueueFrom("ExcelApi", "1.9", "load pageLayout", 0, () => (this.loaded = { orientation: this.sheet().page.orientation ?? "Portrait" }));
    void props;
    return this;
  }
  set orientation(v: Excel.PageLayout["orientation"]) { this.ctx.enqueueFrom("ExcelApi", "1.9", "pageLayout.orientation", bytesOf(v), () => (this.sheet().page.orientation = v)); }
  get orientation(): Excel.PageLayout["orientation"] {
    if (!this.loaded) throw new FakeExcelError("PropertyNotLoaded", "orientation");
    return this.loaded.orientation as Excel.PageLayout["orientation"];
  }
  set zoom(v: Excel.PageLayout["zoom"]) { this.ctx.enqueueFrom("ExcelApi", "1.9", "pageLayout.zoom", bytesOf(v), () => (this.sheet().page.zoom = v)); }
  get zoom(): Excel.PageLayout["zoom"] { throw new FakeExcelError("PropertyNotLoaded", "zoom"); }
  /** PageLayout.setPrintArea (ExcelApi 1.9): a range, or an address of one or more areas separated by commas. */
  setPrintArea(printArea: string): void {
    if (!PRINT_AREA.test(printArea)) throw new FakeExcelError("InvalidArgument", `setPrintArea: ${printArea} is not a list of A1 areas`);
    this.ctx.enqueueFrom("ExcelApi", "1.9", "pageLayout.setPrintArea", bytesOf(printArea), () => (this.sheet().page.printArea = printArea));
  }
  /** PageLayout.setPrintTitleRows (ExcelApi 1.9): whole rows, as "$15:$15". */
  setPrintTitleRows(rows: string): void {
    if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new FakeExcelError("InvalidArgument", `setPrintTitleRows: ${rows} is not a row range`);
    this.ctx.enqueueFrom("ExcelApi", "1.9", "pageLayout.setPrintTitleRows", bytesOf(rows), () => (this.sheet().page.printTitleRows = rows));
  }
}

/** "A1:O60, P1:V14": A1 areas separated by commas. */
const AREA = "\\$?[A-Z]{1,3}\\$?\\d+(:\\$?[A-Z]{1,3}\\$?\\d+)?";
const PRINT_AREA = new RegExp(`^${AREA}(, ?${AREA})*$`);


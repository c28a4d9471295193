/**
 * An in-memory Excel behind a fake `Excel.RequestContext`, for the Office.js adapter's tests.
 *
 * It keeps Office.js's proxy model, which is what the adapter must get right: every call and
 * property write is queued and runs only at `context.sync()`, in order, stopping at the first
 * error (nothing after it runs, nothing before it is undone); a property can be read only after
 * it was loaded and synced; `*OrNullObject` gives a null object instead of an error. Each sync is
 * recorded with its request and response size (JSON of the arguments and of the loaded values),
 * and a request over Excel on the web's 5 MB limit is refused whole, as the service does.
 *
 * Typed against @types/office-js: every public member of a fake proxy exists, with its type, on
 * the real interface (see `conforms` at the end), so the fake cannot grow an API Excel lacks.
 * Values that Excel would turn into formulas (= + - @ text without the text number format) become
 * formula cells here too, so the tests can see formula injection.
 */
import { columnLetters } from "../../core/a1";

const LIMIT = 5 * 1024 * 1024;
const encoder = new TextEncoder();
const bytesOf = (v: unknown): number => encoder.encode(JSON.stringify(v) ?? "null").length;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

// ---------------------------------------------------------------------------------------------
// State

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
}

export interface FakeRect {
  row: number; // 0-based
  col: number;
  rows: number;
  cols: number;
}

export interface FakeTableState {
  name: string;
  rect: FakeRect;
  style?: string;
}

export interface FakeSeriesState {
  name: string;
  x?: { sheet: FakeSheetState; rect: FakeRect };
  y?: { sheet: FakeSheetState; rect: FakeRect };
  props: Record<string, unknown>;
}

export interface FakeChartState {
  type: string;
  series: FakeSeriesState[];
  props: Record<string, unknown>;
}

export interface FakeConditionalFormat {
  rect: FakeRect;
  type: string;
  rule?: { formula1: string; operator?: string };
  fill?: string;
  fontColor?: string;
}

export class FakeSheetState {
  cells = new Map<string, FakeCell>();
  visibility = "Visible";
  tabColor = "";
  names = new Map<string, FakeNameState>();
  tables: FakeTableState[] = [];
  charts: FakeChartState[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  columnWidths = new Map<number, number>();
  freeze: FakeRect | null = null;
  validations: { rect: FakeRect; rule: unknown; prompt?: unknown; errorAlert?: unknown }[] = [];
  page: Record<string, unknown> = {};
  deleted = false;
  constructor(public name: string) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  edit(r: number, c: number): FakeCell {
    let cell = this.cells.get(`${r},${c}`);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(`${r},${c}`, cell);
    }
    return cell;
  }
  /** The cells holding a value or formula, as Excel's used range (values only). */
  used(): FakeRect | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" && cell.formula === undefined) continue;
      const [r, c] = k.split(",").map(Number) as [number, number];
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Values by 1-based row and column, "" for empty (tests). */
  valueAt(row: number, col: number): string | number | boolean {
    return this.cell(row - 1, col - 1)?.value ?? "";
  }
  /** Every cell that holds a formula (tests). */
  formulas(): { row: number; col: number; formula: string }[] {
    return [...this.cells.entries()].filter(([, c]) => c.formula !== undefined).map(([k, c]) => {
      const [r, col] = k.split(",").map(Number) as [number, number];
      return { row: r + 1, col: col + 1, formula: c.formula as string };
    });
  }
  rowsFrom(row: number, cols: number): (string | number | boolean)[][] {
    const used = this.used();
    if (!used) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = row - 1; r < used.row + used.rows; r++) out.push(Array.from({ length: cols }, (_, c) => this.cell(r, c)?.value ?? ""));
    return out;
  }
}

export interface FakeNameState {
  name: string;
  sheet: FakeSheetState;
  rect: FakeRect;
  comment?: string;
}

function a1(r: FakeRect): string {
  const tl = `$${columnLetters(r.col + 1)}$${r.row + 1}`;
  const br = `$${columnLetters(r.col + r.cols)}$${r.row + r.rows}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${br}`;
}
function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function nameFormula(n: FakeNameState): string {
  return n.sheet.deleted ? "=#REF!" : `=${quote(n.sheet.name)}!${a1(n.rect)}`;
}

function parseA1(address: string): FakeRect {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.replace(/^.*!/, ""));
  if (!m) throw new FakeExcelError("InvalidArgument", `bad address ${address}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = col(m[1] as string);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? col(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export interface SyncRecord {
  ops: number;
  requestBytes: number;
  responseBytes: number;
  calculationSuspended: boolean;
  /** The sync was refused or an op failed. */
  failed: boolean;
}

interface Op {
  bytes: number;
  what: string;
  run(): void;
}

export interface FakeExcelOptions {
  /** Throw a host error when this predicate says so, as the op is about to run. */
  failWhen?: (what: string, opIndex: number, sync: number) => boolean;
}

// ---------------------------------------------------------------------------------------------
// The workbook and its request context

export class FakeWorkbookState {
  sheets: FakeSheetState[] = [];
  /** Handlers registered with worksheets.onActivated. */
  activatedHandlers: ((args: { worksheetId: string; type: string; source: string }) => unknown)[] = [];
  names = new Map<string, FakeNameState>();
  settings = new Map<string, unknown>();
  /** Custom document properties (docProps/custom.xml), by key as written; keys compare case-insensitively. */
  customProperties = new Map<string, unknown>();
  active: FakeSheetState | null = null;

  sheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  addSheet(name: string, rows: unknown[][] = []): FakeSheetState {
    const s = new FakeSheetState(name);
    rows.forEach((r, i) => r.forEach((v, j) => {
      if (v !== null && v !== undefined && v !== "") s.edit(i, j).value = v as string | number | boolean;
    }));
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }
  allTables(): FakeTableState[] {
    return this.sheets.flatMap((s) => s.tables);
  }
  /** The stored key of a custom property, found case-insensitively. */
  customKey(key: string): string | undefined {
    return [...this.customProperties.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  readonly syncs: SyncRecord[] = [];
  private queue: Op[] = [];
  private suspended = false;
  private opCount = 0;
  responseBytes = 0;

  constructor(
    readonly state: FakeWorkbookState,
    readonly options: FakeExcelOptions = {},
  ) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }

  enqueue(what: string, bytes: number, run: () => void): void {
    this.queue.push({ what, bytes: bytes + 100, run });
  }
  suspendCalculation(): void {
    this.suspended = true;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const record: SyncRecord = { ops: ops.length, requestBytes: ops.reduce((a, o) => a + o.bytes, 0), responseBytes: 0, calculationSuspended: false, failed: true };
    this.syncs.push(record);
    this.responseBytes = 0;
    const suspendedBefore = this.suspended;
    this.suspended = false;
    if (record.requestBytes > LIMIT) throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `request of ${record.requestBytes} bytes`);
    try {
      for (const op of ops) {
        if (this.options.failWhen?.(op.what, this.opCount, this.syncs.length)) throw new FakeExcelError("GeneralException", `injected failure at ${op.what}`);
        this.opCount++;
        op.run();
      }
    } finally {
      record.responseBytes = this.responseBytes;
      record.calculationSuspended = suspendedBefore || this.suspended;
      this.suspended = false;
    }
    if (record.responseBytes > LIMIT) throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `response of ${record.responseBytes} bytes`);
    record.failed = false;
  }

  /** As `context.sync` is typed. */
  asRequestContext(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}

/** A proxy: resolves to its state when an op runs; loaded properties readable after sync. */
abstract class FakeProxy<S> {
  protected loaded: Record<string, unknown> | null = null;
  protected nullObject: boolean | undefined;
  constructor(
    protected readonly ctx: FakeContext,
    protected readonly resolveState: () => S | null,
    protected readonly label: string,
  ) {}

  protected target(): S {
    const s = this.resolveState();
    if (s === null) throw new FakeExcelError("ItemNotFound", `${this.label} does not exist`);
    return s;
  }
  protected abstract snapshot(state: S, prop: string): unknown;

  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()).filter(Boolean) : Array.isArray(props) ? props : [];
    this.ctx.enqueue(`load ${this.label}`, bytesOf(list), () => {
      const state = this.resolveState();
      this.nullObject = state === null;
      this.loaded = this.loaded ?? {};
      if (state === null) return;
      for (const p of list) {
        const v = this.snapshot(state, p);
        this.loaded[p.split("/")[0] as string] = v;
        this.ctx.responseBytes += bytesOf(v);
      }
    });
    return this;
  }
  /** What the loaded properties look like as JSON (Office.js proxies have toJSON too). */
  toJSON(): unknown {
    return this.loaded ?? {};
  }
  get isNullObject(): boolean {
    if (this.nullObject === undefined) throw new FakeExcelError("PropertyNotLoaded", `isNullObject of ${this.label} read before load and sync`);
    return this.nullObject;
  }
  protected got<T>(prop: string): T {
    if (!this.loaded || !(prop in this.loaded)) throw new FakeExcelError("PropertyNotLoaded", `${this.label}.${prop} read before load and sync`);
    return this.loaded[prop] as T;
  }
  protected set(prop: string, value: unknown, apply: (s: S) => void): void {
    this.ctx.enqueue(`set ${this.label}.${prop}`, bytesOf(value), () => apply(this.target()));
  }
  protected call(method: string, args: unknown, apply: (s: S) => void): void {
    this.ctx.enqueue(`${this.label}.${method}`, bytesOf(args), () => apply(this.target()));
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue("suspendApiCalculationUntilNextSync", 0, () => this.ctx.suspendCalculation());
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;
  readonly properties: FakeDocumentProperties;
  constructor(ctx: FakeContext) {
    const st = ctx.state;
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, () => st.names, null);
    this.tables = new FakeTableCollection(ctx, () => st.allTables(), null, "workbook.tables");
    this.settings = new FakeSettingCollection(ctx);
    this.properties = new FakeDocumentProperties(ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) throw new FakeExcelError("InvalidArgument", `bad sheet name ${JSON.stringify(name)}`);
}

class FakeWorksheetCollection extends FakeProxy<FakeSheetState[]> {
  private itemProxies: FakeWorksheet[] = [];
  readonly onActivated: { add(handler: (args: Excel.WorksheetActivatedEventArgs) => Promise<unknown>): { remove(): void } };
  constructor(ctx: FakeContext) {
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

class FakeWorksheet extends FakeProxy<FakeSheetState> {
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;
  constructor(ctx: FakeContext, resolve: () => FakeSheetState | null, label: string) {
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

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeRef {
  sheet: FakeSheetState;
  rect: FakeRect;
}

function shapeCheck(v: unknown, rect: FakeRect, what: string): unknown[][] | null {
  if (!Array.isArray(v)) return null; // a single value: applied to every cell
  if (v.length !== rect.rows || v.some((r) => !Array.isArray(r) || r.length !== rect.cols)) {
    throw new FakeExcelError("InvalidArgument", `${what}: ${v.length}×${(v[0] as unknown[] | undefined)?.length} values for a ${rect.rows}×${rect.cols} range`);
  }
  return v as unknown[][];
}

function forEachCell(ref: RangeRef, v: unknown, what: string, f: (cell: FakeCell, value: unknown, r: number, c: number) => void): void {
  const arr = shapeCheck(v, ref.rect, what);
  for (let i = 0; i < ref.rect.rows; i++) {
    for (let j = 0; j < ref.rect.cols; j++) {
      const value = arr ? (arr[i] as unknown[])[j] : v;
      if (value === null || value === undefined) continue; // null input leaves the cell as it is
      f(ref.sheet.edit(ref.rect.row + i, ref.rect.col + j), value, ref.rect.row + i, ref.rect.col + j);
    }
  }
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** What Excel stores when a value is written. */
function writeValue(cell: FakeCell, value: unknown): void {
  delete cell.formula;
  if (typeof value === "string") {
    if (cell.numberFormat === "@") {
      cell.value = value;
      return;
    }
    if (value === "") {
      cell.value = "";
      return;
    }
    if (NUMBER_TEXT.test(value.trim())) {
      cell.value = Number(value);
      return;
    }
    if (/^[=+\-@]/.test(value)) {
      // Excel reads it as a formula: the tests must never see this for data.
      cell.formula = value.startsWith("=") ? value : `=${value}`;
      cell.value = "#NAME?";
      return;
    }
    cell.value = value;
    return;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    cell.value = value;
    return;
  }
  throw new FakeExcelError("InvalidArgument", `cannot write ${JSON.stringify(value)}`);
}

class FakeRangeFormat {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  constructor(
    private readonly ctx: FakeContext,
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

class FakeFont {
  constructor(
    private readonly ctx: FakeContext,
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

class FakeFill {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ref: () => RangeRef,
  ) {}
  set color(v: Excel.RangeFill["color"]) {
    this.ctx.enqueue("fill.color", bytesOf(v), () => forEachCell(this.ref(), v, "fill.color", (c) => (c.fill = v)));
  }
  get color(): Excel.RangeFill["color"] {
    throw new FakeExcelError("PropertyNotLoaded", "fill.color");
  }
}

class FakeDataValidation {
  constructor(
    private readonly ctx: FakeContext,
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

class FakeRange extends FakeProxy<RangeRef> {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;
  constructor(ctx: FakeContext, resolve: () => RangeRef | null, label: string) {
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
    switch (prop) {
      case "values":
        return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => sheet.cell(rect.row + i, rect.col + j)?.value ?? ""));
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
    this.set("values", v, (ref) => forEachCell(ref, v, "values", (cell, value) => writeValue(cell, value)));
  }
  get formulas(): Excel.Range["formulas"] { return this.got("formulas"); }
  set formulas(v: Excel.Range["formulas"]) {
    this.set("formulas", v, (ref) => forEachCell(ref, v, "formulas", (cell, value) => {
      if (typeof value === "string" && value.startsWith("=")) {
        cell.formula = value;
        cell.value = "";
      } else writeValue(cell, value);
    }));
  }
  get numberFormat(): Excel.Range["numberFormat"] { return this.got("numberFormat"); }
  set numberFormat(v: Excel.Range["numberFormat"]) {
    this.set("numberFormat", v, (ref) => forEachCell(ref, v, "numberFormat", (cell, value) => (cell.numberFormat = String(value))));
  }
  get rowIndex(): Excel.Range["rowIndex"] { return this.got("rowIndex"); }
  get columnIndex(): Excel.Range["columnIndex"] { return this.got("columnIndex"); }
  get rowCount(): Excel.Range["rowCount"] { return this.got("rowCount"); }
  get columnCount(): Excel.Range["columnCount"] { return this.got("columnCount"); }
  get address(): Excel.Range["address"] { return this.got("address"); }
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

// ---------------------------------------------------------------------------------------------
// Conditional formats

class FakeConditionalFormatCollection {
  constructor(
    private readonly ctx: FakeContext,
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

class FakeConditionalFormat_ {
  readonly cellValue: FakeCellValueConditionalFormat;
  constructor(ctx: FakeContext, state: () => FakeConditionalFormat | null) {
    this.cellValue = new FakeCellValueConditionalFormat(ctx, state);
  }
}

class FakeCellValueConditionalFormat {
  readonly format: { fill: { color: string }; font: { color: string } };
  constructor(
    private readonly ctx: FakeContext,
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

// ---------------------------------------------------------------------------------------------
// Names, tables, settings

class FakeNamedItemCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly map: () => Map<string, FakeNameState>,
    private readonly scope: (() => FakeSheetState) | null,
  ) {}
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    this.ctx.enqueue(`names.add ${name}`, bytesOf([name, typeof reference === "string" ? reference : "range", comment]), () => {
      const m = this.map();
      if ([...m.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `name ${name} exists`);
      if (typeof reference === "string") throw new FakeExcelError("InvalidArgument", "the fake takes Range references only");
      const ref = FakeRange.ref(reference);
      m.set(name, { name, sheet: ref.sheet, rect: ref.rect, ...(comment ? { comment } : {}) });
    });
    return this.getItem(name);
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const n = this.find(name);
      if (!n) throw new FakeExcelError("ItemNotFound", `no name ${name}`);
      return n;
    }, name, this.map);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => this.find(name) ?? null, name, this.map);
  }
  private find(name: string): FakeNameState | undefined {
    void this.scope;
    return [...this.map().values()].find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
}

class FakeNamedItem extends FakeProxy<FakeNameState> {
  constructor(ctx: FakeContext, resolve: () => FakeNameState | null, label: string, private readonly map: () => Map<string, FakeNameState>) {
    super(ctx, resolve, `name ${label}`);
  }
  protected snapshot(n: FakeNameState, prop: string): unknown {
    if (prop === "formula") return nameFormula(n);
    if (prop === "name") return n.name;
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a named item`);
  }
  get formula(): Excel.NamedItem["formula"] { return this.got("formula"); }
  get name(): Excel.NamedItem["name"] { return this.got("name"); }
  delete(): void {
    this.call("delete", null, (n) => this.map().delete(n.name));
  }
}

class FakeTableCollection extends FakeProxy<FakeTableState[]> {
  constructor(ctx: FakeContext, resolve: () => FakeTableState[], private readonly sheet: (() => FakeSheetState) | null, label: string) {
    super(ctx, resolve, label);
  }
  protected snapshot(tables: FakeTableState[], prop: string): unknown {
    if (prop !== "items/name") throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on tables`);
    return tables.map((t) => {
      const p = new FakeTable(this.ctx, () => t, t.name);
      FakeTable.preloadName(p, t.name);
      return p;
    });
  }
  get items(): FakeTable[] {
    return this.got<FakeTable[]>("items");
  }
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: FakeTableState | null = null;
    this.ctx.enqueue("tables.add", bytesOf([typeof address === "string" ? address : "range", hasHeaders]), () => {
      if (!this.sheet || typeof address === "string") throw new FakeExcelError("InvalidArgument", "the fake adds tables on a worksheet from a Range");
      const ref = FakeRange.ref(address);
      const taken = new Set(this.ctx.state.allTables().map((t) => t.name.toLowerCase()));
      let i = 1;
      while (taken.has(`table${i}`)) i++;
      created = { name: `Table${i}`, rect: ref.rect };
      this.sheet().tables.push(created);
    });
    return new FakeTable(this.ctx, () => created, "new table");
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = this.resolveState()?.find((x) => x.name.toLowerCase() === key.toLowerCase());
      if (!t) throw new FakeExcelError("ItemNotFound", `no table ${key}`);
      return t;
    }, key);
  }
}

class FakeTable extends FakeProxy<FakeTableState> {
  constructor(ctx: FakeContext, resolve: () => FakeTableState | null, label: string) {
    super(ctx, resolve, `table ${label}`);
  }
  static preloadName(t: FakeTable, name: string): void {
    t.loaded = { name };
    t.nullObject = false;
  }
  protected snapshot(t: FakeTableState, prop: string): unknown {
    if (prop === "name") return t.name;
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a table`);
  }
  get name(): Excel.Table["name"] { return this.got("name"); }
  set name(v: Excel.Table["name"]) {
    this.set("name", v, (t) => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v)) throw new FakeExcelError("InvalidArgument", `bad table name ${v}`);
      if (this.ctx.state.allTables().some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `a table named ${v} exists`);
      t.name = v;
    });
  }
  set style(v: Excel.Table["style"]) {
    this.set("style", v, (t) => (t.style = v));
  }
  get style(): Excel.Table["style"] { return this.got("style"); }
}

class FakeSettingCollection {
  constructor(private readonly ctx: FakeContext) {}
  add(key: string, value: Parameters<Excel.SettingCollection["add"]>[1]): FakeSetting {
    this.ctx.enqueue(`settings.add ${key}`, bytesOf(value), () => this.ctx.state.settings.set(key, JSON.parse(JSON.stringify(value))));
    return this.getItemOrNullObject(key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, () => (this.ctx.state.settings.has(key) ? { value: this.ctx.state.settings.get(key) } : null), key);
  }
}

class FakeSetting extends FakeProxy<{ value: unknown }> {
  protected snapshot(s: { value: unknown }, prop: string): unknown {
    if (prop === "value") return s.value;
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a setting`);
  }
  get value(): Excel.Setting["value"] { return this.got("value"); }
  delete(): void {
    this.call("delete", null, () => this.ctx.state.settings.delete(this.label));
  }
}

// ---------------------------------------------------------------------------------------------
// Custom document properties (ExcelApi 1.7)

/** Office keeps at most this many characters of a custom property's key and value (outside Excel on the web). */
export const CUSTOM_PROPERTY_LIMIT = 255;

class FakeDocumentProperties {
  readonly custom: FakeCustomPropertyCollection;
  constructor(ctx: FakeContext) {
    this.custom = new FakeCustomPropertyCollection(ctx);
  }
}

function customType(v: unknown): Excel.CustomProperty["type"] {
  return typeof v === "number" ? "Number" : typeof v === "boolean" ? "Boolean" : v instanceof Date ? "Date" : "String";
}

class FakeCustomPropertyCollection extends FakeProxy<Map<string, unknown>> {
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.state.customProperties, "properties.custom");
  }
  protected snapshot(_state: Map<string, unknown>, prop: string): unknown {
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on properties.custom`);
  }
  override load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()).filter(Boolean) : Array.isArray(props) ? props : [];
    this.ctx.enqueue("load properties.custom", bytesOf(list), () => {
      const items = [...this.ctx.state.customProperties.keys()].map((key) => {
        const item = new FakeCustomProperty(this.ctx, key);
        for (const p of list) {
          if (!p.startsWith("items/")) throw new FakeExcelError("InvalidArgument", `cannot load ${p} on properties.custom`);
          FakeCustomProperty.preload(item, p.slice(6));
        }
        return item;
      });
      this.loaded = { items };
      this.nullObject = false;
    });
    return this;
  }
  get items(): FakeCustomProperty[] {
    return this.got<FakeCustomProperty[]>("items");
  }
  add(key: string, value: Parameters<Excel.CustomPropertyCollection["add"]>[1]): FakeCustomProperty {
    this.ctx.enqueue(`properties.custom.add ${key}`, bytesOf([key, value]), () => {
      if (key.length === 0) throw new FakeExcelError("InvalidArgument", "a custom property needs a key");
      const st = this.ctx.state;
      const old = st.customKey(key);
      if (old !== undefined) st.customProperties.delete(old);
      // As Office outside Excel on the web: key and text trimmed to 255 characters.
      const v = typeof value === "string" ? value.slice(0, CUSTOM_PROPERTY_LIMIT) : value;
      st.customProperties.set(key.slice(0, CUSTOM_PROPERTY_LIMIT), v);
    });
    return new FakeCustomProperty(this.ctx, key);
  }
  getItem(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, key, true);
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, key);
  }
}

class FakeCustomProperty extends FakeProxy<{ key: string; value: unknown }> {
  constructor(ctx: FakeContext, key: string, required = false) {
    super(ctx, () => {
      const k = ctx.state.customKey(key);
      if (k === undefined) {
        if (required) throw new FakeExcelError("ItemNotFound", `no custom property ${key}`);
        return null;
      }
      return { key: k, value: ctx.state.customProperties.get(k) };
    }, `custom property ${key}`);
  }
  static preload(p: FakeCustomProperty, prop: string): void {
    const state = p.resolveState();
    if (!state) return;
    p.loaded = p.loaded ?? {};
    p.nullObject = false;
    p.loaded[prop] = p.snapshot(state, prop);
    p.ctx.responseBytes += bytesOf(p.loaded[prop]);
  }
  protected snapshot(s: { key: string; value: unknown }, prop: string): unknown {
    if (prop === "key") return s.key;
    if (prop === "value") return s.value;
    if (prop === "type") return customType(s.value);
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a custom property`);
  }
  get key(): Excel.CustomProperty["key"] { return this.got("key"); }
  get type(): Excel.CustomProperty["type"] { return this.got("type"); }
  get value(): Excel.CustomProperty["value"] { return this.got("value"); }
  delete(): void {
    this.call("delete", null, (s) => this.ctx.state.customProperties.delete(s.key));
  }
}

// ---------------------------------------------------------------------------------------------
// Freeze panes, page layout, charts

class FakeFreezePanes {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheetState) {}
  freezeAt(frozenRange: FakeRange | string): void {
    this.ctx.enqueue("freezeAt", 10, () => {
      if (typeof frozenRange === "string") throw new FakeExcelError("InvalidArgument", "the fake freezes at a Range");
      this.sheet().freeze = FakeRange.ref(frozenRange).rect;
    });
  }
}

class FakePageLayout {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheetState) {}
  set orientation(v: Excel.PageLayout["orientation"]) { this.ctx.enqueue("orientation", bytesOf(v), () => (this.sheet().page.orientation = v)); }
  get orientation(): Excel.PageLayout["orientation"] { throw new FakeExcelError("PropertyNotLoaded", "orientation"); }
  set zoom(v: Excel.PageLayout["zoom"]) { this.ctx.enqueue("zoom", bytesOf(v), () => (this.sheet().page.zoom = v)); }
  get zoom(): Excel.PageLayout["zoom"] { throw new FakeExcelError("PropertyNotLoaded", "zoom"); }
}

/** A bag of settable properties recorded on a state object, for the chart's many small parts. */
function recorder<T extends object>(ctx: FakeContext, target: () => Record<string, unknown>, prefix: string, props: readonly string[]): T {
  const o = {};
  for (const p of props) {
    Object.defineProperty(o, p, {
      set(v: unknown) {
        ctx.enqueue(`${prefix}.${p}`, bytesOf(v), () => (target()[`${prefix}.${p}`] = v));
      },
      get() {
        throw new FakeExcelError("PropertyNotLoaded", `${prefix}.${p}`);
      },
      enumerable: true,
    });
  }
  return o as T;
}

class FakeChartCollection {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheetState) {}
  add(type: Parameters<Excel.ChartCollection["add"]>[0], sourceData: FakeRange, seriesBy?: Parameters<Excel.ChartCollection["add"]>[2]): FakeChart {
    let chart: FakeChartState | null = null;
    this.ctx.enqueue("charts.add", bytesOf([type, seriesBy]), () => {
      const ref = FakeRange.ref(sourceData);
      chart = { type: String(type), series: [], props: {} };
      for (let j = 0; j < ref.rect.cols; j++) chart.series.push({ name: `Series${j + 1}`, y: { sheet: ref.sheet, rect: { ...ref.rect, col: ref.rect.col + j, cols: 1 } }, props: {} });
      this.sheet().charts.push(chart);
    });
    return new FakeChart(this.ctx, () => {
      if (!chart) throw new FakeExcelError("ItemNotFound", "chart");
      return chart;
    });
  }
}

class FakeChart {
  readonly series: FakeSeriesCollection;
  readonly title: { text: string };
  readonly legend: { position: Excel.ChartLegend["position"]; legendEntries: { getItemAt(i: number): { visible: boolean } } };
  readonly axes: { getItem(type: Parameters<Excel.ChartAxes["getItem"]>[0]): FakeAxis };
  constructor(private readonly ctx: FakeContext, private readonly chart: () => FakeChartState) {
    const props = () => chart().props;
    this.series = new FakeSeriesCollection(ctx, chart);
    this.title = recorder(ctx, props, "title", ["text"]);
    const legend = recorder<{ position: Excel.ChartLegend["position"] }>(ctx, props, "legend", ["position"]);
    this.legend = Object.assign(legend, {
      legendEntries: { getItemAt: (i: number) => recorder<{ visible: boolean }>(ctx, props, `legendEntry${i}`, ["visible"]) },
    });
    this.axes = {
      getItem: (type) => {
        const axis = recorder<{ minimum: unknown; maximum: unknown }>(ctx, props, `axis.${type}`, ["minimum", "maximum"]);
        return Object.assign(axis, {
          majorGridlines: recorder<{ visible: boolean }>(ctx, props, `axis.${type}.majorGridlines`, ["visible"]),
          title: recorder<{ text: string }>(ctx, props, `axis.${type}.title`, ["text"]),
        });
      },
    };
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    this.ctx.enqueue("chart.setPosition", bytesOf([startCell, endCell]), () => (this.chart().props.position = startCell));
  }
  set width(v: number) { this.ctx.enqueue("chart.width", 8, () => (this.chart().props.width = v)); }
  get width(): number { throw new FakeExcelError("PropertyNotLoaded", "width"); }
  set height(v: number) { this.ctx.enqueue("chart.height", 8, () => (this.chart().props.height = v)); }
  get height(): number { throw new FakeExcelError("PropertyNotLoaded", "height"); }
}

interface FakeAxis {
  minimum: unknown;
  maximum: unknown;
  majorGridlines: { visible: boolean };
  title: { text: string };
}

class FakeSeriesCollection {
  constructor(private readonly ctx: FakeContext, private readonly chart: () => FakeChartState) {}
  add(name?: string): FakeSeries {
    let s: FakeSeriesState | null = null;
    this.ctx.enqueue("series.add", bytesOf(name), () => {
      s = { name: name ?? "", props: {} };
      this.chart().series.push(s);
    });
    return new FakeSeries(this.ctx, () => s, this.chart);
  }
  getItemAt(index: number): FakeSeries {
    return new FakeSeries(this.ctx, () => this.chart().series[index] ?? null, this.chart);
  }
}

class FakeSeries {
  readonly format: { line: { color: string; lineStyle: Excel.ChartLineFormat["lineStyle"] } };
  readonly dataLabels: { showSeriesName: boolean; showValue: boolean; position: Excel.ChartDataLabels["position"]; format: { font: { color: string } } };
  constructor(private readonly ctx: FakeContext, private readonly series: () => FakeSeriesState | null, private readonly chart: () => FakeChartState) {
    const props = () => this.need().props;
    this.format = { line: recorder(ctx, props, "line", ["color", "lineStyle"]) };
    const labels = recorder<{ showSeriesName: boolean; showValue: boolean; position: Excel.ChartDataLabels["position"] }>(ctx, props, "dataLabels", ["showSeriesName", "showValue", "position"]);
    this.dataLabels = Object.assign(labels, { format: { font: recorder<{ color: string }>(ctx, props, "dataLabels.font", ["color"]) } });
    for (const p of ["markerStyle", "markerSize", "markerBackgroundColor", "markerForegroundColor", "chartType", "hasDataLabels"]) {
      Object.defineProperty(this, p, {
        set: (v: unknown) => ctx.enqueue(`series.${p}`, bytesOf(v), () => (this.need().props[p] = v)),
        get: () => {
          throw new FakeExcelError("PropertyNotLoaded", p);
        },
      });
    }
  }
  private need(): FakeSeriesState {
    const s = this.series();
    if (!s) throw new FakeExcelError("ItemNotFound", "series");
    return s;
  }
  delete(): void {
    this.ctx.enqueue("series.delete", 0, () => {
      const s = this.need();
      const list = this.chart().series;
      list.splice(list.indexOf(s), 1);
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.ctx.enqueue("series.setXAxisValues", 20, () => (this.need().x = FakeRange.ref(sourceData)));
  }
  setValues(sourceData: FakeRange): void {
    this.ctx.enqueue("series.setValues", 20, () => (this.need().y = FakeRange.ref(sourceData)));
  }
}

// ---------------------------------------------------------------------------------------------
// Compile-time proof that each fake offers only what Office.js offers.

type Extra<Fake, Real> = Exclude<keyof Fake, keyof Real>;
function conforms<Fake, Real>(ok: [Extra<Fake, Real>] extends [never] ? true : Extra<Fake, Real>): void {
  void ok;
}
conforms<FakeContext["workbook"], Excel.Workbook>(true);
conforms<FakeApplication, Excel.Application>(true);
conforms<FakeWorksheetCollection, Excel.WorksheetCollection>(true);
conforms<FakeWorksheet, Excel.Worksheet>(true);
conforms<FakeRange, Excel.Range>(true);
conforms<FakeRangeFormat, Excel.RangeFormat>(true);
conforms<FakeDataValidation, Excel.DataValidation>(true);
conforms<FakeFont, Excel.RangeFont>(true);
conforms<FakeFill, Excel.RangeFill>(true);
conforms<FakeConditionalFormatCollection, Excel.ConditionalFormatCollection>(true);
conforms<FakeConditionalFormat_, Excel.ConditionalFormat>(true);
conforms<FakeCellValueConditionalFormat, Excel.CellValueConditionalFormat>(true);
conforms<FakeNamedItemCollection, Excel.NamedItemCollection>(true);
conforms<FakeNamedItem, Excel.NamedItem>(true);
conforms<FakeTableCollection, Excel.TableCollection>(true);
conforms<FakeTable, Excel.Table>(true);
conforms<FakeSettingCollection, Excel.SettingCollection>(true);
conforms<FakeSetting, Excel.Setting>(true);
conforms<FakeDocumentProperties, Excel.DocumentProperties>(true);
conforms<FakeCustomPropertyCollection, Excel.CustomPropertyCollection>(true);
conforms<FakeCustomProperty, Excel.CustomProperty>(true);
conforms<FakeFreezePanes, Excel.WorksheetFreezePanes>(true);
conforms<FakePageLayout, Excel.PageLayout>(true);
conforms<FakeChart, Excel.Chart>(true);
conforms<FakeChart["legend"], Excel.ChartLegend>(true);
conforms<FakeAxis, Excel.ChartAxis>(true);
conforms<FakeSeriesCollection, Excel.ChartSeriesCollection>(true);
conforms<FakeSeries, Excel.ChartSeries>(true);
conforms<FakeSeries["dataLabels"], Excel.ChartDataLabels>(true);
conforms<FakeSeries["format"]["line"], Excel.ChartLineFormat>(true);

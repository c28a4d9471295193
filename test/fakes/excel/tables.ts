/** Tables. */
import { FakeProxy } from "./proxy";
import type { FakeQueue } from "./queue";
import { FakeRange } from "./range";
import { bytesOf, FakeExcelError, type FakeSheetState, type FakeTableState } from "./state";

export class FakeTableCollection extends FakeProxy<FakeTableState[]> {
  constructor(ctx: FakeQueue, resolve: () => FakeTableState[], private readonly sheet: (() => FakeSheetState) | null, label: string) {
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

export class FakeTable extends FakeProxy<FakeTableState> {
  constructor(ctx: FakeQueue, resolve: () => FakeTableState | null, label: string) {
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


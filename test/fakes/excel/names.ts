/** Defined names (workbook and worksheet scope). */
import { FakeProxy } from "./proxy";
import type { FakeQueue } from "./queue";
import { FakeRange } from "./range";
import { bytesOf, FakeExcelError, nameFormula, type FakeNameState, type FakeSheetState } from "./state";

export class FakeNamedItemCollection {
  constructor(
    private readonly ctx: FakeQueue,
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

export class FakeNamedItem extends FakeProxy<FakeNameState> {
  constructor(ctx: FakeQueue, resolve: () => FakeNameState | null, label: string, private readonly map: () => Map<string, FakeNameState>) {
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


/** The add-in's settings and the custom document properties (ExcelApi 1.7). */
import { FakeProxy } from "./proxy";
import type { FakeQueue } from "./queue";
import { bytesOf, FakeExcelError } from "./state";

export class FakeSettingCollection {
  constructor(private readonly ctx: FakeQueue) {}
  add(key: string, value: Parameters<Excel.SettingCollection["add"]>[1]): FakeSetting {
    this.ctx.enqueue(`settings.add ${key}`, bytesOf(value), () => this.ctx.state.settings.set(key, JSON.parse(JSON.stringify(value))));
    return this.getItemOrNullObject(key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, () => (this.ctx.state.settings.has(key) ? { value: this.ctx.state.settings.get(key) } : null), key);
  }
}

export class FakeSetting extends FakeProxy<{ value: unknown }> {
  protected snapshot(s: { value: unknown }, prop: string): unknown {
    if (prop === "value") return s.value;
    throw new FakeExcelError("InvalidArgument", `cannot load ${prop} on a setting`);
  }
  get value(): Excel.Setting["value"] { return this.got("value"); }
  delete(): void {
    this.call("delete", null, () => this.ctx.state.settings.delete(this.label));
  }
}


/** Office keeps at most this many characters of a custom property's key and value (outside Excel on the web). */
export const CUSTOM_PROPERTY_LIMIT = 255;

export class FakeDocumentProperties {
  readonly custom: FakeCustomPropertyCollection;
  constructor(ctx: FakeQueue) {
    this.custom = new FakeCustomPropertyCollection(ctx);
  }
}

function customType(v: unknown): Excel.CustomProperty["type"] {
  return typeof v === "number" ? "Number" : typeof v === "boolean" ? "Boolean" : v instanceof Date ? "Date" : "String";
}

export class FakeCustomPropertyCollection extends FakeProxy<Map<string, unknown>> {
  constructor(ctx: FakeQueue) {
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

export class FakeCustomProperty extends FakeProxy<{ key: string; value: unknown }> {
  constructor(ctx: FakeQueue, key: string, required = false) {
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


/** What every fake Office.js proxy shares (FakeProxy): load, isNullObject, reads only after sync, writes queued. */
import type { FakeQueue } from "./queue";
import { bytesOf, FakeExcelError } from "./state";

/** A proxy: resolves to its state when an op runs; loaded properties readable after sync. */
export abstract class FakeProxy<S> {
  protected loaded: Record<string, unknown> | null = null;
  protected nullObject: boolean | undefined;
  constructor(
    protected readonly ctx: FakeQueue,
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

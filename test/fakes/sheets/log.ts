/**
 * The log of service calls every fake object of one spreadsheet shares, and the host's errors.
 *
 * Every method call is logged with a kind, to count service calls and round trips:
 * - "read": returns document state (values, names, sizes, metadata search): a round trip;
 * - "write": changes the document and returns nothing new: queued by SpreadsheetApp and sent with
 *   the next read or at the end of the execution (SpreadsheetApp.flush's documented batching);
 * - "sync": a call that both changes the document and returns something from it (insertSheet), or
 *   goes to another service (PropertiesService, Ui, LockService): its own round trip;
 * - "local": handles and builders (getRange by coordinates, newChart().setOption…, finders' with…):
 *   assembled in the script, nothing sent.
 */
export type CallKind = "read" | "write" | "sync" | "local";
export interface Call {
  kind: CallKind;
  name: string;
}

export class ServiceError extends Error {}

/**
 * What the fake refuses because Google's documentation does not say what Sheets does (the adapter
 * must not depend on it): e.g. a formula-looking string written into a plain-text cell.
 */
export class UndocumentedError extends ServiceError {
  constructor(what: string) {
    super(`[fake] undocumented host behaviour: ${what}`);
    this.name = "UndocumentedError";
  }
}

const MENU_CALLS = ["SpreadsheetApp.getUi", "Ui.createAddonMenu", "Menu.addItem", "Menu.addSeparator", "Menu.addToUi"];

export class CallLog {
  calls: Call[] = [];
  /** Throw on a call when this returns true (failure injection). */
  failWhen: ((call: Call, index: number) => boolean) | null = null;
  /** AuthMode.NONE: only the menu may be built (as for an add-on before authorisation). */
  authModeNone = false;
  /**
   * Inside a custom function: Spreadsheet is read-only ("can use most get*() methods, but not
   * set*()"), and a service needing authorisation answers "You do not have permission to call …".
   */
  customFunction = false;
  /** Cells handed back by getValues, in total (to show a read does not grow with the sheet). */
  cellsRead = 0;

  record(kind: CallKind, name: string): void {
    if (this.authModeNone && !MENU_CALLS.includes(name)) throw new ServiceError(`${name}: not allowed in AuthMode.NONE`);
    if (this.customFunction && (kind === "write" || kind === "sync")) throw new ServiceError(`You do not have permission to call ${name}`);
    const call = { kind, name };
    if (this.failWhen?.(call, this.calls.length)) {
      this.failWhen = null;
      throw new ServiceError(`Service error: ${name} failed (injected)`);
    }
    this.calls.push(call);
  }
  reset(): void {
    this.calls = [];
    this.cellsRead = 0;
  }
  /** Every call that reaches the document or another service (reads, writes, syncs). */
  serviceCalls(): number {
    return this.calls.filter((c) => c.kind !== "local").length;
  }
  count(kind: CallKind): number {
    return this.calls.filter((c) => c.kind === kind).length;
  }
  named(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }
  /** Round trips: each read or sync (flushing queued writes first), plus the final flush. */
  roundTrips(): number {
    let trips = 0;
    let pending = false;
    for (const c of this.calls) {
      if (c.kind === "write") pending = true;
      else if (c.kind === "read" || c.kind === "sync") {
        trips += (pending ? 1 : 0) + 1;
        pending = false;
      }
    }
    return trips + (pending ? 1 : 0);
  }
  summary(): string {
    return `${this.calls.length} calls (${this.count("read")} read, ${this.count("write")} write, ${this.count("sync")} sync, ${this.count("local")} local), ${this.roundTrips()} round trips`;
  }
}

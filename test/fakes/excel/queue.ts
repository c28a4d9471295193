/**
 * The request queue behind the fake context: every call and property write is queued and runs only
 * at `sync()`, in order, stopping at the first error; each sync is recorded with its request and
 * response size, and one over Excel on the web's 5 MB limit is refused whole.
 */
import { API_NOT_FOUND, declared, isSetSupported, type Supported } from "./requirements";
import { FakeExcelError, LIMIT, type FakeExcelOptions, type FakeWorkbookState, type Op, type SyncRecord } from "./state";

export class FakeQueue {
  readonly syncs: SyncRecord[] = [];
  private queue: Op[] = [];
  private suspended = false;
  private opCount = 0;
  responseBytes = 0;
  readonly supported: Supported;

  constructor(
    readonly state: FakeWorkbookState,
    readonly options: FakeExcelOptions = {},
  ) {
    this.supported = options.supported ?? declared();
  }

  enqueue(what: string, bytes: number, run: () => void): void {
    this.queue.push({ what, bytes: bytes + 100, run });
  }
  /** An op using an API of requirement set `set` `version`: ApiNotFound at sync on a host without it. */
  enqueueFrom(set: string, version: string, what: string, bytes: number, run: () => void): void {
    this.enqueue(what, bytes, () => {
      if (!isSetSupported(this.supported, set, version)) throw new FakeExcelError("ApiNotFound", `${what} (${set} ${version}): ${API_NOT_FOUND}`);
      run();
    });
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

}

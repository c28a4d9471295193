/**
 * How every use case runs, whatever the host: one read, a pure decision, then the writes in the
 * order the decision lists them. A use case is written once, as its decision; `run` drives it
 * against an async port (Office.js, files), `runSync` against a port whose calls complete before
 * they return (Apps Script). Neither runner decides anything.
 */
import type { InputColumnsPlan } from "../inputs";
import type { MatrixPlan } from "../matrix";
import type { SnapshotRow } from "../model/history";
import type { SheetPlan } from "../plan";
import type { WorkbookState } from "../port";
import type { Settings } from "../settings";

/** The port's writes as a decision calls them: a sync port returns nothing, an async one a promise. */
export interface PortWrites {
  writeMatrix(plan: MatrixPlan): unknown;
  writePortfolio(plan: SheetPlan, snapshot: SnapshotRow[]): unknown;
  saveSettings(settings: Settings): unknown;
  writeInputColumns(plan: InputColumnsPlan): unknown;
}

/** One write: a call on the port. */
export type Write<P> = (port: P) => unknown;

export interface Decision<R, P> {
  result: R;
  /** The writes, in order; none when there is nothing to write. */
  writes: Write<P>[];
}

/** What a use case does between its read and its writes (pure). */
export type UseCase<I, R, P> = (state: WorkbookState, input: I) => Decision<R, P>;

export async function run<I, R, P>(port: NoInfer<P> & { read(): Promise<WorkbookState> }, useCase: UseCase<I, R, P>, input: I): Promise<R> {
  const { result, writes } = useCase(await port.read(), input);
  for (const write of writes) await write(port);
  return result;
}

export function runSync<I, R, P>(port: NoInfer<P> & { read(): WorkbookState }, useCase: UseCase<I, R, P>, input: I): R {
  const { result, writes } = useCase(port.read(), input);
  for (const write of writes) write(port);
  return result;
}

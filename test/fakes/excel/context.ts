/** The fake `Excel.RequestContext`: the request queue, with the workbook and application proxies. */
import { FakeQueue } from "./queue";
import type { FakeExcelOptions, FakeWorkbookState } from "./state";
import { FakeFunctions } from "./functions";
import { FakeDocumentProperties, FakeSettingCollection } from "./properties";
import { FakeNamedItemCollection } from "./names";
import { FakeTableCollection } from "./tables";
import { FakeWorksheetCollection } from "./worksheet";

export class FakeApplication {
  constructor(private readonly ctx: FakeQueue) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue("suspendApiCalculationUntilNextSync", 0, () => this.ctx.suspendCalculation());
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;
  readonly properties: FakeDocumentProperties;
  readonly functions: FakeFunctions;
  constructor(ctx: FakeQueue) {
    const st = ctx.state;
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, () => st.names, null);
    this.tables = new FakeTableCollection(ctx, () => st.allTables(), null, "workbook.tables");
    this.settings = new FakeSettingCollection(ctx);
    this.properties = new FakeDocumentProperties(ctx);
    this.functions = new FakeFunctions(ctx);
  }
}

export class FakeContext extends FakeQueue {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(state: FakeWorkbookState, options: FakeExcelOptions = {}) {
    super(state, options);
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }

  /** As `context.sync` is typed. */
  asRequestContext(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}

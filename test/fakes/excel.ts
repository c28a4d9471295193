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
 *
 * As strict as Microsoft's documentation (test/excel/host-rules.test.ts cites each rule): written
 * values are stored as Excel stores them (excel/cells.ts: = + - text becomes a formula, ISO dates
 * and numbers are converted, unless the cell has the text format; a leading apostrophe outside it
 * is refused as undocumented); values, formulas and number formats must be 2-D arrays; a read of
 * more than 5,000,000 cells gives null or an error; an API above the supported requirement sets
 * (the manifest's, unless told otherwise) fails with ApiNotFound at sync (excel/requirements.ts).
 * A workbook may use the 1904 date system (`FakeWorkbookState.date1904`): then every date serial it
 * holds or gives (DATE(), TODAY(), `workbook.functions.date`, ISO text written) counts from 1904
 * (excel/functions.ts).
 * excel/custom-functions.ts runs the built functions.js as Excel's custom-function host, and
 * excel/evaluate.ts lets formula cells show KAM.*, NA(), DATE() and TODAY() results.
 */
import type { FakeApplication, FakeContext } from "./excel/context";
import type { FakeAxis, FakeChart, FakeSeries, FakeSeriesCollection } from "./excel/chart";
import type { FakeFunctionResult, FakeFunctions } from "./excel/functions";
import type { FakeNamedItem, FakeNamedItemCollection } from "./excel/names";
import type { FakeCustomProperty, FakeCustomPropertyCollection, FakeDocumentProperties, FakeSetting, FakeSettingCollection } from "./excel/properties";
import type { FakeCellValueConditionalFormat, FakeConditionalFormat_, FakeConditionalFormatCollection, FakeDataValidation, FakeFill, FakeFont, FakeRange, FakeRangeFormat } from "./excel/range";
import type { FakeTable, FakeTableCollection } from "./excel/tables";
import type { FakeFreezePanes, FakePageLayout, FakeWorksheet, FakeWorksheetCollection } from "./excel/worksheet";

export { FakeContext } from "./excel/context";
export { CUSTOM_PROPERTY_LIMIT } from "./excel/properties";
export { FakeExcelError, FakeSheetState, FakeWorkbookState, type FakeCell, type FakeChartState, type FakeConditionalFormat, type FakeExcelOptions, type FakeNameState, type FakeRect, type FakeSeriesState, type FakeTableState, type SyncRecord } from "./excel/state";

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
conforms<FakeFunctions, Excel.Functions>(true);
conforms<FakeFunctionResult, Excel.FunctionResult<number>>(true);
conforms<FakeChart, Excel.Chart>(true);
conforms<FakeChart["legend"], Excel.ChartLegend>(true);
conforms<FakeAxis, Excel.ChartAxis>(true);
conforms<FakeSeriesCollection, Excel.ChartSeriesCollection>(true);
conforms<FakeSeries, Excel.ChartSeries>(true);
conforms<FakeSeries["dataLabels"], Excel.ChartDataLabels>(true);
conforms<FakeSeries["format"]["line"], Excel.ChartLineFormat>(true);

/**
 * An in-memory fake of the Apps Script services the add-on uses (SpreadsheetApp, Spreadsheet,
 * Sheet, Range, RangeList, developer metadata, charts, rules, Ui, PropertiesService, LockService,
 * Utilities, HtmlService), typed against sheets-addon/gas.ts — whose interfaces are checked against
 * @types/google-apps-script — so the fake cannot drift from the real API. It is split by service in
 * test/fakes/sheets/; this module gathers the names the tests use.
 *
 * The fake is as strict as Google's documentation (test/sheets/host-rules.test.ts cites each rule):
 * every call is logged by kind to count service calls and round trips (sheets/log.ts); written
 * strings are parsed as if typed and, where the documentation is silent, the worst case is assumed
 * or the write refused (sheets/cells.ts); developer metadata sits only on a whole row, column, sheet
 * or the spreadsheet; a spreadsheet stays under 10 million cells; document properties have their
 * quotas; the document lock can be held by another execution; and custom functions run as Sheets
 * runs them (sheets/custom-functions.ts).
 */
export { a1Of, colIndex, colLetters, parseA1 } from "./sheets/a1";
export { chartOption, FakeConditionalRule, FakeDataValidation, FakeTextStyle, type FakeChart } from "./sheets/builders";
export { CellError, enter, PLAIN_TEXT, type FakeCell } from "./sheets/cells";
export { CustomFunctionHost, installCustomFunctions, LOADING } from "./sheets/custom-functions";
export { CallLog, ServiceError, UndocumentedError, type Call, type CallKind } from "./sheets/log";
export { marshal, MarshalError } from "./sheets/marshal";
export { FakeMetadata } from "./sheets/metadata";
export { ARBITRARY_RANGE_METADATA, FakeRange } from "./sheets/range";
export { fakeGoogle, FakeLockState, FakeProperties, PROPERTY_STORE_LIMIT, PROPERTY_VALUE_LIMIT, type FakeGoogle, type FakeGoogleOptions } from "./sheets/services";
export { FakeSheet } from "./sheets/sheet";
export { CELL_LIMIT, FakeSpreadsheet } from "./sheets/spreadsheet";
export { FakeHtmlOutput, FakeMenu, FakeUi } from "./sheets/ui";

// What the Excel host-rules suites share: the documentation pages they cite, the built add-in and
// small builders over the fake Excel (test/fakes/excel/).
import { readFileSync } from "node:fs";
import { EXCEL_DIALECT } from "../../core/matrix";
import { dayFromParts } from "../../core/values";
import { REQUIREMENT_SETS } from "../../excel-addin/manifest";
import { ExcelPort } from "../../excel-addin/port";
import { FakeContext, FakeWorkbookState, type FakeExcelOptions } from "../fakes/excel";
import { ExcelFunctionsHost, type FunctionMetadata } from "../fakes/excel/custom-functions";
import { ROOT } from "../helpers";

export const DIST = `${ROOT}dist/excel-addin/`;
const L = "https://learn.microsoft.com/office/dev/add-ins";
const API = "https://learn.microsoft.com/javascript/api";
export const PAGE = {
  json: `${L}/excel/custom-functions-json`,
  errors: `${L}/excel/custom-functions-errors`,
  cfSets: `${API}/requirement-sets/excel/custom-functions-requirement-sets`,
  parameters: `${L}/excel/custom-functions-parameter-options`,
  volatile: `${L}/excel/custom-functions-volatile`,
  requirements: `${L}/develop/specify-office-hosts-and-api-requirements`,
  runtimeCheck: `${L}/develop/specify-api-requirements-runtime`,
  excelSets: `${API}/requirement-sets/excel/excel-api-requirement-sets`,
  apiErrors: `${L}/testing/application-specific-api-error-handling`,
  limits: `${L}/concepts/resource-limits-and-performance-optimization`,
  performance: `${L}/excel/performance`,
  blankNull: `${L}/excel/excel-add-ins-blank-null-values`,
  range: `${API}/excel/excel.range`,
  rangeDelete: `${API}/excel/excel.range#excel-excel-range-delete-member(1)`,
  deleteShift: `${API}/excel/excel.deleteshiftdirection`,
  numberFormat: `${API}/excel/excel.numberformatcategory`,
  customProperty: `${API}/excel/excel.customproperty`,
  sharedRuntime: `${L}/develop/configure-your-add-in-to-use-a-shared-runtime`,
  chartType: `${API}/excel/excel.charttype`,
  chartAdd: `${API}/excel/excel.chartcollection`,
  chart: `${API}/excel/excel.chart`,
  chartSeries: `${API}/excel/excel.chartseries`,
  pageLayout: `${API}/excel/excel.pagelayout`,
  dateSystems: "https://support.microsoft.com/office/date-systems-in-excel-e7fe7167-48a9-4b96-bb53-5612a800b487",
  functionsDate: `${API}/excel/excel.functions#excel-excel-functions-date-member(1)`,
  functionResult: `${API}/excel/excel.functionresult`,
  worksheetFunctions: `${L}/excel/excel-add-ins-worksheet-functions`,
  use1904Preview: `${API}/excel/excel.workbook?view=excel-js-preview#excel-excel-workbook-use1904datesystem-member`,
  callExcelApis: `${L}/excel/call-excel-apis-from-custom-function`,
  script: "https://developer.mozilla.org/en-US/docs/Web/HTML/Element/script",
  worker: "https://developer.mozilla.org/en-US/docs/Web/API/Worker/Worker",
  importScripts: "https://developer.mozilla.org/en-US/docs/Web/API/WorkerGlobalScope/importScripts",
};

export const today = dayFromParts(2026, 11, 22);
export const opts = (builtAt = "2026-11-22T10:00:00Z") => ({ today, builtAt, dialect: EXCEL_DIALECT });
export const metadata = () => JSON.parse(readFileSync(`${DIST}functions.json`, "utf8")) as FunctionMetadata & Record<string, unknown>;
export const host = (supported = { ...REQUIREMENT_SETS } as Record<string, string>, meta?: FunctionMetadata) => new ExcelFunctionsHost(DIST, supported, meta);
export const col = (...xs: unknown[]) => ({ range: xs.map((x) => [x]) });

export function port(st: FakeWorkbookState, o: FakeExcelOptions = {}) {
  const ctx = new FakeContext(st, o);
  return { ctx, port: new ExcelPort(ctx.asRequestContext(), { sheetName: "Clients", suffix: "h" }) };
}
export function workbook(rows: unknown[][]): FakeWorkbookState {
  const st = new FakeWorkbookState();
  st.addSheet("Clients", rows);
  return st;
}

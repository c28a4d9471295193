/**
 * The other services the add-on touches — PropertiesService, LockService, Utilities, HtmlService,
 * Charts — and `fakeGoogle`, which gathers a spreadsheet and its services as the add-on sees them.
 */
import type {
  ChartsApi, HtmlServiceApi, Lock, LockServiceApi, Properties, PropertiesServiceApi, Services, SpreadsheetAppApi, UtilitiesApi,
} from "../../../sheets-addon/gas";
import { FakeConditionalRuleBuilder, FakeDataValidationBuilder, FakeTextStyleBuilder } from "./builders";
import { CallLog, ServiceError } from "./log";
import { FakeSpreadsheet } from "./spreadsheet";
import { FakeHtmlOutput, FakeUi } from "./ui";
import { formatDate } from "./zone";

/** Quotas for Google Services: "Properties value size 9 KB / val", "Properties total storage 500 KB / property store". */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export class FakeProperties implements Properties {
  store = new Map<string, string>();
  constructor(private readonly log: CallLog) {}
  getProperties(): { [key: string]: string } {
    this.log.record("sync", "Properties.getProperties");
    return Object.fromEntries(this.store);
  }
  setProperties(properties: { [key: string]: string }): Properties {
    this.log.record("sync", "Properties.setProperties");
    const next = new Map(this.store);
    for (const [k, v] of Object.entries(properties)) {
      const text = String(v);
      if (bytes(text) > PROPERTY_VALUE_LIMIT) throw new ServiceError(`Argument too large: value (property ${k})`);
      next.set(k, text);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_LIMIT) throw new ServiceError("You have exceeded the property storage quota. Please remove some properties and try again.");
    this.store = next;
    return this;
  }
  deleteProperty(key: string): Properties {
    this.log.record("sync", "Properties.deleteProperty");
    this.store.delete(key);
    return this;
  }
}

/**
 * The document lock: "no more than one execution for any given document". Another execution
 * holding it is simulated with `heldElsewhere`; tryLock then answers false (the fake does not wait).
 */
export class FakeLockState {
  heldElsewhere = false;
  held = false;
}
export class FakeLock implements Lock {
  constructor(private readonly state: FakeLockState, private readonly log: CallLog) {}
  tryLock(timeoutInMillis: number): boolean {
    this.log.record("sync", "Lock.tryLock");
    void timeoutInMillis;
    if (this.state.held) return true; // "This method has no effect if the lock has already been acquired."
    if (this.state.heldElsewhere) return false;
    this.state.held = true;
    return true;
  }
  releaseLock(): void {
    this.log.record("sync", "Lock.releaseLock");
    this.state.held = false;
  }
}

const PROJECT = "PROJECT" as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility.PROJECT;

export interface FakeGoogle extends Services {
  log: CallLog;
  ss: FakeSpreadsheet;
  ui: FakeUi;
  properties: FakeProperties;
  lock: FakeLockState;
  /** Files HtmlService.createHtmlOutputFromFile reads (name without .html → content). */
  files: Map<string, string>;
}

export interface FakeGoogleOptions {
  /** getDocumentProperties() answers null ("When document properties are not available this method returns null"). */
  noDocumentProperties?: boolean;
  /** A standalone script: getDocumentLock() answers null. */
  standalone?: boolean;
}

/** A fresh fake: one spreadsheet with one sheet holding `rows`. */
export function fakeGoogle(rows: unknown[][] = [], sheetName = "Clients", options: FakeGoogleOptions = {}): FakeGoogle {
  const log = new CallLog();
  const ss = new FakeSpreadsheet(log, sheetName);
  ss.active.fill(rows);
  const ui = new FakeUi(log);
  const properties = new FakeProperties(log);
  const lock = new FakeLockState();
  const files = new Map<string, string>();
  const SpreadsheetApp: SpreadsheetAppApi = {
    DeveloperMetadataVisibility: { PROJECT },
    getActiveSpreadsheet: () => {
      log.record("local", "SpreadsheetApp.getActiveSpreadsheet");
      return ss;
    },
    getUi: () => {
      log.record("local", "SpreadsheetApp.getUi");
      return ui;
    },
    newTextStyle: () => {
      log.record("local", "SpreadsheetApp.newTextStyle");
      return new FakeTextStyleBuilder(log);
    },
    newConditionalFormatRule: () => {
      log.record("local", "SpreadsheetApp.newConditionalFormatRule");
      return new FakeConditionalRuleBuilder(log);
    },
    newDataValidation: () => {
      log.record("local", "SpreadsheetApp.newDataValidation");
      return new FakeDataValidationBuilder(log);
    },
    flush: () => log.record("sync", "SpreadsheetApp.flush"),
  };
  const PropertiesService: PropertiesServiceApi = {
    getDocumentProperties: () => {
      log.record("local", "PropertiesService.getDocumentProperties");
      return options.noDocumentProperties ? null : properties;
    },
  };
  const LockService: LockServiceApi = {
    getDocumentLock: () => {
      log.record("local", "LockService.getDocumentLock");
      return options.standalone ? null : new FakeLock(lock, log);
    },
  };
  const Utilities: UtilitiesApi = {
    formatDate: (date, timeZone, format) => {
      log.record("local", "Utilities.formatDate");
      return formatDate(date, timeZone, format);
    },
    sleep: () => log.record("local", "Utilities.sleep"),
  };
  const HtmlService: HtmlServiceApi = {
    createHtmlOutputFromFile: (filename: string) => {
      log.record("local", "HtmlService.createHtmlOutputFromFile");
      const content = files.get(filename);
      if (content === undefined) throw new ServiceError(`No HTML file named ${filename} was found.`);
      return new FakeHtmlOutput(content);
    },
    createHtmlOutput: (html: string) => {
      log.record("local", "HtmlService.createHtmlOutput");
      return new FakeHtmlOutput(html);
    },
  };
  const Charts: ChartsApi = {
    ChartType: {
      SCATTER: "SCATTER" as unknown as GoogleAppsScript.Charts.ChartType.SCATTER,
      LINE: "LINE" as unknown as GoogleAppsScript.Charts.ChartType.LINE,
    },
    ChartHiddenDimensionStrategy: { SHOW_BOTH: "SHOW_BOTH" as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy.SHOW_BOTH },
  };
  return { SpreadsheetApp, PropertiesService, LockService, Utilities, HtmlService, Charts, log, ss, ui, properties, lock, files };
}

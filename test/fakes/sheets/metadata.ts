/**
 * Developer metadata and its finder. A location is a whole row, a whole column, a sheet or the
 * spreadsheet (model.ts); metadata follows its row or column when rows or columns are inserted
 * before it, and "If the associated object is deleted its metadata is deleted too".
 */
import type { DeveloperMetadata, DeveloperMetadataFinder, DeveloperMetadataLocation, Visibility } from "../../../sheets-addon/gas";
import type { Location, MetadataModel, SheetModel, SpreadsheetModel } from "./model";

export class FakeMetadata implements MetadataModel {
  constructor(
    readonly ss: SpreadsheetModel,
    readonly key: string,
    public value: string,
    readonly visibility: Visibility,
    public location: Location,
  ) {}
  getKey(): string {
    this.ss.log.record("local", "DeveloperMetadata.getKey");
    return this.key;
  }
  getValue(): string | null {
    this.ss.log.record("local", "DeveloperMetadata.getValue");
    return this.value;
  }
  setValue(value: string): DeveloperMetadata {
    this.ss.log.record("write", "DeveloperMetadata.setValue");
    this.value = value;
    return this;
  }
  getLocation(): DeveloperMetadataLocation {
    this.ss.log.record("local", "DeveloperMetadata.getLocation");
    const loc = this.location;
    const log = this.ss.log;
    return {
      getSheet: () => {
        log.record("local", "DeveloperMetadataLocation.getSheet");
        return loc.type === "SHEET" ? loc.sheet : null;
      },
      getColumn: () => {
        log.record("local", "DeveloperMetadataLocation.getColumn");
        return loc.type === "COLUMN" ? loc.sheet.rangeAt(1, loc.col, loc.sheet.maxRows, 1) : null;
      },
    };
  }
  remove(): void {
    this.ss.log.record("write", "DeveloperMetadata.remove");
    this.ss.metadata = this.ss.metadata.filter((m) => m !== this);
  }
}

/** The sheet a location belongs to (null: the spreadsheet). */
export function sheetOf(loc: Location): SheetModel | null {
  return loc.type === "SPREADSHEET" ? null : loc.sheet;
}

export class FakeFinder implements DeveloperMetadataFinder {
  private key: string | null = null;
  private visibility: Visibility | null = null;
  constructor(private readonly ss: SpreadsheetModel, private readonly sheet: SheetModel | null) {}
  withKey(key: string): DeveloperMetadataFinder {
    this.ss.log.record("local", "DeveloperMetadataFinder.withKey");
    this.key = key;
    return this;
  }
  withVisibility(visibility: Visibility): DeveloperMetadataFinder {
    this.ss.log.record("local", "DeveloperMetadataFinder.withVisibility");
    this.visibility = visibility;
    return this;
  }
  find(): DeveloperMetadata[] {
    this.ss.log.record("read", "DeveloperMetadataFinder.find");
    return this.ss.metadata.filter(
      (m) => (this.key === null || m.key === this.key) && (this.visibility === null || m.visibility === this.visibility) && (this.sheet === null || sheetOf(m.location) === this.sheet),
    );
  }
}

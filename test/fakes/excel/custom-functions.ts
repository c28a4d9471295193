/**
 * Excel's custom-function host, as far as Microsoft documents it, over the built functions.js and
 * functions.json (a fake CustomFunctions, typed against @types/custom-functions-runtime):
 * - each id of functions.json is called with its parameters' shapes: `matrix` a 2-D array,
 *   `scalar` a value; "When no value is specified for an optional parameter, Excel assigns it the
 *   value null" (custom-functions-parameter-options);
 * - error inputs: "To process inputs that contain errors, a custom function must have the JSON
 *   metadata property allowErrorForDataTypeAny set to true" (custom-functions-errors): without it
 *   the function is not called and the whole result is the error (the worst case); with it the
 *   error arrives as an object, whose shape is not documented: both shapes are tried;
 * - blank cells in a range: not documented; reported as null on the web and 0 on the desktop
 *   (OfficeDev/office-js#4702): both platforms can be asked for;
 * - CustomFunctions.Error is CustomFunctionsRuntime 1.2, ErrorCode 1.3: missing below;
 * - a non-volatile function recalculates only when its inputs change (custom-functions-volatile).
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { isSetSupported, type Supported } from "./requirements";

export interface FunctionMetadata {
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; name: string; parameters: { name: string; optional?: boolean; dimensionality?: string; type?: string }[]; result: { dimensionality?: string; type?: string }; options?: { volatile?: boolean } }[];
}

/** An error value in a cell (what =NA() shows). */
export class ExcelCellError {
  constructor(readonly code: string) {}
}

/** CustomFunctions.Error as the runtime defines it: a code and an optional message. */
export class FakeCfError {
  constructor(public code: string, public message?: string) {}
}

const ERROR_CODES = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

type Fn = (...args: unknown[]) => unknown;
/** An argument as a formula gives it: a range's cells (blank: null) or a value; undefined when omitted. */
export type Arg = { range: unknown[][] } | { value: unknown } | undefined;

export interface InvokeOptions {
  platform?: "web" | "desktop";
  /** How an error input arrives when the metadata lets it: { code } or a data-type error. */
  errorShape?: "code" | "datatype";
}

export class ExcelFunctionsHost {
  readonly metadata: FunctionMetadata;
  readonly byId = new Map<string, Fn>();
  executions = 0;
  private readonly results = new Map<string, unknown[][]>();

  constructor(dist: string, supported: Supported, metadata?: FunctionMetadata) {
    this.metadata = metadata ?? (JSON.parse(readFileSync(`${dist}functions.json`, "utf8")) as FunctionMetadata);
    const cf: Record<string, unknown> = {
      associate: (id: string, fn: Fn) => {
        if (typeof id !== "string") throw new Error("the bundle must associate one id at a time");
        this.byId.set(id, fn);
      },
    };
    if (isSetSupported(supported, "CustomFunctionsRuntime", "1.2")) cf.Error = FakeCfError;
    cf.ErrorCode = isSetSupported(supported, "CustomFunctionsRuntime", "1.3") ? ERROR_CODES : {};
    vm.runInContext(readFileSync(`${dist}functions.js`, "utf8"), vm.createContext({ CustomFunctions: cf }), { filename: "functions.js" });
  }

  /** What a cell formula =KAM.<id>(…) shows: the result grid (a spill), errors as CellError codes. */
  invoke(id: string, args: readonly Arg[], o: InvokeOptions = {}): unknown[][] {
    const meta = this.metadata.functions.find((f) => f.id === id);
    const fn = this.byId.get(id);
    if (!meta || !fn) return [["#NAME?"]];
    const blank = o.platform === "desktop" ? 0 : null;
    const asInput = (v: unknown): unknown => {
      if (v instanceof ExcelCellError) return o.errorShape === "datatype" ? { type: "Error", basicValue: v.code, errorType: "NotAvailable" } : new FakeCfError(v.code);
      return v === null || v === undefined || v === "" ? blank : v;
    };
    const error = args.flatMap((a) => (a && "range" in a ? a.range.flat() : a ? [a.value] : [])).find((v) => v instanceof ExcelCellError) as ExcelCellError | undefined;
    if (error && this.metadata.allowErrorForDataTypeAny !== true) return [[error.code]];
    const values = meta.parameters.map((p, i) => {
      const a = args[i];
      if (a === undefined) return null;
      if ("range" in a) return p.dimensionality === "matrix" ? a.range.map((r) => r.map(asInput)) : asInput(a.range[0]?.[0]);
      return p.dimensionality === "matrix" ? [[asInput(a.value)]] : asInput(a.value);
    });
    const key = `${id}(${JSON.stringify(values)})`;
    const hit = meta.options?.volatile ? undefined : this.results.get(key);
    if (hit) return hit;
    this.executions++;
    let out: unknown;
    try {
      out = fn(...values);
    } catch (e) {
      out = e instanceof FakeCfError ? e : new FakeCfError("#VALUE!", e instanceof Error ? e.message : String(e));
    }
    const grid = (Array.isArray(out) ? out : [[out]]).map((r: unknown) => (Array.isArray(r) ? r : [r]).map((v) => this.shown(v, meta.result.type)));
    this.results.set(key, grid);
    return grid;
  }

  /** A returned cell as Excel shows it: an error's code; null is 0 (office-js#1503); a string under a number result is #VALUE!. */
  private shown(v: unknown, type: string | undefined): unknown {
    if (v instanceof FakeCfError) return v.code === undefined ? "(no error code)" : v.code;
    if (v === null) return 0;
    if (type === "number" && typeof v !== "number") return "#VALUE!";
    if (type === "string" && typeof v === "number") return "#VALUE!";
    return v;
  }
}

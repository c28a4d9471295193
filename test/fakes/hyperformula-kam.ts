/**
 * The KAM custom functions as a HyperFormula FunctionPlugin, generated from core/functions.ts's
 * table (test-only: HyperFormula is GPL-3.0 and never bundled). HyperFormula is a real formula
 * engine: it parses the formulas the add-on writes, resolves ranges, nests calls and spills arrays.
 *
 * Arguments reach the functions as a host would pass them: a range as a 2D array of values with
 * blanks as null, a single value as itself, an omitted argument as undefined. Results are returned
 * as a spilled array (same shape as the first argument) or one value; a KamError is shown as its
 * text ("⚠ reason"), as the Sheets add-on shows it.
 */
import { ArraySize, CellError, EmptyValue, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type FunctionPluginDefinition } from "hyperformula";
import { callFunction, FUNCTIONS, isKamError, type KamFunction } from "../../core/functions";

type Raw = string | number | boolean | null;

function rawCell(v: unknown): Raw {
  if (v === EmptyValue || v === undefined || v === null) return null;
  if (v instanceof CellError) return `#${String(v.type)}`;
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val; // rich numbers (dates, percents)
  return v as Raw;
}

function rawArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map(rawCell));
  return rawCell(v);
}

function toHf(v: unknown): string | number | boolean | typeof EmptyValue {
  if (isKamError(v)) return String(v);
  if (v === "" || v === null || v === undefined) return EmptyValue;
  return v as string | number | boolean;
}

export interface KamPluginOptions {
  /** Function names: "KAM_" (Sheets) or "KAM." (Excel). */
  prefix: "KAM_" | "KAM.";
}

/** Builds the plugin class and its English translations. */
export function kamPlugin(o: KamPluginOptions): { plugin: FunctionPluginDefinition; translations: Record<string, string> } {
  const id = (f: KamFunction) => `${o.prefix}${f.name}`;
  class KamPlugin extends FunctionPlugin {}
  const implemented: Record<string, object> = {};
  const translations: Record<string, string> = {};
  const proto = KamPlugin.prototype as unknown as Record<string, unknown>;
  const run = (f: KamFunction, args: unknown[]) => {
    // Trailing omitted arguments are undefined, as in Sheets.
    const raw = args.map((a) => (a === undefined ? undefined : rawArg(a)));
    return callFunction(f.name, raw).result;
  };
  for (const f of FUNCTIONS) {
    const method = `kam_${f.name}`;
    implemented[id(f)] = {
      method,
      parameters: f.params.map((p, i) => ({ argumentType: FunctionArgumentType.ANY, ...(i > 0 || p.optional ? { optionalArg: true } : {}) })),
      vectorizationForbidden: true,
      ...(f.returns === "scalar" ? {} : { sizeOfResultArrayMethod: `${method}_size` }),
    };
    translations[id(f)] = id(f);
    proto[method] = function (this: unknown, ast: { args: unknown[] }, state: unknown) {
      const self = this as unknown as {
        runFunction: (args: unknown[], state: unknown, metadata: unknown, fn: (...a: unknown[]) => unknown) => unknown;
        metadata: (name: string) => unknown;
      };
      return self.runFunction(ast.args, state, self.metadata(id(f)), (...args: unknown[]) => {
        const result = run(f, args);
        if (f.returns === "scalar") return toHf(result[0]?.[0]);
        return SimpleRangeValue.onlyValues(result.map((row) => row.map(toHf)) as never);
      });
    };
    proto[`${method}_size`] = function (this: unknown, ast: { args: unknown[] }, state: unknown) {
      const self = this as unknown as {
        arraySizeForAst: (a: unknown, s: unknown) => ArraySize;
        evaluateAst: (a: unknown, s: unknown) => unknown;
      };
      if (f.returns === "matrix") {
        const first = ast.args[0];
        if (first === undefined) return ArraySize.scalar();
        const size = self.arraySizeForAst(first, state);
        // A plain array (not a reference), or HyperFormula reads the result as a range reference.
        return size.width === 1 && size.height === 1 ? ArraySize.scalar() : new ArraySize(size.width, size.height);
      }
      // A table: its size is known only by computing it.
      const args = ast.args.map((a) => self.evaluateAst(a, state));
      const result = run(f, args);
      return new ArraySize(Math.max(...result.map((r) => r.length)), result.length);
    };
  }
  (KamPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  return { plugin: KamPlugin as unknown as FunctionPluginDefinition, translations };
}

/** Registers the plugin once per prefix and returns an engine over `sheets` (name → cells). */
const registered = new Set<string>();
export function kamEngine(sheets: Record<string, unknown[][]>, o: KamPluginOptions): HyperFormula {
  const { plugin, translations } = kamPlugin(o);
  const key = o.prefix;
  if (registered.has(key)) HyperFormula.unregisterFunctionPlugin(plugin);
  for (const name of Object.keys(translations)) {
    if (HyperFormula.getRegisteredFunctionNames("enGB").includes(name)) HyperFormula.unregisterFunction(name);
  }
  HyperFormula.registerFunctionPlugin(plugin, { enGB: translations });
  registered.add(key);
  return HyperFormula.buildFromSheets(sheets as never, { licenseKey: "gpl-v3", useArrayArithmetic: true });
}

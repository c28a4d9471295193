/**
 * Requirement sets as Office answers them: Office.context.requirements.isSetSupported(name,
 * minVersion) — "the value of the second parameter (if specified) should be a string, not a
 * number" — and, for an API above what the host supports, the ApiNotFound error ("The API you are
 * trying to use could not be found. It may be available in a newer version of the Office
 * application."). The fake host supports the manifest's declared sets unless told otherwise.
 */
import { REQUIREMENT_SETS } from "../../../excel-addin/manifest";

export type Supported = Partial<Record<string, string>>;

export const API_NOT_FOUND = "The API you are trying to use could not be found. It may be available in a newer version of the Office application.";

/** "1.10" > "1.9": versions compare part by part, as numbers. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function isSetSupported(supported: Supported, name: string, minVersion: unknown = "1.1"): boolean {
  if (typeof minVersion !== "string") throw new TypeError("isSetSupported: the version must be a string");
  const have = supported[name];
  return have !== undefined && versionAtLeast(have, minVersion);
}

/** What the fake host supports: the manifest's declared sets, or those given. */
export const declared = (): Supported => ({ ...REQUIREMENT_SETS });

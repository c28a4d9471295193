/**
 * google.script.run's serialisation (developers.google.com/apps-script/guides/html/reference/run):
 * "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well as
 * JavaScript objects and arrays that are composed of primitives, objects, and arrays. … Requests
 * fail if you attempt to pass a Date, Function, DOM element besides a form, or other prohibited
 * type, including prohibited types inside objects or arrays. Objects that create circular
 * references will also fail, and undefined fields within arrays become null."
 * The fake applies it to arguments and to return values; an undefined object field is dropped
 * (the page is silent on it: the worst case for a reader that expects the key).
 */
export class MarshalError extends Error {}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype || Object.prototype.toString.call(v) === "[object Object]" && Object.getPrototypeOf(proto) === null;
}

export function marshal(v: unknown, path = "value", seen = new Set<object>()): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v === undefined) return undefined;
  if (typeof v !== "object") throw new MarshalError(`${path}: a ${typeof v} cannot be passed through google.script.run`);
  if (seen.has(v)) throw new MarshalError(`${path}: circular reference`);
  if (Array.isArray(v)) {
    seen.add(v);
    const out = v.map((x, i) => marshal(x, `${path}[${i}]`, seen) ?? null);
    seen.delete(v);
    return out;
  }
  if (!isPlainObject(v)) throw new MarshalError(`${path}: a ${Object.prototype.toString.call(v).slice(8, -1)} cannot be passed through google.script.run`);
  seen.add(v);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const m = marshal(x, `${path}.${k}`, seen);
    if (m !== undefined) out[k] = m;
  }
  seen.delete(v);
  return out;
}

/** True when a value is plain JSON data (what a chart option must be). */
export function isPlainJson(v: unknown): boolean {
  try {
    marshal(v);
    return true;
  } catch {
    return false;
  }
}

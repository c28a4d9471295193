/** Levels (High/Medium/Low, H/M/L, 3/2/1) and yes / no: words are data, looked up in Maps and Sets. */
import { Invalid, isBlank, notA, type CellValue, type Parsed } from "./cells";


export type Level = "High" | "Medium" | "Low";
export const LEVELS: readonly Level[] = ["High", "Medium", "Low"];

/** Words are data: Maps, so a cell reading `constructor` or `__proto__` is an unknown word (SPEC §2a). */
export const LEVEL_WORDS = new Map<string, Level>([
  ...["high", "h", "hi", "3", "very high", "strong"].map((w): [string, Level] => [w, "High"]),
  ...["medium", "med", "m", "mid", "moderate", "2", "average"].map((w): [string, Level] => [w, "Medium"]),
  ...["low", "l", "lo", "1", "none", "very low", "weak"].map((w): [string, Level] => [w, "Low"]),
]);

/** Level words already looked up, by the cell's exact text. */
const LEVEL_TEXT = new Map<string, Level | null>();

export function parseLevel(v: CellValue): Parsed<Level> {
  if (isBlank(v)) return null;
  if (typeof v === "number") {
    if (v === 3) return "High";
    if (v === 2) return "Medium";
    if (v === 1) return "Low";
    return new Invalid(`${v} is not a level (use High/Medium/Low, H/M/L or 3/2/1)`);
  }
  if (typeof v !== "string") return notA(v, "a level (High/Medium/Low)");
  // A column holds a handful of distinct spellings: each is looked up once.
  let level = LEVEL_TEXT.get(v);
  if (level === undefined) {
    level = LEVEL_WORDS.get(v.trim().toLowerCase().replace(/\s+/g, " ")) ?? null;
    if (LEVEL_TEXT.size > 1000) LEVEL_TEXT.clear();
    LEVEL_TEXT.set(v, level);
  }
  return level ?? notA(v, "a level (use High/Medium/Low, H/M/L or 3/2/1)");
}


/**
 * A parsed column of levels kept unboxed: each row's code — its level's place in LEVELS (0 High,
 * 1 Medium, 2 Low), `BLANK_LEVEL` or `UNREADABLE_LEVEL` — and the unreadable cells with why. At
 * 100,000 rows a list of `Parsed<Level>` is a fresh 800 kB array; the codes are 100 kB.
 */
export interface LevelColumn {
  readonly code: Uint8Array;
  readonly invalid: ReadonlyMap<number, Invalid>;
}

export const BLANK_LEVEL = 3;
export const UNREADABLE_LEVEL = 4;

/** A parsed level cell's code (see LevelColumn). */
export function levelCode(p: Parsed<Level>): number {
  return p === "High" ? 0 : p === "Medium" ? 1 : p === "Low" ? 2 : p === null ? BLANK_LEVEL : UNREADABLE_LEVEL;
}

const YES = new Set(["yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"]);
const NO = new Set(["no", "n", "false", "0", "-", "nein", "non"]);

export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (isBlank(v)) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : notA(v, "yes or no");
  if (typeof v !== "string") return notA(v, "yes or no");
  const s = v.trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return notA(v, "yes or no");
}

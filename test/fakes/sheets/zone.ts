/**
 * Dates in a time zone, for the fake (node's Intl; the add-on itself must use Utilities.formatDate):
 * the instant of a calendar day's midnight in a zone, and Utilities.formatDate's yyyy-MM-dd and
 * HH:mm:ss patterns.
 */
function parts(ms: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offset(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone (a sheet's date cell holds that instant). */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offset(guess, timeZone);
  return guess - offset(first, timeZone);
}

const pad = (n: number | undefined, w = 2) => String(n ?? 0).padStart(w, "0");

/** Utilities.formatDate for the patterns the add-on uses (Java SimpleDateFormat letters). */
export function formatDate(date: Date, timeZone: string, format: string): string {
  const p = parts(date.getTime(), timeZone);
  const known: Record<string, string> = { yyyy: pad(p.year, 4), MM: pad(p.month), dd: pad(p.day), HH: pad(p.hour), mm: pad(p.minute), ss: pad(p.second) };
  return format.replace(/yyyy|MM|dd|HH|mm|ss|'[^']*'/g, (t) => (t.startsWith("'") ? t.slice(1, -1) : (known[t] as string)));
}

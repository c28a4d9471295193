// Shared helpers for bench/*.bench.mjs files: load TypeScript modules by bundling them with
// esbuild at start-up, a seeded random generator, and median timing.
import { mkdir } from "node:fs/promises";
import { build } from "esbuild";

export const ROOT = new URL("..", import.meta.url).pathname;

/**
 * Bundles a TypeScript entry (path relative to the repo root) into dist/bench/ and imports it.
 * Dependencies are bundled too, so the result runs like the shipped code.
 */
export async function loadTs(entry, name = entry.replace(/[^a-z0-9]+/gi, "-")) {
  const outfile = `${ROOT}dist/bench/${name}.mjs`;
  await mkdir(`${ROOT}dist/bench`, { recursive: true });
  await build({
    entryPoints: [`${ROOT}${entry}`],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return import(`${outfile}?t=${Date.now()}`);
}

/** mulberry32: a small seeded generator, so every run grades the same synthetic clients. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times, each after a full GC. Returns the median
 * wall-clock ms, the median CPU ms of this process (user + system: steadier than wall time when
 * other processes share the machine; it includes V8's GC helper threads), and every wall time.
 */
export function timeIt(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { median: median(times), cpu: median(cpu), times };
}

export const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

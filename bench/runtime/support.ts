import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh database file in a temporary directory (each case runs in its own process). */
export function tempDatabaseFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'workscript-bench-')), name);
}

/** Samples RSS and heap every 20 ms; `stop()` returns the peaks in MiB (RSS also from getrusage). */
export function trackMemory(): { stop(): { peakRssMiB: number; peakHeapMiB: number } } {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    stop() {
      sample();
      clearInterval(timer);
      const maxRss = process.resourceUsage().maxRSS * 1024;
      return {
        peakRssMiB: round(Math.max(peakRss, maxRss) / 2 ** 20, 1),
        peakHeapMiB: round(peakHeap / 2 ** 20, 1),
      };
    },
  };
}

/** Wall time with sub-millisecond resolution, on the same scale as `Date.now()`. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The `p`-th percentile (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** Every case prints exactly one JSON line with its figures as the last line of stdout. */
export function report(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}

import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Opt-in diagnostics for long runs (bench/soak.ts): `FIELDKIT_DIAG=<file>`
 * makes `fieldkit serve` append one JSON line to that file every 10 s with
 * the event-loop delay of those 10 s (perf_hooks.monitorEventLoopDelay, ms:
 * sample count, p50, p99, max and the percentile points, so windows can be
 * merged; each value is the time between two ticks of its timer, so it
 * includes the timer's resolution, given as resolutionMs) and the process's
 * memory figures. Off when the variable is unset. The lines hold numbers
 * only (no names, paths or secrets); a failed write is ignored.
 */
export function startDiagnostics(file: string, intervalMs = 10_000): () => void {
  const resolutionMs = 10;
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const line = {
      t: Date.now(),
      resolutionMs,
      count: h.count,
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      percentiles: Object.fromEntries([...h.percentiles].map(([p, v]) => [p, ms(v)])),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    };
    h.reset();
    fs.appendFile(file, `${JSON.stringify(line)}\n`, () => undefined);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    h.disable();
  };
}

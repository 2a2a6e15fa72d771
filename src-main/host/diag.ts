import fs from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Opt-in diagnostics for long runs (bench/soak.ts): `FIELDKIT_DIAG=<file>`
 * makes `fieldkit serve` append one JSON line to that file every 10 s with
 * the event-loop delay of those 10 s (perf_hooks.monitorEventLoopDelay, ms:
 * sample count, p50, p99, max and the percentile points, so windows can be
 * merged; each value is the time between two ticks of its timer, so it
 * includes the timer's resolution, given as resolutionMs) and the process's
 * memory figures. Off when the variable is unset. The lines hold numbers
 * only (no names, paths or secrets); a failed write is ignored.
 *
 * heapUsed alone rises and falls with the collector's schedule, so a leak
 * hides in its sawtooth. heapAfterMajorGc is the heap in use as the last
 * full (mark-compact) collection of the window was reported: what survived,
 * the figure whose trend says whether memory is retained. It is read when
 * the collection's performance entry is delivered (a little after it ends),
 * and absent from a window that had none.
 */
export function startDiagnostics(file: string, intervalMs = 10_000): () => void {
  const resolutionMs = 10;
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  let heapAfterMajorGc: number | undefined;
  const gcWatch = new PerformanceObserver((list) => {
    const major = list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (major) heapAfterMajorGc = process.memoryUsage().heapUsed;
  });
  gcWatch.observe({ entryTypes: ['gc'] });
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
      ...(heapAfterMajorGc !== undefined ? { heapAfterMajorGc } : {}),
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    };
    h.reset();
    heapAfterMajorGc = undefined;
    fs.appendFile(file, `${JSON.stringify(line)}\n`, () => undefined);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    h.disable();
    gcWatch.disconnect();
  };
}

import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

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
 * hides in its sawtooth. heapAfterMajorGc is the smallest heap in use right
 * after a full (mark-sweep-compact) collection in the window, as V8 measured
 * it at the end of that collection (v8.GCProfiler), with majorGcs the number
 * of such collections: what survived, the figure whose trend says whether
 * memory is retained. It is absent from a window that had none. (Reading
 * process.memoryUsage() when the collection's performance entry arrives
 * counted whatever the program allocated in between: during a 10k/s trap
 * burst, megabytes.)
 */
export function startDiagnostics(file: string, intervalMs = 10_000): () => void {
  const resolutionMs = 10;
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  let gcProfiler = new v8.GCProfiler();
  gcProfiler.start();
  /** The heap after each full collection since the last line, then a fresh profiler for the next window. */
  const takeMajorGcs = (): number[] => {
    const stats = gcProfiler.stop()?.statistics ?? [];
    gcProfiler = new v8.GCProfiler();
    gcProfiler.start();
    return stats.filter((g) => g.gcType === 'MarkSweepCompact').map((g) => g.afterGC.heapStatistics.usedHeapSize);
  };
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const majors = takeMajorGcs();
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
      majorGcs: majors.length,
      ...(majors.length ? { heapAfterMajorGc: Math.min(...majors) } : {}),
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
    gcProfiler.stop();
  };
}

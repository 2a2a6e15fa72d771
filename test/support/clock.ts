import type { Clock } from '../../shared/clock';
import { cancelledError } from '../../shared/errors';

interface PendingSleep {
  due: number;
  /** Order of the sleep() calls: two sleeps due at the same time wake in the order they began. */
  order: number;
  ms: number;
  wake: () => void;
}

/**
 * A clock that moves only when the test says so. `advance(ms)` moves time
 * forward and wakes every sleep that falls due on the way, earliest first,
 * each at its own due time (so code woken by one sleep sees the clock where
 * that sleep ended). `drive(promise)` runs a whole operation: whenever the
 * code under test is waiting on this clock and nothing else, it jumps to the
 * next due sleep. No real timer is ever started for a sleep.
 */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private pending: PendingSleep[] = [];
  /** Every sleep asked for, in ms, in order (what the code under test waited for). */
  readonly slept: number[] = [];

  constructor(start: number | string | Date = '2026-01-01T00:00:00Z') {
    this.t = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.t;
  }

  /** The clock's time as a Date (for tests that compare stamps). */
  date(): Date {
    return new Date(this.t);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    this.slept.push(ms);
    return new Promise<void>((resolve, reject) => {
      const entry: PendingSleep = {
        due: this.t + Math.max(0, ms),
        order: this.seq++,
        ms,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.pending = this.pending.filter((p) => p !== entry);
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.push(entry);
    });
  }

  /** Sleeps not yet woken. */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Moves time forward by `ms`, waking due sleeps in order. After each wake
   * the woken code runs (microtasks) before the next one is considered, so a
   * sleep it starts in turn is woken too if it falls within `ms`.
   */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.nextDue();
      if (!next || next.due > end) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.t = Math.max(this.t, next.due);
      next.wake();
      await settle();
    }
    this.t = end;
  }

  /**
   * Runs `p` to its end: while it waits on this clock alone, time jumps to the
   * next due sleep; while it waits on anything else (files, sockets), real
   * turns of the event loop pass. `limit` bounds the jumps (a runaway loop).
   */
  async drive<T>(p: Promise<T>, limit = 10_000): Promise<T> {
    let done = false;
    const watched = p.finally(() => {
      done = true;
    });
    watched.catch(() => undefined);
    for (let jumps = 0; !done; ) {
      await settle();
      if (done) break;
      const next = this.nextDue();
      if (!next) {
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      if (++jumps > limit) throw new Error(`FakeClock.drive: more than ${limit} sleeps`);
      await this.advance(next.due - this.t);
    }
    return watched;
  }

  private nextDue(): PendingSleep | undefined {
    let best: PendingSleep | undefined;
    for (const p of this.pending) if (!best || p.due < best.due || (p.due === best.due && p.order < best.order)) best = p;
    return best;
  }
}

/** Lets promise chains woken by a sleep run before time moves again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

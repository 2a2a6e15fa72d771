/**
 * The one clock of FieldKit. Every deadline, poll interval, window and time
 * stamp of the services and the IPMI engine reads `now()` and waits with
 * `sleep()` of the clock it was given, so a test can swap in a fake one
 * (test/support/clock.ts) and drive minutes of waiting without real time.
 *
 * Defined in shared/ because both layers that need it may import from here:
 * engines may not import services, and services sit above engines.
 *
 * Not governed by it, on purpose: socket-level timeouts (a datagram's
 * retransmit timer, a PET acknowledge's wait), which wait on real I/O and so
 * must run on real time; and pacing of pushes to the window.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as Date.now(). */
  now(): number;
  /**
   * Resolves after `ms` on this clock. Rejects with the catalogued
   * cancellation (CANCELLED) when `signal` is or becomes aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The catalogued cancellation error, loaded when first needed: the clock is
 * built by every process at start, and the catalogue behind the error is not
 * something a CLI command that never waits should pay for.
 */
async function cancelled(): Promise<never> {
  const { cancelledError } = await import('./errors');
  throw cancelledError();
}

/** Real time: Date.now and a timer that an AbortSignal cuts short. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => {
    if (signal?.aborted) return cancelled();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        cancelled().catch(reject);
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** The clock's present moment as an ISO 8601 string (the form records store). */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** A stopwatch on `clock`: milliseconds since this call, measured on the same clock the waits sleep on. */
export function stopwatch(clock: Clock): () => number {
  const start = clock.now();
  return () => clock.now() - start;
}

/**
 * Retry policy: an operation gets a total time budget (timeoutMs) spread over
 * 1 + retries attempts whose timeouts grow by 1.5x with +-10% jitter, so the
 * operation ends within its budget whatever the BMC does.
 */
import { FieldKitError } from '../../../shared/errors';

export interface RetryPolicy { timeoutMs: number; retries: number }

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 5000, retries: 3 };
const GROWTH = 1.5;
const MIN_ATTEMPT_MS = 50;

export function attemptTimeouts(p: RetryPolicy, random: () => number = Math.random): number[] {
  const n = Math.max(1, Math.floor(p.retries) + 1);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += GROWTH ** i;
  const base = p.timeoutMs / sum;
  const out: number[] = [];
  let left = p.timeoutMs;
  for (let i = 0; i < n; i++) {
    const jitter = 1 + (random() * 0.2 - 0.1);
    const t = i === n - 1 ? left : Math.min(left, Math.max(MIN_ATTEMPT_MS, Math.round(base * GROWTH ** i * jitter)));
    out.push(Math.max(1, t));
    left -= t;
    if (left <= 0) break;
  }
  return out;
}

/**
 * Equal slices of about `sliceMs` (±10 % jitter) summing to the budget, at
 * least `min` of them. For handshakes: a lost datagram fails the whole
 * attempt at its first step, so on a lossy LAN many short attempts succeed
 * where a few growing ones run out of budget.
 */
export function flatTimeouts(timeoutMs: number, sliceMs: number, min: number, random: () => number = Math.random): number[] {
  const n = Math.max(1, min, Math.floor(timeoutMs / sliceMs));
  const out: number[] = [];
  let left = timeoutMs;
  for (let i = 0; i < n; i++) {
    const t = i === n - 1 ? left : Math.min(left, Math.max(MIN_ATTEMPT_MS, Math.round((timeoutMs / n) * (1 + (random() * 0.2 - 0.1)))));
    out.push(Math.max(1, t));
    left -= t;
    if (left <= 0) break;
  }
  return out;
}

export const TIMEOUT = Symbol('timeout');

/**
 * Waits until `poll` is fed a packet it accepts (returns non-undefined), the
 * time runs out (TIMEOUT) or the signal aborts (throws CANCELLED).
 */
export function waitFor<T>(
  install: (feed: (packet: Buffer) => boolean) => () => void,
  accept: (packet: Buffer) => T | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T | typeof TIMEOUT> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FieldKitError('CANCELLED'));
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      uninstall();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => { if (!done) { finish(); reject(new FieldKitError('CANCELLED')); } };
    const timer = setTimeout(() => { if (!done) { finish(); resolve(TIMEOUT); } }, timeoutMs);
    const uninstall = install((packet) => {
      if (done) return false;
      const v = accept(packet);
      if (v === undefined) return false;
      finish();
      resolve(v);
      return true;
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FieldKitError('CANCELLED');
}

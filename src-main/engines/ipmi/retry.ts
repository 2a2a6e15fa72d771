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

export function attemptTimeouts(p: RetryPolicy, random: () => number = Math.random, firstAttemptMs?: number): number[] {
  if (firstAttemptMs !== undefined) {
    // A long first attempt (commands that must not run twice); the rest of the budget as usual.
    const first = Math.min(p.timeoutMs, Math.max(firstAttemptMs, attemptTimeouts(p, random)[0]));
    const left = p.timeoutMs - first;
    return left >= MIN_ATTEMPT_MS && p.retries >= 1 ? [first, ...attemptTimeouts({ timeoutMs: left, retries: p.retries - 1 }, random)] : [first];
  }
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

export const TIMEOUT = Symbol('timeout');

/**
 * Waits until `poll` is fed a packet it accepts (returns non-undefined), the
 * time runs out (TIMEOUT) or the signal aborts (throws IPMI_ABORTED).
 */
export function waitFor<T>(
  install: (feed: (packet: Buffer) => boolean) => () => void,
  accept: (packet: Buffer) => T | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  host: string,
): Promise<T | typeof TIMEOUT> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FieldKitError('IPMI_ABORTED', { host }));
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      uninstall();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => { if (!done) { finish(); reject(new FieldKitError('IPMI_ABORTED', { host })); } };
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

export function throwIfAborted(signal: AbortSignal | undefined, host: string): void {
  if (signal?.aborted) throw new FieldKitError('IPMI_ABORTED', { host });
}

import { systemClock } from '../../../../shared/clock';
import { FieldKitError } from '../../../../shared/errors';
import type { IpmiRequestOptions } from '../requester';

export interface OpOptions {
  signal?: AbortSignal;
  /** Per-request timeout handed to the transport. */
  timeoutMs?: number;
}

export function reqOpts(o: OpOptions | undefined): IpmiRequestOptions {
  return { ...(o?.signal ? { signal: o.signal } : {}), ...(o?.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) };
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FieldKitError('CANCELLED');
}

/** Sleeps on real time, waking early (CANCELLED) when the signal aborts: the system clock's sleep (shared/clock.ts). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return systemClock.sleep(ms, signal);
}

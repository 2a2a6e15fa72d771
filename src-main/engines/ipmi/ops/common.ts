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

/** Sleeps, waking early (with the catalogued error) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FieldKitError('CANCELLED'));
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new FieldKitError('CANCELLED')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { isoNow, systemClock, type Clock } from '../../../shared/clock';
import { cancelledError, FieldKitError } from '../../../shared/errors';
import type { JobInfo } from '../../../shared/contract/jobs';
import { JOB_ID_PATTERN } from '../../../shared/contract/jobs';
import type { Services } from '../container';

/** Listeners one job's signal may have before Node warns of a leak (one per BMC request in flight). */
export const JOB_SIGNAL_LISTENERS = 1000;

/** A running handler-table call: its id, and the signal its handler gets. */
export interface Job {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Called once when the call has answered (ok, failed or cancelled). */
  end(): void;
}

interface Entry {
  info: JobInfo;
  controller: AbortController;
  /** The connection or window that started it: its jobs are cancelled when it goes away. */
  owner?: string;
}

/**
 * Every handler-table call that runs in this process (the window's, the
 * headless host's), by id. The caller may choose the id (so it can cancel a
 * call it is still waiting for), else one is made up. `cancel(id)` aborts the
 * call's signal: its handler stops and answers CANCELLED.
 */
export class JobRegistry {
  private readonly running = new Map<string, Entry>();
  private readonly idleWaiters = new Set<() => void>();

  constructor(private readonly clock: Clock = systemClock) {}

  start(channel: string, via: JobInfo['via'], options: { id?: string; owner?: string } = {}): Job {
    const id = options.id ?? randomUUID();
    if (!JOB_ID_PATTERN.test(id)) throw new FieldKitError('IPC_BAD_PAYLOAD', { channel, detail: 'jobId: letters, digits, "-" and "_", at most 64' });
    if (this.running.has(id)) throw new FieldKitError('IPC_BAD_PAYLOAD', { channel, detail: 'jobId: already in use by a running call' });
    const controller = new AbortController();
    // One call may wait on many BMC requests at once (a sweep, a dump): each listens to this signal.
    setMaxListeners(JOB_SIGNAL_LISTENERS, controller.signal);
    const entry: Entry = { info: { jobId: id, channel, via, startedAt: isoNow(this.clock), cancelling: false }, controller, ...(options.owner ? { owner: options.owner } : {}) };
    this.running.set(id, entry);
    let ended = false;
    return {
      id,
      signal: controller.signal,
      end: () => {
        if (ended) return;
        ended = true;
        if (this.running.get(id) === entry) this.running.delete(id);
        if (this.running.size === 0) for (const w of [...this.idleWaiters]) w();
      },
    };
  }

  /** Cancels a running call; false when no call of that id runs (it may have just finished). */
  cancel(id: string): boolean {
    const e = this.running.get(id);
    if (!e) return false;
    this.abort(e);
    return true;
  }

  /** Cancels the calls a connection or window started (it closed: nobody waits for their answers). */
  cancelOwnedBy(owner: string): number {
    let n = 0;
    for (const e of this.running.values()) {
      if (e.owner === owner) {
        this.abort(e);
        n++;
      }
    }
    return n;
  }

  cancelAll(): void {
    for (const e of this.running.values()) this.abort(e);
  }

  list(): JobInfo[] {
    return [...this.running.values()].map((e) => ({ ...e.info }));
  }

  /** Resolves when no call runs any more, or after timeoutMs (true when idle). */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(t);
        this.idleWaiters.delete(onIdle);
        resolve(v);
      };
      const onIdle = () => done(true);
      const t = setTimeout(() => done(false), timeoutMs);
      t.unref?.();
      this.idleWaiters.add(onIdle);
    });
  }

  private abort(e: Entry): void {
    e.info.cancelling = true;
    if (!e.controller.signal.aborted) e.controller.abort(cancelledError());
  }
}

/** The process's job registry; its calls are cancelled when the services close. */
export function jobsOf(services: Services): JobRegistry {
  return services.instance('jobs', () => new JobRegistry(services.clock), (r) => r.cancelAll());
}

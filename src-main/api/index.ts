import { setMaxListeners } from 'node:events';
import { channels, isChannelName, type ChannelName, type Envelope } from '../../shared/contract';
import { cancelledError, FieldKitError, isCancellation, toErrorPayload } from '../../shared/errors';
import { confirmHandlers } from './confirm';
import { coreHandlers } from './core';
import { credentialsHandlers } from './credentials';
import { dumpHandlers } from './dump';
import { firmwareHandlers } from './firmware';
import { inventoryHandlers } from './inventory';
import { ipmiHandlers } from './ipmi';
import { jobsHandlers } from './jobs';
import { lanHandlers } from './lan';
import { monitorHandlers } from './monitor';
import { recoveryHandlers } from './recovery';
import { settingsHandlers } from './settings';
import { solHandlers } from './sol';
import { trapsHandlers } from './traps';
import { JOB_SIGNAL_LISTENERS, jobsOf, type Job } from '../services/jobs';
import type { Handler, HandlerContext } from './types';

export type { HandlerContext } from './types';

/**
 * The single handler table. Electron IPC, the headless host's WebSocket and
 * tests all go through `dispatch`, so validation and error shaping happen in
 * exactly one place.
 */
export const handlerTable = {
  ...coreHandlers,
  ...ipmiHandlers,
  ...lanHandlers,
  ...trapsHandlers,
  ...inventoryHandlers,
  ...credentialsHandlers,
  ...recoveryHandlers,
  ...firmwareHandlers,
  ...dumpHandlers,
  ...jobsHandlers,
  ...monitorHandlers,
  ...confirmHandlers,
  ...settingsHandlers,
  ...solHandlers,
};

export const handlerNames: readonly string[] = Object.freeze(Object.keys(handlerTable).sort());

/** Shortens a zod error to what a user can act on, without echoing values (they may be secrets). */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`)
    .join('; ');
}

/** How a transport names the call (jobs.cancel) and who made it (its jobs end when it goes away). */
export interface DispatchJob {
  /** Chosen by the caller so that it can cancel the call while it waits; else made up. */
  id?: string;
  /** The connection or window, e.g. `ws:3`, `ipc:1`. */
  owner?: string;
}

export async function dispatch(channel: unknown, payload: unknown, ctx: HandlerContext, jobOptions: DispatchJob = {}): Promise<Envelope<unknown>> {
  let job: Job | undefined;
  try {
    if (!isChannelName(channel) || !(channel in handlerTable)) {
      throw new FieldKitError('IPC_UNKNOWN_CHANNEL', { channel: String(channel).slice(0, 80) });
    }
    const name = channel as ChannelName;
    const parsed = channels[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new FieldKitError('IPC_BAD_PAYLOAD', { channel: name, detail: describeIssues(parsed.error.issues) });
    }
    const handler = (handlerTable as Record<string, Handler<any>>)[name];
    // Every call but jobs.* runs as a job that jobs.cancel can abort: its handler gets the job's signal.
    if (!name.startsWith('jobs.')) {
      job = jobsOf(ctx.services).start(name, ctx.via, jobOptions);
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, job.signal]) : job.signal;
      if (signal !== job.signal) setMaxListeners(JOB_SIGNAL_LISTENERS, signal);
      ctx = { ...ctx, jobId: job.id, signal };
    }
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    // A cancelled call answers the one id CANCELLED, whichever layer noticed the abort.
    const error = isCancellation(e) || ctx.signal?.aborted ? cancelledError().toPayload() : toErrorPayload(e);
    if (error.id === 'INTERNAL') ctx.services.logs.events.write('error', 'handler failed', { channel: String(channel), detail: error.message });
    return { ok: false, error };
  } finally {
    job?.end();
  }
}

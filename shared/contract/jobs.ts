import { z } from 'zod';
import { defineChannel } from './channel';

/**
 * Every call of a channel runs as a job in the main process, with an id that
 * the caller may choose and send beside the request (the bridge's
 * `invoke(channel, request, { jobId })`; over the WebSocket the message's
 * `jobId`). While the call runs, `jobs.cancel` with that id aborts it: the
 * call answers CANCELLED (firmware post-flight wait, dump, recovery waits,
 * SEL/SDR reads, sweeps, ...). A call whose connection or window goes away
 * is cancelled too.
 */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface JobInfo {
  jobId: string;
  channel: string;
  via: 'ui' | 'host' | 'cli';
  startedAt: string;
  /** Cancel was asked; the call has not answered yet. */
  cancelling: boolean;
}

const jobId = z.string().regex(JOB_ID_PATTERN);

export const jobsChannels = {
  /** Cancels a running call by its job id; `cancelled: false` when none runs (it may have just finished). */
  'jobs.cancel': defineChannel({
    request: z.object({ jobId }).strict(),
    response: {} as { cancelled: boolean },
  }),
  /** The calls running now (not the jobs.* calls themselves). */
  'jobs.list': defineChannel({
    request: z.object({}).strict(),
    response: {} as JobInfo[],
  }),
};

export const jobsEvents = {};

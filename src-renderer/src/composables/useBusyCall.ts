import { ref } from 'vue';
import { isCancellation } from '../../../shared/errors';
import { call, newJobId } from '../api/client';

/** What run() hands its function: pass it to call() so that Cancel can stop the call. */
export interface BusyJob {
  jobId: string;
}

/**
 * A view's calls to the main process: `busy` while one runs (buttons show a
 * spinner), `error` holds what the last one threw (shown by ErrorAlert), and
 * run() never throws, so a handler can simply check for undefined.
 *
 * Long calls pass the job run() gives them to call(..., job); `cancel()`
 * (the view's Cancel button) then asks the main process to stop the running
 * call, which fails with CANCELLED (`cancelled` is true afterwards).
 */
export function useBusyCall(hooks: { onStart?: () => void; onEnd?: () => void } = {}) {
  const busy = ref(false);
  const error = ref<unknown>(null);
  const cancelling = ref(false);
  const cancelled = ref(false);
  let current: BusyJob | undefined;

  async function run<T>(fn: (job: BusyJob) => Promise<T>): Promise<T | undefined> {
    const job: BusyJob = { jobId: newJobId() };
    current = job;
    busy.value = true;
    error.value = null;
    cancelling.value = false;
    cancelled.value = false;
    hooks.onStart?.();
    try {
      return await fn(job);
    } catch (e) {
      error.value = e;
      cancelled.value = isCancellation(e);
      return undefined;
    } finally {
      if (current === job) current = undefined;
      busy.value = false;
      cancelling.value = false;
      hooks.onEnd?.();
    }
  }

  /** Cancels the running call (if it was given its job); it then ends with CANCELLED. */
  async function cancel(): Promise<void> {
    const job = current;
    if (!job || cancelling.value) return;
    cancelling.value = true;
    try {
      await call('jobs.cancel', { jobId: job.jobId });
    } catch (e) {
      cancelling.value = false;
      error.value = e;
    }
  }

  return { busy, error, run, cancel, cancelling, cancelled };
}

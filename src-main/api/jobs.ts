import { jobsChannels } from '../../shared/contract/jobs';
import { jobsOf } from '../services/jobs';
import { defineHandlers } from './types';

// Running calls by id (see shared/contract/jobs.ts): the window's and the host's Cancel.
export const jobsHandlers = defineHandlers(jobsChannels, {
  'jobs.cancel': async (req, ctx) => ({ cancelled: jobsOf(ctx.services).cancel(req.jobId) }),
  'jobs.list': async (_req, ctx) => jobsOf(ctx.services).list(),
});

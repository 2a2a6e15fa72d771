import { dumpChannels } from '../../shared/contract/dump';
import { defaultDumpDir, dumpOf } from '../services/dump/wire';
import { defineHandlers } from './types';

export const dumpHandlers = defineHandlers(dumpChannels, {
  'dump.create': async (req, ctx) =>
    dumpOf(ctx.services).run({
      outputDir: req.outputDir ?? defaultDumpDir(ctx.services),
      ...(req.servers?.length ? { servers: req.servers } : {}),
      noBmc: req.noBmc,
      // FIELDKIT_PASSWORD serves unattended hosts (as in the CLI); it is scrubbed from the archive like every secret used.
      ...(process.env.FIELDKIT_PASSWORD !== undefined ? { password: process.env.FIELDKIT_PASSWORD } : {}),
      who: ctx.who,
      via: ctx.via,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => ctx.emit('dump.progress', p),
    }),
  'dump.defaultDir': async (_req, ctx) => ({ dir: defaultDumpDir(ctx.services) }),
});

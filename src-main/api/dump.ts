import { dumpChannels } from '../../shared/contract/dump';
import { FieldKitError } from '../../shared/errors';
import { defaultDumpDir, dumpOf } from '../services/dump/wire';
import { defineHandlers } from './types';

export const dumpHandlers = defineHandlers(dumpChannels, {
  'dump.create': async (req, ctx) => {
    // The folder is the main process's choice: the default under the FieldKit home, or the window's own dialog.
    const fallback = defaultDumpDir(ctx.services);
    const picked = req.chooseFolder && ctx.chooseFolder ? await ctx.chooseFolder('dump', fallback) : undefined;
    if (req.chooseFolder && ctx.chooseFolder && picked === undefined) throw new FieldKitError('CANCELLED');
    return dumpOf(ctx.services).run({
      outputDir: picked ?? fallback,
      ...(req.servers?.length ? { servers: req.servers } : {}),
      noBmc: req.noBmc,
      // Passwords: resolveBmcSecret per BMC address (keychain, then the environment for unattended
      // hosts, then what the CLI's --password-stdin piped in); every secret used is scrubbed from the archive.
      ...(ctx.bmcAccess?.password !== undefined ? { password: ctx.bmcAccess.password } : {}),
      who: ctx.who,
      via: ctx.via,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => ctx.emit('dump.progress', p),
    });
  },
  'dump.defaultDir': async (_req, ctx) => ({ dir: defaultDumpDir(ctx.services) }),
});

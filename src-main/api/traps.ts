import { trapsChannels } from '../../shared/contract/traps';
import type { TrapFilter } from '../../shared/model/trap';
import { decodePetText } from '../engines/snmp/offline';
import { refreshSources, trapsOf } from '../services/traps/wire';
import { defineHandlers } from './types';

export const trapsHandlers = defineHandlers(trapsChannels, {
  'traps.status': async (_req, ctx) => trapsOf(ctx.services).status(),
  'traps.start': async (req, ctx) => {
    const svc = trapsOf(ctx.services);
    await refreshSources(ctx.services, svc);
    const { communities, ...settings } = req;
    return svc.start({ ...settings, communities });
  },
  'traps.stop': async (_req, ctx) => trapsOf(ctx.services).stop(),
  'traps.search': async (req, ctx) => trapsOf(ctx.services).search(req as TrapFilter),
  'traps.decode': async (req, ctx) => decodePetText(req.specific, [req.hex], trapsOf(ctx.services).loadedProfiles),
  'traps.profiles': async (req, ctx) => {
    const svc = trapsOf(ctx.services);
    const problems = req.reload ? svc.reloadProfiles() : [];
    return {
      profiles: svc.loadedProfiles.map((p) => ({ name: p.name, file: p.file, builtIn: p.builtIn, rules: p.rules.length, ...(p.description ? { description: p.description } : {}) })),
      problems: problems.map((e) => ({ id: e.id, text: e.message })),
    };
  },
});

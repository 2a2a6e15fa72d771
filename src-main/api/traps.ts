import { trapsChannels } from '../../shared/contract/traps';
import type { TrapFilter } from '../../shared/model/trap';
import { decodePetText } from '../engines/snmp/offline';
import { loadTrapConfig } from '../services/traps/config';
import { refreshSources, trapsOf } from '../services/traps/wire';
import { defineHandlers } from './types';

export const trapsHandlers = defineHandlers(trapsChannels, {
  'traps.status': async (_req, ctx) => trapsOf(ctx.services).status(),
  'traps.start': async (req, ctx) => {
    const svc = trapsOf(ctx.services);
    await refreshSources(ctx.services, svc);
    // SNMPv3 users need keys, which only the CLI can ask for: the app listens for v1/v2c.
    const { users: _users, ...cfg } = loadTrapConfig(ctx.services.home);
    void _users;
    const merged = { ...cfg, ...Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) };
    return svc.start({ ...merged, address: merged.address ?? '0.0.0.0', port: merged.port ?? 162, communities: merged.communities ?? ['public'] });
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

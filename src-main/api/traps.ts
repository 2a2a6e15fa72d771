import { trapsChannels } from '../../shared/contract/traps';
import type { TrapFilter } from '../../shared/model/trap';
import { decodePetText } from '../engines/snmp/offline';
import { loadTrapConfig } from '../services/traps/config';
import { trapSettingsOf } from '../services/traps/settings-wire';
import { refreshSources, trapsOf } from '../services/traps/wire';
import { defineHandlers } from './types';

export const trapsHandlers = defineHandlers(trapsChannels, {
  'traps.status': async (_req, ctx) => trapsOf(ctx.services).status(),
  'traps.start': async (req, ctx) => {
    const svc = trapsOf(ctx.services);
    await refreshSources(ctx.services, svc);
    const { users: cfgUsers, ...cfg } = loadTrapConfig(ctx.services.home);
    // SNMPv3 keys from the keychain (or this session); a missing one is its catalogued error, naming the user.
    const users = await trapSettingsOf(ctx.services, ctx.who, ctx.via).usersWithKeys(cfgUsers ?? [], ctx.signal);
    const merged = { ...cfg, ...Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) };
    return svc.start({
      ...merged,
      address: merged.address ?? '0.0.0.0',
      port: merged.port ?? 162,
      // v3 users alone are enough; "public" is the default only when nothing else is configured.
      communities: merged.communities ?? (users.length ? [] : ['public']),
      users,
    });
  },
  'traps.settings.get': async (_req, ctx) => trapSettingsOf(ctx.services, ctx.who, ctx.via).view(),
  'traps.settings.save': async (req, ctx) => trapSettingsOf(ctx.services, ctx.who, ctx.via).save(req as Parameters<ReturnType<typeof trapSettingsOf>['save']>[0]),
  'traps.user.set': async (req, ctx) => {
    const { authKey, privKey, sessionFallback, ...user } = req;
    return trapSettingsOf(ctx.services, ctx.who, ctx.via).setUser(user, { authKey, privKey }, { sessionFallback, signal: ctx.signal });
  },
  'traps.user.delete': async (req, ctx) => trapSettingsOf(ctx.services, ctx.who, ctx.via).deleteUser(req.name),
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

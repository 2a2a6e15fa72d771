import { trapsChannels } from '../../shared/contract/traps';
import type { TrapConfig, TrapFilter, TrapV3User } from '../../shared/model/trap';
import { decodePetText } from '../engines/snmp/offline';
import { loadTrapConfig } from '../services/traps/config';
import { trapSettingsOf } from '../services/traps/settings-wire';
import type { ListenOptions } from '../services/traps/service';
import { refreshSources, trapsOf } from '../services/traps/wire';
import { defineHandlers, type HandlerContext } from './types';

/**
 * The listener's options: traps.json, SNMPv3 keys (resolveSnmpV3Key: the
 * keychain or this session; the CLI adds its environment and prompt), then
 * what the call overrides. Users named for this run come first and replace a
 * configured user of the same name.
 */
async function listenOptions(ctx: HandlerContext, request: Partial<TrapConfig> & { v3Users?: TrapV3User[] }): Promise<ListenOptions> {
  const { v3Users = [], ...overrides } = request;
  const { users: cfgUsers, ...cfg } = loadTrapConfig(ctx.services.home);
  const wanted = [...v3Users, ...(cfgUsers ?? []).filter((u) => !v3Users.some((v) => v.name === u.name))];
  // A missing key is its catalogued error, naming the user.
  const users = await trapSettingsOf(ctx.services, ctx.who, ctx.via).usersWithKeys(wanted, ctx.snmpV3Access ?? {}, ctx.signal);
  const merged = { ...cfg, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  return {
    ...merged,
    address: merged.address ?? '0.0.0.0',
    port: merged.port ?? 162,
    // No default community: none configured means v1/v2c traps are refused (TRAPS_NO_CREDENTIALS without v3 users).
    communities: merged.communities ?? [],
    users,
  };
}

export const trapsHandlers = defineHandlers(trapsChannels, {
  'traps.status': async (_req, ctx) => trapsOf(ctx.services).status(),
  'traps.start': async (req, ctx) => {
    const svc = trapsOf(ctx.services);
    await refreshSources(ctx.services, svc);
    return svc.start(await listenOptions(ctx, req));
  },
  'traps.settings.get': async (_req, ctx) => trapSettingsOf(ctx.services, ctx.who, ctx.via).view(),
  'traps.settings.save': async (req, ctx) => {
    const view = await trapSettingsOf(ctx.services, ctx.who, ctx.via).save(req as Parameters<ReturnType<typeof trapSettingsOf>['save']>[0]);
    // A running listener takes the saved settings at once (no Stop/Start by hand).
    const svc = trapsOf(ctx.services);
    if (!svc.listening) return view;
    const { status, restarted } = await svc.apply(await listenOptions(ctx, {}));
    return { ...view, listener: status, restarted };
  },
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
      // params: a front end renders the problem in its user's language.
      problems: problems.map((e) => ({ id: e.id, text: e.message, params: e.params })),
    };
  },
});

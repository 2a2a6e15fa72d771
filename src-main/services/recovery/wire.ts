import fs from 'node:fs';
import path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import { buildPrerequisites } from '../../../shared/guide/prerequisites';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { formatBmcAddress } from '../../../shared/model/inventory';
import type { Services } from '../container';
import { bmcServiceOf } from '../bmc/factory';
import { inventoryTarget } from '../bmc/targets';
import { credentialsOf } from '../credentials/wire';
import { InventoryStore } from '../inventory/store';
import { RecoveryHub } from './hub';
import { ipmiRecoveryBmc } from './ipmi-bmc';
import { clearFaultsFor, loadVendorProfiles } from './profiles';
import type { RecoveryTimings } from './service';

const hubs = new WeakMap<Services, RecoveryHub>();

function envTimings(env: NodeJS.ProcessEnv): Partial<RecoveryTimings> {
  const n = (v: string | undefined, scale: number) => (v && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) * scale : undefined);
  const t: Partial<RecoveryTimings> = {};
  const poll = n(env.FIELDKIT_RECOVERY_POLL_MS, 1);
  const power = n(env.FIELDKIT_RECOVERY_POWER_TIMEOUT_S, 1000);
  const verify = n(env.FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S, 1000);
  if (poll !== undefined) t.pollMs = poll;
  if (power !== undefined) t.powerTimeoutMs = power;
  if (verify !== undefined) t.verifyTimeoutMs = verify;
  return t;
}

/**
 * The recovery hub of a process, built once from its services: servers and
 * BMC addresses from the inventory, the password from the keychain lookup
 * (or FIELDKIT_PASSWORD for unattended runs), the IPMI engine per step.
 */
export function recoveryHub(services: Services, env: NodeJS.ProcessEnv = process.env): RecoveryHub {
  let hub = hubs.get(services);
  if (hub) return hub;
  const inventory = new InventoryStore(services.home);
  const allServers = async () => {
    const { inventory: inv } = await inventory.load();
    return inv.clusters.flatMap((c) => c.servers.map((s) => ({ cluster: c.name, server: s })));
  };
  const findServer = async (name: string): Promise<Server> => {
    const matches = (await allServers()).filter((x) => x.server.name === name);
    if (matches.length !== 1) throw new FieldKitError('SERVER_UNKNOWN', { server: name });
    return matches[0].server;
  };
  // One order everywhere (resolveBmcSecret): keychain, then FIELDKIT_PASSWORD for
  // unattended runs; the keychain's own catalogued errors (no bus, locked keyring) stand
  // when nothing else can answer.
  const keychain = (addr: BmcAddress, user: string, kind: 'password' | 'kg') => credentialsOf(services).get(addr, user, { kind });
  const profileDirs = [path.join(services.home, 'recovery-profiles'), builtInRecoveryProfileDir(env)];
  const ipmiTimeout = Number(env.FIELDKIT_IPMI_TIMEOUT_MS) > 0 ? Number(env.FIELDKIT_IPMI_TIMEOUT_MS) : undefined;

  hub = new RecoveryHub({
    home: services.home,
    oplog: { append: (r) => void services.logs.operations.append(r) },
    timings: envTimings(env),
    clock: services.clock,
    servers: async () =>
      (await allServers()).map(({ cluster, server }) => ({
        name: server.name,
        cluster,
        primary: formatBmcAddress(server.bmc.primary),
        primaryHost: server.bmc.primary.host,
        ...(server.bmc.secondary ? { secondary: formatBmcAddress(server.bmc.secondary) } : {}),
      })),
    connect: async (name) => {
      const s = await findServer(name);
      const target = (addr: BmcAddress) => inventoryTarget(s, addr, { keychain, env }, {
        ...(ipmiTimeout ? { timeoutMs: ipmiTimeout } : {}),
        missing: (account) => new FieldKitError('RECOVERY_NO_PASSWORD', { server: s.name, endpoint: formatBmcAddress(addr), account }),
      });
      return ipmiRecoveryBmc(await target(s.bmc.primary), s.bmc.secondary ? await target(s.bmc.secondary) : undefined, bmcServiceOf(services).engine);
    },
    prerequisites: async (name) => buildPrerequisites((await inventory.load()).inventory.clusters, [name]).items,
    vendorClearFaults: async (_server, bmc) => {
      const profiles = await loadVendorProfiles(profileDirs);
      if (!profiles.some((p) => p.clearFaults)) return undefined;
      const d = await bmc.readDeviceId();
      return clearFaultsFor(profiles, d.manufacturerId, d.productId);
    },
  });
  hubs.set(services, hub);
  return hub;
}

/** resources/recovery-profiles from source (tsx, vitest) and from the bundled CLI (out/cli). */
export function builtInRecoveryProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.FIELDKIT_RESOURCES ? path.join(env.FIELDKIT_RESOURCES, 'recovery-profiles') : '',
    path.resolve(__dirname, '../../../resources/recovery-profiles'),
    path.resolve(__dirname, '../../resources/recovery-profiles'),
    path.resolve(process.cwd(), 'resources/recovery-profiles'),
  ].filter(Boolean);
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[candidates.length - 1];
}

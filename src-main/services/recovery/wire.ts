import fs from 'node:fs';
import path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { formatBmcAddress } from '../../../shared/model/inventory';
import type { IpmiTarget } from '../../engines/ipmi';
import type { Services } from '../container';
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

const PRIV = { ADMINISTRATOR: 'admin', OPERATOR: 'operator', USER: 'user' } as const;

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
    if (matches.length !== 1) throw new FieldKitError('RECOVERY_SERVER_UNKNOWN', { server: name });
    return matches[0].server;
  };
  // FIELDKIT_PASSWORD first (unattended runs, as the CLI's prompts accept it), else the keychain,
  // whose own catalogued errors (no bus, locked keyring) pass through unchanged.
  const password = async (addr: BmcAddress, account: string, server: string, signal?: AbortSignal) => {
    const p = env.FIELDKIT_PASSWORD ?? (await credentialsOf(services).get(addr, account, { signal })) ?? undefined;
    if (p === undefined) throw new FieldKitError('RECOVERY_NO_PASSWORD', { server, endpoint: formatBmcAddress(addr), account });
    return p;
  };
  const kg = async (s: Server, addr: BmcAddress, signal?: AbortSignal) =>
    s.ipmi.kgStored ? ((await credentialsOf(services).get(addr, s.account, { kind: 'kg', signal })) ?? undefined) : undefined;
  const profileDirs = [path.join(services.home, 'recovery-profiles'), builtInRecoveryProfileDir(env)];
  const ipmiTimeout = Number(env.FIELDKIT_IPMI_TIMEOUT_MS) > 0 ? Number(env.FIELDKIT_IPMI_TIMEOUT_MS) : undefined;

  hub = new RecoveryHub({
    home: services.home,
    oplog: { append: (r) => void services.logs.operations.append(r) },
    timings: envTimings(env),
    servers: async () =>
      (await allServers()).map(({ cluster, server }) => ({
        name: server.name,
        cluster,
        primary: formatBmcAddress(server.bmc.primary),
        primaryHost: server.bmc.primary.host,
        ...(server.bmc.secondary ? { secondary: formatBmcAddress(server.bmc.secondary) } : {}),
      })),
    connect: async (name, signal) => {
      const s = await findServer(name);
      const target = async (addr: BmcAddress): Promise<IpmiTarget> => ({
        host: addr.host,
        port: addr.port ?? 623,
        username: s.account,
        password: await password(addr, s.account, s.name, signal),
        ...((await kg(s, addr, signal)) !== undefined ? { kg: await kg(s, addr, signal) } : {}),
        cipherSuite: s.ipmi.cipherSuite as IpmiTarget['cipherSuite'],
        privilege: PRIV[s.ipmi.privilege],
        ...(ipmiTimeout ? { timeoutMs: ipmiTimeout } : {}),
      });
      return ipmiRecoveryBmc(await target(s.bmc.primary), s.bmc.secondary ? await target(s.bmc.secondary) : undefined);
    },
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

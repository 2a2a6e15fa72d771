import path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { formatBmcAddress } from '../../../shared/model/inventory';
import type { IpmiTarget } from '../../engines/ipmi';
import type { Services } from '../container';
import { InventoryStore } from '../inventory/store';
import { RecoveryHub } from './hub';
import { ipmiRecoveryBmc } from './ipmi-bmc';
import { clearFaultsFor, loadVendorProfiles } from './profiles';
import type { RecoveryTimings } from './service';

const hubs = new WeakMap<Services, RecoveryHub>();

/** Looks up the BMC password of an endpoint; the keychain in the product. */
export type PasswordLookup = (endpoint: BmcAddress, account: string, server: string) => Promise<string | undefined>;

let passwordLookup: PasswordLookup | undefined;

/** The credentials domain registers its keychain lookup here. */
export function setRecoveryPasswordLookup(fn: PasswordLookup | undefined): void {
  passwordLookup = fn;
}

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
  const password = async (addr: BmcAddress, account: string, server: string) => {
    const p = (await passwordLookup?.(addr, account, server)) ?? env.FIELDKIT_PASSWORD;
    if (p === undefined) throw new FieldKitError('RECOVERY_NO_PASSWORD', { server, endpoint: formatBmcAddress(addr), account });
    return p;
  };
  const profilesDir = env.FIELDKIT_VENDOR_PROFILES ?? path.join(services.home, 'vendors');
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
        ...(server.bmc.secondary ? { secondary: formatBmcAddress(server.bmc.secondary) } : {}),
      })),
    connect: async (name) => {
      const s = await findServer(name);
      const target = async (addr: BmcAddress): Promise<IpmiTarget> => ({
        host: addr.host,
        port: addr.port ?? 623,
        username: s.account,
        password: await password(addr, s.account, s.name),
        cipherSuite: s.ipmi.cipherSuite as IpmiTarget['cipherSuite'],
        privilege: PRIV[s.ipmi.privilege],
        ...(ipmiTimeout ? { timeoutMs: ipmiTimeout } : {}),
      });
      return ipmiRecoveryBmc(await target(s.bmc.primary), s.bmc.secondary ? await target(s.bmc.secondary) : undefined);
    },
    vendorClearFaults: async (_server, bmc) => {
      const profiles = await loadVendorProfiles([profilesDir]);
      if (!profiles.some((p) => p.clearFaults)) return undefined;
      const d = await bmc.readDeviceId();
      return clearFaultsFor(profiles, d.manufacturerId, d.productId);
    },
  });
  hubs.set(services, hub);
  return hub;
}

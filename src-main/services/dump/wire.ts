import path from 'node:path';
import type { Services } from '../container';
import { bmcServiceOf } from '../bmc';
import { credentialsOf } from '../credentials/wire';
import { SnmpV3KeyStore } from '../credentials/snmpv3';
import { inventoryOf } from '../inventory/wire';
import { loadTrapConfig } from '../traps/config';
import { existingSol } from '../sol/wire';
import { DumpService } from './service';

/** Environment variables that may hold a secret FieldKit uses. */
const SECRET_ENV = /^FIELDKIT_(PASSWORD|KG|SNMP_.*|.*(TOKEN|SECRET|COMMUNITY|KEY).*)$/;

/**
 * Every secret this process can know of at dump time, each lookup on its
 * own (a locked keychain must not stop the dump): BMC passwords and Kg of
 * every endpoint of the inventory, SNMPv3 keys and communities of the trap
 * listener, and FieldKit's secret environment variables.
 */
async function knownSecrets(services: Services): Promise<string[]> {
  const out: string[] = [];
  const creds = credentialsOf(services);
  const quiet = async (p: Promise<string | null>) => {
    const v = await p.catch(() => null);
    if (v) out.push(v);
  };
  for (const [k, v] of Object.entries(process.env)) if (v && SECRET_ENV.test(k)) out.push(...new Set([v, ...v.split(',').map((x) => x.trim())]));
  try {
    const inv = (await inventoryOf(services).get()).inventory;
    for (const s of inv.clusters.flatMap((c) => c.servers)) {
      for (const ep of [s.bmc.primary, s.bmc.secondary]) {
        if (!ep) continue;
        await quiet(creds.get(ep, s.account, { kind: 'password' }));
        await quiet(creds.get(ep, s.account, { kind: 'kg' }));
      }
    }
  } catch {
    // no inventory: nothing of it to know
  }
  try {
    const traps = loadTrapConfig(services.home);
    out.push(...(traps.communities ?? []));
    const keys = new SnmpV3KeyStore(creds);
    for (const u of traps.users ?? []) {
      await quiet(keys.get(u.name, 'auth'));
      await quiet(keys.get(u.name, 'priv'));
    }
  } catch {
    // no or unreadable traps.json
  }
  return out.filter((s) => s.length > 0);
}

const perContainer = new WeakMap<Services, DumpService>();

/** The dump service of a container: its inventory, keychain, IPMI engine and state folders. */
export function dumpOf(services: Services): DumpService {
  let d = perContainer.get(services);
  if (d) return d;
  const bmc = bmcServiceOf(services);
  d = new DumpService({
    home: services.home,
    clock: services.clock,
    app: { name: services.app.name, version: services.app.version },
    inventory: async () => (await inventoryOf(services).get()).inventory,
    secret: (ep, user, kind) => credentialsOf(services).get(ep, user, { kind }),
    engine: () => bmc.engine,
    stateDirs: { logs: services.logs.dir, cases: path.join(services.home, 'cases'), firmware: path.join(services.home, 'firmware') },
    audit: (r) => services.logs.operations.append(r),
    knownSecrets: () => knownSecrets(services),
    // Only a console this process already has: a dump never opens one.
    consoleTranscript: (server) => existingSol(services)?.transcriptBytes(server),
  });
  perContainer.set(services, d);
  return d;
}

/** Where the app writes dumps when the user picks no folder. */
export function defaultDumpDir(services: Services): string {
  return path.join(services.home, 'dumps');
}

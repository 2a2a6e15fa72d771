import { FieldKitError } from '../../../shared/errors';
import { chassisStatus } from '../../engines/ipmi/ops';
import { bmcServiceOf } from '../bmc';
import type { Services } from '../container';
import { credentialsOf } from '../credentials/wire';
import { inventoryOf } from '../inventory/wire';
import { trapsOf } from '../traps/wire';
import { MonitorService } from './index';

/** Presence pings are cheap: a short timeout and two tries keep a sweep of dead BMCs under ~2 s. */
const PING = { timeoutMs: 700, retries: 1 };

const perContainer = new WeakMap<Services, MonitorService>();

/** The monitor of a services container, over its inventory, keychain, IPMI engine and trap log. */
export function monitorOf(services: Services): MonitorService {
  let m = perContainer.get(services);
  if (m) return m;
  const bmc = bmcServiceOf(services);
  m = new MonitorService({
    clusters: async () => (await inventoryOf(services).get()).inventory.clusters,
    ping: (a, signal) => bmc.engine.ping(a.host, a.port ?? 623, { ...PING, ...(signal ? { signal } : {}) }),
    readPower: async (server, signal) => {
      // FIELDKIT_PASSWORD serves unattended runs (as in the CLI); otherwise the keychain.
      const envPassword = process.env.FIELDKIT_PASSWORD;
      if (envPassword === undefined) {
        const stored = await credentialsOf(services).get(server.bmc.primary, server.account);
        const secondary = server.bmc.secondary ? await credentialsOf(services).get(server.bmc.secondary, server.account) : null;
        if (stored === null && secondary === null) {
          throw new FieldKitError('MONITOR_NO_PASSWORD', { server: server.name, account: server.account });
        }
      }
      const conn = await bmc.connect({ server: server.name, timeoutMs: 3000, ...(envPassword !== undefined ? { password: envPassword } : {}) });
      const st = await chassisStatus(conn.requester, signal ? { signal } : undefined);
      const who = conn.answeredBy();
      return { on: st.powerOn, ...(who ? { from: who.startsWith('secondary') ? ('secondary' as const) : ('primary' as const) } : {}) };
    },
    lastDumpTrap: (server, since) => {
      const hits = trapsOf(services).search({ server, class: 'os-stop', since: since.toISOString() });
      const newest = hits[hits.length - 1];
      return newest ? { receivedAt: newest.receivedAt, summary: newest.summary } : undefined;
    },
    clock: services.clock,
  });
  perContainer.set(services, m);
  return m;
}

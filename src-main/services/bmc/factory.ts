import type { Services } from '../container';
import { ipmiSettingsIn } from '../settings/store';
import { BmcService } from './service';

// The inventory and keychain are loaded on first use: an ad-hoc `fieldkit -H ...`
// never needs them, and the inventory's validation schemas cost start-up time.
const inventoryWire = () => import('../inventory/wire');
const credentialsWire = () => import('../credentials/wire');

/** Builds the BMC access service over the inventory and the keychain of this process. */
export function createBmcService(services: Services): BmcService {
  return new BmcService({
    home: services.home,
    clock: services.clock,
    requestDefaults: () => {
      const s = ipmiSettingsIn(services.home);
      return { ...(s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {}), ...(s.retries !== undefined ? { retries: s.retries } : {}) };
    },
    findServer: async (name) => {
      const { inventoryOf } = await inventoryWire();
      const all = (await inventoryOf(services).get()).inventory.clusters.flatMap((c) => c.servers.filter((x) => x.name === name));
      // The same name in two clusters is ambiguous: refuse rather than guess (rule 5).
      return all.length === 1 ? all[0] : undefined;
    },
    getSecret: async (endpoint, user, kind) => (await credentialsWire()).credentialsOf(services).get(endpoint, user, { kind }),
  });
}

/**
 * The one BmcService of a services container: one engine, one socket, at
 * most one session per BMC endpoint for the whole process. The container
 * closes it (Close Session to every BMC) when it closes: at the end of a
 * CLI command, on app quit and when the headless host stops.
 */
export function bmcServiceOf(services: Services): BmcService {
  return services.instance('bmc', () => createBmcService(services), (b) => b.close());
}

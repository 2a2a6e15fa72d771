import type { BmcAddress, Server } from '../../../shared/model/inventory';
import type { Services } from '../container';
import { BmcService } from './service';

interface InventoryLike {
  get(): Promise<{ inventory: { clusters: { name: string; servers: Server[] }[] } }>;
}
interface CredentialsLike {
  get(endpoint: BmcAddress, user: string, opts?: { kind?: 'password' | 'kg' }): Promise<string | null>;
}

/**
 * Builds the BMC access service from the container, using the inventory and
 * credential services when this build has them (looked up by name so that
 * either may be absent in a partial build).
 */
export function createBmcService(services: Services): BmcService {
  const s = services as unknown as { inventory?: InventoryLike; credentials?: CredentialsLike };
  return new BmcService({
    home: services.home,
    findServer: async (name) => {
      const inv = s.inventory;
      if (!inv) return undefined;
      const all = (await inv.get()).inventory.clusters.flatMap((c) => c.servers.filter((x) => x.name === name));
      // The same name in two clusters is ambiguous: refuse rather than guess (rule 5).
      return all.length === 1 ? all[0] : undefined;
    },
    getSecret: async (endpoint, user, kind) => (s.credentials ? s.credentials.get(endpoint, user, { kind }) : null),
  });
}

const perContainer = new WeakMap<Services, BmcService>();

/**
 * The one BmcService of a services container (one engine, one socket, pooled
 * sessions per process). Closed when the container closes, if the container
 * offers a hook; callers that own the process may also close it directly.
 */
export function bmcServiceOf(services: Services): BmcService {
  let b = perContainer.get(services);
  if (!b) {
    b = createBmcService(services);
    perContainer.set(services, b);
    const hook = (services as unknown as { onClose?: (fn: () => Promise<void>) => void }).onClose;
    if (typeof hook === 'function') hook.call(services, () => b!.close());
  }
  return b;
}

import { buildPrerequisites } from '../../../shared/guide/prerequisites';
import type { Services } from '../container';
import { bmcServiceOf } from '../bmc';
import { credentialsOf } from '../credentials/wire';
import { inventoryOf } from '../inventory/wire';
import { FirmwareService, type FirmwareServiceDeps } from './service';

const perContainer = new WeakMap<Services, FirmwareService>();

/** The firmware check service of a container: the inventory, the keychain and the one IPMI engine of the process. */
export function firmwareOf(services: Services): FirmwareService {
  let f = perContainer.get(services);
  if (f) return f;
  f = new FirmwareService(firmwareDepsOf(services));
  perContainer.set(services, f);
  return f;
}

/** What a firmware service of this container is made of (a test swaps the clock of a copy). */
export function firmwareDepsOf(services: Services): FirmwareServiceDeps {
  const bmc = bmcServiceOf(services);
  return {
    home: services.home,
    clock: services.clock,
    appVersion: services.app.version,
    findServer: async (name) => {
      const all = (await inventoryOf(services).get()).inventory.clusters.flatMap((c) => c.servers.filter((s) => s.name === name));
      // The same name in two clusters is ambiguous: refuse rather than guess.
      return all.length === 1 ? all[0] : undefined;
    },
    secret: (ep, user, kind) => credentialsOf(services).get(ep, user, { kind }),
    engine: () => bmc.engine,
    audit: (r) => services.logs.operations.append(r),
    prerequisites: async (name) => buildPrerequisites((await inventoryOf(services).get()).inventory.clusters, [name]).items,
  };
}

import type { Services } from '../container';
import { bmcServiceOf } from '../bmc';
import { credentialsOf } from '../credentials/wire';
import { inventoryOf } from '../inventory/wire';
import { FirmwareService } from './service';

const perContainer = new WeakMap<Services, FirmwareService>();

/** The firmware check service of a container: the inventory, the keychain and the one IPMI engine of the process. */
export function firmwareOf(services: Services): FirmwareService {
  let f = perContainer.get(services);
  if (f) return f;
  const bmc = bmcServiceOf(services);
  f = new FirmwareService({
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
  });
  perContainer.set(services, f);
  return f;
}

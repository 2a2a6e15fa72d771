import path from 'node:path';
import type { Services } from '../container';
import { bmcServiceOf } from '../bmc';
import { credentialsOf } from '../credentials/wire';
import { inventoryOf } from '../inventory/wire';
import { DumpService } from './service';

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
  });
  perContainer.set(services, d);
  return d;
}

/** Where the app writes dumps when the user picks no folder. */
export function defaultDumpDir(services: Services): string {
  return path.join(services.home, 'dumps');
}

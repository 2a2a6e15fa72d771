import { FieldKitError } from '../../../shared/errors';
import type { Services } from '../container';
import { RecoveryHub } from './hub';

const hubs = new WeakMap<Services, RecoveryHub>();

/**
 * The recovery hub of a process, built once from its services: the inventory
 * (servers and BMC addresses), the credentials (keychain) and the IPMI engine.
 */
export function recoveryHub(services: Services): RecoveryHub {
  let hub = hubs.get(services);
  if (!hub) {
    hub = new RecoveryHub({
      home: services.home,
      oplog: { append: (r) => void services.logs.operations.append(r) },
      servers: async () => [],
      connect: async () => {
        throw new FieldKitError('NOT_AVAILABLE_YET', { feature: 'IPMI connection for recovery' });
      },
    });
    hubs.set(services, hub);
  }
  return hub;
}

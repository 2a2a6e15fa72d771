import path from 'node:path';
import type { Services } from '../container';
import { credentialsOf } from '../credentials/wire';
import { ipmiSettingsIn } from '../settings/store';
import { InventoryService } from './service';
import { InventoryStore } from './store';

/** The inventory lives at the top of the state folder: `<home>/inventory.json` (+ `.prev`). */
export function inventoryDir(home: string): string {
  return path.resolve(home);
}

/**
 * The inventory service for one caller. It holds no state of its own (the
 * file is the state), so each front end gets one bound to who is acting,
 * for the operation log.
 */
export function inventoryOf(services: Services, actor: { who: string; via: 'ui' | 'cli' | 'host' | 'system' } = { who: 'unknown', via: 'system' }): InventoryService {
  const credentials = credentialsOf(services);
  return new InventoryService({
    store: new InventoryStore(inventoryDir(services.home), services.clock),
    credentials: { move: (a, au, b, bu) => credentials.move(a, au, b, bu), remove: (e, u) => credentials.remove(e, u) },
    onChange: (inventory) => services.bus.publish('inventory.changed', { inventory }),
    newServerDefaults: () => {
      const s = ipmiSettingsIn(services.home);
      return { ...(s.newServerCipherSuite ? { cipherSuite: s.newServerCipherSuite } : {}), ...(s.newServerPrivilege ? { privilege: s.newServerPrivilege } : {}) };
    },
    audit: (action, detail) => {
      services.logs.operations.append({ who: actor.who, via: actor.via, target: 'inventory', action, result: 'ok', details: { change: detail } });
    },
  });
}

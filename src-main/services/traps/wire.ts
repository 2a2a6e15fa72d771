import path from 'node:path';
import type { Inventory } from '../../../shared/model/inventory';
import { FieldKitError } from '../../../shared/errors';
import { sendPetAck } from '../../engines/snmp/pet-ack';
import { defaultBuiltInProfileDir } from '../../engines/snmp/profiles';
import { normaliseAddress } from '../../engines/snmp/receiver';
import type { SourceMatch } from '../../engines/snmp/trap-record';
import type { Services } from '../container';
import { inventoryOf } from '../inventory/wire';
import { TrapService } from './service';

export type { TrapService } from './service';

/** BMC address → server and cluster, primary and secondary BMC alike. */
export function sourceResolver(inv: Inventory): (address: string) => SourceMatch | undefined {
  const index = new Map<string, SourceMatch>();
  for (const c of inv.clusters) {
    for (const s of c.servers) {
      for (const a of [s.bmc.primary, s.bmc.secondary]) {
        if (a?.host) index.set(normaliseAddress(a.host), { server: s.name, cluster: c.name, ...(a.port ? { ipmiPort: a.port } : {}) });
      }
    }
  }
  return (address) => index.get(normaliseAddress(address));
}

/** Reads the inventory again and points the trap service's source matching at it. */
export async function refreshSources(services: Services, svc: TrapService): Promise<void> {
  try {
    const { inventory } = await inventoryOf(services).get();
    svc.setSourceResolver(sourceResolver(inventory));
  } catch (e) {
    // No inventory yet (or unreadable): every trap is from an unknown source, which is kept and shown.
    services.logs.events.write('warn', 'trap source matching without inventory', { detail: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * The one trap service of a FieldKit process (one per container): the listener
 * outlives any request and is closed with the container. Batches go to the
 * front ends through the event bus; inventory changes re-point the source
 * matching.
 */
export function trapsOf(services: Services): TrapService {
  return services.instance('traps', () => createTrapService(services), (t) => t.close());
}

export function createTrapService(services: Services): TrapService {
  const created = new TrapService({
    logFile: services.logs.trapLogFile,
    logPolicy: services.logs.trapLogPolicy,
    builtInProfileDir: defaultBuiltInProfileDir(),
    userProfileDir: path.join(services.home, 'vendor-profiles'),
    clock: services.clock,
    logger: services.logs.events,
    // Sessionless, like ipmi-pet --pet-acknowledge: to the BMC that sent the trap, at its inventory port.
    acknowledge: async (event, signal, match) => {
      if (!event.pet) return;
      const port = match?.ipmiPort ?? 623;
      const cc = await sendPetAck({ host: event.source.address, port, pet: event.pet, signal });
      if (cc !== 0) throw new FieldKitError('TRAPS_ACK_FAILED', { address: event.source.address, detail: `completion code 0x${cc.toString(16).toUpperCase()}` });
    },
  });
  created.onBatch((b) => services.bus.publish('traps.batch', b));
  services.bus.subscribe((event, payload) => {
    if (event === 'inventory.changed') created.setSourceResolver(sourceResolver((payload as { inventory: Inventory }).inventory));
  });
  return created;
}

import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { slotNumberOf } from '../../../shared/model/monitor';
import { faultedSlots, MonitorService, type MonitorDeps, type SlotReading } from '../../../src-main/services/monitor';
import { sampleInventory } from '../../support/inventory';
import { FakeClock } from '../../support/clock';

const SLOTS: SlotReading[] = [
  { sensorNumber: 0x31, name: 'PCI Slot 1', entityInstance: 1, faulted: true },
  { sensorNumber: 0x32, name: 'PCI Slot 2', entityInstance: 2, faulted: false },
  { sensorNumber: 0x40, name: 'Riser B', entityInstance: 7, faulted: true },
];

describe('fenced slots in the status sweep', () => {
  it('names a slot by the number its ID string ends in, else by entity instance', () => {
    expect(slotNumberOf('PCI Slot 5')).toBe(5);
    expect(slotNumberOf('PCIe Slot 12 ', 3)).toBe(12);
    expect(slotNumberOf('Riser B', 7)).toBe(7);
    expect(slotNumberOf('Riser B', 0)).toBeUndefined();
    expect(slotNumberOf('Riser B')).toBeUndefined();
  });

  it('keeps only faulted slots, with the kind the inventory records for that number', () => {
    const server = sampleInventory().clusters[0].servers[0];
    expect(faultedSlots(server, SLOTS)).toEqual([
      { sensorNumber: 0x31, name: 'PCI Slot 1', slot: 1, kind: 'HBA' },
      // Slot 7 is not in the inventory: no kind is invented.
      { sensorNumber: 0x40, name: 'Riser B', slot: 7 },
    ]);
  });

  it('asks the primary to read the slots; the secondary only when the primary failed', async () => {
    const asked: string[] = [];
    const run = async (primaryFails: boolean) => {
      asked.length = 0;
      const deps: MonitorDeps = {
        clusters: async () => sampleInventory().clusters.slice(0, 1).map((c) => ({ ...c, servers: c.servers.slice(0, 1) })),
        probe: async (_s: Server, a: BmcAddress, _signal, readSlots) => {
          const role = a.port! % 2 === 0 ? 'primary' : 'secondary';
          if (role === 'primary' && primaryFails) throw new FieldKitError('IPMI_NO_RESPONSE', { host: a.host, port: a.port! });
          const want = readSlots ? await readSlots() : false;
          if (want) asked.push(role);
          return { powerOn: true, ...(want ? { slots: SLOTS } : {}) };
        },
        lastDumpTrap: () => undefined,
        clock: new FakeClock('2026-12-02T00:00:00Z'),
      };
      return (await new MonitorService(deps).status())[0];
    };
    const both = await run(false);
    expect(asked).toEqual(['primary']);
    expect(both.faultedSlots?.map((s) => s.slot)).toEqual([1, 7]);
    const viaSecondary = await run(true);
    expect(asked).toEqual(['secondary']);
    expect(viaSecondary.faultedSlots?.map((s) => s.slot)).toEqual([1, 7]);
  });

  it('a failed slot read is said beside a working link, not as NG', async () => {
    const deps: MonitorDeps = {
      clusters: async () => sampleInventory().clusters.slice(0, 1).map((c) => ({ ...c, servers: c.servers.slice(0, 1) })),
      probe: async () => ({ powerOn: true, slotsProblem: { id: 'IPMI_NO_RESPONSE', params: {} } }),
      lastDumpTrap: () => undefined,
      clock: new FakeClock('2026-12-02T00:00:00Z'),
    };
    const r = (await new MonitorService(deps).status())[0];
    expect(r.links[0].link).toBe('OK');
    expect(r.faultedSlots).toBeUndefined();
    expect(r.slotsProblem).toEqual({ id: 'IPMI_NO_RESPONSE', params: {} });
  });
});

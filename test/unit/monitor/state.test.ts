import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { Cluster, Server } from '../../../shared/model/inventory';
import { MonitorService, type MonitorDeps } from '../../../src-main/services/monitor';
import { sampleInventory } from '../../support/inventory';

// The monitor's decisions (which state wins, when power is not even asked),
// over injected peers. The real-peer behaviour is in test/integration/monitor.
function monitor(overrides: Partial<MonitorDeps>, clusters: Cluster[] = sampleInventory().clusters) {
  const calls: string[] = [];
  const deps: MonitorDeps = {
    clusters: async () => clusters,
    ping: async () => true,
    readPower: async (s: Server) => {
      calls.push(s.name);
      return { on: true, from: 'primary' };
    },
    lastDumpTrap: () => undefined,
    clock: () => new Date('2026-11-22T00:00:00Z'),
    ...overrides,
  };
  return { service: new MonitorService(deps), calls };
}

describe('monitor state', () => {
  it('dump detected wins over power off, and only inside the window', async () => {
    let askedSince: Date | undefined;
    const { service } = monitor({
      readPower: async () => ({ on: false }),
      lastDumpTrap: (server, since) => {
        askedSince = since;
        return server === 'node1' ? { receivedAt: '2026-11-21T23:00:00Z', summary: 'OS Critical Stop' } : undefined;
      },
    });
    const rows = await service.status({ dumpWindowMinutes: 120 });
    expect(rows.find((r) => r.server === 'node1')!.state).toBe('dump detected');
    expect(rows.find((r) => r.server === 'node2')!.state).toBe('poff detected');
    expect(askedSince!.toISOString()).toBe('2026-11-21T22:00:00.000Z');
  });

  it('does not open a session when no BMC answers the ping', async () => {
    const { service, calls } = monitor({ ping: async () => false });
    const rows = await service.status();
    expect(calls).toEqual([]);
    expect(rows.every((r) => r.state === 'link down' && r.power === 'unknown')).toBe(true);
  });

  it('keeps the catalogued reason when power cannot be read', async () => {
    const { service } = monitor({
      readPower: async (s) => {
        throw new FieldKitError('MONITOR_NO_PASSWORD', { server: s.name, account: s.account });
      },
    });
    const rows = await service.status();
    expect(rows[0].power).toBe('unknown');
    expect(rows[0].powerProblem?.id).toBe('MONITOR_NO_PASSWORD');
    expect(rows[0].state).toBe('monitoring');
  });

  it('refuses an unknown cluster with a catalogued error', async () => {
    const { service } = monitor({});
    await expect(service.status({ cluster: 'nope' })).rejects.toMatchObject({ id: 'MONITOR_CLUSTER_UNKNOWN' });
  });
});

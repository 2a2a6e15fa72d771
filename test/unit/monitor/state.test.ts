import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Cluster, Server } from '../../../shared/model/inventory';
import { CONNECTOR_STATES, linkReasonOf, STATUS_LEGEND } from '../../../shared/model/monitor';
import { MonitorService, type MonitorDeps } from '../../../src-main/services/monitor';
import { sampleInventory } from '../../support/inventory';
import { FakeClock } from '../../support/clock';

// The monitor's decisions (which state wins, what a link means), over
// injected peers. The real-peer behaviour is in test/integration/monitor.
function monitor(overrides: Partial<MonitorDeps>, clusters: Cluster[] = sampleInventory().clusters) {
  const calls: string[] = [];
  const deps: MonitorDeps = {
    clusters: async () => clusters,
    probe: async (s: Server, a: BmcAddress) => {
      calls.push(`${s.name}@${a.port}`);
      return { powerOn: true };
    },
    lastDumpTrap: () => undefined,
    clock: new FakeClock('2026-11-22T00:00:00Z'),
    ...overrides,
  };
  return { service: new MonitorService(deps), calls };
}

describe('monitor state, in the Connector\'s terms', () => {
  it('dump detected wins over power off, and only inside the window', async () => {
    let askedSince: Date | undefined;
    const { service } = monitor({
      probe: async () => ({ powerOn: false }),
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

  it('link OK needs a working authenticated session on that address; NG carries the reason', async () => {
    const { service } = monitor({
      probe: async (s, a) => {
        if (a.port === 16232) throw new FieldKitError('IPMI_AUTH_FAILED', { target: 'x' });
        if (a.port === 16233) throw new FieldKitError('IPMI_NO_SESSION_SLOTS', { target: 'x' });
        if (s.name === 'node2') throw new FieldKitError('IPMI_NO_RESPONSE', { target: 'x' });
        return { powerOn: true };
      },
    });
    const rows = await service.status();
    const n1 = rows.find((r) => r.server === 'node1')!;
    expect(n1.links.map((l) => [l.link, l.reason])).toEqual([['NG', 'password refused'], ['NG', 'no session slot']]);
    expect(n1.state).toBe('unreachable*');
    expect(n1.power).toBe('unknown');
    expect(n1.powerProblem?.id).toBe('IPMI_AUTH_FAILED');
    const n2 = rows.find((r) => r.server === 'node2')!;
    expect(n2.links.map((l) => [l.link, l.reason])).toEqual([['NG', 'no answer'], ['NG', 'no answer']]);
  });

  it('--- only when not monitored (no password stored); ---- then; a missing secondary is "none", not ---', async () => {
    const inv = sampleInventory();
    delete inv.clusters[0].servers[1].bmc.secondary;
    const { service } = monitor({
      probe: async (s) => {
        if (s.name === 'node1') throw new FieldKitError('MONITOR_NO_PASSWORD', { server: s.name, account: s.account });
        return { powerOn: true };
      },
    }, inv.clusters);
    const rows = await service.status();
    expect(rows[0].links.map((l) => l.link)).toEqual(['---', '---']);
    expect(rows[0].links[0].reason).toBe('no password stored');
    expect(rows[0].state).toBe('----');
    expect(rows[1].links.map((l) => l.link)).toEqual(['OK', 'none']);
    expect(rows[1].state).toBe('monitoring');
  });

  it('maps the engine\'s errors onto the four reasons, and the legend marks FieldKit\'s own values', () => {
    expect(linkReasonOf('IPMI_NO_RESPONSE')).toBe('no answer');
    expect(linkReasonOf('IPMI_AUTH_FAILED')).toBe('password refused');
    expect(linkReasonOf('IPMI_PRIVILEGE_REFUSED')).toBe('privilege too low');
    expect(linkReasonOf('IPMI_NO_SESSION_SLOTS')).toBe('no session slot');
    for (const s of CONNECTOR_STATES) expect(STATUS_LEGEND.find((l) => l.value === s)?.own).toBe(false);
    expect(STATUS_LEGEND.filter((l) => l.own).map((l) => l.value)).toEqual(['-', 'unreachable*']);
    expect(STATUS_LEGEND.map((l) => l.value)).not.toContain('link down');
  });

  it('refuses an unknown cluster with a catalogued error', async () => {
    const { service } = monitor({});
    await expect(service.status({ cluster: 'nope' })).rejects.toMatchObject({ id: 'MONITOR_CLUSTER_UNKNOWN' });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { monitorOf } from '../../../src-main/services/monitor/wire';
import { buildEmu, SLOT_SENSOR_BASE } from '../../fixtures/ipmi/emu';
import { findFreeUdpPort, hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';
import { clone, sampleInventory } from '../../support/inventory';
import { tempServices } from '../../support/temp-services';

const canRun = hasIpmiSim && hasIpmitool;
if (!canRun) console.warn(`[monitor] skipping slot status tests: ${skipReason()}`);

/** An RMCP+ Open Session Request: RMCP class IPMI, auth type 6 (RMCP+), payload type 0x10. */
function isOpenSession(d: Buffer): boolean {
  return d.length > 5 && d[0] === 0x06 && d[3] === 0x07 && d[4] === 0x06 && (d[5] & 0x3f) === 0x10;
}

/** Counts the sessions a client opens through a relay in front of one BMC endpoint. */
async function countingRelay(port: number): Promise<{ relay: UdpRelay; opened: () => number; reset: () => void }> {
  const relay = await startUdpRelay(port);
  let n = 0;
  relay.onRequest = (d) => {
    if (isOpenSession(d)) n++;
    return d;
  };
  return { relay, opened: () => n, reset: () => (n = 0) };
}

describe.skipIf(!canRun)('the status sweep reads the PCI slots (ipmi_sim)', () => {
  let fenced: IpmiSim;
  let healthy: IpmiSim;
  let primary: Awaited<ReturnType<typeof countingRelay>>;
  let secondary: Awaited<ReturnType<typeof countingRelay>>;
  let rows: ServerStatus[];
  const env = tempServices();

  beforeAll(async () => {
    // The fixture's default slots: PCI Slot 5 installed with Fault Status asserted.
    [fenced, healthy] = await Promise.all([
      startIpmiSim({ name: 'mon-fenced', secondary: true, power: true, emu: buildEmu() }),
      startIpmiSim({ name: 'mon-healthy', power: true, emu: buildEmu({ slots: [{ installed: true }, { installed: true }, { installed: true }, { installed: true }, { installed: true }] }) }),
    ]);
    [primary, secondary] = await Promise.all([countingRelay(fenced.port), countingRelay(fenced.secondaryPort!)]);
    const dead = await findFreeUdpPort();
    const inv: Inventory = sampleInventory();
    const template = inv.clusters[0].servers[0];
    const server = (name: string, p: number, s?: number) => {
      const x = clone(template);
      x.name = name;
      x.bmc = { primary: { host: '127.0.0.1', port: p }, ...(s ? { secondary: { host: '127.0.0.1', port: s } } : {}) };
      // What the engineer recorded: slot 5 holds the shared-disk HBA.
      x.slots = [...x.slots, { number: 5, kind: 'HBA', fenced: true }];
      return x;
    };
    inv.clusters[0].servers = [
      server('fenced', primary.relay.port, secondary.relay.port),
      server('healthy', healthy.port),
      // The primary does not answer: the slots are read through the secondary.
      server('viasecondary', dead, fenced.secondaryPort),
    ];
    fs.writeFileSync(path.join(env.home, 'inventory.json'), JSON.stringify(inv, null, 2));
    const creds = credentialsOf(env.services);
    for (const s of inv.clusters[0].servers) {
      for (const ep of [s.bmc.primary, s.bmc.secondary].filter((x) => x !== undefined)) {
        creds.setSessionOnly(ep, 'admin', s.name === 'healthy' ? healthy.password : fenced.password);
      }
    }
    rows = await monitorOf(env.services).status();
  }, 90_000);

  afterAll(async () => {
    await primary?.relay.close();
    await secondary?.relay.close();
    await env.cleanup();
    await stopAllSims();
  });

  const row = (name: string) => rows.find((r) => r.server === name)!;

  it('says which slot is fenced within one sweep, with its number and the kind the inventory records', async () => {
    const r = row('fenced');
    expect(r.links.map((l) => l.link)).toEqual(['OK', 'OK']);
    expect(r.faultedSlots).toEqual([{ sensorNumber: SLOT_SENSOR_BASE + 4, name: 'PCI Slot 5', slot: 5, kind: 'HBA' }]);
    // The reference client reads the same fault on the same simulator.
    const ref = (await fenced.ipmitool(['sdr', 'type', 'Slot / Connector'])).stdout;
    expect(ref).toMatch(/PCI Slot 5.*Fault Status/);
    expect(ref).not.toMatch(/PCI Slot [1-46].*Fault Status/);
  });

  it('a server without a faulted slot says none (read, not unknown)', () => {
    const r = row('healthy');
    expect(r.state).toBe('monitoring');
    expect(r.faultedSlots).toEqual([]);
    expect(r.slotsProblem).toBeUndefined();
  });

  it('reads the slots through the secondary BMC when the primary does not answer', () => {
    const r = row('viasecondary');
    expect(r.links.map((l) => l.link)).toEqual(['NG', 'OK']);
    expect(r.faultedSlots?.map((s) => s.slot)).toEqual([5]);
  });

  it('opens at most one session per BMC endpoint per sweep, and leaves none open', async () => {
    // The first sweep (beforeAll) and a second one, counted separately: the second reads the SDR from the cache.
    expect(primary.opened()).toBe(1);
    expect(secondary.opened()).toBe(1);
    primary.reset();
    secondary.reset();
    const again = await monitorOf(env.services).status();
    expect(again.find((r) => r.server === 'fenced')!.faultedSlots?.map((s) => s.name)).toEqual(['PCI Slot 5']);
    expect(primary.opened()).toBe(1);
    expect(secondary.opened()).toBe(1);
    // ipmitool's own query is the only active session left on the simulator.
    const s = await fenced.ipmitool(['session', 'info', 'active']);
    expect(s.stdout).toMatch(/active sessions\s*:\s*1\b/);
  });

  it('a cleared fault shows as none on the next sweep', async () => {
    await fenced.consoleCommand(`sensor_set_bit 0x20 0 0x${(SLOT_SENSOR_BASE + 4).toString(16)} 0 0 1`);
    const next = await monitorOf(env.services).status();
    expect(next.find((r) => r.server === 'fenced')!.faultedSlots).toEqual([]);
  });
});

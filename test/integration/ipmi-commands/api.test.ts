import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmHandlers } from '../../../src-main/api/confirm';
import { ipmiHandlers } from '../../../src-main/api/ipmi';
import type { HandlerContext } from '../../../src-main/api/types';
import { bmcServiceOf } from '../../../src-main/services/bmc';
import { Services } from '../../../src-main/services/container';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { inventoryOf } from '../../../src-main/services/inventory/wire';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasIpmiSim, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';

if (!hasIpmiSim) console.warn(`ipmi-commands API tests ${skipReason({ sim: true })}`);

describe.skipIf(!hasIpmiSim)('ipmi.* handlers on an inventory server (primary and secondary BMC)', () => {
  let sim: IpmiSim;
  let relay: UdpRelay;
  let home: string;
  let services: Services;
  const progress: string[] = [];
  let ctx: HandlerContext;
  /** What the window does after the user confirmed: ask the main process for a one-time confirmation. */
  const confirmed = async (action: 'power.on' | 'power.off') =>
    (await confirmHandlers['confirm.prepare']({ action, server: 'node1' }, ctx)).confirmationId;

  beforeAll(async () => {
    sim = await startIpmiSim({ emu: buildEmu(), secondary: true, password: 'api-secret-pw' });
    // The primary address goes through a relay the test can silence.
    relay = await startUdpRelay(sim.port);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-apihome-'));
    services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    await inventoryOf(services).addServer({ name: 'node1', addr: `127.0.0.1:${relay.port}`, addr2: `127.0.0.1:${sim.secondaryPort}`, account: 'admin' });
    for (const port of [relay.port, sim.secondaryPort!]) {
      await credentialsOf(services).set({ host: '127.0.0.1', port }, 'admin', sim.password, { sessionFallback: true });
    }
    ctx = { services, via: 'ui', who: 'tester', emit: (_e, p) => progress.push((p as { text: string }).text) };
  });
  afterAll(async () => {
    for (const port of [relay?.port, sim?.secondaryPort]) {
      if (port) await credentialsOf(services).delete({ host: '127.0.0.1', port }, 'admin').catch(() => undefined);
    }
    await bmcServiceOf(services).close();
    await services?.close();
    await relay?.close();
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('reads slots of a server named in the inventory, through the primary', async () => {
    const r = await ipmiHandlers['ipmi.slots']({ server: 'node1' }, ctx);
    expect(r.server).toBe('node1');
    expect(r.answeredBy).toBe(`primary 127.0.0.1:${relay.port}`);
    expect(r.result.find((s) => s.name === 'PCI Slot 5')?.fault).toBe(true);
  });

  it('falls over to the secondary when the primary stops answering, and says so', async () => {
    relay.pause();
    try {
      const r = await ipmiHandlers['ipmi.mcInfo']({ server: 'node1' }, ctx);
      expect(r.result.firmware).toBe('9.08');
      expect(r.answeredBy).toBe(`secondary 127.0.0.1:${sim.secondaryPort}`);
    } finally {
      relay.resume();
    }
  });

  it('power off with wait is logged in the operation log with the BMC that answered', async () => {
    const r = await ipmiHandlers['ipmi.power']({ server: 'node1', action: 'off', wait: true, waitTimeoutS: 20, confirmationId: await confirmed('power.off') }, ctx);
    expect(r.result.after).toBe(false);
    expect(sim.powerState()).toBe(false);
    const ops = services.logs.operations.readRecent(20);
    const rec = ops.find((o) => o.action === 'ipmi.power.off');
    expect(rec).toMatchObject({ target: 'node1', result: 'ok', via: 'ui', who: 'tester' });
    expect(rec?.bmc).toMatch(/^(primary|secondary) 127\.0\.0\.1:\d+$/);
    expect(progress.some((t) => t.includes('power off'))).toBe(true);
    await ipmiHandlers['ipmi.power']({ server: 'node1', action: 'on', wait: true, confirmationId: await confirmed('power.on') }, ctx);
    expect(sim.powerState()).toBe(true);
  });

  it('an unknown server is a catalogued error', async () => {
    const e = await ipmiHandlers['ipmi.sensors']({ server: 'nope' }, ctx).catch((x) => x);
    expect(e.id).toBe('SERVER_UNKNOWN');
  });

  it('SEL, FRU, SDR and raw answer through the handlers', async () => {
    const sel = await ipmiHandlers['ipmi.selList']({ server: 'node1' }, ctx);
    expect(sel.result.some((e) => e.event === 'Fault Status asserted' && e.sensorName === 'PCI Slot 5')).toBe(true);
    const fru = await ipmiHandlers['ipmi.fru']({ server: 'node1', fruId: 0 }, ctx);
    expect(fru.result.product?.name).toBe('FK Server 1000');
    const sdr = await ipmiHandlers['ipmi.sdr']({ server: 'node1', refresh: true }, ctx);
    expect(sdr.result.filter((r) => r.kind === 'compact').length).toBeGreaterThanOrEqual(6);
    const { confirmationId } = await confirmHandlers['confirm.prepare']({ action: 'raw', server: 'node1', detail: { netFn: 0x06, cmd: 0x01, data: [] } }, ctx);
    const raw = await ipmiHandlers['ipmi.raw']({ server: 'node1', netFn: 0x06, cmd: 0x01, data: [], confirmationId }, ctx);
    expect(raw.result.completionCode).toBe(0);
    expect(raw.result.data[2]).toBe(9);
  });
});

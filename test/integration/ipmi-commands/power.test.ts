import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiEngine } from '../../../src-main/engines/ipmi';
import type { IpmiRequester } from '../../../src-main/engines/ipmi/requester';
import * as ops from '../../../src-main/engines/ipmi/ops';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { call, chassisControl } from '../../../src-main/engines/ipmi/commands';

const ready = hasIpmiSim && hasIpmitool;
if (!ready) console.warn(`ipmi-commands power tests ${skipReason({ sim: true, ipmitool: true })}`);

describe.skipIf(!ready)('power control with wait-until-state against the chassis_control script', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let req: IpmiRequester;

  beforeAll(async () => {
    // Slot 4 powers off with the server and on with it: the sensor follows power like hardware.
    sim = await startIpmiSim({
      emu: buildEmu(),
      power: true,
      onPowerOff: ['sensor_set_bit 0x20 0 0x34 5 1 0'],
      onPowerOn: ['sensor_set_bit 0x20 0 0x34 5 0 0'],
    });
    engine = new IpmiEngine();
    req = engine.session({ host: sim.host, port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  const ipmitoolPower = async () => ((await sim.ipmitool(['chassis', 'power', 'status'])).stdout.includes('is on') ? 'on' : 'off');

  it('off --wait reaches off; ipmitool and the script agree', async () => {
    const progress: string[] = [];
    const r = await ops.power(req, 'off', { wait: true, pollMs: 100, waitTimeoutMs: 10_000, onProgress: (p) => progress.push(p.phase) });
    expect(r.before).toBe(true);
    expect(r.after).toBe(false);
    expect(r.reached).toBe(true);
    expect(progress[0]).toBe('sent');
    expect(progress.at(-1)).toBe('done');
    expect(sim.powerState()).toBe(false);
    expect(await ipmitoolPower()).toBe('off');
  });

  it('cycle on a server that is off powers it on instead', async () => {
    const r = await ops.power(req, 'cycle', { wait: true, pollMs: 100, waitTimeoutMs: 10_000 });
    expect(r.sent).toBe('on');
    expect(r.after).toBe(true);
    expect(sim.powerState()).toBe(true);
    expect(await ipmitoolPower()).toBe('on');
  });

  it('cycle and reset on a server that is on end on', async () => {
    for (const action of ['cycle', 'reset'] as const) {
      const r = await ops.power(req, action, { wait: true, pollMs: 100, waitTimeoutMs: 10_000 });
      expect(r.sent).toBe(action);
      expect(r.after).toBe(true);
    }
    // The cycle ran as one off and one on; the reset reached the script once.
    const log = fs.readFileSync(path.join(sim.dir, 'chassis.log'), 'utf8');
    expect((log.match(/power 1 -> 0/g) ?? []).length).toBe(2); // the first test's off, the cycle's off
    expect((log.match(/reset 1/g) ?? []).length).toBe(1);
    expect(await ipmitoolPower()).toBe('on');
  });

  it('soft off asks the OS to shut down; with no OS the wait ends in the catalogued timeout', async () => {
    const t0 = Date.now();
    const err = await ops.power(req, 'soft', { wait: true, pollMs: 100, waitTimeoutMs: 1500 }).catch((e) => e);
    expect(err.id).toBe('IPMICMD_POWER_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(4000);
    // ipmi_sim handed the ACPI soft-off to the chassis_control script; the server stays on.
    expect(fs.readFileSync(path.join(sim.dir, 'chassis.log'), 'utf8')).toMatch(/shutdown|soft/);
    expect(await ipmitoolPower()).toBe('on');
    await ops.power(req, 'off', { wait: true, pollMs: 100, waitTimeoutMs: 10_000 });
  });

  it('on --wait, then the slot sensor that follows power reads powered again', async () => {
    const r = await ops.power(req, 'on', { wait: true, pollMs: 100, waitTimeoutMs: 10_000 });
    expect(r.after).toBe(true);
    // The hook runs shortly after the state change; poll the sensor a little.
    let slot4: ops.SlotRow | undefined;
    for (let i = 0; i < 20; i++) {
      slot4 = (await ops.readSlots(req)).find((s) => s.name === 'PCI Slot 4');
      if (slot4 && !slot4.states.includes('Slot Power is Off')) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(slot4?.states).not.toContain('Slot Power is Off');
  });

  it('a BMC slow to answer a power cycle gets one copy: a change is never retransmitted', async () => {
    const relay = await startUdpRelay(sim.port);
    const e2 = new IpmiEngine();
    try {
      const slow = e2.session({ host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3, timeoutMs: 5000 });
      await ops.chassisStatus(slow); // session open
      let sent = 0;
      relay.onRequest = (p) => { sent++; return p; };
      // Every answer of the BMC arrives 1.5 s late: longer than an ordinary attempt (about 1 s of 5 s).
      relay.onReply = (p) => { setTimeout(() => relay.injectToClients(p), 1500); return undefined; };
      // Control: an ordinary (idempotent) request is sent again before its late answer comes.
      await ops.chassisStatus(slow);
      expect(sent).toBeGreaterThanOrEqual(2);
      // The control's last copy may still be on its way through the relay (this process
      // handles both ends: on a busy machine it counted one after the reset), and its late
      // answers still come: let them settle before counting the cycle's copies.
      await new Promise((r) => setTimeout(r, 2000));
      sent = 0;
      const chassisLog = () => { try { return fs.readFileSync(path.join(sim.dir, 'chassis.log'), 'utf8'); } catch { return ''; } };
      // Power-off transitions the simulator's script logged while fn ran (and 1.5 s after).
      const offsDuring = async (fn: () => Promise<unknown>) => {
        const before = chassisLog().length;
        await fn();
        await new Promise((r) => setTimeout(r, 1500));
        return (chassisLog().slice(before).match(/-> 0/g) ?? []).length;
      };
      expect(await offsDuring(() => call(slow, chassisControl, 'cycle'))).toBe(1);
      expect(sent).toBe(1);
      // The hazard it prevents: sent as an ordinary request, every retransmission reaches
      // the same BMC and it runs the cycle again for each copy.
      sent = 0;
      const cycles = await offsDuring(() => slow.request(0x00, 0x02, Uint8Array.of(0x02)));
      expect(cycles).toBeGreaterThanOrEqual(2);
      expect(sent).toBe(cycles);
    } finally {
      relay.onReply = undefined;
      await e2.close();
      await relay.close();
    }
  });
});

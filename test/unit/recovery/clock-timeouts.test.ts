/**
 * Recovery's deadlines on the injected clock alone: verify's three minutes and
 * the power wait's two pass on a FakeClock in milliseconds of real time, no
 * real timer is set for any wait, and the outcome is the catalogued one. The
 * BMC is a counting stub (what matters here is time, not the wire; the
 * ipmi_sim runs are in test/integration/recovery).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldKitError } from '../../../shared/errors';
import type { CaseSelEvent, DeviceIdInfo, SlotSnapshot } from '../../../shared/model/case';
import type { RecoveryBmc } from '../../../src-main/services/recovery/port';
import { RecoveryService } from '../../../src-main/services/recovery/service';
import { CaseStore } from '../../../src-main/services/recovery/store';
import { FakeClock } from '../../support/clock';
import { watchLongRealTimers } from '../../support/real-timers';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const ALL = { failoverElsewhere: true, serverIsolated: true, maintenanceWindow: true };
const err = async (p: Promise<unknown>) => (await p.then(() => undefined, (e) => e)) as FieldKitError | undefined;

/** A BMC whose slot 5 stays faulted; its power follows Chassis Control unless `stuck`. Counts every call. */
function stubBmc(opts: { stuck?: boolean } = {}) {
  let power: 'on' | 'off' = 'on';
  const calls = { setPower: [] as string[], readSlots: 0, readPower: 0 };
  const slot: SlotSnapshot = { sensorNumber: 0x35, name: 'PCI Slot 5', asserted: [0, 2], readable: true, faulted: true, installed: true };
  const device: DeviceIdInfo = { deviceId: 0x20, firmware: '1.00', ipmiVersion: '2.0', manufacturerId: 4156, productId: 1 };
  const bmc: RecoveryBmc = {
    readDeviceId: async () => device,
    readPower: async () => {
      calls.readPower++;
      return power;
    },
    readSlots: async () => {
      calls.readSlots++;
      return [{ ...slot }];
    },
    rearmSlot: async () => undefined,
    setPower: async (action) => {
      calls.setPower.push(action);
      if (!opts.stuck) power = action;
      return 'sent';
    },
    readSel: async (): Promise<CaseSelEvent[]> => [],
    clearSel: async () => undefined,
    raw: async () => ({ completionCode: 0, data: [] }),
    answeredBy: () => ({ role: 'primary', address: '127.0.0.1:623' }),
    close: async () => undefined,
  };
  return { bmc, calls };
}

function machine(clock: FakeClock, bmc: RecoveryBmc) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-rec-clock-'));
  dirs.push(home);
  return new RecoveryService({
    store: new CaseStore(home),
    connect: async () => bmc,
    operator: 'tester',
    via: 'cli',
    clock,
    timings: { pollMs: 10_000, powerTimeoutMs: 120_000, verifyTimeoutMs: 180_000 },
  });
}

/** Real timers of a second or more set while a test runs: a wait that slipped off the fake clock would show here. */
const longTimers = watchLongRealTimers();

describe('recovery deadlines on the FakeClock', () => {
  it("verify's three minutes run out on the fake clock: guidance with RECOVERY_FAULT_REMAINS, in well under a second of real time", async () => {
    const clock = new FakeClock('2026-12-02T00:00:00Z');
    const { bmc, calls } = stubBmc();
    const svc = machine(clock, bmc);
    let c = await clock.drive(svc.start('node1'));
    expect(c.phase).toBe('checklist');
    await svc.confirmChecklist(c.id, ALL);
    await svc.clearFaults(c.id, { faultsCleared: true });
    await clock.drive(svc.powerOff(c.id, { confirmName: 'node1' }));
    await clock.drive(svc.powerOn(c.id));
    expect(calls.setPower).toEqual(['off', 'on']);

    const startedAt = clock.now();
    clock.slept.length = 0;
    calls.readSlots = 0;
    const progress: number[] = [];
    const t0 = performance.now();
    c = await clock.drive(svc.verify(c.id, (p) => progress.push(p.elapsedMs)));
    const wall = performance.now() - t0;

    expect(c.phase).toBe('guidance');
    expect(c.steps.at(-1)).toMatchObject({ step: 'verify', result: 'failed', errorId: 'RECOVERY_FAULT_REMAINS' });
    // Exactly the deadline on the fake clock: polls 2.5 s, 5 s, then 10 s apart, the last one cut to land on 180 s.
    expect(clock.now() - startedAt).toBe(180_000);
    expect(progress.at(-1)).toBe(180_000);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(180_000);
    expect(clock.slept.slice(0, 3)).toEqual([2_500, 5_000, 10_000]);
    expect(calls.readSlots).toBe(clock.slept.length + 1);
    // The case stamps come from the same clock.
    expect(c.steps.at(-1)!.at).toBe(new Date(clock.now()).toISOString());
    expect(Date.parse(c.updatedAt)).toBe(clock.now());
    // No wait used real time.
    expect(longTimers.seen()).toEqual([]);
    expect(wall).toBeLessThan(1_000);
  });

  it('a power state that never comes times out after two minutes of the fake clock, the command sent once', async () => {
    const clock = new FakeClock('2026-12-02T00:00:00Z');
    const { bmc, calls } = stubBmc({ stuck: true });
    const svc = machine(clock, bmc);
    const c = await clock.drive(svc.start('node1'));
    await svc.confirmChecklist(c.id, ALL);
    await svc.clearFaults(c.id, { faultsCleared: true });
    const startedAt = clock.now();
    const t0 = performance.now();
    const e = await clock.drive(err(svc.powerOff(c.id, { confirmName: 'node1' })));
    const wall = performance.now() - t0;
    expect(e?.id).toBe('RECOVERY_POWER_TIMEOUT');
    expect(e?.params).toMatchObject({ target: 'off', seconds: 120 });
    expect(calls.setPower).toEqual(['off']);
    const waited = clock.now() - startedAt;
    expect(waited).toBeGreaterThanOrEqual(120_000);
    expect(waited).toBeLessThan(120_000 + 10_000);
    const saved = await svc.get(c.id);
    expect(saved.steps.at(-1)).toMatchObject({ step: 'power-off', result: 'failed', errorId: 'RECOVERY_POWER_TIMEOUT' });
    expect(longTimers.seen()).toEqual([]);
    expect(wall).toBeLessThan(1_000);
  });
});

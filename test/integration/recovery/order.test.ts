/**
 * The recovery in the vendor guide's order, against ipmi_sim: Clear All
 * Faults first (guided: the engineer's confirmation; or a vendor profile's
 * command), then power off, then power on, then verify; if the fault
 * persists, the whole cycle once more, then hardware service. The
 * simulator's chassis log must hold exactly the power actions of the steps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import type { RecoveryCase } from '../../../shared/model/case';
import { ipmiRecoveryBmc } from '../../../src-main/services/recovery/ipmi-bmc';
import type { Clock } from '../../../shared/clock';
import type { VendorClearFaults } from '../../../src-main/services/recovery/port';
import { FakeClock } from '../../support/clock';
import { RecoveryService, type RecoveryTimings } from '../../../src-main/services/recovery/service';
import { CaseStore } from '../../../src-main/services/recovery/store';
import { hasIpmiSim, skipReason, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { startFencedServer } from './setup';
import { stepLine } from '../../../shared/model/case-text';

const why = skipReason({ sim: true });
if (why) console.warn(`recovery order tests ${why}`);
const dirs: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function machine(sim: IpmiSim, vendor?: VendorClearFaults, extra: { clock?: Clock; timings?: Partial<RecoveryTimings> } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-recorder-'));
  dirs.push(home);
  const target = (port: number) => ({ host: '127.0.0.1', port, username: sim.username, password: sim.password, cipherSuite: 3 as const, timeoutMs: 1500 });
  return new RecoveryService({
    store: new CaseStore(home),
    connect: async () => ipmiRecoveryBmc(target(sim.port), target(sim.secondaryPort!)),
    operator: 'tester',
    via: 'cli',
    timings: { pollMs: 250, powerTimeoutMs: 10_000, verifyTimeoutMs: 2_000, ...extra.timings },
    vendorClearFaults: () => vendor,
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
}

const ALL = { failoverElsewhere: true, serverIsolated: true, maintenanceWindow: true };
const err = async (p: Promise<unknown>) => (await p.then(() => undefined, (e) => e)) as FieldKitError | undefined;
const OFF = 'power 1 -> 0';
const ON = 'power 0 -> 1';
/** Every change the simulator's chassis_control script carried out, unfiltered. */
const sets = (sim: IpmiSim) => sim.chassisLog();
const order = (c: RecoveryCase) => c.steps.filter((s) => s.result !== 'started').map((s) => `${s.step}:${s.result}`);

describe.skipIf(!hasIpmiSim)('recovery order on ipmi_sim', () => {
  it('guided: Clear All Faults is confirmed before any power action; then off, on, verify; chassis log = the steps', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const svc = machine(sim);
    let c = await svc.start('node1');
    expect(c.clearAllFaults).toEqual({ method: 'guided' });
    await svc.confirmChecklist(c.id, ALL);
    // Power is refused before Clear All Faults; Clear All Faults without the engineer's word sends nothing.
    expect((await err(svc.powerOff(c.id, { confirmName: 'node1' })))?.id).toBe('RECOVERY_WRONG_PHASE');
    const e = await err(svc.clearFaults(c.id));
    expect(e?.id).toBe('RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED');
    expect(renderMessage(e!.id, e!.params, 'ja').remedy).toContain('保守 > コンポーネントステータス > 障害情報');
    expect(renderMessage(e!.id, e!.params, 'en').remedy).toContain('Maintenance > Component Status > Fault Information');
    expect(sets(sim)).toEqual([]);
    c = await svc.get(c.id);
    expect(c.phase).toBe('clear');
    expect(c.steps.some((s) => s.step === 'rearm')).toBe(false);

    c = await svc.clearFaults(c.id, { faultsCleared: true });
    expect(c.phase).toBe('power-off');
    expect(sets(sim)).toEqual([]);
    c = await svc.powerOff(c.id, { confirmName: 'node1' });
    expect(sets(sim)).toEqual([OFF]);
    c = await svc.powerOn(c.id);
    expect(sets(sim)).toEqual([OFF, ON]);
    c = await svc.verify(c.id);
    expect(c.phase).toBe('recovered');
    expect(order(c)).toEqual([
      'connect:ok', 'snapshot:ok', 'checklist:ok', 'clear-all-faults:ok', 'rearm:ok', 'power-off:ok', 'power-on:ok', 'verify:ok',
    ]);
    expect(stepLine(c.steps.find((s) => s.step === 'rearm')!, 'en')).toMatch(/IPMI re-arm .*not Clear All Faults/);
    // Stored as an id and values, so a Japanese report of this English-run case reads Japanese.
    expect(stepLine(c.steps.find((s) => s.step === 'rearm')!, 'ja')).toMatch(/再アーム.*Clear All Faults ではありません/);
    expect(sets(sim)).toEqual([OFF, ON]);
    await sim.stop();
  });

  it('a persisting fault: the whole cycle is offered once more (each step confirmed), then hardware service', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: false });
    const svc = machine(sim);
    let c = await svc.start('node1');
    await svc.confirmChecklist(c.id, ALL);
    await svc.clearFaults(c.id, { faultsCleared: true });
    await svc.powerOff(c.id, { confirmName: 'node1' });
    await svc.powerOn(c.id);
    c = await svc.verify(c.id);
    expect(c.phase).toBe('guidance');
    expect(c.steps.at(-1)).toMatchObject({ errorId: 'RECOVERY_FAULT_REMAINS', errorParams: { cycle: 1 } });
    expect(sets(sim)).toEqual([OFF, ON]);

    // The second cycle starts with Clear All Faults again, confirmed again; power is not offered first.
    expect((await err(svc.powerOff(c.id, { confirmName: 'node1' })))?.id).toBe('RECOVERY_WRONG_PHASE');
    expect((await err(svc.clearFaults(c.id)))?.id).toBe('RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED');
    expect((await svc.get(c.id)).phase).toBe('guidance');
    c = await svc.clearFaults(c.id, { faultsCleared: true });
    expect(c).toMatchObject({ phase: 'power-off', cycle: 2 });
    expect(sets(sim)).toEqual([OFF, ON]);
    await svc.powerOff(c.id, { confirmName: 'node1' });
    await svc.powerOn(c.id);
    c = await svc.verify(c.id);
    expect(c.phase).toBe('guidance');
    expect(c.steps.at(-1)).toMatchObject({ errorId: 'RECOVERY_FAULT_PERSISTS', errorParams: { cycle: 2 } });
    // No third cycle: hardware service.
    expect((await err(svc.clearFaults(c.id, { faultsCleared: true })))?.id).toBe('RECOVERY_CYCLES_USED');
    expect(order(c)).toEqual([
      'connect:ok', 'snapshot:ok', 'checklist:ok',
      'clear-all-faults:ok', 'rearm:ok', 'power-off:ok', 'power-on:ok', 'verify:failed',
      'clear-all-faults:ok', 'rearm:ok', 'power-off:ok', 'power-on:ok', 'verify:failed',
    ]);
    expect(sets(sim)).toEqual([OFF, ON, OFF, ON]);
    await sim.stop();
  });

  it("verify's three-minute deadline is kept on the injected clock: a fault that stays is reported after three minutes of the test's time", async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: false });
    const clock = new FakeClock('2026-12-02T00:00:00Z');
    const slept = clock.slept;
    const svc = machine(sim, undefined, { clock, timings: { verifyTimeoutMs: 180_000, pollMs: 10_000 } });
    let c = await clock.drive(svc.start('node1'));
    await clock.drive(svc.confirmChecklist(c.id, ALL));
    await clock.drive(svc.clearFaults(c.id, { faultsCleared: true }));
    await clock.drive(svc.powerOff(c.id, { confirmName: 'node1' }));
    await clock.drive(svc.powerOn(c.id));
    slept.length = 0;
    const t0 = Date.now();
    const elapsedSeen: number[] = [];
    c = await clock.drive(svc.verify(c.id, (p) => { if (p.phase === 'verify') elapsedSeen.push(p.elapsedMs); }));
    expect(c.phase).toBe('guidance');
    expect(c.steps.at(-1)).toMatchObject({ errorId: 'RECOVERY_FAULT_REMAINS' });
    // The deadline was reached on the fake clock, not on the wall clock.
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(180_000);
    expect(elapsedSeen.at(-1)).toBeGreaterThanOrEqual(180_000);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(sets(sim)).toEqual([OFF, ON]);
    await sim.stop();
  }, 120_000);

  it('with a vendor profile FieldKit sends Clear All Faults itself, before the re-arm and before any power action', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    // Get Device ID stands in for an OEM command: harmless, and ipmi_sim answers it.
    const svc = machine(sim, { profile: 'lab', netFn: 0x06, cmd: 0x01, data: [], source: 'test: IPMI 2.0 section 20.1' });
    let c = await svc.start('node1');
    expect(c.clearAllFaults).toEqual({ method: 'vendor', profile: 'lab' });
    await svc.confirmChecklist(c.id, ALL);
    c = await svc.clearFaults(c.id);
    expect(order(c).slice(3)).toEqual(['clear-all-faults:ok', 'rearm:ok']);
    expect(stepLine(c.steps.find((s) => s.step === 'clear-all-faults')!, 'en')).toContain('profile lab');
    expect(sets(sim)).toEqual([]);
    await svc.powerOff(c.id, { confirmName: 'node1' });
    await svc.powerOn(c.id);
    c = await svc.verify(c.id);
    expect(c.phase).toBe('recovered');
    expect(sets(sim)).toEqual([OFF, ON]);
    await sim.stop();
  });
});

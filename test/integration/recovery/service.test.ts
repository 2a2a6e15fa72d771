import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { OperationRecord } from '../../../shared/model/operation';
import { ipmiRecoveryBmc } from '../../../src-main/services/recovery/ipmi-bmc';
import type { VendorClearFaults } from '../../../src-main/services/recovery/port';
import { RecoveryService } from '../../../src-main/services/recovery/service';
import { CaseStore } from '../../../src-main/services/recovery/store';
import { hasIpmiSim, skipReason, startUdpRelay, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { chassisLog, FENCED_SENSOR, powerLog, startFencedServer } from './setup';
import { caseReason, stepLine } from '../../../shared/model/case-text';
import { renderMessage } from '../../../shared/messages';

const why = skipReason({ sim: true });
if (why) console.warn(`recovery service tests ${why}`);

const dirs: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function machine(sim: IpmiSim, o: { vendor?: VendorClearFaults; log?: OperationRecord[] } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-recsvc-'));
  dirs.push(home);
  const target = (port: number) => ({ host: '127.0.0.1', port, username: sim.username, password: sim.password, cipherSuite: 3 as const, timeoutMs: 1500 });
  return new RecoveryService({
    store: new CaseStore(home),
    connect: async () => ipmiRecoveryBmc(target(sim.port), target(sim.secondaryPort!)),
    oplog: { append: (r) => void o.log?.push(r) },
    operator: 'tester',
    via: 'cli',
    timings: { pollMs: 250, powerTimeoutMs: 10_000, verifyTimeoutMs: 3_000 },
    vendorClearFaults: () => o.vendor,
  });
}

const ALL = { failoverElsewhere: true, serverIsolated: true, maintenanceWindow: true };
const err = async (p: Promise<unknown>) => (await p.then(() => undefined, (e) => e)) as FieldKitError | undefined;

describe.skipIf(!hasIpmiSim)('RecoveryService on ipmi_sim', () => {
  it('refuses out-of-order steps, an incomplete checklist and a mistyped name, sending nothing', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const log: OperationRecord[] = [];
    const svc = machine(sim, { log });
    const c = await svc.start('node1');
    expect(c.phase).toBe('checklist');
    expect((await err(svc.powerOff(c.id, { confirmName: 'node1' })))?.id).toBe('RECOVERY_WRONG_PHASE');
    expect((await err(svc.start('node1')))?.id).toBe('RECOVERY_CASE_OPEN');
    const e = await err(svc.confirmChecklist(c.id, { ...ALL, maintenanceWindow: false }));
    expect(e?.id).toBe('RECOVERY_CHECKLIST_INCOMPLETE');
    expect(e?.params.missing).toBe('maintenanceWindow');
    await svc.confirmChecklist(c.id, ALL);
    await svc.clearFaults(c.id, { faultsCleared: true });
    expect((await err(svc.powerOff(c.id, { confirmName: 'node2' })))?.id).toBe('RECOVERY_CONFIRM_MISMATCH');
    expect((await err(svc.powerOn(c.id)))?.id).toBe('RECOVERY_WRONG_PHASE');
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    // Aborting leaves the record of what was done.
    const a = await svc.abort(c.id, 'window closed');
    expect(a.phase).toBe('aborted');
    expect(a.steps.map((s) => `${s.step}:${s.result}`)).toEqual([
      'connect:ok', 'snapshot:ok', 'checklist:failed', 'checklist:ok', 'clear-all-faults:ok', 'rearm:ok', 'power-off:failed', 'abort:ok',
    ]);
    expect(caseReason(a, 'en')).toMatch(/^aborted at \S+: window closed$/);
    expect((await err(svc.verify(c.id)))?.id).toBe('RECOVERY_CASE_CLOSED');
    expect(log.map((r) => r.action)).toContain('recovery.abort');
    expect(log.every((r) => r.caseId === c.id && r.target === 'node1')).toBe(true);
    await sim.stop();
  });

  it('a BMC that does not answer leaves a closed record, not an open case: start again works once it answers', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const [relayA, relayB] = await Promise.all([startUdpRelay(sim.port), startUdpRelay(sim.secondaryPort!)]);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-recsvc-'));
    dirs.push(home);
    const target = (port: number) => ({ host: '127.0.0.1', port, username: sim.username, password: sim.password, cipherSuite: 3 as const, timeoutMs: 800 });
    const store = new CaseStore(home);
    const svc = new RecoveryService({
      store,
      connect: async () => ipmiRecoveryBmc(target(relayA.port), target(relayB.port)),
      operator: 'tester',
      via: 'ui',
      timings: { pollMs: 250, powerTimeoutMs: 10_000, verifyTimeoutMs: 3_000 },
    });
    relayA.pause();
    relayB.pause();
    const e = await err(svc.start('node1'));
    expect(e?.id).toMatch(/^IPMI_/);
    const [first] = await store.list();
    expect(first.phase).toBe('aborted');
    const closed = await svc.get(first.id);
    expect(closed.steps.map((s) => `${s.step}:${s.result}`)).toEqual(['connect:failed', 'abort:ok']);
    expect(stepLine(closed.steps[1], 'en')).toContain('nothing was sent');
    // The failure behind it is kept as an id: the closing line and the case's reason read Japanese in a Japanese view.
    expect(closed.steps[1].errorId).toBe(closed.steps[0].errorId);
    const ja = caseReason(closed, 'ja');
    expect(ja).toContain('何も送信していません');
    expect(ja).toContain(renderMessage(closed.steps[0].errorId!, closed.steps[0].errorParams, 'ja').text);
    expect(caseReason(closed, 'en')).toContain(renderMessage(closed.steps[0].errorId!, closed.steps[0].errorParams, 'en').text);
    expect(await svc.openCases()).toEqual([]);
    relayA.resume();
    relayB.resume();
    const c = await svc.start('node1');
    expect(c.id).not.toBe(first.id);
    expect(c.phase).toBe('checklist');
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    await relayA.close();
    await relayB.close();
    await sim.stop();
  }, 60_000);

  it('after a crash with a power-on sent, resume re-reads the power and does not send it again', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const svc = machine(sim);
    let c = await svc.start('node1');
    await svc.confirmChecklist(c.id, ALL);
    await svc.clearFaults(c.id, { faultsCleared: true });
    await svc.powerOff(c.id, { confirmName: 'node1' });
    // "Crash" while waiting for power on: the command is out, the wait is cut short.
    const ac = new AbortController();
    const started = svc.powerOn(c.id, undefined, ac.signal);
    const t = setInterval(() => {
      if (powerLog(sim).includes('power 0 -> 1')) ac.abort();
    }, 5);
    // Cut during the sleep or during a status read: either way the one cancellation id.
    expect((await err(started))?.id).toBe('CANCELLED');
    clearInterval(t);
    c = await svc.get(c.id);
    expect(c.phase).toBe('power-on');
    expect(c.pendingPower).toMatchObject({ action: 'on' });

    c = await svc.resume(c.id);
    expect(c.phase).toBe('verify');
    expect(c.pendingPower).toBeUndefined();
    expect(c.steps.at(-2)).toMatchObject({ step: 'power-on', result: 'ok', text: { id: 'STEP_POWER_CONFIRMED_ON_RESUME', params: { power: 'on' } } });
    expect(stepLine(c.steps.at(-2)!, 'en')).toBe('power on (confirmed on resume, nothing re-sent)');
    expect(stepLine(c.steps.at(-2)!, 'ja')).toBe('電源 on (再開時に確認、再送信なし)');
    c = await svc.verify(c.id);
    expect(c.phase).toBe('recovered');
    expect(powerLog(sim), chassisLog(sim)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    await sim.stop();
  });

  it('runs a vendor clear-faults command from a profile, and reports its failure by completion code', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: false });
    // Get Device ID stands in for an OEM command: harmless, and ipmi_sim answers it.
    const ok = machine(sim, { vendor: { profile: 'lab', netFn: 0x06, cmd: 0x01, data: [], source: 'test: IPMI 2.0 section 20.1' } });
    const c = await ok.start('node1');
    await ok.confirmChecklist(c.id, ALL);
    const cleared = await ok.clearFaults(c.id, { clearSel: true });
    expect(cleared.vendorProfile).toBe('lab');
    expect(cleared.clearAllFaults).toEqual({ method: 'vendor', profile: 'lab' });
    expect(cleared.steps.filter((s) => ['clear-all-faults', 'rearm', 'clear-sel'].includes(s.step)).map((s) => `${s.step}:${s.result}`)).toEqual(['clear-all-faults:ok', 'rearm:ok', 'clear-sel:ok']);
    expect(cleared.selClearedAt).toBeDefined();
    expect(cleared.selBefore.length).toBeGreaterThan(0);
    const sel = await sim.ipmitool(['sel', 'info']);
    expect(sel.stdout).toMatch(/Entries\s*:\s*[01]\b/);
    const stopped = await ok.abort(c.id);
    // Without the engineer's words the line is ours, so it reads in either language.
    expect(caseReason(stopped, 'ja')).toMatch(/でエンジニアが中止しました$/);
    expect(caseReason(stopped, 'en')).toMatch(/^aborted at \S+ by the engineer$/);

    // An OEM netFn ipmi_sim does not implement: the step fails with the completion code and stays resumable.
    const bad = machine(sim, { vendor: { profile: 'bogus', netFn: 0x2e, cmd: 0x7f, data: [0x57, 0x01, 0x00], source: 'test: unknown OEM command' } });
    const c2 = await bad.start('node1');
    await bad.confirmChecklist(c2.id, ALL);
    const e = await err(bad.clearFaults(c2.id));
    expect(e?.id).toBe('RECOVERY_VENDOR_CLEAR_FAILED');
    expect(String(e?.params.code)).toMatch(/^0x(c1|c0|d4|d5|cc|c9)$/);
    expect((await bad.get(c2.id)).phase).toBe('clear');
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    // Clear All Faults comes first: when it fails, nothing after it (the re-arm) ran.
    expect(slotAfterRearm(await bad.get(c2.id))).toBe(false);
    await sim.stop();
  });
});

function slotAfterRearm(c: Awaited<ReturnType<RecoveryService['get']>>) {
  return c.steps.some((s) => s.step === 'rearm' && s.result === 'ok' && stepLine(s, 'en').includes(`0x${FENCED_SENSOR.toString(16)}`));
}

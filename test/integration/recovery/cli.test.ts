import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecoveryCase } from '../../../shared/model/case';
import { hasIpmiSim, skipReason, startUdpRelay, stopAllSims } from '../../support/ipmi-sim';
import { chassisLog, cliEnv, CLEAR_FAULT, FENCED_SENSOR, makeHome, powerLog, runCli, startFencedServer } from './setup';
import { stepLine } from '../../../shared/model/case-text';

const why = skipReason({ sim: true });
if (why) console.warn(`recovery CLI tests ${why}`);

const homes: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

const home = (h: string) => (homes.push(h), h);
const caseOf = (stdout: string) => JSON.parse(stdout) as RecoveryCase;
const slot = (slots: RecoveryCase['slotsBefore'] | undefined, n = FENCED_SENSOR) => slots?.find((s) => s.sensorNumber === n);

describe.skipIf(!hasIpmiSim)('fieldkit recover against ipmi_sim', () => {
  it('recovers a server whose fault clears on power-on, and the report shows before and after', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const h = home(makeHome(sim));
    const r = await runCli(['--home', h, 'recover', 'node1', '--yes', '--faults-cleared', '--json'], cliEnv(sim));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const c = caseOf(r.stdout);
    expect(c.phase).toBe('recovered');
    expect(slot(c.slotsBefore)).toMatchObject({ name: 'PCI Slot 5', faulted: true, installed: true });
    expect(slot(c.slotsAfter)).toMatchObject({ name: 'PCI Slot 5', faulted: false, installed: true });
    expect(c.fencedSlots).toEqual([FENCED_SENSOR]);
    expect(c.bmcsAnswered[0]).toEqual({ role: 'primary', address: `127.0.0.1:${sim.port}` });
    expect(c.steps.map((s) => `${s.step}:${s.result}`)).toEqual(
      expect.arrayContaining(['connect:ok', 'snapshot:ok', 'checklist:ok', 'rearm:ok', 'power-off:ok', 'power-on:ok', 'verify:ok']),
    );
    // The guide's order: Clear All Faults, (re-arm), power off, power on, verify.
    expect(c.steps.filter((s) => s.result !== 'started').map((s) => s.step)).toEqual(
      ['connect', 'snapshot', 'checklist', 'clear-all-faults', 'rearm', 'power-off', 'power-on', 'verify'],
    );
    // One real power cycle reached the simulator, in order, and nothing else.
    expect(sim.chassisLog()).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    expect(sim.powerState()).toBe(true);
    // The SEL snapshot holds the fault assertion; the deassertion appeared during the case.
    expect(c.selBefore.some((e) => /PCI Slot 5/.test(e.text) && e.assertion)).toBe(true);

    const htmlFile = path.join(h, 'report.html');
    const jsonFile = path.join(h, 'report.json');
    // An existing world-readable file is replaced by a report only its owner can read.
    fs.writeFileSync(htmlFile, 'old', { mode: 0o644 });
    const ex = await runCli(['--home', h, 'cases', 'export', c.id, '--html', htmlFile, '--json-file', jsonFile], cliEnv(sim));
    expect(ex.code, ex.stderr).toBe(0);
    for (const f of [htmlFile, jsonFile]) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    const html = fs.readFileSync(htmlFile, 'utf8');
    expect(html).toMatch(new RegExp(`class="slot fault" data-which="before" data-sensor="${FENCED_SENSOR}"`));
    expect(html).toMatch(new RegExp(`class="slot okslot" data-which="after" data-sensor="${FENCED_SENSOR}"`));
    expect(html).toContain('data-phase="recovered"');
    const j = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    expect(j.selDuringCase.some((e: { text: string; assertion?: boolean }) => /PCI Slot 5/.test(e.text) && e.assertion === false)).toBe(true);
    // The operation log has every step, tied to the case, and no password.
    const oplog = fs.readdirSync(path.join(h, 'logs')).filter((f) => f.startsWith('operations')).map((f) => fs.readFileSync(path.join(h, 'logs', f), 'utf8')).join('');
    expect(oplog).toContain(c.id);
    expect(oplog).toContain('recovery.power-off');
    for (const f of [htmlFile, jsonFile]) expect(fs.readFileSync(f, 'utf8')).not.toContain(sim.password);
    expect(oplog).not.toContain(sim.password);

    const list = await runCli(['--home', h, 'cases', 'list', '--json'], cliEnv(sim));
    expect(JSON.parse(list.stdout)[0]).toMatchObject({ id: c.id, server: 'node1', phase: 'recovered' });
    await sim.stop();
  });

  it('--yes alone never stands for pressing Clear All Faults: without --faults-cleared nothing is powered', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const h = home(makeHome(sim));
    const r = await runCli(['--home', h, 'recover', 'node1', '--yes'], cliEnv(sim));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Maintenance > Component Status > Fault Information');
    expect(r.stderr).toContain('[Clear All Faults]');
    expect(r.stderr + r.stdout).toContain('RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED');
    expect(sim.chassisLog()).toEqual([]);
    const [summary] = JSON.parse((await runCli(['--home', h, 'cases', 'list', '--json'], cliEnv(sim))).stdout);
    expect(summary.phase).toBe('clear');
    // The engineer pressed it; the scripted run goes on from the same step.
    const go = await runCli(['--home', h, 'recover', '--resume', summary.id, '--yes', '--faults-cleared', '--json'], cliEnv(sim));
    expect(go.code, go.stderr).toBe(0);
    expect(caseOf(go.stdout).phase).toBe('recovered');
    expect(sim.chassisLog()).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    await sim.stop();
  });

  it('ends in guidance when the fault persists; the cycle runs once more only when asked, then hardware service', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: false });
    const h = home(makeHome(sim));
    const env = cliEnv(sim, { FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '2' });
    // --faults-cleared counts for one cycle: the run stops in guidance.
    const r = await runCli(['--home', h, 'recover', 'node1', '--yes', '--faults-cleared', '--json'], env);
    expect(r.code).toBe(1);
    const c = caseOf(r.stdout);
    expect(c.phase).toBe('guidance');
    expect(c.cycle).toBe(1);
    expect(slot(c.slotsAfter)?.faulted).toBe(true);
    expect(c.steps.at(-1)).toMatchObject({ step: 'verify', result: 'failed', errorId: 'RECOVERY_FAULT_REMAINS' });
    expect(sim.chassisLog()).toEqual(['power 1 -> 0', 'power 0 -> 1']);

    // Text output says NOT RECOVERED and offers the cycle again; without a terminal and flags it only checks again.
    const again = await runCli(['--home', h, 'recover', '--resume', c.id], cliEnv(sim, { FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '1' }));
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('NOT RECOVERED');
    expect(again.stdout).toContain('Clear All Faults');
    expect(again.stdout).toContain('the cycle once more');
    expect(sim.chassisLog()).toHaveLength(2);

    // The engineer pressed Clear All Faults again: the second cycle, Clear All Faults first, then off and on.
    const second = await runCli(['--home', h, 'recover', '--resume', c.id, '--yes', '--faults-cleared', '--json'], env);
    expect(second.code).toBe(1);
    const c2 = caseOf(second.stdout);
    expect(c2).toMatchObject({ phase: 'guidance', cycle: 2 });
    expect(c2.steps.at(-1)).toMatchObject({ errorId: 'RECOVERY_FAULT_PERSISTS' });
    const tail = c2.steps.filter((s) => s.result !== 'started').map((s) => `${s.step}:${s.result}`).slice(-6);
    expect(tail).toEqual(['verify:failed', 'clear-all-faults:ok', 'rearm:ok', 'power-off:ok', 'power-on:ok', 'verify:failed']);
    expect(sim.chassisLog()).toEqual(['power 1 -> 0', 'power 0 -> 1', 'power 1 -> 0', 'power 0 -> 1']);
    // No third cycle, even when asked: hardware service.
    const third = await runCli(['--home', h, 'recover', '--resume', c.id, '--yes', '--faults-cleared'], cliEnv(sim, { FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '1' }));
    expect(third.code).toBe(1);
    expect(third.stdout).toContain('hardware service');
    expect(sim.chassisLog()).toHaveLength(4);

    // "Check again" after the fault was cleared by hand recovers without another power cycle.
    await sim.consoleCommand(CLEAR_FAULT);
    const fixed = await runCli(['--home', h, 'recover', '--resume', c.id, '--json'], cliEnv(sim));
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(caseOf(fixed.stdout).phase).toBe('recovered');
    expect(sim.chassisLog()).toHaveLength(4);
    await sim.stop();
  });

  it('without --yes and without a terminal, refuses to go past the snapshot and sends nothing', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const h = home(makeHome(sim));
    const r = await runCli(['--home', h, 'recover', 'node1', '--json'], cliEnv(sim));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!).error.id).toBe('CLI_CONFIRMATION_REQUIRED');
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    const [summary] = JSON.parse((await runCli(['--home', h, 'cases', 'list', '--json'], cliEnv(sim))).stdout);
    expect(summary.phase).toBe('checklist');
    // Aborting leaves the record; a new case can start afterwards.
    const ab = await runCli(['--home', h, 'cases', 'abort', summary.id, '--reason', 'test', '--json'], cliEnv(sim));
    expect(JSON.parse(ab.stdout).phase).toBe('aborted');
    const show = await runCli(['--home', h, 'cases', 'show', summary.id], cliEnv(sim));
    expect(show.stdout).toMatch(/abort\s+ok/);
    expect(show.stdout).toContain('[FAULT] PCI Slot 5');
    await sim.stop();
  });

  it('says nothing to recover and sends no power action when no slot is faulted', async () => {
    const sim = await startFencedServer({ faulted: false });
    const h = home(makeHome(sim));
    const r = await runCli(['--home', h, 'recover', 'node1', '--yes', '--json'], cliEnv(sim));
    expect(r.code, r.stderr).toBe(0);
    const c = caseOf(r.stdout);
    expect(c.phase).toBe('nothing-to-recover');
    expect(c.fencedSlots).toEqual([]);
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    expect(sim.powerState()).toBe(true);
    expect(c.steps.map((s) => s.step)).toEqual(['connect', 'snapshot']);
    const text = await runCli(['--home', h, 'recover', 'node1'], cliEnv(sim));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('nothing to recover');
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);
    await sim.stop();
  });

  it('fails over to the secondary BMC during the power-on wait, survives SIGKILL, and resumes without repeating a power action', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: false });
    const relay = await startUdpRelay(sim.port);
    const h = home(makeHome(sim, relay.port));
    let killed = false;
    let sawSecondary = false;
    const first = await runCli(['--home', h, 'recover', 'node1', '--yes', '--faults-cleared', '--json'], cliEnv(sim, { FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '60', FIELDKIT_RECOVERY_POLL_MS: '4000' }), (line, kill) => {
      let msg: { caseId?: string; phase?: string; progress?: { phase: string; bmc?: string } };
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      // The power-on command went out through the primary: now the primary stops answering
      // (the first power poll comes a quarter of the 4 s interval later, leaving time to pause).
      if (msg.phase === 'power-on' && !relay.paused) {
        const watch = setInterval(() => {
          if (powerLog(sim).includes('power 0 -> 1')) {
            relay.pause();
            clearInterval(watch);
          }
        }, 20);
      }
      if (msg.progress?.bmc === 'secondary') sawSecondary = true;
      // Killed mid-case while verify waits (through the secondary) for a fault that has not cleared yet.
      if (msg.progress?.phase === 'verify' && msg.progress.bmc === 'secondary' && !killed) {
        killed = true;
        kill();
      }
    });
    expect(first.signal, first.stderr).toBe('SIGKILL');
    expect(sawSecondary).toBe(true);
    expect(powerLog(sim), chassisLog(sim)).toEqual(['power 1 -> 0', 'power 0 -> 1']);

    const list = await runCli(['--home', h, 'cases', 'list', '--json'], cliEnv(sim));
    const [summary] = JSON.parse(list.stdout);
    expect(summary.phase).toBe('verify');
    const onDisk = JSON.parse(fs.readFileSync(path.join(h, 'cases', `${summary.id}.json`), 'utf8')) as RecoveryCase;
    expect(onDisk.steps.find((s) => s.step === 'power-on' && s.result === 'ok')?.bmc).toBe('secondary');
    expect(onDisk.bmcsAnswered.map((b) => b.role).sort()).toEqual(['primary', 'secondary']);

    // Hardware clears the fault later; the primary is still silent.
    await sim.consoleCommand(CLEAR_FAULT);
    const resumed = await runCli(['--home', h, 'recover', '--resume', summary.id, '--yes', '--json'], cliEnv(sim));
    expect(resumed.code, resumed.stderr).toBe(0);
    const c = caseOf(resumed.stdout);
    expect(c.phase).toBe('recovered');
    const resumeStep = c.steps.find((s) => s.step === 'resume');
    expect(resumeStep).toMatchObject({ result: 'ok', bmc: 'secondary' });
    expect(stepLine(resumeStep!, 'en')).toContain('power on');
    // No power action was repeated.
    expect(powerLog(sim), chassisLog(sim)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    await relay.close();
    await sim.stop();
  });
});

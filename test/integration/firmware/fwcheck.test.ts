import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostflightResult, PreflightRecord } from '../../../shared/model/firmware';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { firmwareDepsOf, firmwareOf } from '../../../src-main/services/firmware/wire';
import { FirmwareService } from '../../../src-main/services/firmware/service';
import { bmcServiceOf } from '../../../src-main/services/bmc';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';
import { tempServices } from '../../support/temp-services';
import { FIELDKIT_BIN, HEALTHY_SLOTS, runCli, serverAt, setEmuFirmware, writeInventory } from './helpers';
import { FakeClock } from '../../support/clock';

const canRun = hasIpmiSim && hasIpmitool;
if (!canRun) console.warn(`[firmware] skipping fwcheck tests: ${skipReason({ sim: true, ipmitool: true })}`);

const ALL_CONFIRMED = { haMonitorStopped: true, resetPathMonitoringStopped: true, maintenanceWindowAgreed: true, firmwareFileChecked: true };
const ipmitoolFirmware = async (sim: IpmiSim) => /Firmware Revision\s*:\s*(\S+)/.exec((await sim.ipmitool(['mc', 'info'])).stdout)?.[1];

describe.skipIf(!canRun)('firmware update checks against ipmi_sim', () => {
  let healthy: IpmiSim;
  let faulted: IpmiSim;
  let relayA: UdpRelay;
  let relayB: UdpRelay;
  const env = tempServices('1.2.3-fw');

  beforeAll(async () => {
    [healthy, faulted] = await Promise.all([
      startIpmiSim({ emu: buildEmu({ slots: HEALTHY_SLOTS }), secondary: true, name: 'fw-healthy' }),
      startIpmiSim({ emu: buildEmu(), name: 'fw-faulted' }),
    ]);
    // Relays stand in front of both addresses so the test can make the BMC go silent (a reboot after the flash).
    relayA = await startUdpRelay(healthy.port);
    relayB = await startUdpRelay(healthy.secondaryPort!);
    const servers = [serverAt('fw1', relayA.port, relayB.port), serverAt('fw2', faulted.port)];
    writeInventory(env.home, servers);
    const creds = credentialsOf(env.services);
    for (const s of servers) for (const ep of [s.bmc.primary, s.bmc.secondary]) if (ep) creds.setSessionOnly(ep, 'admin', healthy.password);
  }, 60_000);

  afterAll(async () => {
    await relayA?.close();
    await relayB?.close();
    await env.cleanup();
    await stopAllSims();
  });

  let pre: PreflightRecord;

  it('pre-flight on a healthy BMC passes, records firmware as ipmitool reads it, and saves the record', async () => {
    pre = await firmwareOf(env.services).preflight('fw1', { checklist: ALL_CONFIRMED, who: 'tester', via: 'cli' });
    expect(pre.verdict, JSON.stringify(pre.checks, null, 1)).toBe('pass');
    expect(pre.bmcs.map((b) => [b.role, b.ping, b.session, b.privilege])).toEqual([['primary', true, true, 'admin'], ['secondary', true, true, 'admin']]);
    expect(pre.device?.firmware).toBe(await ipmitoolFirmware(healthy));
    expect(pre.power).toBe('on');
    const selInfo = (await healthy.ipmitool(['sel', 'info'])).stdout;
    expect(pre.sel?.entries).toBe(Number(/Entries\s*:\s*(\d+)/.exec(selInfo)?.[1]));
    expect(pre.slots.length).toBe(6);
    expect(pre.slots.some((s) => s.fault)).toBe(false);
    expect(pre.sdr?.records).toBeGreaterThan(5);
    const saved = JSON.parse(fs.readFileSync(pre.file!, 'utf8')) as PreflightRecord;
    expect(path.dirname(pre.file!)).toBe(path.join(env.home, 'firmware'));
    expect(saved.device?.firmware).toBe(pre.device?.firmware);
    const ops = env.services.logs.operations.readRecent(10);
    expect(ops.some((o) => o.action === 'firmware.preflight' && o.target === 'fw1' && o.result === 'ok')).toBe(true);
  });

  it('pre-flight warns about an asserted slot fault, and fails an unconfirmed checklist', async () => {
    const r = await firmwareOf(env.services).preflight('fw2', { checklist: { ...ALL_CONFIRMED, haMonitorStopped: false } });
    const slots = r.checks.find((c) => c.id === 'slots')!;
    expect(slots.status).toBe('warn');
    expect(slots.message.params.slots).toContain('PCI Slot 5');
    expect(r.checks.find((c) => c.id === 'checklist.haMonitorStopped')?.status).toBe('fail');
    expect(r.verdict).toBe('fail');
    const ok = await firmwareOf(env.services).preflight('fw2', { checklist: ALL_CONFIRMED });
    expect(ok.verdict).toBe('warn');
    expect(ok.checks.find((c) => c.id === 'ping.secondary')?.status).toBe('info');
  });

  it('post-flight waits while the BMC reboots, then passes with firmware unchanged', async () => {
    relayA.pause();
    relayB.pause();
    await healthy.restart();
    const waits: number[] = [];
    const resume = setTimeout(() => { relayA.resume(); relayB.resume(); }, 3000);
    const t0 = Date.now();
    let r: PostflightResult;
    try {
      r = await firmwareOf(env.services).postflight('fw1', { waitMs: 30_000, pollMs: 300, onProgress: (p) => { if (p.phase === 'waiting') waits.push(p.elapsedMs); } });
    } finally {
      clearTimeout(resume);
      relayA.resume();
      relayB.resume();
    }
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2900);
    expect(r.answered).toBe(true);
    expect(r.waitedMs).toBeGreaterThanOrEqual(2500);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(r.firmwareChange).toBe('unchanged');
    expect(r.preflight?.file).toBe(pre.file);
    expect(r.newFaults).toEqual([]);
    expect(r.checks.map((c) => c.message.id)).toEqual(expect.arrayContaining(['FIRMWARE_CHECK_REMIND_MONRP', 'FIRMWARE_CHECK_REMIND_HA_MONITOR']));
    // Unchanged firmware after an update is worth a warning, not a failure.
    expect(r.verdict, JSON.stringify(r.checks, null, 1)).toBe('warn');
  });

  it('post-flight detects a new firmware revision (9.08 → 9.09, as ipmitool mc info reads it) and lists SEL entries added meanwhile', async () => {
    const before = await ipmitoolFirmware(healthy);
    setEmuFirmware(healthy, 9, 9);
    await healthy.restart();
    const after = await ipmitoolFirmware(healthy);
    expect(after).not.toBe(before);
    await healthy.consoleCommand('sel_add 0x20 0x02 0 0 0 0 0x20 0x00 0x04 0x21 0x35 0x6f 0x00 0xff 0xff');
    const r = await firmwareOf(env.services).postflight('fw1', { waitMs: 20_000, pollMs: 300 });
    expect(r.firmwareChange).toBe('changed');
    expect(r.firmwareBefore).toBe(before);
    expect(r.firmwareAfter).toBe(after);
    expect(r.sdr?.cacheKeyChanged).toBe(true);
    expect(r.newSel.length).toBe(1);
    expect(r.newSel[0].text).toContain('PCI Slot 5');
    expect(r.verdict, JSON.stringify(r.checks, null, 1)).toBe('pass');
  });

  it('post-flight fails when the BMC never answers, within the wait', async () => {
    relayA.pause();
    relayB.pause();
    try {
      const t0 = Date.now();
      const r = await firmwareOf(env.services).postflight('fw1', { waitMs: 2000, pollMs: 300 });
      expect(Date.now() - t0).toBeLessThan(8000);
      expect(r.answered).toBe(false);
      expect(r.verdict).toBe('fail');
      expect(r.checks[0].message.id).toBe('FIRMWARE_CHECK_NO_ANSWER');
    } finally {
      relayA.resume();
      relayB.resume();
    }
  });

  it("post-flight measures its wait on the injected clock: ten minutes of a silent BMC pass in the test's own time", async () => {
    relayA.pause();
    relayB.pause();
    try {
      const clock = new FakeClock('2026-12-02T00:00:00Z');
      const slept = clock.slept;
      const fake = new FirmwareService({ ...firmwareDepsOf(env.services), clock });
      const t0 = Date.now();
      const r = await clock.drive(fake.postflight('fw1', { waitMs: 600_000, pollMs: 60_000 }));
      expect(r.answered).toBe(false);
      expect(r.checks[0].message.id).toBe('FIRMWARE_CHECK_NO_ANSWER');
      // Ten polls a minute apart on the fake clock; the pings' own real time only adds to the fake one's elapsed time.
      expect(slept.length).toBeGreaterThanOrEqual(9);
      expect(slept.length).toBeLessThanOrEqual(10);
      expect(r.waitedMs).toBeGreaterThanOrEqual(600_000);
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      relayA.resume();
      relayB.resume();
    }
  }, 90_000);

  it('CLI: fwcheck pre --yes / post --json with exit codes, no password in the records', async () => {
    await bmcServiceOf(env.services).close();
    const cliEnv = { ...process.env, FIELDKIT_PASSWORD: healthy.password, FIELDKIT_LANG: 'en' };
    const p = await runCli(['--home', env.home, 'fwcheck', 'pre', 'fw1', '--yes'], cliEnv);
    expect(p.code, p.stderr + p.stdout).toBe(0);
    expect(p.stdout).toMatch(/\[PASS\] BMC firmware 9\.09/);
    expect(p.stdout).toMatch(/Verdict: PASS/);
    const refused = await runCli(['--home', env.home, 'fwcheck', 'pre', 'fw1'], cliEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('FIRMWARE_CHECKLIST_REQUIRED');
    const post = await runCli(['--home', env.home, '--json', 'fwcheck', 'post', 'fw1', '--wait', '10'], cliEnv);
    expect(post.code, post.stderr).toBe(0);
    const r = JSON.parse(post.stdout) as PostflightResult;
    expect(r.firmwareChange).toBe('unchanged');
    const bad = await runCli(['--home', env.home, 'fwcheck', 'post', 'fw1', '--wait', 'soon'], cliEnv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('FIRMWARE_BAD_WAIT');
    for (const f of fs.readdirSync(path.join(env.home, 'firmware'))) expect(fs.readFileSync(path.join(env.home, 'firmware', f), 'utf8')).not.toContain(healthy.password);
  });

  it('post-flight lists the new SEL entries even when the flash erased the SEL and record ids were reused', async () => {
    // A pre-flight that sees some entries, then "the flash" erases the SEL and logs one event.
    await healthy.consoleCommand('sensor_set_bit 0x20 0 0x32 0 1 1');
    const p = await firmwareOf(env.services).preflight('fw1', { checklist: ALL_CONFIRMED });
    expect(p.sel!.entries).toBeGreaterThan(0);
    expect((await healthy.ipmitool(['sel', 'clear'])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    await healthy.consoleCommand('sel_add 0x20 0x02 0 0 0 0 0x20 0x00 0x04 0x21 0x33 0x6f 0x00 0xff 0xff');
    const elist = (await healthy.ipmitool(['sel', 'elist'])).stdout.trim().split('\n').filter(Boolean);
    expect(elist.length).toBe(1);
    // ipmi_sim keeps counting ids after a clear; real BMCs often start again at 1. Make the saved record say every
    // id up to far beyond was already there: only the entries' bytes can tell the new event apart.
    const saved = JSON.parse(fs.readFileSync(p.file!, 'utf8')) as PreflightRecord;
    saved.sel!.recordIds = Array.from({ length: 4096 }, (_, i) => i);
    fs.writeFileSync(p.file!, JSON.stringify(saved));
    const r = await firmwareOf(env.services).postflight('fw1', { waitMs: 10_000, pollMs: 300 });
    expect(r.newSel.map((e) => e.recordId)).toEqual([parseInt(elist[0].split('|')[0], 16)]);
    expect(r.newSel[0].text).toContain('PCI Slot 3');
  });

  it('CLI: Ctrl-C while waiting for a silent BMC ends the post-flight at once with exit code 130', async () => {
    relayA.pause();
    relayB.pause();
    try {
      const child = spawn(process.execPath, [FIELDKIT_BIN, '--home', env.home, 'fwcheck', 'post', 'fw1', '--wait', '60'], {
        env: { ...process.env, FIELDKIT_PASSWORD: healthy.password, FIELDKIT_LANG: 'en' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const sawWaiting = new Promise<void>((resolve) => child.stderr.on('data', (d) => { stderr += d; if (stderr.includes('waiting for fw1')) resolve(); }));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await sawWaiting;
      const t0 = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      relayA.resume();
      relayB.resume();
    }
  });
});

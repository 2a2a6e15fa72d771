import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DumpProgress, DumpResult } from '../../../shared/model/dump';
import type { FirmwareProgress, PostflightResult, PreflightRecord } from '../../../shared/model/firmware';
import { dispatch } from '../../../src-main/api';
import { bmcServiceOf } from '../../../src-main/services/bmc';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { tempServices } from '../../support/temp-services';
import { HEALTHY_SLOTS, serverAt, writeInventory } from './helpers';

if (!hasIpmiSim) console.warn(`[firmware] API tests ${skipReason({ sim: true })}`);

/** The firmware.* and dump.* channels through the handler table, as the app and the headless host call them. */
describe.skipIf(!hasIpmiSim)('firmware.* and dump.* through dispatch', () => {
  let sim: IpmiSim;
  const env = tempServices('7.0.0-api');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-fwapi-out-'));
  const events: Array<{ event: string; payload: unknown }> = [];
  const ctx = { ...env.ctx, via: 'ui' as const, emit: (event: string, payload: unknown) => events.push({ event, payload }) };

  beforeAll(async () => {
    sim = await startIpmiSim({ emu: buildEmu({ slots: HEALTHY_SLOTS }), secondary: true, name: 'fw-api', password: 'fw-api-pw-31' });
    const server = serverAt('node1', sim.port, sim.secondaryPort);
    writeInventory(env.home, [server]);
    for (const ep of [server.bmc.primary, server.bmc.secondary!]) credentialsOf(env.services).setSessionOnly(ep, 'admin', sim.password);
  }, 60_000);

  afterAll(async () => {
    await bmcServiceOf(env.services).close();
    await env.cleanup();
    await stopAllSims();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('refuses malformed requests before touching a BMC', async () => {
    const bad = await dispatch('firmware.postflight', { server: 'node1', waitSeconds: 0 }, ctx);
    expect(bad.ok).toBe(false);
    const extra = await dispatch('firmware.preflight', { server: 'node1', checklist: { haMonitorStopped: true }, password: 'x' }, ctx);
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.id).toBe('IPC_BAD_PAYLOAD');
    const unknown = await dispatch('firmware.preflight', { server: 'nosuch', checklist: { haMonitorStopped: true, resetPathMonitoringStopped: true, maintenanceWindowAgreed: true, firmwareFileChecked: true } }, ctx);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.id).toBe('SERVER_UNKNOWN');
  });

  it('pre-flight, records list and post-flight, with progress events and the operation log', async () => {
    const pre = await dispatch('firmware.preflight', { server: 'node1', checklist: { haMonitorStopped: true, resetPathMonitoringStopped: true, maintenanceWindowAgreed: true, firmwareFileChecked: true } }, ctx);
    expect(pre.ok, JSON.stringify(pre)).toBe(true);
    const record = (pre as { value: PreflightRecord }).value;
    expect(record.verdict).toBe('pass');
    expect(record.via).toBe('ui');
    const list = await dispatch('firmware.preflights', { server: 'node1' }, ctx);
    expect(list.ok && (list.value as PreflightRecord[])[0].file).toBe(record.file);
    const post = await dispatch('firmware.postflight', { server: 'node1', waitSeconds: 10 }, ctx);
    expect(post.ok, JSON.stringify(post)).toBe(true);
    expect((post as { value: PostflightResult }).value.firmwareChange).toBe('unchanged');
    const progress = events.filter((e) => e.event === 'firmware.progress').map((e) => e.payload as FirmwareProgress);
    expect(progress.some((p) => p.phase === 'step' && p.step === 'sel')).toBe(true);
    expect(progress.some((p) => p.phase === 'waiting')).toBe(true);
    const ops = env.services.logs.operations.readRecent(10).map((o) => `${o.action}:${o.via}:${o.result}`);
    expect(ops).toEqual(expect.arrayContaining(['firmware.preflight:ui:ok', 'firmware.postflight:ui:ok']));
  });

  it('dump.create writes into the main process folder, emits progress, and dump.defaultDir is under the home', async () => {
    // A caller cannot name the folder (issue 13): outputDir is refused by the contract.
    const named = await dispatch('dump.create', { outputDir: out, servers: ['node1'] }, ctx);
    expect(!named.ok && named.error.id).toBe('IPC_BAD_PAYLOAD');
    const r = await dispatch('dump.create', { servers: ['node1'] }, ctx);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const res = (r as { value: DumpResult }).value;
    expect(path.dirname(res.file)).toBe(path.join(env.home, 'dumps'));
    expect(fs.statSync(res.file).mode & 0o777).toBe(0o600);
    fs.rmSync(path.join(env.home, 'dumps'), { recursive: true, force: true });
    expect(res.servers[0].errors).toEqual([]);
    const progress = events.filter((e) => e.event === 'dump.progress').map((e) => e.payload as DumpProgress);
    expect(progress.at(-1)?.step).toBe('archive');
    const d = await dispatch('dump.defaultDir', {}, ctx);
    expect(d.ok && (d.value as { dir: string }).dir).toBe(path.join(env.home, 'dumps'));
    const bad = await dispatch('dump.create', { servers: ['nosuch'] }, ctx);
    expect(!bad.ok && bad.error.id).toBe('SERVER_UNKNOWN');
    expect(fs.existsSync(path.join(env.home, 'dumps'))).toBe(false);
  });
});

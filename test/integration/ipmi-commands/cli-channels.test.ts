/**
 * The CLI reaches an inventory server through the handler table (issue 11,
 * item 7): reads print exactly what the direct (-H) command prints, changes
 * carry a one-time confirmation issued by confirm.prepare and leave their
 * record in the operation log, and raw / rearm ask first. What reaches the
 * BMC is counted where it arrives: every datagram through a relay in front
 * of the simulator, and its chassis_control log.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/api';
import { Services } from '../../../src-main/services/container';
import { inventoryOf } from '../../../src-main/services/inventory/wire';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';

const ROOT = path.resolve(__dirname, '../../..');
const ready = hasIpmiSim && hasIpmitool;
if (!ready) console.warn(`CLI-over-channels tests ${skipReason({ sim: true, ipmitool: true })}`);

interface Out { code: number | null; stdout: string; stderr: string }

function fieldkit(args: string[], env: Record<string, string>): Promise<Out> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/fieldkit.cjs'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FIELDKIT_LANG: 'en', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end('');
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

interface OpRecord { via: string; target: string; action: string; result: string; bmc?: string; errorId?: string }

describe.skipIf(!ready)('CLI commands on an inventory server go through the handler table', () => {
  let sim: IpmiSim;
  let relay: UdpRelay;
  let home: string;
  let env: Record<string, string>;
  let adHoc: string[];
  /** Datagrams that reached the relay on their way to the BMC. */
  let sent = 0;

  const operations = (): OpRecord[] => {
    const f = path.join(home, 'logs', 'operations.jsonl');
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OpRecord) : [];
  };

  beforeAll(async () => {
    const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
    sim = await startIpmiSim({ emu: buildEmu(), password: 'route-pw' });
    relay = await startUdpRelay(sim.port);
    relay.onRequest = (pkt) => { sent++; return pkt; };
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-route-'));
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    await inventoryOf(services).addServer({ name: 'node1', addr: `127.0.0.1:${relay.port}`, account: 'admin' });
    await services.close();
    env = { FIELDKIT_HOME: home, FIELDKIT_PASSWORD: sim.password };
    adHoc = ['-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '-C', '3'];
  });
  afterAll(async () => {
    await relay?.close();
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('reads print exactly what the direct -H command prints', async () => {
    for (const words of [['mc', 'info'], ['power', 'status'], ['sensors'], ['slots'], ['sdr'], ['sel', 'list'], ['fru']]) {
      const viaChannel = await fieldkit([...words, 'node1'], env);
      const direct = await fieldkit([...words, ...adHoc], env);
      expect(viaChannel.code, words.join(' ') + viaChannel.stderr).toBe(0);
      expect(viaChannel.stdout, words.join(' ')).toBe(direct.stdout);
    }
    const j = JSON.parse((await fieldkit(['slots', 'node1', '--no-cache', '--json'], env)).stdout);
    expect(j).toMatchObject({ target: 'node1', answeredBy: `primary 127.0.0.1:${relay.port}` });
    // Reads leave no operation record.
    expect(operations().filter((o) => o.action.startsWith('ipmi.'))).toEqual([]);
  });

  it('raw without --yes and without a terminal is refused before anything is sent (inventory and -H)', async () => {
    const [before, log] = [sent, sim.chassisLog().length];
    // Chassis Control: hard reset.
    const r = await fieldkit(['raw', '0x00', '0x02', '0x03', '-S', 'node1', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.id).toBe('CLI_CONFIRMATION_REQUIRED');
    const h = await fieldkit(['raw', '0x00', '0x02', '0x03', ...adHoc, '--json'], env);
    expect(JSON.parse(h.stdout).error.id).toBe('CLI_CONFIRMATION_REQUIRED');
    expect(sent).toBe(before);
    expect(sim.chassisLog().length).toBe(log);
    expect(sim.powerState()).toBe(true);
  });

  it('rearm always asks: refused without --yes and without a terminal, nothing sent', async () => {
    const before = sent;
    const r = await fieldkit(['rearm', 'PCI Slot 5', '-S', 'node1', '--json'], env);
    expect(JSON.parse(r.stdout).error.id).toBe('CLI_CONFIRMATION_REQUIRED');
    const h = await fieldkit(['rearm', 'PCI Slot 5', ...adHoc, '--json'], env);
    expect(JSON.parse(h.stdout).error.id).toBe('CLI_CONFIRMATION_REQUIRED');
    expect(sent).toBe(before);
  });

  it('raw --read-only and rearm --yes run through the handler table and leave their records', async () => {
    const ref = await sim.ipmitool(['raw', '0x04', '0x2d', '0x35']);
    const raw = await fieldkit(['raw', '0x04', '0x2d', '0x35', '-S', 'node1', '--read-only'], env);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout.trim()).toBe(ref.stdout.trim());
    const beforeRearm = sent;
    const rearm = await fieldkit(['rearm', 'PCI Slot 5', '-S', 'node1', '--yes'], env);
    expect(rearm.code, rearm.stderr).toBe(0);
    // Its requests went out to the BMC (counted at the relay, not taken from FieldKit's output).
    expect(sent).toBeGreaterThan(beforeRearm);
    expect(rearm.stdout).toContain('Re-armed events of PCI Slot 5 (0x35)');
    const ops = operations();
    const bmc = `primary 127.0.0.1:${relay.port}`;
    expect(ops).toContainEqual(expect.objectContaining({ via: 'cli', target: 'node1', action: 'ipmi.raw.0x04.0x2d', result: 'ok', bmc }));
    expect(ops).toContainEqual(expect.objectContaining({ via: 'cli', target: 'node1', action: 'ipmi.rearm', result: 'ok', bmc }));
    expect(JSON.stringify(ops)).not.toContain(sim.password);
  });

  it('a CLI change and the same change over dispatch() leave operation records of the same shape; the SEL is cleared at the simulator each time', async () => {
    // One entry in the simulator's SEL (Add SEL Entry, a system event record), counted by ipmitool, not by FieldKit.
    const addEntry = () => sim.ipmitool(['raw', '0x0a', '0x44', '0x00', '0x00', '0x02', '0x00', '0x00', '0x00', '0x00', '0x20', '0x00', '0x04', '0x21', '0x35', '0x6f', '0x02', '0xff', '0xff']);
    const entries = async () => Number(/Entries\s*:\s*(\d+)/.exec((await sim.ipmitool(['sel', 'info'])).stdout)?.[1]);

    await addEntry();
    expect(await entries()).toBeGreaterThan(0);
    const cli = await fieldkit(['sel', 'clear', 'node1', '--yes'], env);
    expect(cli.code, cli.stderr).toBe(0);
    expect(await entries()).toBe(0);

    await addEntry();
    expect(await entries()).toBeGreaterThan(0);
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    // The window's path: confirm.prepare, then the change with its one-time id. The password as a
    // terminal front end hands it over (this test process has no FIELDKIT_PASSWORD).
    const ctx: HandlerContext = { services, via: 'host', who: 'tester', emit: () => undefined, bmcAccess: { password: sim.password } };
    try {
      const prepared = await dispatch('confirm.prepare', { action: 'sel.clear', server: 'node1' }, ctx);
      if (!prepared.ok) throw new Error(prepared.error.id);
      const r = await dispatch('ipmi.selClear', { server: 'node1', confirmationId: (prepared.value as { confirmationId: string }).confirmationId }, ctx);
      expect(r.ok ? 'ok' : r.error.id).toBe('ok');
    } finally {
      await services.close();
    }
    expect(await entries()).toBe(0);

    const records = operations().filter((o) => o.action === 'ipmi.sel.clear') as unknown as Array<Record<string, unknown>>;
    const fromCli = records.filter((o) => o.via === 'cli');
    const fromHost = records.filter((o) => o.via === 'host');
    expect(fromCli).toHaveLength(1);
    expect(fromHost).toHaveLength(1);
    // The same fields, and the same values but for who asked, through which front end and when.
    expect(Object.keys(fromCli[0]).sort()).toEqual(Object.keys(fromHost[0]).sort());
    const what = ({ when: _w, who: _who, via: _via, ...rest }: Record<string, unknown>) => rest;
    expect(what(fromCli[0])).toEqual(what(fromHost[0]));
    expect(what(fromCli[0])).toMatchObject({ target: 'node1', result: 'ok', bmc: `primary 127.0.0.1:${relay.port}` });
  });

  it('over the handler table, raw (even marked read-only) and rearm without a confirmation id are refused and send nothing', async () => {
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    const ctx: HandlerContext = { services, via: 'host', who: 'tester', emit: () => undefined };
    try {
      const before = sent;
      const raw = await dispatch('ipmi.raw', { server: 'node1', netFn: 0x00, cmd: 0x02, data: [0x03] }, ctx);
      const readOnly = await dispatch('ipmi.raw', { server: 'node1', netFn: 0x04, cmd: 0x2d, data: [0x35], readOnly: true }, ctx);
      const rearm = await dispatch('ipmi.rearm', { server: 'node1', sensor: 'PCI Slot 5' }, ctx);
      for (const r of [raw, readOnly, rearm]) expect(r.ok ? 'ok' : r.error.id).toBe('CONFIRM_MISSING');
      expect(sent).toBe(before);
      expect(operations().filter((o) => o.result === 'refused' && o.via === 'host').map((o) => o.action)).toEqual(['ipmi.raw.0x00.0x02', 'ipmi.raw.0x04.0x2d', 'ipmi.rearm']);
    } finally {
      await services.close();
    }
  });
});

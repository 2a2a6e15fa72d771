/**
 * The window's Serial over LAN service through the handler table, against
 * ipmi_sim whose host serial port is a TCP server of the test's own
 * (test/support/serial-host.ts): the host's lines reach the window's event
 * stream and the transcript, keystrokes reach the host, one console per
 * server, Disconnect and a closed window deactivate the payload (the
 * simulator's Get Payload Activation Status says so; ipmitool counts the
 * sessions), a takeover needs the main process's confirmation, and the
 * transcript is saved into the open recovery case and into the dump.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import type { SolEndedView, SolOutputEvent, SolStateEvent } from '../../../shared/contract/sol';
import { emptyInventory, INVENTORY_SCHEMA_VERSION, newCluster, newServer } from '../../../shared/model/inventory';
import type { RecoveryCase } from '../../../shared/model/case';
import { dispatch, type HandlerContext } from '../../../src-main/api';
import { IpmiEngine, type IpmiTarget } from '../../../src-main/engines/ipmi';
import { Services } from '../../../src-main/services/container';
import { dumpOf } from '../../../src-main/services/dump/wire';
import { jobsOf } from '../../../src-main/services/jobs';
import { RingTranscript } from '../../../src-main/services/sol';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { startSerialHost, type SerialHost } from '../../support/serial-host';

const skip = !hasIpmiSim || !hasIpmitool;
if (skip) console.warn(`SOL service tests ${skipReason({ sim: true, ipmitool: true })}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RingTranscript', () => {
  it('keeps the newest bytes up to its limit and counts what fell off', () => {
    const r = new RingTranscript(10);
    r.append(Buffer.from('0123456'));
    r.append(Buffer.from('789ab'));
    expect(r.bytes().toString()).toBe('23456789ab');
    expect(r.dropped).toBe(2);
    expect(r.total).toBe(12);
    r.append(Buffer.from('ABCDEFGHIJKLMN'));
    expect(r.bytes().toString()).toBe('EFGHIJKLMN');
    expect(r.length).toBe(10);
    expect(r.dropped).toBe(16);
  });
});

/** Get Payload Activation Status (App 0x4A) for SOL, as ipmitool reads it from the simulator: is instance 1 active? */
async function solActive(sim: IpmiSim): Promise<boolean> {
  const r = await sim.ipmitool(['raw', '0x06', '0x4a', '0x01']);
  expect(r.code, r.stderr).toBe(0);
  const bytes = r.stdout.trim().split(/\s+/).map((h) => parseInt(h, 16));
  return (bytes[1] & 0x01) === 1;
}

async function activeSessions(sim: IpmiSim): Promise<number> {
  const r = await sim.ipmitool(['session', 'info', 'active']);
  return Number(/active sessions\s*:\s*(\d+)/.exec(r.stdout)?.[1] ?? -1);
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

describe.skipIf(skip)('SOL service against ipmi_sim', () => {
  let host: SerialHost;
  let sim: IpmiSim;
  let home: string;
  let services: Services;
  let ctx: HandlerContext;
  const outputs: SolOutputEvent[] = [];
  const states: SolStateEvent[] = [];
  const savedPassword = process.env.FIELDKIT_PASSWORD;

  const shown = () => Buffer.concat(outputs.filter((o) => o.server === 'node1').map((o) => Buffer.from(o.data, 'base64')));
  const call = (channel: string, payload: unknown, c: HandlerContext = ctx, job = {}) => dispatch(channel, payload, c, job);
  const opened = () => states.filter((s) => s.state === 'open').length;

  /**
   * sol.open runs until the console ends: start it, wait for 'sol.state' open.
   * The running call is handed back in an object (an async function would wait for a returned promise).
   */
  async function openConsole(payload: Record<string, unknown> = {}, job = {}, c: HandlerContext = ctx): Promise<{ running: Promise<Envelope<unknown>> }> {
    const before = opened();
    const running = call('sol.open', { server: 'node1', ...payload }, c, job);
    let failed: Envelope<unknown> | undefined;
    void running.then((e) => { if (!e.ok) failed = e; });
    await until(() => opened() > before || failed !== undefined, 15_000, 'console open');
    if (failed) throw new Error(JSON.stringify(failed));
    return { running };
  }

  beforeAll(async () => {
    host = await startSerialHost();
    sim = await startIpmiSim({ solPort: host.port });
    await host.connected(10_000);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sol-'));
    const inv = emptyInventory();
    inv.schemaVersion = INVENTORY_SCHEMA_VERSION;
    const cl = newCluster('lab');
    cl.servers.push(newServer('node1', { host: '127.0.0.1', port: sim.port }, sim.username));
    inv.clusters.push(cl);
    fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
    // The BMC password as an unattended run gives it (resolveBmcSecret: keychain, then the environment).
    process.env.FIELDKIT_PASSWORD = sim.password;
    services = new Services({ home, app: { name: 'BMC FieldKit', version: '0.0.0-test' } });
    services.bus.subscribe((event, payload) => {
      if (event === 'sol.output') outputs.push(payload as SolOutputEvent);
      if (event === 'sol.state') states.push(payload as SolStateEvent);
    });
    ctx = { services, via: 'ui', who: 'tester', emit: (e, p) => services.bus.publish(e, p) };
  });

  afterAll(async () => {
    await services?.close();
    if (savedPassword === undefined) delete process.env.FIELDKIT_PASSWORD;
    else process.env.FIELDKIT_PASSWORD = savedPassword;
    await stopAllSims();
    await host?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows the host\'s lines, sends keystrokes, refuses a second console, and Disconnect deactivates the payload', async () => {
    const cfg = await call('sol.config', { server: 'node1' });
    expect(cfg.ok, JSON.stringify(cfg)).toBe(true);
    expect((cfg as { value: { enabled: boolean; answeredBy: string } }).value).toMatchObject({ enabled: true, answeredBy: `primary 127.0.0.1:${sim.port}` });
    const { running } = await openConsole();
    expect(await solActive(sim)).toBe(true);
    const open = states.find((s) => s.state === 'open');
    expect(open && open.state === 'open' && open.console.answeredBy).toBe(`primary 127.0.0.1:${sim.port}`);

    // The host prints 64 KiB of numbered lines: the window's stream gets every byte once, in order.
    const text = Buffer.from(Array.from({ length: 1200 }, (_, i) => `boot line ${String(i).padStart(5, '0')} ${'.'.repeat(40)}\r\n`).join(''));
    await host.write(text);
    await until(() => shown().length >= text.length, 30_000, 'host text shown');
    expect(shown().equals(text)).toBe(true);

    // Keystrokes typed in the window arrive at the host's serial port.
    const before = host.received().length;
    const typed = await call('sol.write', { server: 'node1', data: Buffer.from('root\r').toString('base64') });
    expect(typed).toEqual({ ok: true, value: { accepted: 5 } });
    await host.waitForReceived((b) => b.subarray(before).toString() === 'root\r', 5000);

    // One console per server: a second Connect (another tab) is refused with its own message.
    const second = await call('sol.open', { server: 'node1' });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error.id).toBe('SOLCONSOLE_ALREADY_OPEN');

    const transcript = await call('sol.transcript', { server: 'node1' });
    expect(transcript.ok && Buffer.from((transcript.value as { data: string }).data, 'base64').equals(text)).toBe(true);

    expect(await call('sol.close', { server: 'node1' })).toEqual({ ok: true, value: { closed: true } });
    const ended = await running;
    expect(ended.ok).toBe(true);
    expect((ended as { value: SolEndedView }).value.errorId).toBeUndefined();
    expect((ended as { value: SolEndedView }).value.stats?.bytesIn).toBe(text.length);
    expect(await solActive(sim)).toBe(false);
    const write = await call('sol.write', { server: 'node1', data: 'eA==' });
    expect(!write.ok && write.error.id).toBe('SOLCONSOLE_NOT_OPEN');
    const log = fs.readFileSync(path.join(services.logs.dir, fs.readdirSync(services.logs.dir).find((f) => f.startsWith('operation'))!), 'utf8');
    expect(log).toContain('"action":"sol.activate"');
  });

  it('a window that goes away ends its console (no payload left active)', async () => {
    const { running } = await openConsole({}, { owner: 'ipc:7' });
    expect(await solActive(sim)).toBe(true);
    expect(jobsOf(services).cancelOwnedBy('ipc:7')).toBe(1);
    const ended = await running;
    expect(ended.ok).toBe(true);
    expect(await solActive(sim)).toBe(false);
  });

  it('a console in use by another user: SOL_IN_USE, takeover refused without the confirmation, works with it', async () => {
    const other = new IpmiEngine();
    const target: IpmiTarget = { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 };
    const theirs = await other.openSol(target);
    const theirEnd = new Promise<{ errorId?: string }>((r) => theirs.onClose(r));
    try {
      const refused = await call('sol.open', { server: 'node1' });
      expect(!refused.ok && refused.error.id).toBe('SOL_IN_USE');
      const unconfirmed = await call('sol.open', { server: 'node1', takeover: true });
      expect(!unconfirmed.ok && unconfirmed.error.id).toBe('CONFIRM_MISSING');
      // A confirmation for another action is not one for the takeover.
      const wrong = await call('confirm.prepare', { action: 'power.on', server: 'node1' });
      const misused = await call('sol.open', { server: 'node1', takeover: true, confirmationId: (wrong as { value: { confirmationId: string } }).value.confirmationId });
      expect(!misused.ok && misused.error.id).toBe('CONFIRM_WRONG_ACTION');
      expect(await solActive(sim)).toBe(true);

      const prepared = await call('confirm.prepare', { action: 'sol.takeover', server: 'node1' });
      expect(prepared.ok).toBe(true);
      const summary = (prepared as { value: { confirmationId: string; summary: { en: string; ja: string } } }).value;
      expect(summary.summary.en).toMatch(/other user's console ends/);
      expect(summary.summary.ja).toContain('サーバ "node1"');
      const { running } = await openConsole({ takeover: true, confirmationId: summary.confirmationId });
      const st = states.filter((s) => s.state === 'open').at(-1);
      expect(st && st.state === 'open' && st.console.tookOver).toBe(true);
      const mark = shown().length;
      await host.write('after takeover\r\n');
      await until(() => shown().subarray(mark).toString() === 'after takeover\r\n', 5000, 'text after takeover');
      await call('sol.close', { server: 'node1' });
      await running;
      expect(await solActive(sim)).toBe(false);
    } finally {
      await Promise.race([theirEnd, sleep(3000)]);
      await other.close();
    }
  });

  it('Save transcript goes into the open recovery case; the dump carries the transcript as a file in its manifest', async () => {
    const none = await call('sol.save', { server: 'node1' });
    expect(!none.ok && none.error.id).toBe('SOLCONSOLE_NO_OPEN_CASE');

    // An open case of node1, as the wizard leaves it at the power-on step.
    const caseId = '2026-12-02T21-00-00Z-node1-ab12';
    const now = new Date().toISOString();
    const c: RecoveryCase = {
      id: caseId, schema: 1, server: 'node1', operator: 'tester', via: 'ui', createdAt: now, updatedAt: now, phase: 'power-on',
      bmcsAnswered: [], fencedSlots: [], slotsBefore: [], selBefore: [], steps: [],
    };
    fs.mkdirSync(path.join(home, 'cases'), { recursive: true });
    fs.writeFileSync(path.join(home, 'cases', `${caseId}.json`), JSON.stringify(c));

    const saved = await call('sol.save', { server: 'node1' });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const v = (saved as { value: { caseId: string; name: string; bytes: number } }).value;
    expect(v.caseId).toBe(caseId);
    expect(v.name).toMatch(/^sol-node1-\d{8}-\d{6}\.txt$/);
    const file = path.join(home, 'cases', `${caseId}.files`, v.name);
    const kept = Buffer.from(((await call('sol.transcript', { server: 'node1' })) as { value: { data: string } }).value.data, 'base64');
    expect(fs.readFileSync(file).equals(kept)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const got = await call('recovery.get', { caseId });
    expect((got as { value: RecoveryCase }).value.attachments).toEqual([expect.objectContaining({ name: v.name, kind: 'sol-transcript', bytes: kept.length })]);
    const report = await call('recovery.report', { caseId, format: 'html', lang: 'ja' });
    expect((report as { value: { content: string } }).value.content).toMatch(new RegExp(`ケースに保存したファイル[\\s\\S]*${v.name}`));
    // The transcript's metadata carries no secret.
    expect(JSON.stringify((got as { value: RecoveryCase }).value.attachments)).not.toContain(sim.password);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sol-dump-'));
    try {
      const r = await dumpOf(services).run({ outputDir: out, servers: ['node1'], noBmc: true });
      const x = path.join(out, 'x');
      fs.mkdirSync(x);
      execFileSync('tar', ['-xzf', r.file, '-C', x]);
      const root = path.join(x, fs.readdirSync(x)[0]);
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { files: { path: string; size: number }[] };
      const item = manifest.files.find((f) => f.path === 'servers/node1/sol-node1.txt');
      expect(item?.size).toBe(kept.length);
      expect(fs.readFileSync(path.join(root, 'servers', 'node1', 'sol-node1.txt')).equals(kept)).toBe(true);
      // The case's attachment travels with the cases folder too.
      expect(manifest.files.some((f) => f.path === `cases/${caseId}.files/${v.name}`)).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('app quit (services closed) deactivates an open console and closes the session', async () => {
    const { running } = await openConsole();
    expect(await solActive(sim)).toBe(true);
    await services.close();
    const ended = await running;
    expect(ended.ok).toBe(true);
    expect(await solActive(sim)).toBe(false);
    expect(await activeSessions(sim)).toBe(1);
  });
});

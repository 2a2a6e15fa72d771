import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Envelope } from '../../../shared/contract';
import type { ConfirmPrepared } from '../../../shared/contract/confirm';
import { CredentialService } from '../../../src-main/services/credentials/service';
import { startHeadlessHost, type StartedHost } from '../../support/headless-host';
import { hasIpmiSim, skipReason, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { makeHomeWith, powerLog, startFencedServer } from '../recovery/setup';

/*
 * "The main process decides that a change was confirmed; no caller may claim
 * it." Over the real headless host's WebSocket (`fieldkit serve`), against two
 * ipmi_sim servers: every refused change leaves the simulators' power logs
 * (chassis.log, written by their chassis_control scripts) untouched; an
 * accepted one is carried out exactly once.
 */
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
const why = skipReason({ sim: true }) ?? (inKeyring ? undefined : 'not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');
if (why) console.warn(`[confirmations] WebSocket tests skipped: ${why}`);

/** Short enough to wait out in a test, long enough for a loaded machine between prepare and use. */
const TTL_MS = 3000;

describe.skipIf(Boolean(why) || !hasIpmiSim || !inKeyring)('confirmations over the headless host WebSocket, against ipmi_sim', () => {
  let node1: IpmiSim;
  let node2: IpmiSim;
  let host: StartedHost;
  let ws: WebSocket;
  let rendererDir: string;
  const keychain = new CredentialService();
  const endpoints: { host: string; port: number }[] = [];
  let nextId = 1;
  const waiting = new Map<number, (e: Envelope<unknown>) => void>();

  function send(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  }
  async function errorId(channel: string, payload: unknown): Promise<string> {
    const r = await send(channel, payload);
    return r.ok ? 'ok' : r.error.id;
  }
  async function prepare(payload: Record<string, unknown>): Promise<ConfirmPrepared> {
    const r = await send('confirm.prepare', payload);
    if (!r.ok) throw new Error(`confirm.prepare refused: ${r.error.id} ${r.error.message}`);
    return r.value as ConfirmPrepared;
  }
  /** The whole chassis.log of a simulator: unchanged bytes mean it carried out nothing. */
  const chassisLog = (sim: IpmiSim) => {
    const f = path.join(sim.dir, 'chassis.log');
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  };

  beforeAll(async () => {
    node1 = await startFencedServer();
    node2 = await startFencedServer();
    const home = makeHomeWith([
      { name: 'node1', sim: node1 },
      { name: 'node2', sim: node2 },
    ]);
    // The host resolves passwords from the keychain (the private one of scripts/with-keyring.sh).
    for (const sim of [node1, node2]) {
      for (const port of [sim.port, sim.secondaryPort!]) {
        endpoints.push({ host: '127.0.0.1', port });
        await keychain.set({ host: '127.0.0.1', port }, sim.username, sim.password);
      }
    }
    // The API is all this test needs of the host: a stub page instead of the built renderer.
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-confirm-ui-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FieldKit</title>');
    host = await startHeadlessHost({
      home,
      env: { FIELDKIT_RENDERER_DIR: rendererDir, FIELDKIT_CONFIRMATION_TTL_MS: String(TTL_MS), FIELDKIT_IPMI_TIMEOUT_MS: '1500', FIELDKIT_PASSWORD: undefined },
    });
    ws = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(host.token)}`);
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id?: number; envelope?: Envelope<unknown> };
      if (typeof msg.id === 'number' && msg.envelope) {
        waiting.get(msg.id)?.(msg.envelope);
        waiting.delete(msg.id);
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  });

  afterAll(async () => {
    ws?.close();
    await host?.stop();
    for (const ep of endpoints) await keychain.delete(ep, 'admin').catch(() => undefined);
    await stopAllSims();
    if (host) fs.rmSync(host.home, { recursive: true, force: true });
    if (rendererDir) fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('reads need no confirmation; confirm.prepare answers an id, its expiry and what will happen', async () => {
    const status = await send('ipmi.power', { server: 'node1', action: 'status' });
    expect(status.ok).toBe(true);
    const before = Date.now();
    const p = await prepare({ action: 'power.off', server: 'node1' });
    expect(p.confirmationId).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(Date.parse(p.expiresAt) - before).toBeLessThanOrEqual(TTL_MS + 1000);
    expect(p.summary.en).toContain('Power off server "node1"');
    expect(p.summary.en).toContain(`127.0.0.1:${node1.port}`);
    expect(p.summary.ja).toContain('node1');
    expect(await errorId('confirm.prepare', { action: 'power.off', server: 'ghost' })).toBe('SERVER_UNKNOWN');
  });

  it('a power request without a valid confirmation is refused and the BMC carries out nothing', async () => {
    const log1 = chassisLog(node1);
    expect(await errorId('ipmi.power', { server: 'node1', action: 'off' })).toBe('CONFIRM_MISSING');
    expect(await errorId('ipmi.power', { server: 'node1', action: 'cycle', confirmationId: '' })).toBe('CONFIRM_MISSING');
    expect(await errorId('ipmi.power', { server: 'node1', action: 'reset', confirmationId: 'forged-by-a-token-holder' })).toBe('CONFIRM_UNKNOWN');
    // The old way of claiming it is no longer part of the contract.
    expect(await errorId('recovery.powerOn', { caseId: 'c1', confirmed: true })).toBe('IPC_BAD_PAYLOAD');
    expect(await errorId('ipmi.selClear', { server: 'node1' })).toBe('CONFIRM_MISSING');
    expect(chassisLog(node1)).toBe(log1);
    expect(node1.powerState()).toBe(true);
  });

  it('an id for another server, or for another action, is refused (and used up)', async () => {
    const [log1, log2] = [chassisLog(node1), chassisLog(node2)];
    const forNode2 = await prepare({ action: 'power.off', server: 'node2' });
    expect(await errorId('ipmi.power', { server: 'node1', action: 'off', confirmationId: forNode2.confirmationId })).toBe('CONFIRM_WRONG_TARGET');
    // Presented once, gone: it cannot be tried again on the server it was for.
    expect(await errorId('ipmi.power', { server: 'node2', action: 'off', confirmationId: forNode2.confirmationId })).toBe('CONFIRM_UNKNOWN');

    const forOn = await prepare({ action: 'power.on', server: 'node1' });
    expect(await errorId('ipmi.power', { server: 'node1', action: 'cycle', confirmationId: forOn.confirmationId })).toBe('CONFIRM_WRONG_ACTION');
    const forOff = await prepare({ action: 'power.off', server: 'node1' });
    expect(await errorId('ipmi.selClear', { server: 'node1', confirmationId: forOff.confirmationId })).toBe('CONFIRM_WRONG_ACTION');

    // A confirmed harmless raw command (Get Device ID) cannot carry a different one (Chassis Control: hard reset).
    const getDeviceId = await prepare({ action: 'raw', server: 'node1', detail: { netFn: 0x06, cmd: 0x01 } });
    expect(await errorId('ipmi.raw', { server: 'node1', netFn: 0x00, cmd: 0x02, data: [0x03], confirmationId: getDeviceId.confirmationId })).toBe('CONFIRM_WRONG_TARGET');

    expect(chassisLog(node1)).toBe(log1);
    expect(chassisLog(node2)).toBe(log2);
    expect(node1.powerState()).toBe(true);
    expect(node2.powerState()).toBe(true);
  });

  it('an id used after it expired is refused', async () => {
    const log1 = chassisLog(node1);
    const p = await prepare({ action: 'power.reset', server: 'node1' });
    await new Promise((r) => setTimeout(r, TTL_MS + 300));
    expect(await errorId('ipmi.power', { server: 'node1', action: 'reset', confirmationId: p.confirmationId })).toBe('CONFIRM_EXPIRED');
    expect(chassisLog(node1)).toBe(log1);
  });

  it('an accepted change is carried out exactly once; the same id a second time is refused', async () => {
    const before = powerLog(node1).length;
    const p = await prepare({ action: 'power.off', server: 'node1' });
    const r = await send('ipmi.power', { server: 'node1', action: 'off', wait: true, waitTimeoutS: 20, confirmationId: p.confirmationId });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(node1.powerState()).toBe(false);
    expect(powerLog(node1).slice(before)).toEqual(['power 1 -> 0']);

    expect(await errorId('ipmi.power', { server: 'node1', action: 'off', confirmationId: p.confirmationId })).toBe('CONFIRM_UNKNOWN');
    const on = await prepare({ action: 'power.on', server: 'node1' });
    expect(await errorId('ipmi.power', { server: 'node1', action: 'on', wait: true, waitTimeoutS: 20, confirmationId: on.confirmationId })).toBe('ok');
    expect(await errorId('ipmi.power', { server: 'node1', action: 'on', confirmationId: on.confirmationId })).toBe('CONFIRM_UNKNOWN');
    expect(powerLog(node1).slice(before)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    expect(node1.powerState()).toBe(true);
  });

  it('recovery steps need their own confirmation, for that case of that server', async () => {
    const started = await send('recovery.start', { server: 'node1' });
    if (!started.ok) throw new Error(`recovery.start refused: ${started.error.message}`);
    const caseId = (started.value as { id: string }).id;
    const log1 = chassisLog(node1);
    expect(await errorId('recovery.clearFaults', { caseId })).toBe('CONFIRM_MISSING');
    expect(await errorId('recovery.powerOff', { caseId, confirmName: 'node1' })).toBe('CONFIRM_MISSING');
    expect(await errorId('recovery.powerOn', { caseId })).toBe('CONFIRM_MISSING');
    const ipmiOff = await prepare({ action: 'power.off', server: 'node1' });
    expect(await errorId('recovery.powerOff', { caseId, confirmName: 'node1', confirmationId: ipmiOff.confirmationId })).toBe('CONFIRM_WRONG_ACTION');
    expect(await errorId('confirm.prepare', { action: 'recovery.powerOff', server: 'node2', detail: { caseId } })).toBe('CONFIRM_CASE_MISMATCH');
    // Clearing faults with the SEL is another change than clearing faults alone.
    const faultsOnly = await prepare({ action: 'recovery.clearFaults', server: 'node1', detail: { caseId } });
    expect(await errorId('recovery.clearFaults', { caseId, clearSel: true, confirmationId: faultsOnly.confirmationId })).toBe('CONFIRM_WRONG_TARGET');
    expect(chassisLog(node1)).toBe(log1);

    // Every refusal is in the operation log.
    const ops = await send('logs.operations', { limit: 200 });
    const refused = (ops.ok ? (ops.value as { result: string; errorId?: string }[]) : []).filter((o) => o.result === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(12);
    expect(refused.every((o) => o.errorId?.startsWith('CONFIRM_'))).toBe(true);
    await send('recovery.abort', { caseId });
  });
});

/**
 * The engineer's IPMI defaults (Settings, settings.json) are what FieldKit
 * really uses: a new server gets the default suite and privilege, and every
 * request that names no budget of its own gets the default time budget and
 * retransmissions, counted at the peer (a UDP socket of ours that never
 * answers), not taken from FieldKit's word. A command's --timeout wins.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFieldkit } from '../../support/cli';

let home: string;
let silent: dgram.Socket;
let port: number;
let received = 0;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-ipmi-defaults-'));
  silent = dgram.createSocket('udp4');
  silent.on('message', () => received++);
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  port = silent.address().port;
});
afterAll(() => {
  silent?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const writeSettings = (ipmi: Record<string, unknown>) =>
  fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ monitorIntervalSeconds: 30, ipmi }));
const env = { FIELDKIT_PASSWORD: 'not-a-real-password', DBUS_SESSION_BUS_ADDRESS: '' };
const servers = () =>
  (JSON.parse(fs.readFileSync(path.join(home, 'inventory.json'), 'utf8')) as { clusters: { servers: { name: string; ipmi: { cipherSuite: number; privilege: string } }[] }[] }).clusters.flatMap((c) => c.servers);

describe('IPMI defaults from Settings', () => {
  it('a new server (pserver add) starts with the default suite and privilege; an existing one keeps its own', async () => {
    const first = await runFieldkit(home, ['pserver', 'add', 'node1', `addr=127.0.0.1:${port}`, 'account=admin', '--password-stdin'], { stdin: 'x\n', env });
    expect(first.code, first.stderr).toBe(0);
    writeSettings({ newServerCipherSuite: 17, newServerPrivilege: 'OPERATOR' });
    const second = await runFieldkit(home, ['pserver', 'add', 'node2', `addr=127.0.0.1:${port + 1}`, 'account=admin', '--password-stdin'], { stdin: 'x\n', env });
    expect(second.code, second.stderr).toBe(0);
    const byName = Object.fromEntries(servers().map((s) => [s.name, s.ipmi]));
    expect(byName.node1).toMatchObject({ cipherSuite: 3, privilege: 'ADMINISTRATOR' });
    expect(byName.node2).toMatchObject({ cipherSuite: 17, privilege: 'OPERATOR' });
  });

  it('the time budget and retransmissions reach the wire; a command\'s --timeout wins', async () => {
    const attempt = async (ipmi: Record<string, unknown>, extra: string[] = []) => {
      writeSettings(ipmi);
      received = 0;
      const t0 = Date.now();
      const r = await runFieldkit(home, ['mc', 'info', 'node1', '--json', ...extra], { env });
      const ms = Date.now() - t0;
      await new Promise((res) => setTimeout(res, 200)); // the last datagram in flight
      return { r, ms, datagrams: received, error: (JSON.parse(r.stdout || r.stderr) as { error: { id: string; text: string } }).error };
    };
    const none = await attempt({ timeoutMs: 1500, retries: 0 });
    expect(none.r.code).toBe(1);
    expect(none.error.id).toBe('IPMI_NO_RESPONSE');
    expect(none.error.text).toContain('within 1500 ms');
    expect(none.ms).toBeLessThan(4500); // not FieldKit's own 5 s
    const three = await attempt({ timeoutMs: 1500, retries: 3 });
    expect(three.error.text).toContain('within 1500 ms');
    // The peer saw three more copies of the unanswered request.
    expect(three.datagrams - none.datagrams).toBe(3);
    const own = await attempt({ timeoutMs: 1500, retries: 0 }, ['--timeout', '2500']);
    expect(own.error.text).toContain('within 2500 ms');
  });
});

/**
 * `fieldkit explain` and `fieldkit show compare` through the built CLI. No
 * BMC is contacted (compare without --live reads only the text and the inventory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyInventory, newCluster, newServer } from '../../../shared/model/inventory';
import { runCli } from '../recovery/setup';

let home: string;
const env = { ...process.env, FIELDKIT_LANG: 'en' };

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-conn-'));
  const inv = emptyInventory();
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  for (let i = 1; i <= 2; i++) c.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: `192.168.0.${i}` });
  inv.clusters.push(c);
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('fieldkit explain', () => {
  it('explains an id and a pasted syslog line, in English and Japanese; an unknown id is a catalogued error', async () => {
    const r = await runCli(['explain', 'HCME1012'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("HCME1012: HA connector service cannot be started. Please check HA connector's configuration.");
    expect(r.stdout).toContain('haconnsetup show setting');
    const ja = await runCli(['--lang', 'ja', 'explain', 'Dec 2 03:00:00 srv1 haconnd: HCME1010: HA connector service cannot be started.'], env);
    expect(ja.stdout).toContain('ipmitool をインストール');
    const list = await runCli(['explain', '--list', '--json'], env);
    // The Connector's messages come first; the CLUSTERPRO notices follow (test/integration/monitor/guide-cli.test.ts).
    expect(JSON.parse(list.stdout).map((m: { id: string }) => m.id).slice(0, 6)).toEqual(['HCME1010', 'HCME1011', 'HCME1012', 'HCME1013', 'HCME1020', 'NOT-PROCESSING']);
    const bad = await runCli(['explain', 'HCME9999'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).toContain('MONITOR_EXPLAIN_UNKNOWN');
  });
});

describe('fieldkit show compare', () => {
  it('reads a server\'s haconnsetup show status and lists the differences; malformed text is refused per line', async () => {
    const f = path.join(home, 'status.txt');
    fs.writeFileSync(f, '-- HA monitor connector service status --\n # name  link status\n 1 PSERVER1  OK monitoring\n 2 PSERVER2  NG monitoring\n');
    const r = await runCli(['--home', home, 'show', 'compare', f, '--from', 'PSERVER1'], env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('PSERVER2 shows link NG from PSERVER1.');
    expect(r.stdout).toContain('No server shows "(own server)" (PSERVER1)');
    const bad = path.join(home, 'bad.txt');
    fs.writeFileSync(bad, '-- HA monitor connector service status --\n 1 PSERVER1  maybe fine\n');
    const b = await runCli(['--home', home, 'show', 'compare', bad], env);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('line 2:');
    expect(b.stderr + b.stdout).toContain('MONITOR_CONNECTOR_TEXT_INVALID');
  });
});

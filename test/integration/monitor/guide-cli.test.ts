/**
 * The guide catalogue and the prerequisites checklist through the built CLI
 * (`npm run build:cli` first): `fieldkit explain` by id, pasted syslog line,
 * --search and --list, its exit code for unknown input, and the per-model
 * checklist in `fieldkit config check`. No BMC is contacted: the addresses
 * in the inventory are only data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICES } from '../../../shared/guide/notices';
import { emptyInventory, newCluster, newServer } from '../../../shared/model/inventory';
import { runCli } from '../recovery/setup';

let home: string;
const env = { ...process.env, FIELDKIT_LANG: 'en' };

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-guide-'));
  const inv = emptyInventory();
  const ha = newCluster('hitachi');
  ha.resetPath = { prefixLength: 24, port: 30000 };
  for (let i = 1; i <= 2; i++) ha.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: `192.168.0.${i}`, model: 'HA8000' });
  const ex = newCluster('express');
  ex.servers.push({ ...newServer('expr1', { host: '192.168.1.11' }, 'admin'), model: 'Express5800/A1080a' });
  inv.clusters.push(ha, ex);
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('fieldkit explain', () => {
  it('explains a pasted syslog line in the guide\'s text, naming the guide, in English and Japanese', async () => {
    const line = 'Dec  2 03:00:00 server1 haconnd[2211]: HCME1013: HA connector service cannot be started. Please reinstall HA connector.';
    const en = await runCli(['explain', line], env);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('HCME1013  [HA Monitor Connector (HA8000); HA8000 HA Monitor Option, HA Monitor Connector guide');
    expect(en.stdout).toContain('Reinstall HA Monitor Connector');
    const ja = await runCli(['--lang', 'ja', 'explain', line], env);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toContain('再インストール');
  });

  it('explains a ServerAgent event and marks FieldKit\'s own ids', async () => {
    const ev = await runCli(['explain', 'c0000454'], env);
    expect(ev.code, ev.stderr).toBe(0);
    expect(ev.stdout).toContain('ESMCOMMONSERVICE');
    expect(ev.stdout).toContain('何もしない');
    const own = await runCli(['explain', 'Fault Status Asserted'], env);
    expect(own.stdout).toContain("CONSOLE-FAULT-ASSERTED (FieldKit's id)");
    expect(own.stdout).toContain('Clear All Faults');
  });

  it('--json gives the entry and how it was matched', async () => {
    const r = await runCli(['explain', 'HCME1020', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'HCME1020', matchedBy: 'id', source: 'connector', idKind: 'vendor' });
  });

  it('--list lists every entry; --search lists the matching ones, or says none does', async () => {
    const list = await runCli(['explain', '--list', '--json'], env);
    expect(JSON.parse(list.stdout).map((n: { id: string }) => n.id)).toEqual(NOTICES.map((n) => n.id));
    const s = await runCli(['explain', '--search', 'ESMCOMMONSERVICE', '--json'], env);
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout).map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['C00001FD', 'C0000203', 'C0000454']));
    const none = await runCli(['explain', '--search', 'zebra quartz'], env);
    expect(none.stdout).toContain('no message matches');
  });

  it('exits non-zero with MONITOR_EXPLAIN_UNKNOWN for input the catalogue does not hold, in the user\'s language', async () => {
    const bad = await runCli(['explain', 'kernel: eth0 link up'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toContain('MONITOR_EXPLAIN_UNKNOWN');
    expect(bad.stderr + bad.stdout).toContain('is not in FieldKit\'s catalogue');
    const ja = await runCli(['--lang', 'ja', 'explain', 'HCME9999', '--json'], env);
    expect(ja.code).not.toBe(0);
    expect(ja.stdout + ja.stderr).toContain('MONITOR_EXPLAIN_UNKNOWN');
  });
});

describe('fieldkit config check', () => {
  it('lists each model\'s prerequisites as "check by hand", without counting them as errors', async () => {
    const r = await runCli(['--home', home, 'config', 'check'], env);
    expect(r.stdout).toContain('Prerequisites from the vendors\' guides, per model');
    expect(r.stdout).toContain('[ ] check by hand: The server is an HA8000 covered by the HA Monitor Option');
    expect(r.stdout).toMatch(/UDP 30000 .*UDP 623/);
    expect(r.stdout).toContain('C00001FD, C0000203, C0000454');
    expect(r.stdout).not.toContain('acpi');
    const j = await runCli(['--home', home, 'config', 'check', '--json'], env);
    const out = JSON.parse(j.stdout) as { errors: number; prerequisites: { items: { id: string; kind: string; servers: string[] }[] } };
    expect(out.prerequisites.items.find((i) => i.id === 'ha8000.option')).toMatchObject({ kind: 'confirm', servers: ['PSERVER1', 'PSERVER2'] });
    expect(out.prerequisites.items.find((i) => i.id === 'express5800.esmpro-events')?.servers).toEqual(['expr1']);
    // The manual items never make the check fail: the exit code follows the inventory's own errors.
    expect(j.code).toBe(out.errors ? 1 : 0);
    const ja = await runCli(['--home', home, '--lang', 'ja', 'config', 'check'], env);
    expect(ja.stdout).toContain('[ ] 手動で確認: ');
  });
});

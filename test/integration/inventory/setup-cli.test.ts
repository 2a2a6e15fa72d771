/**
 * The per-server reset path and the Connector set-up export through the
 * built CLI (npm run build:cli first): `resetpath --server`, `pserver mod
 * --model`, `show setting --format haconnsetup --server`, `config check`
 * and `show setup` in both languages. No BMC is contacted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyInventory, newCluster, newServer } from '../../../shared/model/inventory';
import { runFieldkit } from '../../support/cli';
import { tempDir } from '../../support/inventory';

let home: string;
const fk = (args: string[]) => runFieldkit(home, args);
const file = () => path.join(home, 'inventory.json');
const saved = () => JSON.parse(fs.readFileSync(file(), 'utf8'));

/** The HA Monitor Connector guide's example; PSERVER4's own reset-path address not recorded yet. */
beforeAll(() => {
  home = tempDir('fk-setup-cli-');
  const inv = emptyInventory();
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  for (let i = 1; i <= 4; i++) {
    const s = newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi');
    if (i < 4) s.resetPathAddress = `192.168.0.${i}`;
    c.servers.push(s);
  }
  inv.clusters.push(c);
  fs.writeFileSync(file(), JSON.stringify(inv, null, 2));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('fieldkit resetpath --server', () => {
  it('addr= without --server in a cluster of several servers is refused and nothing is saved', async () => {
    const before = fs.readFileSync(file());
    const r = await fk(['resetpath', 'addr=192.168.0.4/255.255.255.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INVENTORY_RESETPATH_SERVER_REQUIRED');
    expect(r.stderr).toContain('PSERVER1, PSERVER2, PSERVER3, PSERVER4');
    const unknown = await fk(['resetpath', 'addr=192.168.0.9/24', '--server', 'PSERVER9']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('INVENTORY_SERVER_NOT_FOUND');
    expect(fs.readFileSync(file()).equals(before)).toBe(true);
  });

  it('show setup before every server has its address: exit 1, the block says what is missing and prints no command', async () => {
    const r = await fk(['show', 'setup']);
    expect(r.code).toBe(1);
    const block = r.stdout.slice(r.stdout.indexOf('== Server PSERVER4 =='));
    expect(block).toContain("PSERVER4's own reset-path address (fieldkit resetpath addr=<ip>/<mask> --server PSERVER4)");
    expect(block).not.toContain('haconnsetup');
    // The ready servers' blocks are printed in full.
    expect(r.stdout).toContain('haconnsetup resetpath addr=192.168.0.1/255.255.255.0 port=30000');
  });

  it('sets that server\'s own address; the mask and port stay the cluster\'s', async () => {
    const r = await fk(['resetpath', 'addr=192.168.0.4/255.255.255.0', '--server', 'PSERVER4', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = saved().clusters[0];
    expect(c.resetPath).toEqual({ prefixLength: 24, port: 30000 });
    expect(c.servers.map((s: { resetPathAddress?: string }) => s.resetPathAddress)).toEqual(['192.168.0.1', '192.168.0.2', '192.168.0.3', '192.168.0.4']);
    // The Connector on PSERVER2 shows PSERVER2's own address.
    const setting = await fk(['show', 'setting', '--format', 'haconnsetup', '--server', 'PSERVER2']);
    expect(setting.code, setting.stderr).toBe(0);
    expect(setting.stdout.split('\n')[3]).toBe(' addr:192.168.0.2    mask:255.255.255.0    port number:30000');
  });
});

describe('fieldkit pserver --model', () => {
  it('records a known model (any case), refuses another naming the choices, removes it with ""', async () => {
    expect((await fk(['pserver', 'mod', 'PSERVER1', '--model', 'ha8000'])).code).toBe(0);
    expect(saved().clusters[0].servers[0].model).toBe('HA8000');
    const bad = await fk(['pserver', 'mod', 'PSERVER1', '--model', 'PowerEdge']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INVENTORY_SERVER_MODEL_INVALID');
    expect(bad.stderr).toContain('NX7700x, Express5800/A1080a, Express5800/A1040a, HA8000');
    expect(saved().clusters[0].servers[0].model).toBe('HA8000');
    expect((await fk(['pserver', 'mod', 'PSERVER1', '--model', ''])).code).toBe(0);
    expect('model' in saved().clusters[0].servers[0]).toBe(false);
  });
});

describe('fieldkit config check: BMCs and the reset-path segment', () => {
  it('a BMC outside the segment is a warning naming the server and the address', async () => {
    expect((await fk(['pserver', 'mod', 'PSERVER3', 'addr=10.0.0.53'])).code).toBe(0);
    const r = await fk(['config', 'check']);
    expect(r.stdout).toContain('INVENTORY_RESETPATH_BMC_OUTSIDE');
    expect(r.stdout).toMatch(/PSERVER3.*10\.0\.0\.53.*192\.168\.0\.1\/24/);
    expect((await fk(['pserver', 'mod', 'PSERVER3', 'addr=192.168.0.53'])).code).toBe(0);
    expect((await fk(['config', 'check'])).stdout).not.toContain('INVENTORY_RESETPATH_BMC_OUTSIDE');
  });
});

describe('fieldkit show setup', () => {
  it('en: one block per server in the guide\'s order, its own resetpath, every server registered, no password', async () => {
    const r = await fk(['show', 'setup']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('HA Monitor Connector set-up: cluster guide');
    expect(r.stdout).toContain('UDP port 30000 (the reset path) and UDP port 623');
    for (let i = 1; i <= 4; i++) {
      const block = r.stdout.slice(r.stdout.indexOf(`== Server PSERVER${i} ==`)).split('\n== ')[0];
      const pos = (s: string) => block.indexOf(s);
      expect(pos('systemctl stop haconnd')).toBeGreaterThan(0);
      expect(pos(`haconnsetup resetpath addr=192.168.0.${i}/255.255.255.0 port=30000`)).toBeGreaterThan(pos('systemctl stop haconnd'));
      for (let j = 1; j <= 4; j++) expect(pos(`haconnsetup pserver add PSERVER${j} addr=192.168.0.5${j} account=hitachi`)).toBeGreaterThan(pos('haconnsetup resetpath'));
      expect(pos('systemctl start haconnd')).toBeGreaterThan(pos('haconnsetup pserver add PSERVER4'));
      expect(pos(` ${i} PSERVER${i}  OK (own server)`)).toBeGreaterThan(pos('systemctl start haconnd'));
    }
    expect(r.stdout).not.toMatch(/password=/);
  });

  it('ja: the same commands with Japanese explanations; --json gives the data', async () => {
    const ja = await fk(['--lang', 'ja', 'show', 'setup']);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout.split('\n')[0]).toBe('HA Monitor Connector の設定: クラスタ guide');
    expect(ja.stdout).toContain('== サーバ PSERVER3 ==');
    expect(ja.stdout).toContain('haconnsetup resetpath addr=192.168.0.3/255.255.255.0 port=30000');
    expect(ja.stdout).toContain('UDP ポート 30000 (リセットパス) と UDP ポート 623');
    const j = JSON.parse((await fk(['show', 'setup', '--json'])).stdout);
    expect(j).toMatchObject({ cluster: 'guide', port: 30000, mask: '255.255.255.0', ready: true });
    expect(j.servers.map((b: { resetpathCommand: string }) => b.resetpathCommand)).toEqual([1, 2, 3, 4].map((i) => `haconnsetup resetpath addr=192.168.0.${i}/255.255.255.0 port=30000`));
  });
});

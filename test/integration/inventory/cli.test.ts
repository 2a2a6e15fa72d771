import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFieldkit } from '../../support/cli';
import { dispatch, type HandlerContext } from '../../../src-main/api';
import { Services } from '../../../src-main/services/container';
import { allFiles, repoRoot, tempDir } from '../../support/inventory';

const PASSWORDS = ['Cli-pw-Alpha-7731', 'Cli-pw-Bravo-9924'];
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);

describe('fieldkit CLI: resetpath, pserver, show, config', () => {
  let home: string;
  let out: string;

  const fk = (args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => runFieldkit(home, args, opts);

  const inv = () => path.join(home, 'inventory.json');

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs')], { cwd: repoRoot });
    home = tempDir('fk-cli-home-');
    out = tempDir('fk-cli-out-');
  });
  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('pserver add with account reads the password from stdin and stores it (or says why not)', async () => {
    const r = await fk(['pserver', 'add', 'node1', 'addr=127.0.0.1:16601', 'account=admin', '--password-stdin', '--json'], { stdin: `${PASSWORDS[0]}\n` });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.server).toMatchObject({ name: 'node1', bmc: { primary: { host: '127.0.0.1', port: 16601 } }, account: 'admin' });
    if (inKeyring) {
      expect(j.credential).toEqual({ stored: true });
      const keytar = (await import('keytar')).default;
      expect(await keytar.getPassword('FieldKit', 'admin@127.0.0.1:16601')).toBe(PASSWORDS[0]);
    } else {
      console.warn('CLI keychain store not checked: not under scripts/with-keyring.sh; checking the catalogued keychain error instead');
      expect(j.credential.stored).toBe(false);
      expect(j.credential.error.id).toMatch(/^CRED_(NO_DBUS|NO_SECRET_SERVICE|KEYRING_LOCKED|NO_KEYRING)$/);
    }
  });

  it('an empty --password-stdin is refused and changes nothing', async () => {
    const before = fs.readFileSync(inv());
    const r = await fk(['pserver', 'add', 'nodeX', 'addr=127.0.0.1:16609', 'account=admin', '--password-stdin'], { stdin: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CRED_PASSWORD_STDIN_EMPTY');
    expect(fs.readFileSync(inv()).equals(before)).toBe(true);
    expect(fs.readdirSync(home).filter((n) => n.startsWith('inventory.json'))).toEqual(['inventory.json']);
  });

  it('pserver add without account, resetpath, show setting', async () => {
    expect((await fk(['pserver', 'add', 'node2', 'addr=127.0.0.1:16602', 'addr2=127.0.0.1:16603'])).code).toBe(0);
    // addr= is one server's own address: with two servers, --server says whose.
    expect((await fk(['resetpath', 'addr=127.0.2.2/255.0.0.0', 'port=5001', '--server', 'node2'])).code).toBe(0);
    expect((await fk(['resetpath', 'port=6000'])).code).toBe(0);
    const show = await fk(['show', 'setting']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/mask : 255\.0\.0\.0/);
    expect(show.stdout).toMatch(/port : 6000/);
    expect(show.stdout).toMatch(/node2\s+127\.0\.0\.1:16602\s+127\.0\.0\.1:16603\s+-\s+127\.0\.2\.2/);
    const j = JSON.parse((await fk(['show', 'setting', '--json'])).stdout);
    expect(j.clusters[0].resetPath).toEqual({ prefixLength: 8, port: 6000 });
    expect(j.clusters[0].servers.map((s: { resetPathAddress: string | null }) => s.resetPathAddress)).toEqual([null, '127.0.2.2']);
    expect(j.clusters[0].servers.map((s: { name: string }) => s.name)).toEqual(['node1', 'node2']);
  });

  it('pserver add and mod go through the same channels as the window: the same operation records, and the channel refuses what the CLI refuses', async () => {
    const ops = () => fs.readFileSync(path.join(home, 'logs', 'operations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect((await fk(['pserver', 'add', 'node7', 'addr=127.0.0.1:16607'])).code).toBe(0);
    expect((await fk(['pserver', 'mod', 'node7', '--model', 'NX7700x'])).code).toBe(0);
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    const ctx: HandlerContext = { services, via: 'host', who: 'tester', emit: () => undefined };
    try {
      const added = await dispatch('inventory.addServer', { name: 'node8', addr: '127.0.0.1:16608' }, ctx);
      expect(added.ok ? 'ok' : added.error.id).toBe('ok');
      const modified = await dispatch('inventory.modifyServer', { name: 'node8', set: { model: 'NX7700x' } }, ctx);
      expect(modified.ok ? 'ok' : modified.error.id).toBe('ok');
      // The same refusal either way: a name already taken.
      const twice = await dispatch('inventory.addServer', { name: 'node7', addr: '127.0.0.1:16609' }, ctx);
      expect(twice.ok ? 'ok' : twice.error.id).toBe('INVENTORY_SERVER_EXISTS');
    } finally {
      await services.close();
    }
    const cliTwice = await fk(['pserver', 'add', 'node8', 'addr=127.0.0.1:16610', '--json']);
    expect(JSON.parse(cliTwice.stdout).error.id).toBe('INVENTORY_SERVER_EXISTS');
    const records = ops().filter((r) => typeof r.target === 'string' && /node[78]/.test(String(r.target)) || /node[78]/.test(JSON.stringify(r.details ?? '')));
    const shape = (r: Record<string, unknown>) => `${String(r.action)}|${Object.keys(r).filter((k) => !['when', 'who', 'via'].includes(k)).sort().join(',')}`;
    const byVia = (via: string) => records.filter((r) => r.via === via && r.result === 'ok').map(shape);
    expect(byVia('cli').length).toBeGreaterThanOrEqual(2);
    expect(byVia('host')).toEqual(byVia('cli'));
    // Tidy up for the tests below, through the same channel as the window's Delete.
    for (const n of ['node7', 'node8']) expect((await fk(['pserver', 'del', n])).code).toBe(0);
  });

  it('a port outside 5001-65535 is refused in both languages, nothing saved', async () => {
    const before = fs.readFileSync(inv());
    const en = await fk(['resetpath', 'port=5000']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('INVENTORY_RESETPATH_PORT_RANGE');
    expect(en.stderr).toContain('5001 to 65535');
    const ja = await fk(['--lang', 'ja', 'resetpath', 'port=70000']);
    expect(ja.stderr).toContain('5001～65535');
    const unknownKey = await fk(['resetpath', 'prot=6000']);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr).toContain('INVENTORY_KEY_UNKNOWN');
    expect(fs.readFileSync(inv()).equals(before)).toBe(true);
  });

  it('pserver mod renames and re-addresses; config check passes; del leaves an incomplete cluster that check reports', async () => {
    expect((await fk(['pserver', 'mod', 'node2', 'name=node3', 'addr=127.0.0.1:16604'])).code).toBe(0);
    const j = JSON.parse((await fk(['show', 'setting', '--json'])).stdout);
    expect(j.clusters[0].servers[1]).toEqual({ name: 'node3', addr: '127.0.0.1:16604', addr2: '127.0.0.1:16603', account: '', resetPathAddress: '127.0.2.2', model: null });
    const ok = await fk(['config', 'check', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, errors: 0 });
    expect((await fk(['pserver', 'del', 'node3'])).code).toBe(0);
    const bad = await fk(['config', 'check']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('INVENTORY_CLUSTER_TOO_FEW_SERVERS');
    expect((await fk(['pserver', 'add', 'node2', 'addr=127.0.0.1:16602', 'account=admin', '--password-stdin'], { stdin: PASSWORDS[1] })).code).toBe(0);
  });

  it('config export JSON and CSV hold no secret; a malformed import exits non-zero and changes nothing', async () => {
    const jsonFile = path.join(out, 'export.json');
    const csvFile = path.join(out, 'export.csv');
    expect((await fk(['config', 'export', jsonFile])).code).toBe(0);
    expect((await fk(['config', 'export', csvFile])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf8')).clusters[0].servers).toHaveLength(2);
    expect(fs.readFileSync(csvFile, 'utf8').split('\r\n')[0]).toBe('cluster,name,bmc,bmc2,account,cipher,weakCipherAccepted,privilege,slots,trapReceivers,interfaces,model,resetPathAddress,onboardInterconnect,notes');
    const before = fs.readFileSync(inv());
    for (const f of ['17-resetpath-port-low.json', '01-not-json.json', '10-password-field.json', '30-csv-bad-slot.csv']) {
      const r = await fk(['config', 'import', path.join(repoRoot, 'test', 'fixtures', 'inventory', f)]);
      expect(r.code, f).toBe(1);
      expect(r.stderr, f).toContain('INVENTORY_IMPORT_REJECTED');
      expect(fs.readFileSync(inv()).equals(before), f).toBe(true);
    }
    const dry = await fk(['config', 'import', path.join(repoRoot, 'resources', 'samples', 'inventory-two-node.json'), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('- cluster default');
    expect(dry.stdout).toContain('+ server sample/srvA');
    expect(fs.readFileSync(inv()).equals(before)).toBe(true);
  });

  it('with two clusters, commands without --cluster are refused as ambiguous', async () => {
    const two = path.join(out, 'two.json');
    const exp = JSON.parse(fs.readFileSync(path.join(out, 'export.json'), 'utf8'));
    const sample = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources', 'samples', 'inventory-two-node.json'), 'utf8'));
    exp.clusters.push(sample.clusters[0]);
    fs.writeFileSync(two, JSON.stringify(exp));
    const imp = await fk(['config', 'import', two]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('+ cluster sample');
    const amb = await fk(['pserver', 'del', 'srvA']);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toContain('INVENTORY_CLUSTER_AMBIGUOUS');
    expect((await fk(['pserver', 'mod', 'srvA', 'account=', '--cluster', 'sample'])).code).toBe(0);
    const all = await fk(['show']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/FieldKit \d+\.\d+\.\d+/);
    expect(all.stdout).toContain('Cluster sample (physical)');
    expect(all.stdout).toContain('slots  : 1:HBA:fenced');
    // Whether each password is stored, never the password; without a keychain, the reason.
    expect(all.stdout).toMatch(inKeyring ? /default\/node1 admin: stored \(keychain\)/ : /default\/node1 admin: unknown \(CRED_[A-Z_]+\)/);
  });

  it('no file FieldKit wrote (inventory, previous versions, exports, logs) holds a test password', () => {
    const files = [...allFiles(home), ...allFiles(out)];
    expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    expect(files.some((f) => f.endsWith('inventory.json.prev'))).toBe(true);
    for (const f of files) {
      const content = fs.readFileSync(f);
      for (const pw of PASSWORDS) expect(content.includes(pw), `${f} contains a test password`).toBe(false);
    }
  });
});

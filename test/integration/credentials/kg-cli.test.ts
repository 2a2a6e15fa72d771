/**
 * `fieldkit pserver kg`: the BMC key of an inventory server goes to the real
 * keychain (gnome-keyring under scripts/with-keyring.sh) and every command on
 * that server then opens its sessions with it, against an ipmi_sim that has
 * a Kg; --clear takes it away again. The key is never written to a file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFieldkit } from '../../support/cli';
import { allFiles, repoRoot, tempDir } from '../../support/inventory';
import { hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';

const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
const ready = inKeyring && hasIpmiSim;
if (!inKeyring) console.warn('pserver kg tests skipped: not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');
else if (!hasIpmiSim) console.warn(`pserver kg tests ${skipReason()}`);

const PASSWORD = 'Kg-cli-pw-5521';
const KG = 'kg-cli-key-8803';

describe.skipIf(!ready)('fieldkit pserver kg against ipmi_sim with a BMC key', () => {
  let sim: IpmiSim;
  let home: string;

  const fk = (args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => runFieldkit(home, args, opts);


  beforeAll(async () => {
    const b = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
    sim = await startIpmiSim({ password: PASSWORD, kg: KG, name: 'kg-cli' });
    home = tempDir('fk-kg-cli-');
    const add = await fk(['pserver', 'add', 'kgnode', `addr=127.0.0.1:${sim.port}`, 'account=admin', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout).credential).toEqual({ stored: true });
  });
  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('without the key the BMC refuses (IPMI_KG_MISMATCH); with it stored, mc info works; --clear removes it', async () => {
    const before = await fk(['mc', 'info', 'kgnode', '--timeout', '2000', '--json']);
    expect(JSON.parse(before.stdout).error.id).toBe('IPMI_KG_MISMATCH');

    const set = await fk(['pserver', 'kg', 'kgnode', '--kg-stdin', '--json'], { stdin: `${KG}\n` });
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ ok: true, kgStored: true });
    const keytar = (await import('keytar')).default;
    expect(await keytar.getPassword('FieldKit', `kg:admin@127.0.0.1:${sim.port}`)).toBe(KG);
    const inv = JSON.parse(fs.readFileSync(path.join(home, 'inventory.json'), 'utf8'));
    expect(inv.clusters[0].servers[0].ipmi.kgStored).toBe(true);

    const after = await fk(['mc', 'info', 'kgnode', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).result.firmware).toBe('9.08');

    const clear = await fk(['pserver', 'kg', 'kgnode', '--clear', '--json']);
    expect(clear.code, clear.stderr).toBe(0);
    expect(await keytar.getPassword('FieldKit', `kg:admin@127.0.0.1:${sim.port}`)).toBeNull();
    expect(JSON.parse(fs.readFileSync(path.join(home, 'inventory.json'), 'utf8')).clusters[0].servers[0].ipmi.kgStored).toBe(false);
    expect(JSON.parse((await fk(['mc', 'info', 'kgnode', '--timeout', '2000', '--json'])).stdout).error.id).toBe('IPMI_KG_MISMATCH');

    for (const f of allFiles(home)) expect(fs.readFileSync(f).includes(KG), f).toBe(false);
    for (const r of [before, set, after, clear]) expect(r.stdout + r.stderr).not.toContain(KG);
  });

  it('a key too long is refused before anything is stored; -k never takes the password variable for the key', async () => {
    const long = await fk(['pserver', 'kg', 'kgnode', '--kg-stdin', '--json'], { stdin: `${'k'.repeat(21)}\n` });
    expect(long.code).toBe(1);
    expect(JSON.parse(long.stdout).error.id).toMatch(/^CRED_/);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'inventory.json'), 'utf8')).clusters[0].servers[0].ipmi.kgStored).toBe(false);
    // A server that is not there is named, in its cluster when one is given.
    expect(JSON.parse((await fk(['pserver', 'kg', 'nosuch', '--kg-stdin', '--json'], { stdin: `${KG}\n` })).stdout).error.id).toBe('SERVER_UNKNOWN');
    const cluster = JSON.parse(fs.readFileSync(path.join(home, 'inventory.json'), 'utf8')).clusters[0].name as string;
    expect(JSON.parse((await fk(['pserver', 'kg', 'nosuch', '--cluster', cluster, '--kg-stdin', '--json'], { stdin: `${KG}\n` })).stdout).error.id).toBe('INVENTORY_SERVER_NOT_FOUND');
    // FIELDKIT_PASSWORD set, FIELDKIT_KG not, no terminal: -k asks for the key by name instead of using the password.
    const adHoc = await fk(['mc', 'info', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '-k', '--json'], { env: { FIELDKIT_PASSWORD: PASSWORD } });
    expect(adHoc.code).toBe(2);
    expect(JSON.parse(adHoc.stdout).error).toMatchObject({ id: 'CLI_USAGE' });
    expect(adHoc.stdout).toContain('FIELDKIT_KG');
    const withKg = await fk(['mc', 'info', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '-k', '--json'], { env: { FIELDKIT_PASSWORD: PASSWORD, FIELDKIT_KG: KG } });
    expect(withKg.code, withKg.stderr).toBe(0);
  });
});

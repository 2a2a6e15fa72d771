import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../../support/headless-host';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { loadPetCorpus } from '../../support/pet-corpus';
import { hasSnmptrap, petV3Args, snmptrap, waitFor } from '../../support/snmp-tools';

/* `fieldkit traps user set/list/del` with --keys-stdin: keys to the real keychain (gnome-keyring), never printed. */
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
if (!inKeyring) console.warn('[traps] CLI user tests with the keychain skipped: not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-users-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
const USER = `fkcli${process.pid}`;
const AUTH = `cli-auth-${process.pid}-x`;
const PRIV = `cli-priv-${process.pid}-y`;

// Through the real launcher (bin/fieldkit.cjs, with its V8 code cache): it must let the bundle
// import('keytar'), which once failed there with CRED_KEYCHAIN_UNAVAILABLE.
const CLI_BUNDLE = path.join(REPO, 'bin', 'fieldkit.cjs');

function fieldkit(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI_BUNDLE, '--home', home, ...args], { encoding: 'utf8', timeout: 30_000, input, env: { ...process.env, ...env } });
}

describe('fieldkit traps user', () => {
  it('without a keychain: the catalogued keychain error, exit 1, traps.json untouched', () => {
    const r = fieldkit(['traps', 'user', 'set', 'nokc', '--keys-stdin', '--json'], `${AUTH}\n${PRIV}\n`, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/fk-no-bus', DISPLAY: '' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.id).toBe('CRED_NO_DBUS');
    expect(fs.existsSync(path.join(home, 'traps.json'))).toBe(false);
    expect(r.stdout + r.stderr).not.toContain(AUTH);
  });

  it('a short key is refused before anything is stored', () => {
    const r = fieldkit(['traps', 'user', 'set', 'shorty', '--keys-stdin', '--json'], 'short\nalso\n');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.id).toBe('CRED_SNMPV3_KEY_INVALID');
    expect(fs.existsSync(path.join(home, 'traps.json'))).toBe(false);
  });

  it.skipIf(!inKeyring)('set stores the keys in the keychain; list shows them stored; del removes user and keys', () => {
    const set = fieldkit(['traps', 'user', 'set', USER, '--level', 'authPriv', '--auth-protocol', 'sha256', '--priv-protocol', 'aes', '--keys-stdin'], `${AUTH}\n${PRIV}\n`);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('keys in the keychain');
    const cfg = JSON.parse(fs.readFileSync(path.join(home, 'traps.json'), 'utf8'));
    expect(cfg.users).toEqual([{ name: USER, level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes' }]);

    const list = fieldkit(['traps', 'user', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`${USER}  authPriv  auth sha256 key stored (keychain)  priv aes key stored (keychain)`);
    const listJson = fieldkit(['traps', 'user', 'list', '--json']);
    expect(JSON.parse(listJson.stdout)[0].privKey).toEqual({ stored: true, source: 'keychain' });

    // Only the level changes: the stored keys are kept.
    const keep = fieldkit(['traps', 'user', 'set', USER, '--level', 'authNoPriv', '--keep-keys']);
    expect(keep.status, keep.stderr).toBe(0);
    expect(fieldkit(['traps', 'user', 'list']).stdout).toContain(`${USER}  authNoPriv  auth sha key stored (keychain)  priv - key -`);

    const del = fieldkit(['traps', 'user', 'del', USER]);
    expect(del.status).toBe(0);
    expect(fieldkit(['traps', 'user', 'list']).stdout).toContain('No SNMPv3 users configured.');
    // The keys are gone from the keychain: setting the user again without keys is refused.
    const again = fieldkit(['traps', 'user', 'set', USER, '--level', 'authNoPriv', '--keep-keys', '--json']);
    expect(JSON.parse(again.stdout).error.id).toBe('CRED_SNMPV3_KEY_NOT_STORED');
    expect(fieldkit(['traps', 'user', 'del', USER]).status).toBe(1);

    for (const out of [set, list, listJson, keep, del, again]) expect(out.stdout + out.stderr).not.toMatch(new RegExp(`${AUTH}|${PRIV}`));
    const all = fs.readdirSync(home, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'latin1')).join('\n');
    expect(all.includes(AUTH) || all.includes(PRIV)).toBe(false);
  });

  it.skipIf(!inKeyring || !hasSnmptrap)('traps listen takes the keys of a configured user from the keychain (no environment, no terminal)', async () => {
    const name = `fklisten${process.pid}`;
    const set = fieldkit(['traps', 'user', 'set', name, '--keys-stdin'], `${AUTH}\n${PRIV}\n`);
    expect(set.status, set.stderr).toBe(0);
    const port = await findFreeUdpPort();
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('FIELDKIT_SNMP_')) delete env[k];
    const child = spawn(process.execPath, [CLI_BUNDLE, '--home', home, 'traps', 'listen', '--address', '127.0.0.1', '--port', String(port), '--json', '--count', '1'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      expect(await waitFor(() => /Listening for traps on/.test(err), 10_000), err).toBe(true);
      const e = loadPetCorpus()[0];
      const sent = await snmptrap(petV3Args(`127.0.0.1:${port}`, { user: name, auth: 'SHA', authPass: AUTH, priv: 'AES', privPass: PRIV }, e.specific, e.hex));
      expect(sent.code, sent.stderr).toBe(0);
      expect(await exited).toBe(0);
      const line = JSON.parse(out.trim());
      expect(line.version).toBe('v3');
      expect(line.pet.raw).toBe(e.hex);
      expect(out + err).not.toMatch(new RegExp(`${AUTH}|${PRIV}`));
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      fieldkit(['traps', 'user', 'del', name]);
    }
  });
});

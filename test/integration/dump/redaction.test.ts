import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { SnmpV3KeyStore, snmpV3Account } from '../../../src-main/services/credentials/snmpv3';
import { dumpOf } from '../../../src-main/services/dump/wire';
import { tempServices } from '../../support/temp-services';
import { serverAt, writeInventory } from '../firmware/helpers';

/*
 * Issue 13, finding 9 (dump redaction): every secret FieldKit knows at dump
 * time — BMC password, Kg, SNMPv3 auth and priv keys, the community, the
 * password in the environment — is planted raw, hex and base64 in every file
 * the dump collects (logs as JSON lines and plain text, a rotated generation,
 * a case, a firmware record, the inventory), under the key names that hold
 * secrets (authKey, privKey, kgHex, key, cookie, authorization, community) and
 * in free text. The extracted archive must contain none of them, and the
 * archive itself is 0600.
 */
const SECRETS = {
  bmcPassword: 'Bmc-Pl4nted-Pw-31',
  kg: '0x4b672d506c616e7465642d3939', // a Kg as hex
  authKey: 'Auth-Pl4nted-Key-57',
  privKey: 'Priv-Pl4nted-Key-83',
  community: 'Comm-Pl4nted-19',
  envPassword: 'Env-Pl4nted-Pw-64',
};
const forms = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  const out = [s, b.toString('hex'), b.toString('hex').toUpperCase(), b.toString('base64').replace(/=+$/, '')];
  if (/^0x[0-9a-f]+$/i.test(s)) {
    const raw = Buffer.from(s.slice(2), 'hex');
    out.push(s.slice(2), raw.toString('latin1'), raw.toString('base64').replace(/=+$/, ''));
  }
  return out;
};
/** Values under secret key names, known to FieldKit or not: the key name alone must hide them. */
const BY_KEY = { authKey: 'k-authKey-value-1', privKey: 'k-privKey-value-2', kgHex: 'k-kgHex-value-3', key: 'k-key-value-4', cookie: 'k-cookie-value-5', authorization: 'Bearer k-authz-value-6', community: 'k-community-value-7' };

describe('dump redaction', () => {
  const env = tempServices('9.9.9-redact');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-redact-out-'));
  const saved = process.env.FIELDKIT_PASSWORD;
  let extracted: string;
  let archive: string;

  beforeAll(async () => {
    process.env.FIELDKIT_PASSWORD = SECRETS.envPassword;
    const server = serverAt('node1', 62301, 62302);
    server.account = 'admin';
    const planted = Object.values(SECRETS).flatMap(forms).join(' ');
    server.notes = `notes ${planted}`;
    writeInventory(env.home, [server]);
    const creds = credentialsOf(env.services);
    creds.setSessionOnly(server.bmc.primary, 'admin', SECRETS.bmcPassword);
    creds.setSessionOnly(server.bmc.primary, 'admin', SECRETS.kg, 'kg');
    fs.writeFileSync(path.join(env.home, 'traps.json'), JSON.stringify({ communities: [SECRETS.community], users: [{ name: 'fkuser', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' }] }));
    const keys = new SnmpV3KeyStore(creds);
    // Session-only: the test leaves nothing in a keychain.
    creds.setSessionOnlyAccount(snmpV3Account('fkuser', 'auth'), SECRETS.authKey);
    creds.setSessionOnlyAccount(snmpV3Account('fkuser', 'priv'), SECRETS.privKey);
    expect(await keys.get('fkuser', 'auth')).toBe(SECRETS.authKey);
    expect(await keys.get('fkuser', 'priv')).toBe(SECRETS.privKey);

    // Plant in every kind of file the dump collects.
    const record = { when: '2026-01-01T00:00:00Z', level: 'info', message: `leak ${planted}`, ...BY_KEY, nested: { ...BY_KEY } };
    env.services.logs.events.write('info', `leak ${planted}`, { ...BY_KEY });
    const logs = env.services.logs.dir;
    fs.appendFileSync(path.join(logs, 'events.jsonl.1'), `${JSON.stringify(record)}\n`);
    fs.writeFileSync(path.join(logs, 'plain.log'), `free text ${planted}\nAuthorization: ${BY_KEY.authorization}\nCookie: ${BY_KEY.cookie}\ncommunity=${BY_KEY.community}\n`);
    for (const dir of ['cases', 'firmware']) {
      fs.mkdirSync(path.join(env.home, dir), { recursive: true });
      fs.writeFileSync(path.join(env.home, dir, `${dir}-1.json`), JSON.stringify(record));
      fs.writeFileSync(path.join(env.home, dir, `${dir}-2.txt`), `free text ${planted}\nauthKey=${BY_KEY.authKey}\n`);
    }
    const r = await dumpOf(env.services).run({ outputDir: out, noBmc: true });
    archive = r.file;
    extracted = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-redact-x-'));
    const x = spawnSync('tar', ['-xzf', archive, '-C', extracted], { encoding: 'utf8' });
    expect(x.status, x.stderr).toBe(0);
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.FIELDKIT_PASSWORD;
    else process.env.FIELDKIT_PASSWORD = saved;
    await env.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
    if (extracted) fs.rmSync(extracted, { recursive: true, force: true });
  });

  it('writes the archive 0600', () => {
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
  });

  it('contains no planted secret in any form, and no value under a secret key name', () => {
    const files = fs.readdirSync(extracted, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    // The planted files made it into the archive (so the check below means something).
    const names = files.map((d) => d.name);
    for (const n of ['events.jsonl.1', 'plain.log', 'cases-1.json', 'cases-2.txt', 'firmware-1.json', 'firmware-2.txt', 'inventory.json']) expect(names).toContain(n);
    const leaks: string[] = [];
    for (const d of files) {
      const text = fs.readFileSync(path.join(d.parentPath, d.name), 'latin1');
      for (const [what, s] of Object.entries(SECRETS)) for (const f of forms(s)) if (text.includes(f)) leaks.push(`${d.name}: ${what} as ${JSON.stringify(f)}`);
      for (const [k, v] of Object.entries(BY_KEY)) if (text.includes(v.replace(/^Bearer /, ''))) leaks.push(`${d.name}: value of ${k}`);
    }
    expect(leaks).toEqual([]);
  });
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../src-main/services/credentials/service';
import { allFiles } from '../../support/inventory';
import { createProbeLab, hasKeyringTools, missingKeyringTools, type ProbeLab } from '../../support/keyring';

if (!hasKeyringTools) console.warn(`keychain tests skipped: missing ${missingKeyringTools} (apt-get install dbus gnome-keyring libglib2.0-bin)`);

const SECRET = 'Kc7-probe-secret!';

describe.skipIf(!hasKeyringTools)('keychain in each D-Bus situation (real gnome-keyring on private buses)', () => {
  let lab: ProbeLab;
  beforeAll(async () => {
    lab = await createProbeLab();
  });
  afterAll(() => lab?.cleanup());

  it('unlocked keyring: round trip set, get, status, delete', async () => {
    const r = await lab.run('unlocked', SECRET);
    expect(r.availability).toEqual({ ok: true, value: { available: true } });
    expect(r.set).toEqual({ ok: true, value: { source: 'keychain' } });
    expect(r.get).toEqual({ ok: true, value: { isNull: false, matches: true } });
    expect(r.status).toEqual({ ok: true, value: { account: 'admin@127.0.0.1:16999', stored: true, source: 'keychain' } });
    expect(r.delete).toEqual({ ok: true, value: true });
    expect(r.getAfterDelete).toEqual({ ok: true, value: { isNull: true } });
  });

  const cases = [
    ['no-bus', 'CRED_NO_DBUS'],
    ['no-daemon', 'CRED_NO_SECRET_SERVICE'],
    ['locked', 'CRED_KEYRING_LOCKED'],
  ] as const;
  for (const [situation, id] of cases) {
    it(`${situation}: every call says ${id}, never "no password stored"; the session fallback keeps it in memory only`, async () => {
      const r = await lab.run(situation, SECRET);
      expect(r.availability).toEqual({ ok: true, value: { available: false, error: expect.objectContaining({ id }) } });
      expect(r.set).toMatchObject({ ok: false, errorId: id });
      // A read must not pass for "nothing stored".
      expect(r.get).toMatchObject({ ok: false, errorId: id });
      expect(r.status).toMatchObject({ ok: true, value: { stored: false, keychainError: { id } } });
      expect(r.setFallback).toMatchObject({ ok: true, value: { source: 'session', keychainError: { id } } });
      expect(r.getAfterFallback).toEqual({ ok: true, value: { isNull: false, matches: true } });
      expect(r.statusAfterFallback).toMatchObject({ ok: true, value: { stored: true, source: 'session', keychainError: { id } } });
      expect(JSON.stringify(r)).not.toContain(SECRET);
    });
  }

  it('no file written by the probes holds the secret', () => {
    for (const f of allFiles(lab.dir)) {
      if (f.endsWith('.keyring')) continue; // the keyring itself is encrypted by gnome-keyring
      expect(fs.readFileSync(f).includes(SECRET), f).toBe(false);
    }
  });
});

const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
if (!inKeyring) console.warn('in-process keychain test skipped: not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');

describe.skipIf(!inKeyring)('in-process keychain (under scripts/with-keyring.sh)', () => {
  it('stores, reads, moves and deletes a password and a Kg', async () => {
    const svc = new CredentialService();
    const a = { host: '127.0.0.1', port: 16880 + (process.pid % 100) };
    const b = { host: '::1', port: a.port };
    expect(await svc.availability()).toEqual({ available: true });
    await svc.set(a, 'admin', 'pw-in-process-1');
    await svc.set(a, 'admin', '0x0102030405', { kind: 'kg' });
    expect(await svc.get(a, 'admin')).toBe('pw-in-process-1');
    await svc.move(a, 'admin', b, 'operator');
    expect(await svc.get(a, 'admin')).toBeNull();
    expect(await svc.get(b, 'operator')).toBe('pw-in-process-1');
    expect(await svc.get(b, 'operator', { kind: 'kg' })).toBe('0x0102030405');
    expect(await svc.accounts()).toEqual(expect.arrayContaining(['operator@[::1]:' + a.port, 'kg:operator@[::1]:' + a.port]));
    await svc.remove(b, 'operator');
    expect(await svc.status(b, 'operator')).toEqual({ account: `operator@[::1]:${a.port}`, stored: false });
  });
});

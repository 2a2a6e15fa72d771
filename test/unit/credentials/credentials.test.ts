import { describe, expect, it } from 'vitest';
import { classifyKeychainError } from '../../../src-main/services/credentials/classify';
import { CredentialService, keychainAccount } from '../../../src-main/services/credentials/service';

describe('keychain error classification (texts seen from libsecret/D-Bus on Debian)', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'CRED_NO_DBUS'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'CRED_NO_SECRET_SERVICE'],
    ['GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files', 'CRED_NO_SECRET_SERVICE'],
    ['Cannot create an item in a locked collection', 'CRED_KEYRING_LOCKED'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'CRED_NO_KEYRING'],
    ['Something else entirely', 'CRED_KEYCHAIN_FAILED'],
  ])('%s → %s', (msg, id) => expect(classifyKeychainError(new Error(msg)).id).toBe(id));
});

describe('keychain errors from the real library (keytar over libsecret)', () => {
  it('an empty DBUS_SESSION_BUS_ADDRESS reads as "no D-Bus session bus", not a raw library text', async () => {
    const { spawnSync } = await import('node:child_process');
    const probe = "require('keytar').getPassword('FieldKit-probe','nobody').then(() => console.log('OK')).catch((e) => console.log(e.message))";
    const r = spawnSync(process.execPath, ['-e', probe], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' }, encoding: 'utf8', cwd: process.cwd() });
    const said = r.stdout.trim();
    expect(said).not.toBe('OK');
    expect(classifyKeychainError(new Error(said)).id).toBe('CRED_NO_DBUS');
  });
});

describe('credential rules', () => {
  const ep = { host: '127.0.0.1', port: 16001 };
  const svc = new CredentialService();
  it('accounts are per endpoint and user; IPv6 in brackets; default port 623', () => {
    expect(keychainAccount(ep, 'admin')).toBe('admin@127.0.0.1:16001');
    expect(keychainAccount({ host: '::1' }, 'admin', 'kg')).toBe('kg:admin@[::1]:623');
  });
  it('passwords: 1 to 20 bytes; Kg: up to 20 characters or 0x and up to 40 hex digits', () => {
    expect(() => svc.checkSecret(ep, 'admin', '', 'password')).toThrow(expect.objectContaining({ id: 'CRED_PASSWORD_EMPTY' }));
    expect(() => svc.checkSecret(ep, 'admin', 'x'.repeat(21), 'password')).toThrow(expect.objectContaining({ id: 'CRED_PASSWORD_TOO_LONG' }));
    expect(() => svc.checkSecret(ep, 'admin', 'x'.repeat(20), 'password')).not.toThrow();
    expect(() => svc.checkSecret(ep, 'admin', `0x${'ab'.repeat(20)}`, 'kg')).not.toThrow();
    expect(() => svc.checkSecret(ep, 'admin', `0x${'ab'.repeat(21)}`, 'kg')).toThrow(expect.objectContaining({ id: 'CRED_KG_INVALID' }));
  });
  it('a too-long password error never carries the password', () => {
    const pw = 'Very-Secret-Password-123';
    try {
      svc.checkSecret(ep, 'admin', pw, 'password');
    } catch (e) {
      expect(JSON.stringify(e)).not.toContain(pw);
      expect(String((e as Error).message)).not.toContain(pw);
    }
  });
});

describe('keyring lock probe', () => {
  it('one probe answers every lookup that found nothing while it ran and just after; a later lookup probes again', async () => {
    let probes = 0;
    let release!: () => void;
    const svc = new CredentialService({
      backend: async () => ({ getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => true }) as never,
      probeLock: () => {
        probes++;
        return new Promise((r) => (release = () => r('unlocked')));
      },
    });
    // A sweep: 256 BMCs without a stored password, looked up at once.
    const lookups = Array.from({ length: 256 }, (_, i) => svc.get({ host: '127.0.0.1', port: 20000 + i }, 'admin'));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const got = await Promise.all(lookups);
    expect(got).toEqual(Array(256).fill(null));
    expect(probes).toBe(1);
    // Within the reuse time: still one.
    const again = svc.get({ host: '127.0.0.1', port: 20000 }, 'admin');
    await again;
    expect(probes).toBe(1);
    // After it: asked afresh (the engineer may have unlocked the keyring meanwhile).
    await new Promise((r) => setTimeout(r, 2100));
    const later = svc.get({ host: '127.0.0.1', port: 20000 }, 'admin');
    await new Promise((r) => setTimeout(r, 10));
    release();
    await later;
    expect(probes).toBe(2);
  });
});

describe('generation: what a reader that keeps secrets watches', () => {
  it('changes once each write ended — stored, kept for the session, moved, removed, and a write the keychain refused — and not on reads', async () => {
    let refuse = false;
    const stored = new Map<string, string>();
    let release: (() => void) | undefined;
    const svc = new CredentialService({
      backend: async () => ({
        getPassword: async (_s: string, a: string) => stored.get(a) ?? null,
        setPassword: async (_s: string, a: string, v: string) => {
          await new Promise<void>((r) => (release = r));
          if (refuse) throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
          stored.set(a, v);
        },
        deletePassword: async (_s: string, a: string) => stored.delete(a),
      }) as never,
      probeLock: async () => 'unlocked',
    });
    const ep = { host: '127.0.0.1', port: 16002 };
    const g0 = svc.generation;
    const setting = svc.set(ep, 'admin', 'pw-1');
    await new Promise((r) => setTimeout(r, 5));
    // While the write runs, nothing read yet may be taken as current later: the change comes when it ends.
    expect(svc.generation).toBe(g0);
    release!();
    await setting;
    expect(svc.generation).toBe(g0 + 1);
    expect(await svc.get(ep, 'admin')).toBe('pw-1');
    expect(svc.generation).toBe(g0 + 1);
    svc.setSessionOnly(ep, 'oper', 'pw-2');
    expect(svc.generation).toBe(g0 + 2);
    const moving = svc.move(ep, 'admin', { host: '127.0.0.1', port: 16003 }, 'admin');
    await new Promise((r) => setTimeout(r, 5));
    release!();
    await moving;
    expect(svc.generation).toBe(g0 + 3);
    await svc.delete({ host: '127.0.0.1', port: 16003 }, 'admin');
    expect(svc.generation).toBe(g0 + 4);
    refuse = true;
    const refused = svc.set(ep, 'admin', 'pw-3').then(() => 'stored', (e: { id?: string }) => e.id);
    await new Promise((r) => setTimeout(r, 5));
    release!();
    expect(await refused).not.toBe('stored');
    expect(svc.generation).toBe(g0 + 5);
  });
});

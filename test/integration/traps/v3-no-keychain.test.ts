import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrapBatch, TrapSettingsView } from '../../../shared/model/trap';
import { dispatch } from '../../../src-main/api';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { loadPetCorpus } from '../../support/pet-corpus';
import { hasSnmptrap, petV3Args, snmptrap, waitFor } from '../../support/snmp-tools';
import { tempServices } from '../../support/temp-services';

/*
 * No keychain: this test file's process (vitest forks: one per file) points
 * D-Bus at a socket that does not exist before keytar is first loaded, so
 * libsecret really fails to connect, as on a server without a desktop session.
 */
process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=/nonexistent/fieldkit-no-bus-${process.pid}`;
delete process.env.DISPLAY;

if (!hasSnmptrap) console.warn('[traps] no-keychain v3 trap test skipped: snmptrap (apt snmp) not installed');
const corpus = loadPetCorpus();
const AUTH = 'sess-auth-key-77';
const PRIV = 'sess-priv-key-88';

describe('SNMPv3 keys without a keychain', () => {
  it('refuses with the catalogued no-keychain error and changes nothing when the session fallback is not allowed', async () => {
    const { ctx, home, cleanup } = tempServices();
    try {
      const r = await dispatch('traps.user.set', { name: 'nokc', level: 'authPriv', authKey: AUTH, privKey: PRIV, sessionFallback: false }, ctx);
      expect(r.ok || r.error.id).toBe('CRED_NO_DBUS');
      expect(fs.existsSync(path.join(home, 'traps.json'))).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!hasSnmptrap)('keeps the keys for the session only, says so, and the listener uses them', async () => {
    const { ctx, services, home, cleanup } = tempServices();
    try {
      const r = await dispatch('traps.user.set', { name: 'sess', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', authKey: AUTH, privKey: PRIV }, ctx);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const v = (r as { value: { keySource: string; view: TrapSettingsView } }).value;
      expect(v.keySource).toBe('session');
      expect(v.view.users[0].authKey).toEqual({ stored: true, source: 'session' });
      expect(v.view.users[0].keychainError?.id).toBe('CRED_NO_DBUS');
      const port = await findFreeUdpPort();
      const batches: TrapBatch[] = [];
      services.bus.subscribe((event, payload) => {
        if (event === 'traps.batch') batches.push(payload as TrapBatch);
      });
      const st = await dispatch('traps.start', { address: '127.0.0.1', port }, ctx);
      expect(st.ok, JSON.stringify(st)).toBe(true);
      const e = corpus[1];
      const sent = await snmptrap(petV3Args(`127.0.0.1:${port}`, { user: 'sess', auth: 'SHA', authPass: AUTH, priv: 'AES', privPass: PRIV }, e.specific, e.hex));
      expect(sent.code, sent.stderr).toBe(0);
      expect(await waitFor(() => batches.some((b) => b.events.length > 0))).toBe(true);
      expect(batches.flatMap((b) => b.events)[0].pet?.raw).toBe(e.hex);
      await dispatch('traps.stop', {}, ctx);
      const json = fs.readFileSync(path.join(home, 'traps.json'), 'utf8');
      expect(JSON.parse(json).users).toEqual([{ name: 'sess', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' }]);
      expect(json.includes(AUTH) || json.includes(PRIV)).toBe(false);
      const ops = fs.readFileSync(path.join(services.logs.dir, 'operations.jsonl'), 'utf8');
      expect(ops).toContain('"keys":"session"');
      expect(ops.includes(AUTH) || ops.includes(PRIV)).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('bad settings are refused with their catalogued message and leave traps.json as it was', async () => {
    const { ctx, home, cleanup } = tempServices();
    try {
      const ok = await dispatch('traps.settings.save', { address: '127.0.0.1', port: 10162, communities: ['public'], rateLimit: { perSecond: 50, burst: 100 }, duplicateWindowMs: 5000, acknowledge: true }, ctx);
      expect(ok.ok, JSON.stringify(ok)).toBe(true);
      const before = fs.readFileSync(path.join(home, 'traps.json'), 'utf8');
      expect(JSON.parse(before)).toEqual({ address: '127.0.0.1', port: 10162, communities: ['public'], rateLimit: { perSecond: 50, burst: 100 }, duplicateWindowMs: 5000, acknowledge: true });
      const cases: Array<[unknown, string]> = [
        [{ port: 70000 }, 'TRAPS_PORT_INVALID'],
        [{ port: 'abc' }, 'TRAPS_PORT_INVALID'],
        [{ address: 'not-an-ip' }, 'TRAPS_ADDRESS_INVALID'],
        [{ duplicateWindowMs: -1 }, 'TRAPS_SETTINGS_INVALID'],
        [{ communities: [''] }, 'TRAPS_SETTINGS_INVALID'],
      ];
      for (const [req, id] of cases) {
        const r = await dispatch('traps.settings.save', req as never, ctx);
        expect(r.ok || r.error.id, JSON.stringify(req)).toBe(id);
      }
      const badUser = await dispatch('traps.user.set', { name: 'has space', level: 'authNoPriv', authKey: 'long-enough-1' }, ctx);
      expect(badUser.ok || badUser.error.id).toBe('TRAPS_V3_USER_NAME_INVALID');
      const shortKey = await dispatch('traps.user.set', { name: 'short', level: 'authNoPriv', authKey: 'short' }, ctx);
      expect(shortKey.ok || shortKey.error.id).toBe('CRED_SNMPV3_KEY_INVALID');
      expect(fs.readFileSync(path.join(home, 'traps.json'), 'utf8')).toBe(before);
    } finally {
      await cleanup();
    }
  });
});

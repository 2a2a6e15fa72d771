import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrapBatch, TrapListenerStatus, TrapSettingsView } from '../../../shared/model/trap';
import { dispatch } from '../../../src-main/api';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { loadPetCorpus } from '../../support/pet-corpus';
import { hasSnmptrap, petV3Args, snmptrap, waitFor } from '../../support/snmp-tools';
import { tempServices } from '../../support/temp-services';

/*
 * SNMPv3 keys from the real OS keychain (gnome-keyring under
 * scripts/with-keyring.sh): stored through the handler table, found by
 * traps.start, used to decrypt a real Net-SNMP authPriv trap.
 */
const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
if (!inKeyring) console.warn('[traps] v3 keychain test skipped: not running under scripts/with-keyring.sh (no FIELDKIT_KEYRING_READY)');
if (!hasSnmptrap) console.warn('[traps] v3 keychain test skipped: snmptrap (apt snmp) not installed');

const corpus = loadPetCorpus();
// Per-process names: other engineers' tests share the keyring of their own with-keyring runs only, but be safe.
const USER = `fkv3k${process.pid}`;
const AUTH = `auth-key-${process.pid}-A1`;
const PRIV = `priv-key-${process.pid}-P2`;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe.skipIf(!inKeyring || !hasSnmptrap)('SNMPv3 users with keys in the keychain, through the handler table', () => {
  it('stores keys, starts with them, decodes an authPriv trap, counts a wrong key as unauthorised; no key anywhere else', async () => {
    const { ctx, services, home, cleanup } = tempServices();
    const responses: unknown[] = [];
    const call = async (ch: string, req: unknown) => {
      const r = await dispatch(ch as never, req as never, ctx);
      responses.push(r);
      return r;
    };
    try {
      const set = await call('traps.user.set', { name: USER, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', authKey: AUTH, privKey: PRIV, sessionFallback: false });
      expect(set.ok, JSON.stringify(set)).toBe(true);
      const setValue = (set as { value: { view: TrapSettingsView; keySource: string } }).value;
      expect(setValue.keySource).toBe('keychain');
      expect(setValue.view.users).toEqual([
        { name: USER, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', authKey: { stored: true, source: 'keychain' }, privKey: { stored: true, source: 'keychain' } },
      ]);
      // A second process-wide service would find it too: the keychain, not memory, holds it.
      const port = await findFreeUdpPort();
      const saved = await call('traps.settings.save', { address: '127.0.0.1', port, duplicateWindowMs: 0 });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);

      const batches: TrapBatch[] = [];
      services.bus.subscribe((event, payload) => {
        if (event === 'traps.batch') batches.push(payload as TrapBatch);
      });
      const st = await call('traps.start', {});
      expect(st.ok, JSON.stringify(st)).toBe(true);
      expect((st as { value: TrapListenerStatus }).value.port).toBe(port);

      const e = corpus[0];
      const creds = { user: USER, auth: 'SHA', authPass: AUTH, priv: 'AES', privPass: PRIV };
      const sent = await snmptrap(petV3Args(`127.0.0.1:${port}`, creds, e.specific, e.hex));
      expect(sent.code, sent.stderr).toBe(0);
      expect(await waitFor(() => batches.some((b) => b.events.length > 0))).toBe(true);
      const ev = batches.flatMap((b) => b.events)[0];
      expect(ev.pet?.raw).toBe(e.hex);
      expect(ev.version).toBe('v3');

      await snmptrap(petV3Args(`127.0.0.1:${port}`, { ...creds, privPass: 'wrong-priv-key-9' }, e.specific, e.hex));
      await snmptrap(petV3Args(`127.0.0.1:${port}`, { ...creds, authPass: 'wrong-auth-key-9' }, e.specific, e.hex));
      const status = async () => ((await call('traps.status', {})) as { value: TrapListenerStatus }).value;
      let last = await status();
      for (let i = 0; i < 200 && last.counters.unauthorised < 2; i++) {
        await new Promise((r) => setTimeout(r, 25));
        last = await status();
      }
      expect(last.counters.unauthorised).toBe(2);
      expect(last.counters.accepted).toBe(1);
      await call('traps.stop', {});

      // Deleting the user removes the keys from the keychain and the user from traps.json.
      const del = await call('traps.user.delete', { name: USER });
      expect(del.ok && (del as { value: { deleted: boolean } }).value.deleted).toBe(true);
      const after = await call('traps.settings.get', {});
      expect((after as { value: TrapSettingsView }).value.users).toEqual([]);

      const ops = fs.readFileSync(path.join(services.logs.dir, 'operations.jsonl'), 'utf8');
      expect(ops).toContain('traps.user.set');
      expect(ops).toContain('traps.settings.save');
      for (const f of filesUnder(home)) {
        const text = fs.readFileSync(f, 'latin1');
        expect(text.includes(AUTH) || text.includes(PRIV), `a key in ${f}`).toBe(false);
      }
      const out = JSON.stringify(responses);
      expect(out.includes(AUTH) || out.includes(PRIV)).toBe(false);
    } finally {
      await dispatch('traps.user.delete', { name: USER }, ctx).catch(() => undefined);
      await cleanup();
    }
  });

  it('start refuses, by name, a configured user whose keys are not stored', async () => {
    const { ctx, home, cleanup } = tempServices();
    try {
      const name = `fkmissing${process.pid}`;
      fs.writeFileSync(path.join(home, 'traps.json'), JSON.stringify({ address: '127.0.0.1', port: await findFreeUdpPort(), users: [{ name, level: 'authNoPriv', authProtocol: 'sha' }] }));
      const st = await dispatch('traps.start', {}, ctx);
      expect(st.ok || st.error.id).toBe('CRED_SNMPV3_KEY_NOT_STORED');
      expect(st.ok || st.error.params.user).toBe(name);
    } finally {
      await cleanup();
    }
  });
});

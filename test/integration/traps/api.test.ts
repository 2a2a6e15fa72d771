import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrapBatch, TrapEvent, TrapListenerStatus } from '../../../shared/model/trap';
import { dispatch } from '../../../src-main/api';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { sampleInventory } from '../../support/inventory';
import { loadPetCorpus } from '../../support/pet-corpus';
import { hasSnmptrap, petV1Args, snmptrap, waitFor } from '../../support/snmp-tools';
import { tempServices } from '../../support/temp-services';

const corpus = loadPetCorpus();

describe('traps channels through the handler table', () => {
  it('decode validates and explains; bad payloads are refused', async () => {
    const { ctx, cleanup } = tempServices();
    try {
      const ok = await dispatch('traps.decode', { specific: '0x216F00', hex: corpus[0].hex }, ctx);
      expect(ok.ok).toBe(true);
      if (ok.ok) expect((ok.value as { class: string }).class).toBe('fencing');
      const bad = await dispatch('traps.decode', { specific: '2191104', hex: 'zz' }, ctx);
      expect(bad.ok || bad.error.id).toBe('TRAPS_DECODE_BAD_HEX');
      const wrong = await dispatch('traps.start', { port: 'x' }, ctx);
      expect(wrong.ok || wrong.error.id).toBe('IPC_BAD_PAYLOAD');
      const profiles = await dispatch('traps.profiles', { reload: true }, ctx);
      expect(profiles.ok && (profiles.value as { profiles: unknown[] }).profiles.length).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!hasSnmptrap)('start, live batches on the bus, search, stop; sources matched to the inventory', async () => {
    const { ctx, services, home, cleanup } = tempServices();
    try {
      const inv = sampleInventory();
      inv.clusters[0].servers[1].bmc = { primary: { host: '::1', port: 16235 } };
      fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv));
      const batches: TrapBatch[] = [];
      services.bus.subscribe((event, payload) => {
        if (event === 'traps.batch') batches.push(payload as TrapBatch);
      });
      const port = await findFreeUdpPort();
      const st = await dispatch('traps.start', { address: '127.0.0.1', port, communities: ['public'] }, ctx);
      expect(st.ok && (st.value as TrapListenerStatus).listening).toBe(true);
      await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', corpus[0].specific, corpus[0].hex));
      expect(await waitFor(() => batches.some((b) => b.events.length > 0))).toBe(true);
      const ev = batches.flatMap((b) => b.events)[0];
      expect(ev.server).toBe('node1');
      expect(ev.cluster).toBe('hacluster1');
      expect(ev.nextStep.en).toBe('Start recovery for node1');
      const found = await dispatch('traps.search', { server: 'node1' }, ctx);
      expect(found.ok && (found.value as TrapEvent[]).map((e) => e.pet?.raw)).toEqual([corpus[0].hex]);
      const again = await dispatch('traps.start', { address: '127.0.0.1', port }, ctx);
      expect(again.ok || again.error.id).toBe('TRAPS_ALREADY_LISTENING');
      const stopped = await dispatch('traps.stop', {}, ctx);
      expect(stopped.ok && (stopped.value as TrapListenerStatus).listening).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it.skipIf(!hasSnmptrap)('saved settings reach a running listener: limits in place, a new port by a restart, a port in use rolls back', async () => {
    const { ctx, cleanup } = tempServices();
    const blocker = dgram.createSocket('udp4');
    try {
      const port = await findFreeUdpPort();
      const status = async () => { const r = await dispatch('traps.status', {}, ctx); return r.ok ? (r.value as TrapListenerStatus) : undefined; };
      const until = async (cond: () => Promise<boolean>) => {
        for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await cond()) return true;
        return false;
      };
      const accepted = async (p: number) => {
        const before = (await status())!.counters.accepted;
        await snmptrap(petV1Args(`127.0.0.1:${p}`, 'public', corpus[0].specific, corpus[0].hex));
        return until(async () => (await status())!.counters.accepted > before);
      };
      expect((await dispatch('traps.settings.save', { address: '127.0.0.1', port, communities: ['public'] }, ctx)).ok).toBe(true);
      const st = await dispatch('traps.start', {}, ctx);
      expect(st.ok && (st.value as TrapListenerStatus).port).toBe(port);

      // Queue limit and unknown-source handling: applied in place, same socket.
      const live = await dispatch('traps.settings.save', { address: '127.0.0.1', port, communities: ['public'], queueLimit: 5000, acceptUnknownSources: false }, ctx);
      expect(live.ok).toBe(true);
      if (live.ok) expect(live.value).toMatchObject({ restarted: false, listener: { listening: true, port } });
      // acceptUnknownSources off: a trap from a source outside the (empty) inventory is now dropped, not accepted.
      const c0 = (await status())!.counters;
      await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', corpus[0].specific, corpus[0].hex));
      expect(await until(async () => (await status())!.counters.unknownSource > c0.unknownSource)).toBe(true);
      expect((await status())!.counters.accepted).toBe(c0.accepted);
      expect((await status())!.recentDrops[0]).toMatchObject({ reason: 'unknownSource' });
      await dispatch('traps.settings.save', { address: '127.0.0.1', port, communities: ['public'], acceptUnknownSources: true }, ctx);
      expect(await accepted(port)).toBe(true);

      // A new port: the listener restarts there.
      const port2 = await findFreeUdpPort();
      const moved = await dispatch('traps.settings.save', { address: '127.0.0.1', port: port2, communities: ['public'] }, ctx);
      expect(moved.ok).toBe(true);
      if (moved.ok) expect(moved.value).toMatchObject({ restarted: true, listener: { listening: true, port: port2 } });
      expect(await accepted(port2)).toBe(true);

      // A port another program holds: the error, and the listener back on its previous port.
      const port3 = await findFreeUdpPort();
      await new Promise<void>((r) => blocker.bind(port3, '127.0.0.1', () => r()));
      const clash = await dispatch('traps.settings.save', { address: '127.0.0.1', port: port3, communities: ['public'] }, ctx);
      expect(clash.ok || clash.error.id).toBe('TRAPS_BIND_IN_USE');
      expect(await status()).toMatchObject({ listening: true, port: port2 });
      expect(await accepted(port2)).toBe(true);
    } finally {
      blocker.close();
      await dispatch('traps.stop', {}, ctx);
      await cleanup();
    }
  });
});

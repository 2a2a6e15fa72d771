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
});

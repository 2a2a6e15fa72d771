import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrapCounters, TrapEvent } from '../../../shared/model/trap';
import type { TrapService } from '../../../src-main/services/traps';
import { loadPetCorpus, spacedHex } from '../../support/pet-corpus';
import { captureTrap, hasSnmptrap, PET_ENTERPRISE, PET_VARBIND, petV1Args, petV2Args, sendDatagrams, snmptrap, waitFor } from '../../support/snmp-tools';
import { makeTrapService } from '../../support/trap-service';

if (!hasSnmptrap) console.warn('traps bad-input tests skipped: snmptrap (apt snmp) not installed');

const corpus = loadPetCorpus();
const fault = corpus.find((c) => c.name === 'slot-fault-assert')!;

/** Deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const outcomes = (c: TrapCounters) => c.accepted + c.malformed + c.unauthorised + c.rateLimited + c.duplicate + c.queueFull;

describe.skipIf(!hasSnmptrap)('bad input never takes the listener down', () => {
  let svc: TrapService;
  let dir = '';
  let port: number;
  const events: TrapEvent[] = [];
  let realV1: Buffer;
  let seq = 1000;

  /** A valid PET with a fresh sequence number, so it is never a duplicate. */
  function freshPet(): string {
    const b = Buffer.from(fault.hex, 'hex');
    b.writeUInt16BE(seq++ & 0xffff, 16);
    return b.toString('hex');
  }

  async function expectStillDecodes(): Promise<void> {
    const hex = freshPet();
    const before = events.length;
    expect((await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', fault.specific, hex))).code).toBe(0);
    expect(await waitFor(() => events.length > before)).toBe(true);
    expect(events[events.length - 1].pet?.raw).toBe(hex);
    expect(events[events.length - 1].class).toBe('fencing');
  }

  /** Sends datagrams and waits until each has an outcome; returns the counter deltas. */
  async function blast(datagrams: Buffer[]): Promise<TrapCounters> {
    const before = svc.status().counters;
    await sendDatagrams(port, datagrams);
    await waitFor(() => svc.status().counters.received - before.received >= datagrams.length, 15_000);
    // Let the queue drain: every received datagram must reach an outcome (a slow, loaded machine needs more than a fixed pause).
    await waitFor(() => outcomes(svc.status().counters) - outcomes(before) >= svc.status().counters.received - before.received, 15_000);
    const after = svc.status().counters;
    const delta = { ...after };
    for (const k of Object.keys(after) as (keyof TrapCounters)[]) delta[k] = after[k] - before[k];
    return delta;
  }

  beforeAll(async () => {
    ({ svc, dir } = makeTrapService());
    svc.onEvent((e) => events.push(e));
    const st = await svc.start({ address: '127.0.0.1', port: 0, communities: ['public'], rateLimit: { perSecond: 0, burst: 0 } });
    port = st.port!;
    realV1 = await captureTrap((t) => petV1Args(t, 'public', fault.specific, fault.hex));
  });
  afterAll(async () => {
    await svc?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('empty and garbage datagrams are counted as malformed', async () => {
    const rnd = prng(1);
    const garbage = [Buffer.alloc(0), Buffer.from([0x30]), Buffer.from('hello, this is not SNMP')];
    for (let i = 0; i < 200; i++) garbage.push(Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256))));
    const d = await blast(garbage);
    expect(d.received).toBe(garbage.length);
    expect(d.malformed).toBe(garbage.length);
    expect(d.accepted).toBe(0);
    await expectStillDecodes();
  });

  it('a real trap truncated at every byte', async () => {
    const cuts = Array.from({ length: realV1.length }, (_, n) => realV1.subarray(0, n));
    const d = await blast(cuts);
    expect(d.received).toBe(cuts.length);
    expect(outcomes(d)).toBe(d.received);
    expect(d.accepted).toBe(0);
    await expectStillDecodes();
  });

  it('bit-flipped copies: every datagram gets exactly one outcome', async () => {
    const rnd = prng(7);
    const flips: Buffer[] = [];
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.from(realV1);
      const bit = Math.floor(rnd() * b.length * 8);
      b[bit >> 3] ^= 1 << (bit & 7);
      flips.push(b);
    }
    const d = await blast(flips);
    expect(d.received).toBe(flips.length);
    expect(outcomes(d)).toBe(d.received);
    expect(d.malformed).toBeGreaterThan(0);
    await expectStillDecodes();
  });

  it('huge BER lengths and wrong PDU types', async () => {
    const huge = [
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]),
      Buffer.from([0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      Buffer.from([0x30, 0x0b, 0x02, 0x01, 0x00, 0x04, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x61, 0x62]),
    ];
    // The PDU tag follows version and community: swap it for GetRequest, GetResponse, SetRequest, Report.
    const tagAt = realV1.indexOf(0xa4);
    const wrongPdu = [0xa0, 0xa2, 0xa3, 0xa8].map((tag) => {
      const b = Buffer.from(realV1);
      b[tagAt] = tag;
      return b;
    });
    const d = await blast([...huge, ...wrongPdu]);
    expect(d.received).toBe(huge.length + wrongPdu.length);
    expect(d.malformed).toBe(huge.length + wrongPdu.length);
    await expectStillDecodes();
  });

  it('PET varbind missing, too short, too long, of the wrong type: malformed', async () => {
    const t = `127.0.0.1:${port}`;
    const before = svc.status().counters.malformed;
    // missing: the PET enterprise with an unrelated varbind
    await snmptrap(['-v', '1', '-c', 'public', t, PET_ENTERPRISE, '192.0.2.10', '6', String(fault.specific), '', '1.3.6.1.2.1.1.5.0', 's', 'x']);
    await snmptrap(petV1Args(t, 'public', fault.specific, fault.hex.slice(0, 46 * 2))); // 46 bytes
    await snmptrap(petV1Args(t, 'public', fault.specific, fault.hex + '00'.repeat(64))); // 111 bytes
    await snmptrap(['-v', '1', '-c', 'public', t, PET_ENTERPRISE, '192.0.2.10', '6', String(fault.specific), '', PET_VARBIND, 'i', '5']);
    await snmptrap(['-v', '2c', '-c', 'public', t, '', `${PET_ENTERPRISE}.0.${fault.specific}`, PET_VARBIND, 'o', '1.3.6.1.4.1']);
    await snmptrap(petV2Args(t, 'public', 0x1000000, fault.hex)); // specific outside 24 bits
    expect(await waitFor(() => svc.status().counters.malformed - before === 6)).toBe(true);
    const reasons = svc.status().recentDrops.slice(0, 6).map((d) => d.detail).sort();
    expect(reasons).toEqual(['TRAPS_PET_BAD_LENGTH', 'TRAPS_PET_BAD_LENGTH', 'TRAPS_PET_BAD_SPECIFIC', 'TRAPS_PET_MISSING', 'TRAPS_PET_WRONG_TYPE', 'TRAPS_PET_WRONG_TYPE']);
    await expectStillDecodes();
  });

  it('OEM bytes without 0xC1 are kept as text or opaque bytes', async () => {
    const ascii = corpus.find((c) => c.name === 'oem-fields-ascii')!;
    const opaque = corpus.find((c) => c.name === 'oem-fields-opaque')!;
    const before = events.length;
    await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', ascii.specific, ascii.hex));
    await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', opaque.specific, opaque.hex));
    expect(await waitFor(() => events.length === before + 2)).toBe(true);
    expect(events[before].pet?.oem).toEqual([{ kind: 'ascii', text: 'FENCED SLOT 8', hex: Buffer.from('FENCED SLOT 8').toString('hex') }]);
    expect(events[before + 1].pet?.oem).toEqual([{ kind: 'opaque', hex: '010203fe80' }]);
  });

  it('a flood: rate limiting and the bounded queue count what they drop', async () => {
    const r = makeTrapService();
    const ev: TrapEvent[] = [];
    r.svc.onEvent((e) => ev.push(e));
    const st = await r.svc.start({ address: '127.0.0.1', port: 0, communities: ['public'], rateLimit: { perSecond: 50, burst: 100 }, queueLimit: 64 });
    // 5000 distinct valid traps from one source, as fast as one socket sends them.
    const base = Buffer.from(realV1);
    const petAt = base.indexOf(Buffer.from(fault.hex, 'hex'));
    expect(petAt).toBeGreaterThan(0);
    const flood = Array.from({ length: 5000 }, (_, i) => {
      const b = Buffer.from(base);
      b.writeUInt16BE(i, petAt + 16);
      return b;
    });
    await sendDatagrams(st.port!, flood);
    await waitFor(() => r.svc.status().counters.received >= flood.length * 0.95, 15_000);
    await new Promise((res) => setTimeout(res, 100));
    const c = r.svc.status().counters;
    expect(outcomes(c)).toBe(c.received);
    expect(c.rateLimited).toBeGreaterThan(0);
    expect(c.accepted).toBeLessThanOrEqual(100 + 50 * 30); // burst + rate over the (short) flood
    expect(r.svc.listening).toBe(true);
    // After the bucket refills, a new trap is decoded.
    await new Promise((res) => setTimeout(res, 1100));
    const n = ev.length;
    const hex = freshPet();
    await snmptrap(petV1Args(`127.0.0.1:${st.port}`, 'public', fault.specific, hex));
    expect(await waitFor(() => ev.length === n + 1)).toBe(true);
    expect(ev[n].pet?.raw).toBe(hex);
    await r.svc.stop();
    fs.rmSync(r.dir, { recursive: true, force: true });
  });

  it('never emits a PET without its bytes', () => {
    expect(events.every((e) => !e.pet || e.pet.raw.length >= 94)).toBe(true);
    expect(spacedHex('a1b2')).toBe('a1 b2');
  });
});

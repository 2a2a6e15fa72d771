/**
 * Fuzz: thousands of mutated packets fed to every decoder and to the
 * transport's router. A decoder may only throw the catalogued
 * IPMI_DECODE_ERROR; the router may not throw at all; a valid packet still
 * decodes afterwards. The PRNG is seeded so a failure can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { isFieldKitError } from '../../../shared/errors';
import { SUITES } from '../../../src-main/engines/ipmi/cipher-suites';
import { deriveK } from '../../../src-main/engines/ipmi/crypto';
import { decodeOpenSessionResponse, decodeRakp2, decodeRakp4 } from '../../../src-main/engines/ipmi/handshake';
import { checksum, decodeResponse } from '../../../src-main/engines/ipmi/message';
import { decodeV15, decodeV2, encodeV15Sessionless, encodeV2, peek, type SessionKeys } from '../../../src-main/engines/ipmi/packet';
import { decodeAsfPong } from '../../../src-main/engines/ipmi/rmcp';
import { UdpTransport } from '../../../src-main/engines/ipmi/transport';

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 0x1f2e3d4c);
const ROUNDS = 2500;

function response(rqSeq: number, data: number[]): Buffer {
  const b = Buffer.alloc(8 + data.length);
  b[0] = 0x81; b[1] = (0x07 << 2); b[2] = checksum(b, 0, 2);
  b[3] = 0x20; b[4] = rqSeq << 2; b[5] = 0x01; b[6] = 0x00;
  Buffer.from(data).copy(b, 7);
  b[b.length - 1] = checksum(b, 3, b.length - 1);
  return b;
}

function mutate(rand: () => number, src: Buffer): Buffer {
  let b = Buffer.from(src);
  const ops = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < ops; i++) {
    const r = rand();
    if (r < 0.3 && b.length) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
    else if (r < 0.5 && b.length) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    else if (r < 0.65) b = b.subarray(0, Math.floor(rand() * b.length));
    else if (r < 0.75) b = Buffer.concat([b, Buffer.from(Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256)))]);
    else if (r < 0.9 && b.length >= 16) b.writeUInt16LE(Math.floor(rand() * 0x10000), 14); // payload length
    else if (b.length > 13) b[13] = Math.floor(rand() * 256); // v1.5 length
  }
  return b;
}

describe('decoder fuzz', () => {
  const sik = Buffer.alloc(20, 7);
  const keysFor = (id: 3 | 17): SessionKeys => {
    const s = SUITES[id];
    return { integrityHash: s.integrityHash, integrityLength: s.integrityLength, k1: deriveK(s.authHash!, sik, 1), k2: deriveK(s.authHash!, sik, 2), encrypted: true };
  };
  const keys3 = keysFor(3);
  const keys17 = keysFor(17);
  const msg = response(5, [0x00, 0x03, 0x09, 0x08, 0x02, 0x9f]);
  const seeds: Buffer[] = [
    encodeV2({ payloadType: 0, sessionId: 0x11223344, sequence: 7, payload: msg, keys: keys3 }),
    encodeV2({ payloadType: 0, sessionId: 0x11223344, sequence: 8, payload: msg, keys: keys17 }),
    encodeV2({ payloadType: 0x11, sessionId: 0, sequence: 0, payload: Buffer.from('2a000400443322110200000000000008010000000100000801000000020000080100000000', 'hex').subarray(0, 36) }),
    encodeV2({ payloadType: 0x13, sessionId: 0, sequence: 0, payload: Buffer.alloc(60, 3) }),
    encodeV2({ payloadType: 0x15, sessionId: 0, sequence: 0, payload: Buffer.alloc(20, 4) }),
    encodeV15Sessionless(msg),
    Buffer.from('0600ff06000011be40aa0010000011be00000000810000000000000000', 'hex'),
  ];

  it(`${ROUNDS} mutated packets per seed packet: only catalogued decode errors, router never throws (seed ${SEED})`, () => {
    const rand = mulberry32(SEED);
    const transport = new UdpTransport();
    let delivered = 0;
    const ep = { address: '127.0.0.1', port: 623 };
    transport.subscribeSession(ep, 0x11223344, () => { delivered++; });
    transport.subscribeSessionless(ep, () => { delivered++; });
    const decoders: ((b: Buffer) => unknown)[] = [
      (b) => decodeV2(b, keys3),
      (b) => decodeV2(b, keys17),
      (b) => decodeV2(b),
      (b) => decodeV15(b),
      (b) => decodeResponse(b),
      (b) => decodeResponse(b.subarray(16)),
      (b) => decodeOpenSessionResponse(b.subarray(16)),
      (b) => decodeRakp2(b.subarray(16), SUITES[3]),
      (b) => decodeRakp2(b.subarray(16), SUITES[17]),
      (b) => decodeRakp4(b.subarray(16), SUITES[17]),
      (b) => decodeAsfPong(b),
      (b) => peek(b),
    ];
    let thrown = 0;
    let accepted = 0;
    for (const seed of seeds) {
      for (let i = 0; i < ROUNDS; i++) {
        const m = mutate(rand, seed);
        for (const d of decoders) {
          try {
            d(m);
            accepted++;
          } catch (e) {
            thrown++;
            if (!isFieldKitError(e) || e.id !== 'IPMI_DECODE_ERROR') throw new Error(`uncatalogued throw on ${m.toString('hex')}: ${String(e)}`);
          }
        }
        expect(() => transport.route(m, '127.0.0.1', 623)).not.toThrow();
      }
    }
    expect(thrown).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(0);
    expect(delivered).toBeGreaterThan(0);
    // Integrity and pad hold: no mutated authenticated packet decoded to a different message.
    const good = decodeV2(seeds[0], keys3);
    expect(good.payload.equals(msg)).toBe(true);
    expect(decodeV2(seeds[1], keys17).payload.equals(msg)).toBe(true);
    expect(decodeResponse(good.payload).data.toString('hex')).toBe('00030908029f');
  });

  it('no mutation of an authenticated packet is accepted with a different payload', () => {
    const rand = mulberry32(SEED ^ 0x5555);
    let forged = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const m = mutate(rand, seeds[0]);
      try {
        const p = decodeV2(m, keys3);
        if (!p.payload.equals(msg) || p.payloadType !== 0 || p.sessionId !== 0x11223344 || p.sequence !== 7) forged++;
      } catch { /* dropped */ }
    }
    expect(forged).toBe(0);
  });
});

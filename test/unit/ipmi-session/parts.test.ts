import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { ipmiMessages } from '../../../shared/messages/ipmi';
import { parseCipherSuiteRecords } from '../../../src-main/engines/ipmi/channel-auth';
import { checksum, decodeResponse, encodeRequest } from '../../../src-main/engines/ipmi/message';
import { ReplayWindow } from '../../../src-main/engines/ipmi/replay-window';
import { attemptTimeouts } from '../../../src-main/engines/ipmi/retry';
import { kgBytes, poolKey, validateTarget } from '../../../src-main/engines/ipmi/target';
import { lowerPrivileges } from '../../../src-main/engines/ipmi/privilege';
import { AesCbc, aesEncrypt } from '../../../src-main/engines/ipmi/crypto';
import { decodeV2, encodeV2, type SessionKeys } from '../../../src-main/engines/ipmi/packet';

describe('replay window', () => {
  it('accepts each number once, tolerates reordering within 32, drops older', () => {
    const w = new ReplayWindow();
    expect(w.accept(100)).toBe(true);
    expect(w.accept(100)).toBe(false); // duplicate
    expect(w.accept(103)).toBe(true);
    expect(w.accept(101)).toBe(true); // late but in window
    expect(w.accept(101)).toBe(false);
    expect(w.accept(102)).toBe(true);
    expect(w.accept(103)).toBe(false);
    expect(w.accept(103 - 33)).toBe(false); // too old
    expect(w.accept(140)).toBe(true); // jump ahead by 37 clears the map
    expect(w.accept(108)).toBe(true); // exactly 32 back: still inside
    expect(w.accept(107)).toBe(false); // 33 back: outside
    expect(w.accept(108)).toBe(false);
  });

  it('survives the 2^32 wrap', () => {
    const w = new ReplayWindow();
    expect(w.accept(0xfffffffe)).toBe(true);
    expect(w.accept(0xffffffff)).toBe(true);
    expect(w.accept(1)).toBe(true);
    expect(w.accept(0xffffffff)).toBe(false);
    expect(w.accept(0xfffffffe)).toBe(false);
    expect(w.accept(0)).toBe(true);
  });
});

describe('retry policy', () => {
  it('spreads the whole budget over 1 + retries growing attempts', () => {
    for (const [timeoutMs, retries] of [[5000, 3], [1500, 0], [800, 5], [20000, 4]]) {
      const t = attemptTimeouts({ timeoutMs, retries }, () => 0.5);
      expect(t.length).toBe(retries + 1);
      expect(t.reduce((a, b) => a + b, 0)).toBe(timeoutMs);
      for (let i = 1; i < t.length - 1; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    }
  });
  it('jitter never breaks the budget', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const t = attemptTimeouts({ timeoutMs: 3000, retries: 4 }, rand);
      expect(t.reduce((a, b) => a + b, 0)).toBe(3000);
      expect(t.every((x) => x > 0)).toBe(true);
    }
  });
});

describe('IPMI message', () => {
  it('encodes Get Device ID with both checksums', () => {
    const b = encodeRequest({ netFn: 0x06, cmd: 0x01, rqSeq: 1 });
    expect(b.toString('hex')).toBe('2018c88104017a');
    expect(checksum(b, 0, 3)).toBe(0); // header sums to zero with its checksum
    expect(checksum(b, 3, b.length)).toBe(0);
  });
  it('rejects a response with a bad checksum', () => {
    const ok = Buffer.from('811c632004010000030908029fba', 'hex');
    ok[ok.length - 1] = checksum(ok, 3, ok.length - 1);
    expect(decodeResponse(ok).data.toString('hex')).toBe('00030908029f');
    const bad = Buffer.from(ok);
    bad[8] ^= 1;
    expect(() => decodeResponse(bad)).toThrow(FieldKitError);
  });
});

describe('cipher suite records', () => {
  it('collects standard and OEM suite ids, skipping algorithm bytes', () => {
    const data = Buffer.from('c0000000 c001010000 c0030101 41 81 c1118f2b00 034480 c0110344 81'.replace(/\s/g, ''), 'hex');
    expect(parseCipherSuiteRecords(data)).toEqual([0, 1, 3, 17, 17]);
  });
});

describe('targets', () => {
  const base = { host: '127.0.0.1', username: 'admin', password: 'secret-pw-123' };
  it('refuses over-long passwords, user names and keys with a catalogued error', () => {
    expect(() => validateTarget({ ...base, password: 'x'.repeat(21) })).toThrow(/20 bytes/);
    expect(() => validateTarget({ ...base, password: 'x'.repeat(20) })).not.toThrow();
    expect(() => validateTarget({ ...base, username: 'u'.repeat(17) })).toThrow(/16 bytes/);
    expect(() => validateTarget({ ...base, kg: 'k'.repeat(21) })).toThrow(/Kg/);
    expect(() => validateTarget({ ...base, cipherSuite: 5 as never })).toThrow(FieldKitError);
  });
  it('pool key separates credentials without containing them', () => {
    const k = poolKey(base);
    expect(k).not.toContain('secret-pw-123');
    expect(poolKey({ ...base, password: 'other' })).not.toBe(k);
    expect(poolKey({ ...base, kg: 'abc' })).not.toBe(k);
    expect(poolKey({ ...base })).toBe(k);
  });
  it('reads Kg as ASCII or 0x-hex', () => {
    expect(kgBytes('0x0102')!.toString('hex')).toBe('0102');
    expect(kgBytes('abc')!.toString()).toBe('abc');
    expect(kgBytes('')).toBeUndefined();
  });
  it('privilege fallback goes admin, operator, user', () => {
    expect(lowerPrivileges('admin')).toEqual(['admin', 'operator', 'user']);
    expect(lowerPrivileges('operator')).toEqual(['operator', 'user']);
  });
});

describe('catalogue', () => {
  it('every IPMI_ message has en, ja and remedies, and no {password} placeholder', () => {
    for (const [id, m] of Object.entries(ipmiMessages)) {
      expect(id.startsWith('IPMI_')).toBe(true);
      for (const t of [m.en, m.ja, m.remedy.en, m.remedy.ja]) {
        expect(t.length).toBeGreaterThan(5);
        expect(t).not.toMatch(/\{(password|kg|key|secret)\}/i);
      }
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort().join(',');
      expect(ph(m.ja)).toBe(ph(m.en));
    }
  });
});

describe('pooled buffers on the per-request path', () => {
  // encodeRequest, encodeV2 and AES-CBC use unzeroed pooled buffers: every
  // byte must be written, or old memory (another session's data) would leak
  // onto the wire. Dirty the pool with different garbage before each run: the
  // bytes must come out the same, and equal to a zeroed construction.
  const real = Buffer.allocUnsafe.bind(Buffer);
  let garbage = 0;
  const dirty = (fill: number) => { garbage = fill; };
  beforeEach(() => { vi.spyOn(Buffer, 'allocUnsafe').mockImplementation((n: number) => real(n).fill(garbage)); });
  afterEach(() => { vi.restoreAllMocks(); });
  const keys = (): SessionKeys => ({ integrityHash: 'sha1', integrityLength: 12, k1: Buffer.alloc(20, 7), k2: Buffer.alloc(20, 9), encrypted: true });

  it('IPMI messages, RMCP+ packets and AES payloads carry no stale bytes', () => {
    const outputs = [0x00, 0xaa, 0x55].map((fill) => {
      dirty(fill);
      const msg = encodeRequest({ netFn: 4, cmd: 0x2d, rqSeq: 5, data: Uint8Array.of(1) });
      dirty(fill);
      const cbc = new AesCbc(Buffer.alloc(20, 9)).encrypt(msg, Buffer.alloc(16, 3));
      dirty(fill);
      const pkt = encodeV2({ payloadType: 0, sessionId: 0x1234, sequence: 7, payload: msg, keys: { ...keys(), encrypted: false, k2: undefined } });
      dirty(fill);
      const plain = new AesCbc(Buffer.alloc(20, 9)).decrypt(cbc);
      return Buffer.concat([msg, cbc, pkt, plain ?? Buffer.alloc(0)]).toString('hex');
    });
    expect(vi.mocked(Buffer.allocUnsafe).mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    // And the same as the reference construction with zeroed buffers.
    const msg = encodeRequest({ netFn: 4, cmd: 0x2d, rqSeq: 5, data: Uint8Array.of(1) });
    expect(new AesCbc(Buffer.alloc(20, 9)).encrypt(msg, Buffer.alloc(16, 3)).equals(aesEncrypt(Buffer.alloc(20, 9), msg, Buffer.alloc(16, 3)))).toBe(true);
    const decoded = decodeV2(encodeV2({ payloadType: 0, sessionId: 1, sequence: 2, payload: msg, keys: keys() }), keys());
    expect(decoded.payload.equals(msg)).toBe(true);
  });
});

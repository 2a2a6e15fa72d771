/**
 * RMCP+ key derivation, RAKP codes, integrity trailer and AES-CBC-128 with
 * the IPMI pad (IPMI 2.0 sections 13.28-13.31). Pure functions over
 * node:crypto so that known-answer tests can drive each step.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomFillSync, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto';
import type { HashName } from './cipher-suites';

export const KEY_LENGTH = 20;

export function hmac(hash: HashName, key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Passwords and Kg are zero-padded to 20 bytes (the 16-byte form is a prefix of it). */
export function padKey(secret: Buffer | string | undefined): Buffer {
  const out = Buffer.alloc(KEY_LENGTH);
  if (secret === undefined) return out;
  const b = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  b.copy(out, 0, 0, Math.min(b.length, KEY_LENGTH));
  return out;
}

export function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

export interface RakpInputs {
  hash: HashName;
  kuid: Buffer;           // password padded to 20
  consoleSid: number;     // SIDm
  bmcSid: number;         // SIDc
  rm: Buffer;             // our random (16)
  rc: Buffer;             // BMC random (16)
  guid: Buffer;           // BMC GUID (16)
  role: number;           // ROLEm as sent in RAKP1 (privilege | lookup bit)
  username: Buffer;       // UNAMEm
}

function roleUser(i: RakpInputs): Buffer {
  return Buffer.concat([Buffer.from([i.role, i.username.length]), i.username]);
}

/** RAKP2 key exchange auth code: HMAC_Kuid(SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm). */
export function rakp2Code(i: RakpInputs): Buffer {
  return hmac(i.hash, i.kuid, u32le(i.consoleSid), u32le(i.bmcSid), i.rm, i.rc, i.guid, roleUser(i));
}

/** RAKP3 key exchange auth code: HMAC_Kuid(Rc | SIDm | ROLEm | ULENm | UNAMEm). */
export function rakp3Code(i: RakpInputs): Buffer {
  return hmac(i.hash, i.kuid, i.rc, u32le(i.consoleSid), roleUser(i));
}

/** Session integrity key: HMAC_{Kg, or Kuid without Kg}(Rm | Rc | ROLEm | ULENm | UNAMEm). */
export function sessionIntegrityKey(i: RakpInputs, kg?: Buffer): Buffer {
  const key = kg && kg.some((b) => b !== 0) ? kg : i.kuid;
  return hmac(i.hash, key, i.rm, i.rc, roleUser(i));
}

/** RAKP4 integrity check value: HMAC_SIK(Rm | SIDc | GUIDc), truncated by the caller's suite. */
export function rakp4Icv(i: RakpInputs, sik: Buffer, length: number): Buffer {
  return hmac(i.hash, sik, i.rm, u32le(i.bmcSid), i.guid).subarray(0, length);
}

/** K1 and K2: HMAC_SIK over 20 bytes of 0x01 / 0x02 (20 bytes even with SHA-256). */
export function deriveK(hash: HashName, sik: Buffer, n: 1 | 2): Buffer {
  return hmac(hash, sik, Buffer.alloc(KEY_LENGTH, n));
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * AES-CBC-128 payload: IV | AES_K2[0..15](data | 01 02 .. n | n), the pad
 * making the plaintext a multiple of 16. Node's own PKCS padding is off.
 */
export function aesEncrypt(k2: Buffer, data: Buffer, iv: Buffer = randomBytes(16)): Buffer {
  const padLen = (16 - ((data.length + 1) % 16)) % 16;
  const plain = Buffer.alloc(data.length + padLen + 1);
  data.copy(plain, 0);
  for (let i = 0; i < padLen; i++) plain[data.length + i] = i + 1;
  plain[plain.length - 1] = padLen;
  const c = createCipheriv('aes-128-cbc', k2.subarray(0, 16), iv);
  c.setAutoPadding(false);
  return Buffer.concat([iv, c.update(plain), c.final()]);
}

/** Inverse of aesEncrypt; undefined when the length or the pad bytes are wrong. */
export function aesDecrypt(k2: Buffer, payload: Buffer): Buffer | undefined {
  if (payload.length < 32 || payload.length % 16 !== 0) return undefined;
  const d = createDecipheriv('aes-128-cbc', k2.subarray(0, 16), payload.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(payload.subarray(16)), d.final()]);
  const padLen = plain[plain.length - 1];
  if (padLen > 15 || padLen + 1 > plain.length) return undefined;
  const start = plain.length - 1 - padLen;
  for (let i = 0; i < padLen; i++) if (plain[start + i] !== i + 1) return undefined;
  return plain.subarray(0, start);
}

/*
 * IVs come from a pool refilled 256 at a time: one OpenSSL call per 256
 * messages instead of one per message on the hot path.
 */
const ivPool = Buffer.alloc(16 * 256);
let ivNext = ivPool.length;

export function nextIv(): Buffer {
  if (ivNext >= ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + 16));
  ivNext += 16;
  return iv;
}

/**
 * AES-CBC-128 for one session, built on a reusable AES-ECB object (ECB keeps
 * no state between blocks, so one object serves every message); chaining is
 * done here. Avoids creating a cipher per message on the hot path. Same
 * output as aesEncrypt/aesDecrypt.
 */
export class AesCbc {
  private readonly enc: Cipher;
  private readonly dec: Decipher;

  constructor(k2: Buffer) {
    const key = k2.subarray(0, 16);
    this.enc = createCipheriv('aes-128-ecb', key, null);
    this.enc.setAutoPadding(false);
    this.dec = createDecipheriv('aes-128-ecb', key, null);
    this.dec.setAutoPadding(false);
  }

  encrypt(data: Buffer, iv: Buffer = nextIv()): Buffer {
    const padLen = (16 - ((data.length + 1) % 16)) % 16;
    const total = data.length + padLen + 1;
    // IV, data, pad and pad length fill every byte: pooled, unzeroed.
    const out = Buffer.allocUnsafe(16 + total);
    iv.copy(out, 0, 0, 16);
    data.copy(out, 16);
    for (let i = 0; i < padLen; i++) out[16 + data.length + i] = i + 1;
    out[out.length - 1] = padLen;
    for (let off = 16; off < out.length; off += 16) {
      for (let j = 0; j < 16; j++) out[off + j] ^= out[off - 16 + j];
      const c = this.enc.update(out.subarray(off, off + 16));
      c.copy(out, off);
    }
    return out;
  }

  decrypt(payload: Buffer): Buffer | undefined {
    if (payload.length < 32 || payload.length % 16 !== 0) return undefined;
    const plain = Buffer.allocUnsafe(payload.length - 16); // every byte written below
    for (let off = 16; off < payload.length; off += 16) {
      const p = this.dec.update(payload.subarray(off, off + 16));
      for (let j = 0; j < 16; j++) plain[off - 16 + j] = p[j] ^ payload[off - 16 + j];
    }
    const padLen = plain[plain.length - 1];
    if (padLen > 15 || padLen + 1 > plain.length) return undefined;
    const start = plain.length - 1 - padLen;
    for (let i = 0; i < padLen; i++) if (plain[start + i] !== i + 1) return undefined;
    return plain.subarray(0, start);
  }
}

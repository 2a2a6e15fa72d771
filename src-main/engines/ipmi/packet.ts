/**
 * IPMI LAN session packets: the IPMI 1.5 form (only sessionless, auth type
 * none, for Get Channel Authentication Capabilities) and the RMCP+ form
 * (IPMI 2.0 section 13.6) with optional integrity trailer and AES payload.
 */
import type { HashName } from './cipher-suites';
import { AesCbc, hmac, safeEqual } from './crypto';
import { decodeError } from './decode-error';
import { RMCP_IPMI_HEADER, isRmcpIpmi } from './rmcp';
import { PAYLOAD_TYPE } from './spec';

export const AUTHTYPE_NONE = 0x00;
export const AUTHTYPE_RMCPP = 0x06;

export const PT_IPMI = PAYLOAD_TYPE.IPMI;
export const PT_OPEN_SESSION_REQ = PAYLOAD_TYPE.OPEN_SESSION_REQUEST;
export const PT_OPEN_SESSION_RSP = PAYLOAD_TYPE.OPEN_SESSION_RESPONSE;
export const PT_RAKP1 = PAYLOAD_TYPE.RAKP1;
export const PT_RAKP2 = PAYLOAD_TYPE.RAKP2;
export const PT_RAKP3 = PAYLOAD_TYPE.RAKP3;
export const PT_RAKP4 = PAYLOAD_TYPE.RAKP4;

const FLAG_ENCRYPTED = 0x80;
const FLAG_AUTHENTICATED = 0x40;
const NEXT_HEADER = 0x07;

/** Per-session keys, fixed once the handshake is done. */
export interface SessionKeys {
  integrityHash?: HashName;
  integrityLength: number;
  k1?: Buffer;
  k2?: Buffer;
  encrypted: boolean;
  /** AES-CBC engine for k2, created on first use and kept with the keys. */
  cbc?: AesCbc;
}

function cbcOf(keys: SessionKeys): AesCbc {
  return (keys.cbc ??= new AesCbc(keys.k2!));
}

export function encodeV15Sessionless(message: Buffer): Buffer {
  const b = Buffer.alloc(4 + 10 + message.length);
  RMCP_IPMI_HEADER.copy(b, 0);
  b[4] = AUTHTYPE_NONE; // auth type; seq (4) and session id (4) stay zero
  b[13] = message.length;
  message.copy(b, 14);
  return b;
}

export interface V2Out {
  payloadType: number;
  sessionId: number;
  sequence: number;
  payload: Buffer;
  /** Keys; absent (or without k1/k2) for handshake and sessionless packets. */
  keys?: SessionKeys;
}

export function encodeV2(p: V2Out): Buffer {
  const keys = p.keys;
  const encrypt = !!(keys?.encrypted && keys.k2);
  const authenticate = !!(keys && keys.integrityLength > 0 && keys.k1 && keys.integrityHash);
  const body = encrypt ? cbcOf(keys!).encrypt(p.payload) : p.payload;
  const headerLen = 4 + 12;
  let padLen = 0;
  let trailerLen = 0;
  if (authenticate) {
    // Pad so that auth type .. next header is a multiple of 4.
    padLen = (4 - ((12 + body.length + 2) % 4)) % 4;
    trailerLen = padLen + 2 + keys!.integrityLength;
  }
  // Every byte is written below (header, body, pad, pad length, next header,
  // integrity code): pooled and unzeroed on the per-message path.
  const b = Buffer.allocUnsafe(headerLen + body.length + trailerLen);
  RMCP_IPMI_HEADER.copy(b, 0);
  b[4] = AUTHTYPE_RMCPP;
  b[5] = (p.payloadType & 0x3f) | (encrypt ? FLAG_ENCRYPTED : 0) | (authenticate ? FLAG_AUTHENTICATED : 0);
  b.writeUInt32LE(p.sessionId >>> 0, 6);
  b.writeUInt32LE(p.sequence >>> 0, 10);
  b.writeUInt16LE(body.length, 14);
  body.copy(b, 16);
  if (authenticate) {
    let o = 16 + body.length;
    b.fill(0xff, o, o + padLen);
    o += padLen;
    b[o++] = padLen;
    b[o++] = NEXT_HEADER;
    const code = hmac(keys!.integrityHash!, keys!.k1!, b.subarray(4, o)).subarray(0, keys!.integrityLength);
    code.copy(b, o);
  }
  return b;
}

export interface V2In {
  payloadType: number;
  encrypted: boolean;
  authenticated: boolean;
  sessionId: number;
  sequence: number;
  /** Decrypted payload. */
  payload: Buffer;
}

/** Fields needed for routing, without checking or decrypting anything. */
export interface PacketPeek {
  version: 15 | 20;
  payloadType: number;
  sessionId: number;
}

export function peek(b: Buffer): PacketPeek | undefined {
  if (!isRmcpIpmi(b)) return undefined;
  if (b[4] === AUTHTYPE_RMCPP) {
    if (b.length < 16) return undefined;
    return { version: 20, payloadType: b[5] & 0x3f, sessionId: b.readUInt32LE(6) };
  }
  if (b.length < 14) return undefined;
  // IPMI 1.5: auth type, seq (4), session id (4).
  return { version: 15, payloadType: PT_IPMI, sessionId: b.readUInt32LE(9) };
}

/**
 * Decodes an RMCP+ packet. With keys, authenticated packets must carry a
 * valid trailer and encrypted ones a valid pad; anything else throws a
 * catalogued decode error so the caller can drop it.
 */
export function decodeV2(b: Buffer, keys?: SessionKeys): V2In {
  if (!isRmcpIpmi(b) || b[4] !== AUTHTYPE_RMCPP) throw decodeError('not an RMCP+ packet');
  if (b.length < 16) throw decodeError('RMCP+ header truncated');
  const flags = b[5];
  const payloadType = flags & 0x3f;
  if (payloadType === PAYLOAD_TYPE.OEM_EXPLICIT) throw decodeError('OEM explicit payloads are not supported');
  const encrypted = (flags & FLAG_ENCRYPTED) !== 0;
  const authenticated = (flags & FLAG_AUTHENTICATED) !== 0;
  const sessionId = b.readUInt32LE(6);
  const sequence = b.readUInt32LE(10);
  const len = b.readUInt16LE(14);
  if (16 + len > b.length) throw decodeError(`payload length ${len} exceeds packet`);
  const body = b.subarray(16, 16 + len);
  if (authenticated) {
    if (!keys || !keys.k1 || !keys.integrityHash || keys.integrityLength === 0) throw decodeError('authenticated packet outside an integrity session');
    const trailerLen = b.length - 16 - len;
    const codeLen = keys.integrityLength;
    if (trailerLen < 2 + codeLen) throw decodeError('integrity trailer truncated');
    const nhAt = b.length - codeLen - 1;
    const padLen = b[nhAt - 1];
    if (b[nhAt] !== NEXT_HEADER || padLen > 3 || 16 + len + padLen + 2 + codeLen !== b.length) throw decodeError('integrity trailer malformed');
    const expect = hmac(keys.integrityHash, keys.k1, b.subarray(4, nhAt + 1)).subarray(0, codeLen);
    if (!safeEqual(expect, b.subarray(nhAt + 1))) throw decodeError('integrity check failed');
  } else if (keys && keys.integrityLength > 0) {
    // With session keys every packet must carry the trailer the session requires.
    throw decodeError('unauthenticated packet in an integrity session');
  }
  if (encrypted) {
    if (!keys || !keys.k2) throw decodeError('encrypted packet outside a confidential session');
    const plain = cbcOf(keys).decrypt(body);
    if (!plain) throw decodeError('bad AES length or pad');
    // Decrypted into a buffer of its own: no copy needed.
    return { payloadType, encrypted, authenticated, sessionId, sequence, payload: plain };
  } else if (keys && keys.encrypted) {
    throw decodeError('clear-text packet in a confidential session');
  }
  // A copy, so the payload never aliases the datagram.
  return { payloadType, encrypted, authenticated, sessionId, sequence, payload: Buffer.from(body) };
}

/** Decodes a sessionless IPMI 1.5 packet and returns the IPMI message. */
export function decodeV15(b: Buffer): Buffer {
  if (!isRmcpIpmi(b) || b.length < 14) throw decodeError('IPMI 1.5 packet truncated');
  const authType = b[4];
  const off = authType === AUTHTYPE_NONE ? 13 : 13 + 16;
  if (b.length < off + 1) throw decodeError('IPMI 1.5 packet truncated');
  const len = b[off];
  if (off + 1 + len > b.length) throw decodeError('IPMI 1.5 length exceeds packet');
  return Buffer.from(b.subarray(off + 1, off + 1 + len));
}

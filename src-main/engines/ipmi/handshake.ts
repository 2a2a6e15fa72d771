/**
 * Payload codecs of the RMCP+ handshake: Open Session and RAKP 1-4
 * (IPMI 2.0 sections 13.17-13.23). Decoders check lengths and throw only
 * catalogued decode errors.
 */
import type { CipherSuite } from './cipher-suites';
import { decodeError } from './decode-error';

export interface OpenSessionRequest {
  tag: number;
  privilege: number; // requested maximum privilege (0 = highest the BMC allows)
  consoleSid: number;
  suite: CipherSuite;
}

export function encodeOpenSessionRequest(r: OpenSessionRequest): Buffer {
  const b = Buffer.alloc(32);
  b[0] = r.tag;
  b[1] = r.privilege & 0x0f;
  b.writeUInt32LE(r.consoleSid >>> 0, 4);
  const algo = (at: number, type: number, alg: number) => {
    b[at] = type;
    b[at + 3] = 0x08;
    b[at + 4] = alg;
  };
  algo(8, 0x00, r.suite.auth);
  algo(16, 0x01, r.suite.integrity);
  algo(24, 0x02, r.suite.confidentiality);
  return b;
}

export interface OpenSessionResponse {
  tag: number;
  status: number;
  maxPrivilege: number;
  /** Absent in short error responses. */
  consoleSid?: number;
  bmcSid: number;
  auth: number;
  integrity: number;
  confidentiality: number;
}

export function decodeOpenSessionResponse(b: Buffer): OpenSessionResponse {
  if (b.length < 2) throw decodeError('Open Session response truncated');
  const status = b[1];
  // Error responses may stop after the status byte (ipmi_sim sends 2 bytes).
  const base = { tag: b[0], status, maxPrivilege: b.length > 2 ? b[2] & 0x0f : 0, consoleSid: b.length >= 8 ? b.readUInt32LE(4) : undefined };
  if (status !== 0) return { ...base, bmcSid: 0, auth: -1, integrity: -1, confidentiality: -1 };
  if (b.length < 36) throw decodeError('Open Session response truncated');
  return {
    ...base,
    bmcSid: b.readUInt32LE(8),
    auth: b[16] & 0x3f,
    integrity: b[24] & 0x3f,
    confidentiality: b[32] & 0x3f,
  };
}

export interface Rakp1 {
  tag: number;
  bmcSid: number;
  rm: Buffer;
  role: number;
  username: Buffer;
}

export function encodeRakp1(r: Rakp1): Buffer {
  const b = Buffer.alloc(28 + r.username.length);
  b[0] = r.tag;
  b.writeUInt32LE(r.bmcSid >>> 0, 4);
  r.rm.copy(b, 8);
  b[24] = r.role;
  b[27] = r.username.length;
  r.username.copy(b, 28);
  return b;
}

export interface Rakp2 {
  tag: number;
  status: number;
  consoleSid?: number;
  rc: Buffer;
  guid: Buffer;
  code: Buffer;
}

export function decodeRakp2(b: Buffer, suite: CipherSuite): Rakp2 {
  if (b.length < 2) throw decodeError('RAKP2 truncated');
  const status = b[1];
  const consoleSid = b.length >= 8 ? b.readUInt32LE(4) : undefined;
  if (status === 0 && consoleSid === undefined) throw decodeError('RAKP2 truncated');
  if (status !== 0) return { tag: b[0], status, consoleSid, rc: Buffer.alloc(0), guid: Buffer.alloc(0), code: Buffer.alloc(0) };
  if (b.length < 40 + suite.rakp2CodeLength) throw decodeError('RAKP2 truncated');
  return {
    tag: b[0],
    status,
    consoleSid,
    rc: Buffer.from(b.subarray(8, 24)),
    guid: Buffer.from(b.subarray(24, 40)),
    code: Buffer.from(b.subarray(40, 40 + suite.rakp2CodeLength)),
  };
}

export function encodeRakp3(tag: number, status: number, bmcSid: number, code: Buffer): Buffer {
  const b = Buffer.alloc(8 + code.length);
  b[0] = tag;
  b[1] = status;
  b.writeUInt32LE(bmcSid >>> 0, 4);
  code.copy(b, 8);
  return b;
}

export interface Rakp4 {
  tag: number;
  status: number;
  consoleSid?: number;
  icv: Buffer;
}

export function decodeRakp4(b: Buffer, suite: CipherSuite): Rakp4 {
  if (b.length < 2) throw decodeError('RAKP4 truncated');
  const status = b[1];
  const consoleSid = b.length >= 8 ? b.readUInt32LE(4) : undefined;
  if (status === 0 && consoleSid === undefined) throw decodeError('RAKP4 truncated');
  if (status !== 0) return { tag: b[0], status, consoleSid, icv: Buffer.alloc(0) };
  if (b.length < 8 + suite.rakp4IcvLength) throw decodeError('RAKP4 truncated');
  return { tag: b[0], status, consoleSid, icv: Buffer.from(b.subarray(8, 8 + suite.rakp4IcvLength)) };
}
